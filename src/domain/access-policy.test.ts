import { describe, expect, it } from "vitest";
import { ROLES, type OrganisationKind, type Role } from "../shared/enums.js";
import { type Action, type Actor, type CitizenResource, can, providerScope } from "./access-policy.js";

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
