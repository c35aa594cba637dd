/** The security log's events (issue 18.9): sign-ins and account events, read by administrators. */
export const SECURITY_EVENT_KINDS = [
  "login_succeeded",
  "login_failed",
  "login_locked",
  "logout",
  "password_changed",
  "password_reset",
  "account_unlocked",
  "role_changed",
  "user_deactivated",
  "user_created",
  // A refused request for a FHIR access token (issue 14): wrong client id or secret, revoked client, bad scope.
  "fhir_token_refused",
  // Login with the municipality's identity provider (issue 15 point 1): a success, each refusal by
  // its reason (unknown provider or denied there; a token openid-client refused — wrong issuer,
  // audience, nonce or signature, expired, a replayed code; an unknown or replayed state; claims that
  // map to no role or unit; the provider unreachable), and a password login refused because the
  // municipality switched local passwords off.
  "oidc_login_succeeded",
  "oidc_login_refused",
  "oidc_token_refused",
  "oidc_state_refused",
  "oidc_no_role",
  "oidc_provider_unreachable",
  "local_login_refused",
  // The platform administration (issue 15 point 3): a platform administrator's sign-ins (no
  // municipality), and a municipality created by one (in the new municipality's own log).
  "platform_login_succeeded",
  "platform_login_failed",
  "platform_logout",
  "municipality_created",
  // Staff in several municipalities (issue 15 point 4): a session moved to the person's row in
  // another municipality, in the log of the municipality entered.
  "municipality_switched",
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];
