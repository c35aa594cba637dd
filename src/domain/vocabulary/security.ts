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
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];
