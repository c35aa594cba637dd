/**
 * Who works in Broen: the roles a user has and the kinds of organisation they belong to (the
 * tenancy's organisations, not the activity catalog's — those are in matching/types.ts). Shared
 * by the database schema, the API schemas (`z.enum(ROLES)`), the access policy and the web app.
 */
export const ROLES = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "volunteer_centre_staff",
  "manager",
  "evaluator",
  "administrator",
  // A system client of the FHIR read API (issue 14): a service user no person logs in as.
  "system_client",
] as const;
export type Role = (typeof ROLES)[number];

/** The roles a person can be given (user administration, SSO mapping): every role but system_client. */
export const STAFF_ROLES = ROLES.filter((r): r is Exclude<Role, "system_client"> => r !== "system_client");
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ORGANISATION_KINDS = [
  "public_provider",
  "private_provider",
  "coordinator_unit",
  "volunteer_centre",
  "administration",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
