/**
 * Shared vocabulary of the authorisation matrix (src/server/authz-matrix.int.test.ts): who calls,
 * the role groups, the fixture every row can use, and MatrixPart — a module's own rows (and the
 * fixture ids they need), kept beside the matrix so modules can add routes without editing it.
 */
import { ACTOR_KEYS, type ActorKey } from "../factories.js";
import type { TestApp } from "../test-app.js";

export type Who = ActorKey | "anonymous";
export const EVERYONE: readonly Who[] = [...ACTOR_KEYS, "anonymous"];
export const SIGNED_IN: readonly Who[] = ACTOR_KEYS;
export const ADMIN: readonly Who[] = ["administrator"];
export const COORDINATOR: readonly Who[] = ["community_coordinator"];
/** citizen.list: everyone who works with identified citizens (private staff limited to their own). */
export const CITIZEN_LISTERS: readonly Who[] = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "administrator",
  "private_worker",
  "private_team_leader",
];
/** citizen.read of a public-provider citizen. */
export const READERS: readonly Who[] = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "administrator",
];
/** citizen.update / revealCpr of a public-provider citizen. */
export const EDITORS: readonly Who[] = ["planner", "team_leader", "community_coordinator", "administrator"];
/** Care staff who screen and refer (by role; private staff included). */
export const DETECTORS: readonly Who[] = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "private_worker",
  "private_team_leader",
];
/** The same, on a public-provider citizen. */
export const DETECTORS_OF_CITIZEN: readonly Who[] = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
];
export const TRIAGE: readonly Who[] = [
  "planner",
  "team_leader",
  "community_coordinator",
  "private_team_leader",
];
export const TRIAGE_OF_CITIZEN: readonly Who[] = ["planner", "team_leader", "community_coordinator"];
export const QUESTIONNAIRE_READERS: readonly Who[] = [...DETECTORS, "manager", "administrator"];
export const INBOX: readonly Who[] = ["community_coordinator", "manager"];
/** Guides, catalogues and the punch-card frame: everyone signed in but the evaluator. */
export const DEFINITION_READERS: readonly Who[] = SIGNED_IN.filter((w) => w !== "evaluator");

export interface Fixture {
  citizenId: string;
  contactId: string;
  organisationId: string;
  districtId: string;
  targetUserId: string;
  referralId: string;
  clipId: string;
  meetingId: string;
  noteId: string;
  questionnaireId: string;
  today: string;
  municipalityCode: string;
  hcwUserId: string;
  courseId: string;
  coordinatorUserId: string;
  interventionId: string;
  plannedClipId: string;
  /** Someone whose login works (a login starts a session of its own; the caller's stays). */
  loginUsername: string;
  /** Ids the MatrixParts' setups added, by name. */
  extra: Record<string, string>;
}

export interface Row {
  allow: readonly Who[];
  /** The route takes a bearer token, not a session (the FHIR API): a signed-in caller without one gets 401 too. */
  bearerOnly?: boolean;
  /** The URL to call (default: the route's own path) and a valid body. */
  request?: (f: Fixture) => { url?: string; body?: unknown };
  /**
   * Why the request names no resource of the fixture (a list, the caller's own settings, a public
   * route): the cross-municipality sweep (src/server/authz-cross-municipality.int.test.ts) then
   * checks it answers nothing of another municipality instead of refusing it.
   */
  noReference?: string;
}

export const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

/** A module's rows; `setup` runs once after the core fixture and returns extra ids the rows use. */
export interface MatrixPart {
  rows: Record<string, Row>;
  setup?: (t: TestApp, f: Fixture) => Promise<Record<string, string>>;
}
