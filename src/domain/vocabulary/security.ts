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
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];
