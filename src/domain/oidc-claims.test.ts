import { describe, expect, it } from "vitest";
import { claimValues, displayNameOf, mapRole, safeReturnTo, usernameBase } from "./oidc-claims.js";

describe("claims to a Broen user", () => {
  it("reads a claim given as a string or a list", () => {
    expect(claimValues({ roles: "a" }, "roles")).toEqual(["a"]);
    expect(claimValues({ roles: ["a", 3, "b"] }, "roles")).toEqual(["a", "b"]);
    expect(claimValues({}, "roles")).toEqual([]);
  });

  it("maps the first known value to its role, and nothing to no role", () => {
    const map = { "g-planner": "planner", "g-leader": "team_leader" } as const;
    expect(mapRole({ roles: ["other", "g-leader", "g-planner"] }, "roles", map)).toBe("team_leader");
    expect(mapRole({ roles: ["other"] }, "roles", map)).toBeNull();
    expect(mapRole({ roles: ["toString"] }, "roles", map)).toBeNull();
  });

  it("derives a username from preferred_username, else email, else the subject", () => {
    expect(usernameBase({ preferred_username: "Søren.Ærø@Holstebro.dk", sub: "x" })).toBe(
      "soeren.aeroe@holstebro.dk",
    );
    expect(usernameBase({ email: "a b@c.dk", sub: "x" })).toBe("a-b@c.dk");
    expect(usernameBase({ sub: "00uABC" })).toBe("00uabc");
  });

  it("names the user by the name claim, else given and family name", () => {
    expect(displayNameOf({ name: "Anne Ager" }, "name", "u")).toBe("Anne Ager");
    expect(displayNameOf({ given_name: "Anne", family_name: "Ager" }, "name", "u")).toBe("Anne Ager");
    expect(displayNameOf({}, "name", "u")).toBe("u");
  });

  it("returns only to a local path", () => {
    expect(safeReturnTo("/borgere?x=1")).toBe("/borgere?x=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "borgere", "/a\nb", null])
      expect(safeReturnTo(bad)).toBe("/");
  });
});
