import { describe, expect, it } from "vitest";
import type { Actor } from "../access-policy.js";
import type { Role } from "../vocabulary/organisation.js";
import { type RestrictableCitizen, restrictionMoveAllowed, restrictionRefuses } from "./restriction.js";

const actor = (role: Role, municipalityId = "m1"): Actor => ({
  userId: "u1",
  municipalityId,
  organisationId: "o1",
  organisationKind: role === "volunteer_centre_staff" ? "volunteer_centre" : "administration",
  districtId: null,
  role,
});
const citizen = (restrictedAt: string | null): RestrictableCitizen => ({
  municipalityId: "m1",
  providerOrganisationId: null,
  restrictedAt,
});
const restricted = citizen("2031-03-01T10:00:00.000Z");

describe("restriction of processing", () => {
  it("refuses nothing while the citizen is not restricted", () => {
    expect(restrictionRefuses(actor("home_care_worker"), citizen(null), "process")).toBe(false);
    expect(restrictionRefuses(actor("planner"), citizen(null), "open")).toBe(false);
  });

  it("refuses new processing (screening, sharing, placing) to everyone, the administrator too", () => {
    for (const role of ["home_care_worker", "community_coordinator", "administrator"] as const)
      expect(restrictionRefuses(actor(role), restricted, "process")).toBe(true);
  });

  it("lets only those who handle the request open the data: the administrator of the municipality", () => {
    expect(restrictionRefuses(actor("administrator"), restricted, "open")).toBe(false);
    for (const role of [
      "home_care_worker",
      "planner",
      "team_leader",
      "community_coordinator",
      "manager",
    ] as const)
      expect(restrictionRefuses(actor(role), restricted, "open")).toBe(true);
    expect(restrictionRefuses(actor("administrator", "m2"), restricted, "open")).toBe(true);
  });

  it("restricts only what is open and lifts only what is restricted", () => {
    expect(restrictionMoveAllowed(false, "restrict")).toBe(true);
    expect(restrictionMoveAllowed(true, "restrict")).toBe(false);
    expect(restrictionMoveAllowed(true, "lift")).toBe(true);
    expect(restrictionMoveAllowed(false, "lift")).toBe(false);
  });
});
