/**
 * Municipal login with OpenID Connect (issue 15 point 1): the administrator's configuration of the
 * municipality's identity provider, and the public list of "Log ind med <kommune>" buttons.
 */
import { z } from "zod";
import { StaffRole, uuid } from "./common.js";

// Why a login through the identity provider was refused: the login page's `?fejl=` (domain, so the
// login page's bundle carries no schema code).
export { OIDC_LOGIN_ERRORS, type OidcLoginError } from "../../domain/oidc-claims.js";

/** One "Log ind med …" button on the login page: enabled providers only. */
export const OidcProviderButton = z.object({
  municipalityCode: z.string(),
  municipalityName: z.string(),
  displayName: z.string(),
  localLoginEnabled: z.boolean(),
});
export const OidcProviderList = z.object({ items: z.array(OidcProviderButton) });
export type OidcProviderList = z.infer<typeof OidcProviderList>;

export const OidcStartQuery = z.object({
  /** Where in Broen to land afterwards: a local path ("/borgere"); anything else lands on "/". */
  returnTo: z.string().max(500).optional(),
});
export const OidcStartParams = z.object({ municipalityCode: z.string().regex(/^\d{3,4}$/) });
/** The provider's answer: a code and state, or an error (RFC 6749 4.1.2.1). Validated by openid-client. */
export const OidcCallbackQuery = z.looseObject({
  state: z.string().max(500).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
});

export const UnitTarget = z.object({ organisationId: uuid, districtId: uuid.nullable().optional() });
export type UnitTarget = z.infer<typeof UnitTarget>;

const claimName = z.string().trim().min(1).max(200);
const claimValue = z.string().trim().min(1).max(500);

/** The municipality's identity provider as the administrator sees it: the client secret is never answered. */
export const IdentityProvider = z.object({
  configured: z.boolean(),
  displayName: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  roleClaim: z.string(),
  roleMap: z.record(z.string(), StaffRole),
  unitClaim: z.string().nullable(),
  unitMap: z.record(z.string(), UnitTarget),
  nameClaim: z.string(),
  enabled: z.boolean(),
  localLoginEnabled: z.boolean(),
  version: z.number().int(),
  /** What to register at the identity provider: the redirect URI and the post-logout redirect URI. */
  redirectUri: z.string(),
  postLogoutRedirectUri: z.string(),
});
export type IdentityProvider = z.infer<typeof IdentityProvider>;

export const SaveIdentityProviderBody = z.strictObject({
  displayName: z.string().trim().min(1).max(100),
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().trim().min(1).max(500),
  /** Absent or null keeps the stored secret; "" removes it (a public client). */
  clientSecret: z.string().max(2000).nullable().optional(),
  scopes: z
    .string()
    .trim()
    .max(500)
    .regex(/(^|\s)openid(\s|$)/),
  roleClaim: claimName,
  roleMap: z.record(claimValue, StaffRole),
  unitClaim: claimName.nullable(),
  unitMap: z.record(claimValue, UnitTarget),
  nameClaim: claimName,
  enabled: z.boolean(),
  localLoginEnabled: z.boolean(),
  /** The version read; a save over someone else's newer one is refused (409). 0 for the first save. */
  version: z.number().int().min(0),
});
export type SaveIdentityProviderBody = z.infer<typeof SaveIdentityProviderBody>;

/** Whether Broen reaches the provider's discovery document (the administrator's "Test forbindelsen"). */
export const IdentityProviderCheck = z.object({
  reachable: z.boolean(),
  issuer: z.string().nullable(),
  endSession: z.boolean(),
  pkce: z.boolean(),
  message: z.string().nullable(),
});
export type IdentityProviderCheck = z.infer<typeof IdentityProviderCheck>;

/** POST /auth/logout's answer when the session came from an identity provider that offers logout. */
export const LogoutAnswer = z.object({ endSessionUrl: z.string() });
export type LogoutAnswer = z.infer<typeof LogoutAnswer>;
