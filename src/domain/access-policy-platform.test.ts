/**
 * The platform guard (issue 15 point 3): canPlatform() lets a platform administrator do every
 * platform action and no one else — not anonymous, not a municipality's administrator, no staff role.
 */
import { describe, expect, it } from "vitest";
import { type Actor, type PlatformAction, type PlatformActor, canPlatform } from "./access-policy.js";
import { ROLES } from "./vocabulary/organisation.js";

const ACTIONS: PlatformAction[] = [
  { kind: "municipality.list" },
  { kind: "municipality.health" },
  { kind: "municipality.create" },
];
const PLATFORM: PlatformActor = { kind: "platform_admin", platformAdminId: "platform-admin-1" };
const staff = (role: Actor["role"]): Actor => ({
  userId: `user-${role}`,
  municipalityId: "municipality-home",
  organisationId: "org-admin",
  organisationKind: "administration",
  districtId: null,
  role,
});

describe("canPlatform", () => {
  it("lets a platform administrator do every platform action", () => {
    for (const action of ACTIONS) expect(canPlatform(PLATFORM, action)).toEqual({ allowed: true });
  });

  it("refuses every platform action to anonymous callers", () => {
    for (const action of ACTIONS)
      expect(canPlatform(null, action)).toEqual({ allowed: false, reason: "role" });
  });

  it("refuses every platform action to every staff role, a municipality's administrator included", () => {
    for (const role of ROLES)
      for (const action of ACTIONS)
        expect([role, action.kind, canPlatform(staff(role), action)]).toEqual([
          role,
          action.kind,
          { allowed: false, reason: "role" },
        ]);
  });
});
