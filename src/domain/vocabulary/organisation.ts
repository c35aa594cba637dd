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
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  "public_provider",
  "private_provider",
  "coordinator_unit",
  "volunteer_centre",
  "administration",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
