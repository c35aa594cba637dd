/** The SCIM tokens (issue 15 point 2): typed calls (types only from src/shared). */
import type { IssuedScimToken, ScimToken, ScimTokenList } from "../../../shared/api/provisioning";
import { api } from "../../api/client";

export const scimTokenKeys = { list: ["provisioning", "scim-tokens"] as const };

export const scimTokensApi = {
  list: (signal?: AbortSignal) => api.get<ScimTokenList>("/provisioning/scim-tokens", signal),
  /** No Idempotency-Key: the answer holds the token, which must never be stored for a replay. */
  create: (body: { name: string }) => api.post<IssuedScimToken>("/provisioning/scim-tokens", body),
  revoke: (id: string) => api.post<ScimToken>(`/provisioning/scim-tokens/${id}/revoke`),
};
