import { z } from "zod";

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
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ORGANISATION_KINDS = [
  "public_provider",
  "private_provider",
  "coordinator_unit",
  "volunteer_centre",
  "administration",
] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const CONTACT_KINDS = ["contact_person", "relative"] as const;
export const ContactKind = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof ContactKind>;

export const LIMITS = {
  name: 100,
  shortText: 200,
  address: 200,
  phone: 20,
  note: 2000,
  search: 100,
  pageSizeMax: 100,
  username: 60,
  passwordMin: 12,
  passwordMax: 200,
} as const;
