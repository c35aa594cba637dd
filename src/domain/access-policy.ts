/**
 * The one policy module: can(actor, action, resource).
 *
 * Pure and shared: the server calls it before every read and write of
 * citizen data (through platform/authz), the web app calls it only to hide
 * what the server would refuse anyway.
 *
 * Why these rules:
 * - A private provider's staff see only their own citizens (DOMAIN.md).
 * - Volunteer-centre staff see no citizen health data at all; they will
 *   see only what a citizen consented to share (catalog issue).
 * - The evaluator works on pseudonymised exports only, never on people.
 * - CPR in full only for roles that contact authorities or other systems.
 */
import type { OrganisationKind, Role } from "../shared/enums.js";

export interface Actor {
  userId: string;
  municipalityId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  districtId: string | null;
  role: Role;
}

export interface CitizenResource {
  municipalityId: string;
  providerOrganisationId: string | null;
}

export type Action =
  | { kind: "citizen.list" }
  | { kind: "citizen.read"; citizen: CitizenResource }
  | { kind: "citizen.create" }
  | { kind: "citizen.update"; citizen: CitizenResource }
  | { kind: "citizen.revealCpr"; citizen: CitizenResource }
  | { kind: "citizen.auditTrail"; citizen: CitizenResource }
  | { kind: "admin.manage" }
  | { kind: "organisation.list" };

export type Decision = { allowed: true } | { allowed: false; reason: "role" | "provider" | "tenant" };

const ALLOW: Decision = { allowed: true };
const deny = (reason: "role" | "provider" | "tenant"): Decision => ({ allowed: false, reason });

/** Roles that work with identified citizens at all. */
const CITIZEN_READERS: ReadonlySet<Role> = new Set<Role>([
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "administrator",
]);

/** Roles that maintain the register (master data). */
const CITIZEN_EDITORS: ReadonlySet<Role> = new Set<Role>([
  "planner",
  "team_leader",
  "community_coordinator",
  "administrator",
]);

const CPR_REVEALERS: ReadonlySet<Role> = new Set<Role>([
  "planner",
  "team_leader",
  "community_coordinator",
  "administrator",
]);

/** A private provider's staff reach only the citizens it serves. */
function seesCitizen(actor: Actor, citizen: CitizenResource): Decision {
  if (citizen.municipalityId !== actor.municipalityId) return deny("tenant");
  if (actor.organisationKind === "private_provider" && citizen.providerOrganisationId !== actor.organisationId) {
    return deny("provider");
  }
  return ALLOW;
}

export function can(actor: Actor, action: Action): Decision {
  switch (action.kind) {
    case "citizen.list":
      return CITIZEN_READERS.has(actor.role) ? ALLOW : deny("role");
    case "citizen.read":
      return CITIZEN_READERS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.create":
      // Private providers receive citizens from the municipality's visitation; they do not register them.
      return CITIZEN_EDITORS.has(actor.role) && actor.organisationKind !== "private_provider" ? ALLOW : deny("role");
    case "citizen.update":
      return CITIZEN_EDITORS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.revealCpr":
      return CPR_REVEALERS.has(actor.role) ? seesCitizen(actor, action.citizen) : deny("role");
    case "citizen.auditTrail":
      return actor.role === "administrator" ? seesCitizen(actor, action.citizen) : deny("role");
    case "admin.manage":
      return actor.role === "administrator" ? ALLOW : deny("role");
    case "organisation.list":
      return ALLOW;
  }
}

/** Private-provider staff are limited to this provider's citizens in lists and searches. */
export function providerScope(actor: Actor): string | null {
  return actor.organisationKind === "private_provider" ? actor.organisationId : null;
}
