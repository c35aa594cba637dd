/** The municipality's identity provider (issue 15 point 1, decision 0101): the administrator's settings and the login buttons. */
import type {
  IdentityProvider,
  IdentityProviderCheck,
  SaveIdentityProviderBody,
} from "../../../shared/api/identity";
import { api } from "../../api/client";

export const identityKeys = {
  provider: ["identity-provider"] as const,
  /** The login page's buttons (OidcLoginButtons.tsx): a save changes them. */
  buttons: ["oidc-providers"] as const,
};

export const identityApi = {
  provider: (signal?: AbortSignal) => api.get<IdentityProvider>("/identity-provider", signal),
  save: (body: SaveIdentityProviderBody, key: string) =>
    api.put<IdentityProvider>("/identity-provider", body, key),
  check: () => api.post<IdentityProviderCheck>("/identity-provider/check"),
};
