/**
 * The policy as a table: every Action kind × every role, the expected decision written out from the
 * rules (docs/DOMAIN.md, docs/decisions/0008-authorisation.md and the records per issue, the comments
 * in access-policy.ts) — never computed by asking can() — then the resource edges one by one.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROLES, type OrganisationKind, type Role } from "./vocabulary/organisation.js";
import {
  type Action,
  type Actor,
  type CitizenResource,
  type Decision,
  ambassadorDistrict,
  can,
  providerScope,
  reportsSuppressed,
  seesDueListsAsAmbassador,
} from "./access-policy.js";

const HOME = "municipality-home";
const ELSEWHERE = "municipality-elsewhere";
const PUBLIC_PROVIDER = "org-public";
const PRIVATE_A = "org-private-a";
const PRIVATE_B = "org-private-b";
const VOLUNTEERS = "org-volunteers";
const DISTRICT_A = "district-a";
const DISTRICT_B = "district-b";
/** The public home-care worker: the one who sent the table's referral and holds its clips. */
const WORKER = "user-home_care_worker";

/** The organisation each role normally belongs to (the public side). */
const HOME_ORG: Record<Role, { id: string; kind: OrganisationKind }> = {
  home_care_worker: { id: PUBLIC_PROVIDER, kind: "public_provider" },
  planner: { id: PUBLIC_PROVIDER, kind: "public_provider" },
  team_leader: { id: PUBLIC_PROVIDER, kind: "public_provider" },
  community_coordinator: { id: "org-coordinators", kind: "coordinator_unit" },
  volunteer_centre_staff: { id: VOLUNTEERS, kind: "volunteer_centre" },
  manager: { id: "org-admin", kind: "administration" },
  evaluator: { id: "org-admin", kind: "administration" },
  administrator: { id: "org-admin", kind: "administration" },
  system_client: { id: "org-admin", kind: "administration" },
};

function actor(role: Role, org = HOME_ORG[role], userId = `user-${role}`): Actor {
  return {
    userId,
    municipalityId: HOME,
    organisationId: org.id,
    organisationKind: org.kind,
    districtId: null,
    role,
  };
}

/** Care staff of a private provider (the roles a private provider employs). */
const PRIVATE_ROLES = ["home_care_worker", "planner", "team_leader"] as const satisfies readonly Role[];
const privateStaff = (role: Role, orgId = PRIVATE_A) =>
  actor(role, { id: orgId, kind: "private_provider" }, `user-private-${role}`);
const citizen = (providerOrganisationId: string | null, municipalityId = HOME): CitizenResource => ({
  municipalityId,
  providerOrganisationId,
});

const ALLOW: Decision = { allowed: true };
const DENY_ROLE: Decision = { allowed: false, reason: "role" };
const DENY_PROVIDER: Decision = { allowed: false, reason: "provider" };
const DENY_TENANT: Decision = { allowed: false, reason: "tenant" };

// Role groups, written out from the documents.
/**
 * "Every signed-in person's role" — checked against ROLES below, so a new role must be placed in the
 * table. A FHIR system client (issue 14) is no person: it may read through /fhir/R4 and nothing else.
 */
const EVERYONE: readonly Role[] = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "volunteer_centre_staff",
  "manager",
  "evaluator",
  "administrator",
];
/** Work with identified citizens; the volunteer centre and the evaluator do not (docs/decisions/0008). */
const CITIZEN_READERS: readonly Role[] = [
  "home_care_worker",
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "administrator",
];
/** Keep the register; also those who see the CPR in full (docs/decisions/0008). */
const EDITORS: readonly Role[] = ["planner", "team_leader", "community_coordinator", "administrator"];
/** Meet citizens: screen, write the observation, send the advis, carry out clips (DOMAIN step 1). */
const CARE_STAFF: readonly Role[] = ["home_care_worker", "planner", "team_leader", "community_coordinator"];
/** Run the weekly triage meeting and put clips on workers' days (not the home-care worker). */
const TRIAGE: readonly Role[] = ["planner", "team_leader", "community_coordinator"];
const COORDINATOR: readonly Role[] = ["community_coordinator"];
const ADMIN: readonly Role[] = ["administrator"];
const MANAGER: readonly Role[] = ["manager"];
const COORDINATOR_MANAGER: readonly Role[] = ["community_coordinator", "manager"];
const CATALOG_KEEPERS: readonly Role[] = ["community_coordinator", "administrator", "volunteer_centre_staff"];
/** Status report, funnel, punch-card use: not the home-care worker nor the volunteer centre (evaluator: suppressed). */
const REPORT_READERS: readonly Role[] = [
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "evaluator",
  "administrator",
];

interface Row<K extends Action["kind"]> {
  /** The action in the table's scene: on citizen `c` where it names one, in the own municipality. */
  action: (c: CitizenResource) => Extract<Action, { kind: K }>;
  /** Whether the action names a citizen: then the tenant and provider rules apply to it. */
  onCitizen: boolean;
  /** Roles allowed, each acting for its usual organisation (HOME_ORG); every other role: denied "role". */
  allow: readonly Role[];
  /**
   * Private-provider staff (PRIVATE_ROLES, of PRIVATE_A) on a citizen of PRIVATE_A, where it is not simply
   * `allow` (a private provider's staff have their role's rights, on their own citizens only).
   */
  privateAllow?: readonly Role[];
}

/** One row per Action kind: a kind added to the policy without its row does not compile. */
const TABLE: { [K in Action["kind"]]: Row<K> } = {
  "citizen.list": { action: () => ({ kind: "citizen.list" }), onCitizen: false, allow: CITIZEN_READERS },
  "citizen.read": {
    action: (c) => ({ kind: "citizen.read", citizen: c }),
    onCitizen: true,
    allow: CITIZEN_READERS,
  },
  // Private providers receive citizens from the municipality's visitation; they do not register them.
  "citizen.create": {
    action: () => ({ kind: "citizen.create" }),
    onCitizen: false,
    allow: EDITORS,
    privateAllow: [],
  },
  "citizen.update": {
    action: (c) => ({ kind: "citizen.update", citizen: c }),
    onCitizen: true,
    allow: EDITORS,
  },
  "citizen.revealCpr": {
    action: (c) => ({ kind: "citizen.revealCpr", citizen: c }),
    onCitizen: true,
    allow: EDITORS,
  },
  "citizen.auditTrail": {
    action: (c) => ({ kind: "citizen.auditTrail", citizen: c }),
    onCitizen: true,
    allow: ADMIN,
  },
  "citizen.privacy": {
    action: (c) => ({ kind: "citizen.privacy", citizen: c }),
    onCitizen: true,
    allow: ADMIN,
  },
  // Restriction stops processing in every unit: a central decision, not one coordinator's (issue 13).
  "citizen.restrict": {
    action: (c) => ({ kind: "citizen.restrict", citizen: c }),
    onCitizen: true,
    allow: ADMIN,
  },
  "citizen.restrictedList": {
    action: () => ({ kind: "citizen.restrictedList" }),
    onCitizen: false,
    allow: ADMIN,
  },
  // The whole record in one file, CPR in full: the data controller's task on the citizen's request (issue 13).
  "citizen.accessExport": {
    action: (c) => ({ kind: "citizen.accessExport", citizen: c }),
    onCitizen: true,
    allow: ADMIN,
  },
  // Anonymisation and erasure are irreversible: the data controller's decision (issue 13).
  "citizen.anonymise": {
    action: (c) => ({ kind: "citizen.anonymise", citizen: c }),
    onCitizen: true,
    allow: ADMIN,
  },
  "citizen.erase": {
    action: (c) => ({ kind: "citizen.erase", citizen: c }),
    onCitizen: true,
    allow: ADMIN,
  },
  "admin.manage": { action: () => ({ kind: "admin.manage" }), onCitizen: false, allow: ADMIN },
  "securityLog.read": { action: () => ({ kind: "securityLog.read" }), onCitizen: false, allow: ADMIN },
  "retention.read": { action: () => ({ kind: "retention.read" }), onCitizen: false, allow: ADMIN },
  "retention.manage": { action: () => ({ kind: "retention.manage" }), onCitizen: false, allow: ADMIN },
  "job.status": { action: () => ({ kind: "job.status" }), onCitizen: false, allow: ADMIN },
  // The record of processing names no citizen; the manager answers for the processing (issue 13).
  "privacy.records": {
    action: () => ({ kind: "privacy.records" }),
    onCitizen: false,
    allow: ["administrator", "manager"],
  },
  // Everyone who uses the app; a FHIR system client reads only through /fhir/R4 (issue 14).
  "organisation.list": {
    action: () => ({ kind: "organisation.list" }),
    onCitizen: false,
    allow: EVERYONE,
  },
  "identityProvider.manage": {
    action: () => ({ kind: "identityProvider.manage" }),
    onCitizen: false,
    allow: ADMIN,
  },
  "scimToken.manage": { action: () => ({ kind: "scimToken.manage" }), onCitizen: false, allow: ADMIN },
  "careRecord.import": { action: () => ({ kind: "careRecord.import" }), onCitizen: false, allow: ADMIN },
  "careRecord.exchange": { action: () => ({ kind: "careRecord.exchange" }), onCitizen: false, allow: ADMIN },
  "fhirClient.manage": { action: () => ({ kind: "fhirClient.manage" }), onCitizen: false, allow: ADMIN },
  "fhir.read": { action: () => ({ kind: "fhir.read" }), onCitizen: false, allow: ["system_client"] },
  "citizen.careDeliveryReport": {
    action: (c) => ({ kind: "citizen.careDeliveryReport", citizen: c }),
    onCitizen: true,
    allow: ADMIN,
  },
  // Reaching people off the screen (issue 16).
  "messaging.configure": { action: () => ({ kind: "messaging.configure" }), onCitizen: false, allow: ADMIN },
  "messaging.outbox": { action: () => ({ kind: "messaging.outbox" }), onCitizen: false, allow: ADMIN },
  "citizen.messagingConsent": {
    action: (c) => ({ kind: "citizen.messagingConsent", citizen: c }),
    onCitizen: true,
    allow: EDITORS,
  },
  "citizen.message": {
    action: (c) => ({ kind: "citizen.message", citizen: c }),
    onCitizen: true,
    allow: COORDINATOR,
  },
  "citizen.letter": {
    action: (c) => ({ kind: "citizen.letter", citizen: c }),
    onCitizen: true,
    allow: COORDINATOR,
  },
  "notifications.own": {
    action: () => ({ kind: "notifications.own" }),
    onCitizen: false,
    allow: EVERYONE.filter((r) => r !== "evaluator"),
  },
  // Detection and referral (DOMAIN step 1: any home-care worker, public or private, and the coordinators).
  "screening.create": {
    action: (c) => ({ kind: "screening.create", citizen: c }),
    onCitizen: true,
    allow: CARE_STAFF,
  },
  "journal.write": {
    action: (c) => ({ kind: "journal.write", citizen: c }),
    onCitizen: true,
    allow: CARE_STAFF,
  },
  "referral.createForCitizen": {
    action: (c) => ({ kind: "referral.createForCitizen", citizen: c }),
    onCitizen: true,
    allow: CARE_STAFF,
  },
  "referral.registerExternal": {
    action: () => ({ kind: "referral.registerExternal" }),
    onCitizen: false,
    allow: COORDINATOR,
  },
  "referral.inbox": {
    action: () => ({ kind: "referral.inbox" }),
    onCitizen: false,
    allow: COORDINATOR_MANAGER,
  },
  "referral.decide": { action: () => ({ kind: "referral.decide" }), onCitizen: false, allow: COORDINATOR },
  "referral.sentList": { action: () => ({ kind: "referral.sentList" }), onCitizen: false, allow: CARE_STAFF },
  // Sent from the public provider by WORKER: the sender, or the sending unit's team leader (issue 11 point 11).
  "referral.reply": {
    action: () => ({
      kind: "referral.reply",
      referral: { municipalityId: HOME, fromOrganisationId: PUBLIC_PROVIDER, createdBy: WORKER },
    }),
    onCitizen: false,
    allow: ["home_care_worker", "team_leader"],
    privateAllow: [],
  },
  "triage.run": { action: () => ({ kind: "triage.run" }), onCitizen: false, allow: TRIAGE },
  // Nobody in the table is an ambassador (see the edges below).
  "due.list": {
    action: () => ({ kind: "due.list", districtId: DISTRICT_A }),
    onCitizen: false,
    allow: TRIAGE,
  },
  // Opsporingsklip are home care's own, granted before any course exists (docs/decisions/0034).
  "detectionClip.grant": {
    action: (c) => ({ kind: "detectionClip.grant", citizen: c }),
    onCitizen: true,
    allow: ["planner", "team_leader"],
  },
  // WORKER's clip: WORKER, or a planner / team leader for them.
  "detectionClip.complete": {
    action: () => ({ kind: "detectionClip.complete", workerUserId: WORKER }),
    onCitizen: false,
    allow: ["home_care_worker", "planner", "team_leader"],
    privateAllow: ["planner", "team_leader"],
  },
  "detectionClip.list": {
    action: () => ({ kind: "detectionClip.list" }),
    onCitizen: false,
    allow: CARE_STAFF,
  },
  "questionnaire.read": {
    action: () => ({ kind: "questionnaire.read" }),
    onCitizen: false,
    allow: [...CARE_STAFF, "manager", "administrator"],
  },
  "questionnaire.manage": {
    action: () => ({ kind: "questionnaire.manage" }),
    onCitizen: false,
    allow: ADMIN,
  },
  "settings.manage": { action: () => ({ kind: "settings.manage" }), onCitizen: false, allow: ADMIN },
  "detectionSettings.read": {
    action: () => ({ kind: "detectionSettings.read" }),
    onCitizen: false,
    allow: [...TRIAGE, "administrator"],
  },
  // The course: the coordinator runs it (DOMAIN steps 2–5); the manager oversees caseloads.
  "course.read": {
    action: (c) => ({ kind: "course.read", citizen: c }),
    onCitizen: true,
    allow: CITIZEN_READERS,
  },
  "course.open": {
    action: (c) => ({ kind: "course.open", citizen: c }),
    onCitizen: true,
    allow: COORDINATOR,
  },
  "course.manage": {
    action: (c) => ({ kind: "course.manage", citizen: c }),
    onCitizen: true,
    allow: COORDINATOR,
  },
  "course.caseload": {
    action: () => ({ kind: "course.caseload" }),
    onCitizen: false,
    allow: COORDINATOR_MANAGER,
  },
  "course.caseloadAll": { action: () => ({ kind: "course.caseloadAll" }), onCitizen: false, allow: MANAGER },
  "course.reassign": {
    action: (c) => ({ kind: "course.reassign", citizen: c }),
    onCitizen: true,
    allow: MANAGER,
  },
  // Granted by a coordinator, or by home-care units' team leaders; a manager for exceptions (DOMAIN punch card).
  "clip.grant": {
    action: (c) => ({ kind: "clip.grant", citizen: c }),
    onCitizen: true,
    allow: ["community_coordinator", "team_leader", "manager"],
  },
  "clip.plan": { action: (c) => ({ kind: "clip.plan", citizen: c }), onCitizen: true, allow: TRIAGE },
  // The intervention is assigned to the citizen's own provider here; no exception asked.
  "clip.register": {
    action: (c) => ({
      kind: "clip.register",
      clip: { citizen: c, providerOrganisationId: c.providerOrganisationId },
    }),
    onCitizen: true,
    allow: CARE_STAFF,
  },
  // WORKER's day: WORKER, or those who plan workers' days.
  "clip.day": {
    action: () => ({ kind: "clip.day", workerUserId: WORKER }),
    onCitizen: false,
    allow: ["home_care_worker", ...TRIAGE],
    privateAllow: ["planner", "team_leader"],
  },
  // Guides, catalogues and the frame hold no citizen data: everyone signed in but the evaluator.
  "courseDefinition.read": {
    action: () => ({ kind: "courseDefinition.read" }),
    onCitizen: false,
    allow: EVERYONE.filter((r) => r !== "evaluator"),
  },
  "courseDefinition.manage": {
    action: () => ({ kind: "courseDefinition.manage" }),
    onCitizen: false,
    allow: ADMIN,
  },
  "budget.read": {
    action: () => ({ kind: "budget.read" }),
    onCitizen: false,
    allow: ["team_leader", "community_coordinator", "manager", "administrator"],
  },
  "budget.manage": {
    action: () => ({ kind: "budget.manage" }),
    onCitizen: false,
    allow: ["manager", "administrator"],
  },
  "calendarFeed.manage": {
    action: () => ({ kind: "calendarFeed.manage" }),
    onCitizen: false,
    allow: CARE_STAFF,
  },
  // The activity catalog holds no citizen data (docs/decisions/0050).
  "catalog.read": { action: () => ({ kind: "catalog.read" }), onCitizen: false, allow: EVERYONE },
  "catalog.create": { action: () => ({ kind: "catalog.create" }), onCitizen: false, allow: CATALOG_KEEPERS },
  // An entry the volunteer centre of HOME_ORG manages.
  "catalog.edit": {
    action: () => ({ kind: "catalog.edit", managedByOrganisationId: VOLUNTEERS }),
    onCitizen: false,
    allow: CATALOG_KEEPERS,
  },
  "catalog.import": {
    action: () => ({ kind: "catalog.import" }),
    onCitizen: false,
    allow: ["community_coordinator", "administrator"],
  },
  "catalog.export": {
    action: () => ({ kind: "catalog.export" }),
    onCitizen: false,
    allow: ["community_coordinator", "administrator", "manager", "volunteer_centre_staff"],
  },
  "catalog.history": {
    action: () => ({ kind: "catalog.history" }),
    onCitizen: false,
    allow: CATALOG_KEEPERS,
  },
  // Matching, placements, the volunteer centre (docs/decisions/0062–0068).
  "matching.run": {
    action: (c) => ({ kind: "matching.run", citizen: c }),
    onCitizen: true,
    allow: COORDINATOR,
  },
  "placement.read": {
    action: (c) => ({ kind: "placement.read", citizen: c }),
    onCitizen: true,
    allow: CITIZEN_READERS,
  },
  "placement.manage": {
    action: (c) => ({ kind: "placement.manage", citizen: c }),
    onCitizen: true,
    allow: COORDINATOR,
  },
  "volunteerReferral.create": {
    action: (c) => ({ kind: "volunteerReferral.create", citizen: c }),
    onCitizen: true,
    allow: COORDINATOR,
  },
  "volunteerReferral.inbox": {
    action: () => ({ kind: "volunteerReferral.inbox" }),
    onCitizen: false,
    allow: ["volunteer_centre_staff", "community_coordinator", "manager"],
  },
  // Sent to the volunteer centre of HOME_ORG.
  "volunteerReferral.answer": {
    action: () => ({ kind: "volunteerReferral.answer", toOrganisationId: VOLUNTEERS }),
    onCitizen: false,
    allow: ["volunteer_centre_staff"],
  },
  // The referring coordinator, or the administrator for the DPO (issue 13, art. 7(3)).
  "volunteerReferral.withdrawConsent": {
    action: (c) => ({ kind: "volunteerReferral.withdrawConsent", citizen: c }),
    onCitizen: true,
    allow: ["community_coordinator", "administrator"],
  },
  "volunteerReferral.stats": {
    action: () => ({ kind: "volunteerReferral.stats" }),
    onCitizen: false,
    allow: ["community_coordinator", "manager", "administrator"],
  },
  "smallCommunity.read": {
    action: () => ({ kind: "smallCommunity.read" }),
    onCitizen: false,
    allow: COORDINATOR_MANAGER,
  },
  "smallCommunity.manage": {
    action: () => ({ kind: "smallCommunity.manage" }),
    onCitizen: false,
    allow: COORDINATOR,
  },
  // Hosted by someone outside the table: coordinators only.
  "smallCommunity.recordMeeting": {
    action: () => ({ kind: "smallCommunity.recordMeeting", hostUserId: "user-host" }),
    onCitizen: false,
    allow: COORDINATOR,
  },
  // Evaluation and reporting (docs/decisions/0069–0080).
  "report.view": { action: () => ({ kind: "report.view" }), onCitizen: false, allow: REPORT_READERS },
  // The citizens behind a figure: roles with citizen access; not private staff (a report spans providers).
  "report.citizens": {
    action: () => ({ kind: "report.citizens" }),
    onCitizen: false,
    allow: ["planner", "team_leader", "community_coordinator", "manager", "administrator"],
    privateAllow: [],
  },
  "report.evaluatorExport": {
    action: () => ({ kind: "report.evaluatorExport" }),
    onCitizen: false,
    allow: ["evaluator", "administrator"],
  },
};

type AnyRow = Row<Action["kind"]>;
const rows = Object.entries(TABLE) as [Action["kind"], AnyRow][];
const citizenRows = rows.filter(([, row]) => row.onCitizen);
/** Allowed if the role is; otherwise refused for its role. */
const byRole = (allowed: readonly Role[], role: Role) => (allowed.includes(role) ? ALLOW : DENY_ROLE);
/** Where the resource is out of reach: refused for the resource if the role may otherwise, else for the role. */
const outOfReach = (allowed: readonly Role[], role: Role, denial: Decision) =>
  allowed.includes(role) ? denial : DENY_ROLE;
const grid = (from: readonly (readonly [Action["kind"], AnyRow])[], roles: readonly Role[]) =>
  from.flatMap(([kind, row]) => roles.map((role) => [kind, role, row] as const));

describe("the table", () => {
  it("knows every role, so a new role needs its place in every row", () => {
    expect([...EVERYONE, "system_client"].sort()).toEqual([...ROLES].sort());
  });

  it("has a row for every Action kind (also without the typecheck, which refuses a missing row)", () => {
    const source = readFileSync(new URL("./access-policy.ts", import.meta.url), "utf8");
    const union = /export type Action =([\s\S]*?)export type Decision/.exec(source)?.[1] ?? "";
    const kinds = [...union.matchAll(/\bkind: "([^"]+)"/g)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(50);
    expect(Object.keys(TABLE).sort()).toEqual(kinds.sort());
  });

  it("names each action by its own kind", () => {
    for (const [kind, row] of rows) expect(row.action(citizen(PUBLIC_PROVIDER)).kind).toBe(kind);
  });
});

describe("every action × every role, in the own municipality on a public provider's citizen", () => {
  it.each(grid(rows, ROLES))("%s by %s", (kind, role, row) => {
    expect(can(actor(role), row.action(citizen(PUBLIC_PROVIDER)))).toEqual(byRole(row.allow, role));
  });
});

describe("public-side staff see every citizen of their municipality, whoever the provider", () => {
  it.each(grid(citizenRows, ROLES))("%s by %s", (kind, role, row) => {
    for (const provider of [PRIVATE_A, null]) {
      expect(can(actor(role), row.action(citizen(provider)))).toEqual(byRole(row.allow, role));
    }
  });
});

describe("another municipality's citizen: denied with reason tenant (role first)", () => {
  it.each(grid(citizenRows, ROLES))("%s by %s", (kind, role, row) => {
    expect(can(actor(role), row.action(citizen(PUBLIC_PROVIDER, ELSEWHERE)))).toEqual(
      outOfReach(row.allow, role, DENY_TENANT),
    );
  });

  it.each(grid(citizenRows, PRIVATE_ROLES))(
    "%s by private %s, even when the provider id matches",
    (kind, role, row) => {
      const allowed = row.privateAllow ?? row.allow;
      expect(can(privateStaff(role), row.action(citizen(PRIVATE_A, ELSEWHERE)))).toEqual(
        outOfReach(allowed, role, DENY_TENANT),
      );
    },
  );
});

describe("private-provider staff: their role's rights on their own citizens, reason provider on others", () => {
  it.each(grid(rows, PRIVATE_ROLES))("%s by private %s on their own citizen", (kind, role, row) => {
    expect(can(privateStaff(role), row.action(citizen(PRIVATE_A)))).toEqual(
      byRole(row.privateAllow ?? row.allow, role),
    );
  });

  it.each(grid(citizenRows, PRIVATE_ROLES))(
    "%s by private %s on another provider's citizen",
    (kind, role, row) => {
      for (const other of [PRIVATE_B, PUBLIC_PROVIDER, null]) {
        expect(can(privateStaff(role), row.action(citizen(other)))).toEqual(
          outOfReach(row.privateAllow ?? row.allow, role, DENY_PROVIDER),
        );
      }
    },
  );

  it("limits lists and searches to the provider (providerScope); public staff have no such limit", () => {
    for (const role of PRIVATE_ROLES) expect(providerScope(privateStaff(role))).toBe(PRIVATE_A);
    for (const role of ROLES) expect(providerScope(actor(role))).toBeNull();
  });
});

const elsewhere = citizen(PUBLIC_PROVIDER, ELSEWHERE);
const ownCitizen = citizen(PRIVATE_A);
const publicCitizen = citizen(PUBLIC_PROVIDER);
const ambassador = (district: string | null, base: Actor = actor("home_care_worker")): Actor => ({
  ...base,
  ambassadorDistrictId: district,
});
const sent = (
  over: Partial<{ municipalityId: string; fromOrganisationId: string | null; createdBy: string | null }> = {},
) =>
  ({
    kind: "referral.reply",
    referral: { municipalityId: HOME, fromOrganisationId: PUBLIC_PROVIDER, createdBy: WORKER, ...over },
  }) as const;
const register = (c: CitizenResource, assignedTo: string | null, asException?: boolean): Action => ({
  kind: "clip.register",
  clip: {
    citizen: c,
    providerOrganisationId: assignedTo,
    ...(asException === undefined ? {} : { asException }),
  },
});

/** The resource edges: [what, who, action, expected]. */
const EDGES: readonly (readonly [string, Actor, Action, Decision])[] = [
  // Private providers (DOMAIN "People and organisations"; docs/decisions/0041).
  [
    "private worker reads own citizen",
    privateStaff("home_care_worker"),
    { kind: "citizen.read", citizen: ownCitizen },
    ALLOW,
  ],
  [
    "private worker, other private provider's citizen",
    privateStaff("home_care_worker"),
    { kind: "citizen.read", citizen: citizen(PRIVATE_B) },
    DENY_PROVIDER,
  ],
  [
    "private team leader of B edits B's citizen",
    privateStaff("team_leader", PRIVATE_B),
    { kind: "citizen.update", citizen: citizen(PRIVATE_B) },
    ALLOW,
  ],
  [
    "private team leader of B, CPR of A's citizen",
    privateStaff("team_leader", PRIVATE_B),
    { kind: "citizen.revealCpr", citizen: ownCitizen },
    DENY_PROVIDER,
  ],
  [
    "private worker lists citizens (scoped by providerScope)",
    privateStaff("home_care_worker"),
    { kind: "citizen.list" },
    ALLOW,
  ],
  [
    "private team leader registers a citizen",
    privateStaff("team_leader"),
    { kind: "citizen.create" },
    DENY_ROLE,
  ],
  [
    "private worker, own citizen elsewhere",
    privateStaff("home_care_worker"),
    { kind: "citizen.read", citizen: citizen(PRIVATE_A, ELSEWHERE) },
    DENY_TENANT,
  ],
  [
    "evaluator, citizen elsewhere: role before tenant",
    actor("evaluator"),
    { kind: "citizen.read", citizen: elsewhere },
    DENY_ROLE,
  ],
  // A clip's intervention and the provider (issue 4): assigned to the actor's provider or no register.
  [
    "private worker, own citizen, clip assigned to own provider",
    privateStaff("home_care_worker"),
    register(ownCitizen, PRIVATE_A),
    ALLOW,
  ],
  [
    "private worker, own citizen, clip assigned to another provider",
    privateStaff("home_care_worker"),
    register(ownCitizen, PRIVATE_B),
    DENY_PROVIDER,
  ],
  [
    "private worker, own citizen, clip assigned to nobody",
    privateStaff("home_care_worker"),
    register(ownCitizen, null),
    DENY_PROVIDER,
  ],
  [
    "private worker, another provider's citizen and clip",
    privateStaff("home_care_worker"),
    register(citizen(PRIVATE_B), PRIVATE_B),
    DENY_PROVIDER,
  ],
  [
    "public worker, clip assigned to a private provider",
    actor("home_care_worker"),
    register(ownCitizen, PRIVATE_A),
    ALLOW,
  ],
  // Exceptions beyond the frame: the manager, as the frame names them (issue 11 point 7).
  ["manager registers as exception", actor("manager"), register(publicCitizen, PUBLIC_PROVIDER, true), ALLOW],
  [
    "manager registers as exception, private citizen",
    actor("manager"),
    register(ownCitizen, PRIVATE_A, true),
    ALLOW,
  ],
  [
    "manager registers, no exception",
    actor("manager"),
    register(publicCitizen, PUBLIC_PROVIDER, false),
    DENY_ROLE,
  ],
  [
    "manager registers as exception elsewhere",
    actor("manager"),
    register(elsewhere, PUBLIC_PROVIDER, true),
    DENY_TENANT,
  ],
  [
    "administrator registers as exception",
    actor("administrator"),
    register(publicCitizen, PUBLIC_PROVIDER, true),
    DENY_ROLE,
  ],
  [
    "evaluator registers as exception",
    actor("evaluator"),
    register(publicCitizen, PUBLIC_PROVIDER, true),
    DENY_ROLE,
  ],
  [
    "volunteer staff registers as exception",
    actor("volunteer_centre_staff"),
    register(publicCitizen, PUBLIC_PROVIDER, true),
    DENY_ROLE,
  ],
  [
    "worker registers, exception asked (the frame decides)",
    actor("home_care_worker"),
    register(publicCitizen, PUBLIC_PROVIDER, true),
    ALLOW,
  ],
  // The referrer's reply (issue 11 point 11).
  [
    "a colleague of the sender replies",
    actor("home_care_worker", HOME_ORG.home_care_worker, "user-colleague"),
    sent(),
    DENY_ROLE,
  ],
  ["a planner of the sending unit replies", actor("planner"), sent(), DENY_ROLE],
  ["a coordinator replies", actor("community_coordinator"), sent(), DENY_ROLE],
  ["team leader of another organisation replies", privateStaff("team_leader"), sent(), DENY_ROLE],
  [
    "sender who moved organisation replies",
    actor("home_care_worker", { id: PRIVATE_A, kind: "private_provider" }, WORKER),
    sent(),
    DENY_ROLE,
  ],
  [
    "sender's team leader, referral sent by another organisation",
    actor("team_leader"),
    sent({ fromOrganisationId: PRIVATE_A }),
    DENY_ROLE,
  ],
  [
    "team leader, referral from outside (public form)",
    actor("team_leader"),
    sent({ fromOrganisationId: null, createdBy: null }),
    DENY_ROLE,
  ],
  [
    "sender, referral of another municipality",
    actor("home_care_worker"),
    sent({ municipalityId: ELSEWHERE }),
    DENY_TENANT,
  ],
  // Loneliness ambassadors and the due lists (issue 11 point 14).
  [
    "ambassador of A, due list of A",
    ambassador(DISTRICT_A),
    { kind: "due.list", districtId: DISTRICT_A },
    ALLOW,
  ],
  ["ambassador of A, no district (navigation)", ambassador(DISTRICT_A), { kind: "due.list" }, ALLOW],
  [
    "ambassador of A, due list of B",
    ambassador(DISTRICT_A),
    { kind: "due.list", districtId: DISTRICT_B },
    DENY_ROLE,
  ],
  [
    "ambassador of A, all districts (null)",
    ambassador(DISTRICT_A),
    { kind: "due.list", districtId: null },
    DENY_ROLE,
  ],
  [
    "worker who is no ambassador, due list of A",
    ambassador(null),
    { kind: "due.list", districtId: DISTRICT_A },
    DENY_ROLE,
  ],
  ["worker who is no ambassador, no district", actor("home_care_worker"), { kind: "due.list" }, DENY_ROLE],
  [
    "ambassador reads the detection settings",
    ambassador(DISTRICT_A),
    { kind: "detectionSettings.read" },
    ALLOW,
  ],
  [
    "worker who is no ambassador, detection settings",
    actor("home_care_worker"),
    { kind: "detectionSettings.read" },
    DENY_ROLE,
  ],
  [
    "manager marked ambassador, due list of A",
    ambassador(DISTRICT_A, actor("manager")),
    { kind: "due.list", districtId: DISTRICT_A },
    DENY_ROLE,
  ],
  ["planner, due list of B", actor("planner"), { kind: "due.list", districtId: DISTRICT_B }, ALLOW],
  ["coordinator, no district", actor("community_coordinator"), { kind: "due.list" }, ALLOW],
  [
    "private ambassador of A, due list of A",
    ambassador(DISTRICT_A, privateStaff("home_care_worker")),
    { kind: "due.list", districtId: DISTRICT_A },
    ALLOW,
  ],
  [
    "private ambassador of A, due list of B",
    ambassador(DISTRICT_A, privateStaff("home_care_worker")),
    { kind: "due.list", districtId: DISTRICT_B },
    DENY_ROLE,
  ],
  ["ambassador runs triage", ambassador(DISTRICT_A), { kind: "triage.run" }, DENY_ROLE],
  // Whose clips and days.
  [
    "worker settles a colleague's opsporingsklip",
    actor("home_care_worker"),
    { kind: "detectionClip.complete", workerUserId: "user-colleague" },
    DENY_ROLE,
  ],
  ["worker's own day", actor("home_care_worker"), { kind: "clip.day", workerUserId: WORKER }, ALLOW],
  [
    "worker, a colleague's day",
    actor("home_care_worker"),
    { kind: "clip.day", workerUserId: "user-colleague" },
    DENY_ROLE,
  ],
  [
    "evaluator's own day",
    actor("evaluator"),
    { kind: "clip.day", workerUserId: "user-evaluator" },
    DENY_ROLE,
  ],
  // The catalog and the volunteer centre (issue 5).
  [
    "volunteer staff edit another centre's entry",
    actor("volunteer_centre_staff"),
    { kind: "catalog.edit", managedByOrganisationId: "org-other-centre" },
    DENY_ROLE,
  ],
  [
    "volunteer staff edit an entry nobody manages",
    actor("volunteer_centre_staff"),
    { kind: "catalog.edit", managedByOrganisationId: null },
    DENY_ROLE,
  ],
  [
    "coordinator edits an entry nobody manages",
    actor("community_coordinator"),
    { kind: "catalog.edit", managedByOrganisationId: null },
    ALLOW,
  ],
  [
    "volunteer staff answer another centre's referral",
    actor("volunteer_centre_staff"),
    { kind: "volunteerReferral.answer", toOrganisationId: "org-other-centre" },
    DENY_ROLE,
  ],
  [
    "host records the meeting",
    actor("home_care_worker"),
    { kind: "smallCommunity.recordMeeting", hostUserId: WORKER },
    ALLOW,
  ],
  [
    "coordinator records a hostless meeting",
    actor("community_coordinator"),
    { kind: "smallCommunity.recordMeeting", hostUserId: null },
    ALLOW,
  ],
  [
    "non-host, hostless meeting",
    actor("home_care_worker"),
    { kind: "smallCommunity.recordMeeting", hostUserId: null },
    DENY_ROLE,
  ],
];

describe("resource edges", () => {
  it.each(EDGES)("%s", (_what, who, action, expected) => {
    expect(can(who, action)).toEqual(expected);
  });
});

describe("the helpers beside can()", () => {
  it("suppresses small numbers for every role without citizen access", () => {
    const suppressed: Record<Role, boolean> = {
      home_care_worker: false,
      planner: false,
      team_leader: false,
      community_coordinator: false,
      volunteer_centre_staff: true,
      manager: false,
      evaluator: true,
      administrator: false,
      system_client: true,
    };
    for (const role of ROLES)
      expect([role, reportsSuppressed(actor(role))]).toEqual([role, suppressed[role]]);
  });

  it("counts only a home-care worker as ambassador, and never a triage runner's lists as an ambassador's", () => {
    expect(ambassadorDistrict(ambassador(DISTRICT_A))).toBe(DISTRICT_A);
    expect(ambassadorDistrict(actor("home_care_worker"))).toBeNull();
    expect(seesDueListsAsAmbassador(ambassador(DISTRICT_A))).toBe(true);
    expect(seesDueListsAsAmbassador(actor("home_care_worker"))).toBe(false);
    for (const role of ROLES.filter((r) => r !== "home_care_worker")) {
      expect(ambassadorDistrict(ambassador(DISTRICT_A, actor(role)))).toBeNull();
      expect(seesDueListsAsAmbassador(ambassador(DISTRICT_A, actor(role)))).toBe(false);
    }
  });
});
