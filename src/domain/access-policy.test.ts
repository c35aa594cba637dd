import { describe, expect, it } from "vitest";
import { ROLES, type OrganisationKind, type Role } from "../shared/enums.js";
import { type Action, type Actor, type CitizenResource, ambassadorDistrict, can, providerScope, seesDueListsAsAmbassador } from "./access-policy.js";

const HOME = "municipality-home";
const ELSEWHERE = "municipality-elsewhere";
const PUBLIC_PROVIDER = "org-public";
const PRIVATE_A = "org-private-a";
const PRIVATE_B = "org-private-b";

/** The organisation kind each role normally belongs to (public side). */
const HOME_ORG: Record<Role, { id: string; kind: OrganisationKind }> = {
  home_care_worker: { id: PUBLIC_PROVIDER, kind: "public_provider" },
  planner: { id: PUBLIC_PROVIDER, kind: "public_provider" },
  team_leader: { id: PUBLIC_PROVIDER, kind: "public_provider" },
  community_coordinator: { id: "org-coordinators", kind: "coordinator_unit" },
  volunteer_centre_staff: { id: "org-volunteers", kind: "volunteer_centre" },
  manager: { id: "org-admin", kind: "administration" },
  evaluator: { id: "org-admin", kind: "administration" },
  administrator: { id: "org-admin", kind: "administration" },
};

function actor(role: Role, org = HOME_ORG[role]): Actor {
  return { userId: `user-${role}`, municipalityId: HOME, organisationId: org.id, organisationKind: org.kind, districtId: null, role };
}

const privateStaff = (role: Role, orgId = PRIVATE_A) => actor(role, { id: orgId, kind: "private_provider" });
const citizen = (providerOrganisationId: string | null, municipalityId = HOME): CitizenResource => ({ municipalityId, providerOrganisationId });
const publicCitizen = citizen(PUBLIC_PROVIDER);

type FoundationKind =
  | "citizen.list"
  | "citizen.read"
  | "citizen.create"
  | "citizen.update"
  | "citizen.revealCpr"
  | "citizen.auditTrail"
  | "admin.manage"
  | "organisation.list";

function action(kind: FoundationKind, c: CitizenResource = publicCitizen): Action {
  switch (kind) {
    case "citizen.read":
    case "citizen.update":
    case "citizen.revealCpr":
    case "citizen.auditTrail":
      return { kind, citizen: c };
    default:
      return { kind };
  }
}

/** Who may do what, on a citizen of the public provider in their own municipality. */
const EXPECTED: Record<FoundationKind, readonly Role[]> = {
  "citizen.list": ["home_care_worker", "planner", "team_leader", "community_coordinator", "manager", "administrator"],
  "citizen.read": ["home_care_worker", "planner", "team_leader", "community_coordinator", "manager", "administrator"],
  "citizen.create": ["planner", "team_leader", "community_coordinator", "administrator"],
  "citizen.update": ["planner", "team_leader", "community_coordinator", "administrator"],
  "citizen.revealCpr": ["planner", "team_leader", "community_coordinator", "administrator"],
  "citizen.auditTrail": ["administrator"],
  "admin.manage": ["administrator"],
  "organisation.list": [...ROLES],
};

const cases = (Object.keys(EXPECTED) as FoundationKind[]).flatMap((kind) => ROLES.map((role) => [kind, role, EXPECTED[kind].includes(role)] as const));

describe("each role × action inside the municipality", () => {
  it.each(cases)("%s by %s: allowed = %s", (kind, role, allowed) => {
    const decision = can(actor(role), action(kind));
    expect(decision).toEqual(allowed ? { allowed: true } : { allowed: false, reason: "role" });
  });
});

describe("private providers", () => {
  it("let their staff read their own citizens", () => {
    expect(can(privateStaff("home_care_worker"), { kind: "citizen.read", citizen: citizen(PRIVATE_A) })).toEqual({ allowed: true });
  });

  it("keep their staff from another provider's citizens, with reason provider", () => {
    for (const other of [citizen(PRIVATE_B), publicCitizen, citizen(null)]) {
      expect(can(privateStaff("home_care_worker"), { kind: "citizen.read", citizen: other })).toEqual({ allowed: false, reason: "provider" });
    }
  });

  it("let a private team leader edit and reveal the CPR of their own citizens only", () => {
    const leader = privateStaff("team_leader", PRIVATE_B);
    expect(can(leader, { kind: "citizen.update", citizen: citizen(PRIVATE_B) })).toEqual({ allowed: true });
    expect(can(leader, { kind: "citizen.revealCpr", citizen: citizen(PRIVATE_B) })).toEqual({ allowed: true });
    expect(can(leader, { kind: "citizen.update", citizen: citizen(PRIVATE_A) })).toEqual({ allowed: false, reason: "provider" });
    expect(can(leader, { kind: "citizen.revealCpr", citizen: publicCitizen })).toEqual({ allowed: false, reason: "provider" });
  });

  it("do not register citizens (the municipality's visitation does)", () => {
    expect(can(privateStaff("team_leader"), { kind: "citizen.create" })).toEqual({ allowed: false, reason: "role" });
    expect(can(privateStaff("planner"), { kind: "citizen.create" })).toEqual({ allowed: false, reason: "role" });
  });

  it("still let their staff list citizens, limited to the provider by providerScope", () => {
    expect(can(privateStaff("home_care_worker"), { kind: "citizen.list" })).toEqual({ allowed: true });
    expect(providerScope(privateStaff("home_care_worker"))).toBe(PRIVATE_A);
  });

  it("is no limit for public staff: providerScope is null", () => {
    for (const role of ROLES) expect(providerScope(actor(role))).toBeNull();
  });
});

describe("another municipality's citizen", () => {
  const elsewhere = citizen(PUBLIC_PROVIDER, ELSEWHERE);
  const citizenScoped: ((c: CitizenResource) => Action)[] = [
    (c) => ({ kind: "citizen.read", citizen: c }),
    (c) => ({ kind: "citizen.update", citizen: c }),
    (c) => ({ kind: "citizen.revealCpr", citizen: c }),
    (c) => ({ kind: "citizen.auditTrail", citizen: c }),
    (c) => ({ kind: "screening.create", citizen: c }),
    (c) => ({ kind: "journal.write", citizen: c }),
    (c) => ({ kind: "referral.createForCitizen", citizen: c }),
    (c) => ({ kind: "detectionClip.grant", citizen: c }),
  ];

  it("is refused with reason tenant to every role the action is otherwise open to", () => {
    let checked = 0;
    for (const make of citizenScoped) {
      for (const role of ROLES) {
        if (!can(actor(role), make(publicCitizen)).allowed) continue;
        expect(can(actor(role), make(elsewhere))).toEqual({ allowed: false, reason: "tenant" });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("is refused with reason tenant to private-provider staff, even if the provider id matches", () => {
    expect(can(privateStaff("home_care_worker"), { kind: "citizen.read", citizen: citizen(PRIVATE_A, ELSEWHERE) })).toEqual({ allowed: false, reason: "tenant" });
  });

  it("is refused by role first to a role that may never do it", () => {
    expect(can(actor("evaluator"), { kind: "citizen.read", citizen: elsewhere })).toEqual({ allowed: false, reason: "role" });
  });
});

describe("recording a clip's minutes beyond the frame (issue 11 point 7)", () => {
  const clip = (asException: boolean) => ({ kind: "clip.register" as const, clip: { citizen: publicCitizen, providerOrganisationId: PUBLIC_PROVIDER, asException } });
  it("lets a manager register a clip only as an exception", () => {
    expect(can(actor("manager"), clip(true)).allowed).toBe(true);
    expect(can(actor("manager"), clip(false)).allowed).toBe(false);
  });
  it("keeps the evaluator and the volunteer centre out either way", () => {
    for (const role of ["evaluator", "volunteer_centre_staff", "administrator"] as const) expect(can(actor(role), clip(true)).allowed).toBe(false);
  });
  it("keeps a manager of another municipality out", () => {
    expect(can(actor("manager"), { kind: "clip.register", clip: { citizen: citizen(PUBLIC_PROVIDER, ELSEWHERE), providerOrganisationId: PUBLIC_PROVIDER, asException: true } }).allowed).toBe(false);
  });
});

describe("the referrer's reply to a request for information (issue 11 point 11)", () => {
  const worker = actor("home_care_worker");
  const sent = (over: Partial<{ municipalityId: string; fromOrganisationId: string | null; createdBy: string | null }> = {}) => ({
    kind: "referral.reply" as const,
    referral: { municipalityId: HOME, fromOrganisationId: PUBLIC_PROVIDER, createdBy: worker.userId, ...over },
  });

  it("lets the worker who sent the referral reply", () => {
    expect(can(worker, sent())).toEqual({ allowed: true });
  });

  it("lets the team leader of the sending organisation reply for the unit", () => {
    expect(can(actor("team_leader"), sent())).toEqual({ allowed: true });
  });

  it("keeps another worker, a planner and the coordinators of the same municipality out", () => {
    const colleague = { ...worker, userId: "user-colleague" };
    for (const who of [colleague, actor("planner"), actor("community_coordinator"), actor("manager"), actor("administrator")]) {
      expect(can(who, sent())).toEqual({ allowed: false, reason: "role" });
    }
  });

  it("keeps a team leader of another organisation out, and the sender once they have moved organisation", () => {
    expect(can(privateStaff("team_leader"), sent())).toEqual({ allowed: false, reason: "role" });
    expect(can({ ...worker, organisationId: PRIVATE_A, organisationKind: "private_provider" }, sent())).toEqual({ allowed: false, reason: "role" });
  });

  it("has nobody reply to a referral from outside (no sending organisation)", () => {
    expect(can(actor("team_leader"), sent({ fromOrganisationId: null, createdBy: null }))).toEqual({ allowed: false, reason: "role" });
  });

  it("refuses another municipality's referral with reason tenant", () => {
    expect(can(worker, sent({ municipalityId: ELSEWHERE }))).toEqual({ allowed: false, reason: "tenant" });
  });
});

describe("loneliness ambassadors and the due lists (issue 11 point 14)", () => {
  const A = "district-a";
  const B = "district-b";
  const ambassador = (of: string | null, base: Actor = actor("home_care_worker")): Actor => ({ ...base, ambassadorDistrictId: of });

  it("lets an ambassador read the due lists of their own district", () => {
    expect(can(ambassador(A), { kind: "due.list", districtId: A })).toEqual({ allowed: true });
    // Asked without a district (navigation), the answer is "you have a due list".
    expect(can(ambassador(A), { kind: "due.list" })).toEqual({ allowed: true });
  });

  it("keeps an ambassador of district A out of district B's and out of the all-districts list", () => {
    expect(can(ambassador(A), { kind: "due.list", districtId: B })).toEqual({ allowed: false, reason: "role" });
    expect(can(ambassador(A), { kind: "due.list", districtId: null })).toEqual({ allowed: false, reason: "role" });
  });

  it("keeps a home-care worker who is no ambassador out of every due list", () => {
    for (const districtId of [A, null, undefined]) {
      expect(can(ambassador(null), { kind: "due.list", districtId })).toEqual({ allowed: false, reason: "role" });
      expect(can(actor("home_care_worker"), { kind: "due.list", districtId })).toEqual({ allowed: false, reason: "role" });
    }
  });

  it("counts only a home-care worker as ambassador: other roles marked so get nothing more", () => {
    for (const role of ["volunteer_centre_staff", "evaluator", "manager", "administrator"] as const) {
      expect(ambassadorDistrict(ambassador(A, actor(role)))).toBeNull();
      expect(can(ambassador(A, actor(role)), { kind: "due.list", districtId: A })).toEqual({ allowed: false, reason: "role" });
    }
  });

  it("leaves planners, team leaders and coordinators their lists of any district, not as ambassadors", () => {
    for (const role of ["planner", "team_leader", "community_coordinator"] as const) {
      expect(can(actor(role), { kind: "due.list", districtId: B })).toEqual({ allowed: true });
      expect(seesDueListsAsAmbassador(ambassador(A, actor(role)))).toBe(false);
    }
    expect(seesDueListsAsAmbassador(ambassador(A))).toBe(true);
  });

  it("gives a private provider's ambassador their district, limited to the provider's own citizens", () => {
    const privateAmbassador = ambassador(A, privateStaff("home_care_worker"));
    expect(can(privateAmbassador, { kind: "due.list", districtId: A })).toEqual({ allowed: true });
    expect(can(privateAmbassador, { kind: "due.list", districtId: B })).toEqual({ allowed: false, reason: "role" });
    expect(providerScope(privateAmbassador)).toBe(PRIVATE_A);
  });

  it("does not make an ambassador a triage runner", () => {
    expect(can(ambassador(A), { kind: "triage.run" })).toEqual({ allowed: false, reason: "role" });
  });
});

describe("the catalog's change history (issue 11 point 15)", () => {
  it("is for those who keep the catalog; the web asks this same rule before it shows the history", () => {
    const allowed = ROLES.filter((r) => can(actor(r), { kind: "catalog.history" }).allowed);
    expect(allowed.sort()).toEqual(["administrator", "community_coordinator", "volunteer_centre_staff"]);
  });
});
