/**
 * Staff who work for several municipalities (issue 15 point 4, decision 0104): one login, a
 * membership row per further municipality (made by that municipality's administrator), and a
 * session switched between them — with the other municipality's data only, the switch in the
 * security log, and deactivation ending what it should.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securityEvents, users } from "../../db/schema/index.js";
import { type Tenant, TEST_PASSWORD, createTenant } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const write = (key = randomUUID()) => ({ headers: { "idempotency-key": key } });

/** B's administrator gives A's coordinator access to B as a community coordinator. */
function membershipBody(home: Tenant, here: Tenant, username = home.users.community_coordinator.username) {
  return {
    username,
    displayName: "Kamma Koordinator",
    role: "community_coordinator",
    organisationId: here.orgs.coordinatorUnit.id,
    districtId: here.districts.south.id,
  };
}

/** Two fresh municipalities; A's coordinator is also a member of B; a session of theirs in A. */
async function personInTwo() {
  const a = await createTenant(t.db);
  const b = await createTenant(t.db);
  const adminB = await t.as("administrator", b);
  const created = await adminB.post("/api/users/memberships", membershipBody(a, b), write());
  expect(created.statusCode, created.body).toBe(201);
  const membership = created.json() as { id: string; username: string; loginVia: string | null };
  const person = await t.login(a.users.community_coordinator.username);
  return { a, b, adminB, membership, person };
}

async function switchTo(client: Client, municipalityId: string) {
  return client.post("/api/auth/municipality", { municipalityId }, write());
}

const citizenIds = async (client: Client) =>
  ((await client.get("/api/citizens")).json() as { items: { id: string }[] }).items.map((c) => c.id).sort();

describe("GET /api/auth/me", () => {
  it("answers the current municipality and every one the person can switch to", async () => {
    const { a, b, person } = await personInTwo();
    const me = (await person.get("/api/auth/me")).json();
    expect(me.municipality).toEqual(a.municipality);
    expect(me.municipalities.map((m: { id: string }) => m.id).sort()).toEqual(
      [a.municipality.id, b.municipality.id].sort(),
    );
  });

  it("lists only its own municipality for someone who works in one", async () => {
    const planner = await t.as("planner");
    const me = (await planner.get("/api/auth/me")).json();
    expect(me.municipalities).toEqual([t.tenant.municipality]);
  });
});

describe("POST /api/auth/municipality", () => {
  it("moves the session to the person's row there: role, organisation and citizens are B's only", async () => {
    const { a, b, membership, person } = await personInTwo();
    expect(await citizenIds(person)).toEqual(
      Object.values(a.citizens)
        .map((c) => c.id)
        .sort(),
    );
    const res = await switchTo(person, b.municipality.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      userId: membership.id,
      municipality: b.municipality,
      organisation: { id: b.orgs.coordinatorUnit.id },
      district: { id: b.districts.south.id },
    });
    expect((await person.get("/api/auth/me")).json().municipality).toEqual(b.municipality);
    expect(await citizenIds(person)).toEqual(
      Object.values(b.citizens)
        .map((c) => c.id)
        .sort(),
    );
    // A's citizen is not reachable from the session in B.
    expect((await person.get(`/api/citizens/${a.citizens.andersen.id}`)).statusCode).toBe(404);
    // And back: the login row itself is one of the person's rows.
    expect((await switchTo(person, a.municipality.id)).json().userId).toBe(a.users.community_coordinator.id);
    expect(await citizenIds(person)).toEqual(
      Object.values(a.citizens)
        .map((c) => c.id)
        .sort(),
    );
  });

  it("writes the switch in the security log of the municipality entered", async () => {
    const { b, membership, person } = await personInTwo();
    await switchTo(person, b.municipality.id);
    const rows = await t.db.select().from(securityEvents).where(eq(securityEvents.userId, membership.id));
    const switched = rows.filter((r) => r.kind === "municipality_switched");
    expect(switched.map((r) => r.municipalityId)).toEqual([b.municipality.id]);
  });

  it("refuses a municipality the person has no access in, naming the field, and stays put", async () => {
    const { a, person } = await personInTwo();
    const res = await switchTo(person, t.other.municipality.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: "municipality_not_available",
      details: { fields: [{ field: "municipalityId" }] },
    });
    expect((await person.get("/api/auth/me")).json().municipality.id).toBe(a.municipality.id);
  });

  it("changes nothing when switching to the municipality the session is in", async () => {
    const planner = await t.as("planner");
    const res = await switchTo(planner, t.tenant.municipality.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().municipality.id).toBe(t.tenant.municipality.id);
  });

  it("refuses a request made for the municipality the session has left (another tab)", async () => {
    const { a, b, person } = await personInTwo();
    await switchTo(person, b.municipality.id);
    const stale = await person.get("/api/citizens", {
      headers: { "x-broen-municipality": a.municipality.id },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("municipality_switched");
    const fresh = await person.get("/api/citizens", {
      headers: { "x-broen-municipality": b.municipality.id },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it("keeps the password the login row's: changing it while in B works and ends the person's other sessions", async () => {
    const { a, b, person } = await personInTwo();
    const other = await t.login(a.users.community_coordinator.username);
    await switchTo(other, b.municipality.id);
    await switchTo(person, b.municipality.id);
    const res = await person.post(
      "/api/auth/password",
      { currentPassword: TEST_PASSWORD, newPassword: "Ny-kode-til-Kamma-77" },
      write(),
    );
    expect(res.statusCode, res.body).toBe(204);
    expect((await person.get("/api/auth/me")).statusCode).toBe(200);
    expect((await other.get("/api/auth/me")).statusCode).toBe(401);
  });
});

describe("a membership row", () => {
  it("cannot log in by itself, and its administrator cannot give it a password", async () => {
    const { adminB, membership } = await personInTwo();
    expect(membership.username).toMatch(/@/);
    const res = await t.anonymous.post("/api/auth/login", { username: membership.username, password: "x" });
    expect(res.statusCode).toBe(401);
    const reset = await adminB.post(
      `/api/users/${membership.id}/reset-password`,
      { temporaryPassword: "Midlertidig-kode-42" },
      write(),
    );
    expect(reset.statusCode).toBe(409);
    expect(reset.json().error.code).toBe("membership_no_password");
  });

  it("shows in B's user list as login via A", async () => {
    const { a, adminB, membership } = await personInTwo();
    const list = (await adminB.get("/api/users")).json() as { id: string; loginVia: string | null }[];
    expect(list.find((u) => u.id === membership.id)?.loginVia).toBe(a.municipality.name);
    expect(list.filter((u) => u.id !== membership.id).every((u) => u.loginVia === null)).toBe(true);
  });
});

describe("POST /api/users/memberships", () => {
  it("refuses an unknown username, naming the field", async () => {
    const adminB = await t.as("administrator", t.other);
    const res = await adminB.post(
      "/api/users/memberships",
      membershipBody(t.tenant, t.other, "nobody.here"),
      write(),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      expect.objectContaining({ field: "username", reason: "unknown_username" }),
    ]);
  });

  it("refuses a person who already is a member (409), and one who is B's own user", async () => {
    const { a, b, adminB } = await personInTwo();
    const again = await adminB.post("/api/users/memberships", membershipBody(a, b), write());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("membership_exists");
    const own = await adminB.post(
      "/api/users/memberships",
      membershipBody(b, b, b.users.planner.username),
      write(),
    );
    expect(own.statusCode).toBe(409);
  });

  it("refuses a membership's own username and an organisation of another municipality", async () => {
    const { a, b, membership } = await personInTwo();
    const c = await createTenant(t.db);
    const adminC = await t.as("administrator", c);
    const chained = await adminC.post(
      "/api/users/memberships",
      membershipBody(a, c, membership.username),
      write(),
    );
    expect(chained.statusCode).toBe(400);
    const wrongOrg = await adminC.post(
      "/api/users/memberships",
      { ...membershipBody(a, c), organisationId: b.orgs.coordinatorUnit.id },
      write(),
    );
    expect(wrongOrg.statusCode).toBe(400);
    expect(wrongOrg.json().error.details.fields[0].field).toBe("organisationId");
  });

  it("is the administrator's: a coordinator is refused", async () => {
    const coordinator = await t.as("community_coordinator", t.other);
    const res = await coordinator.post("/api/users/memberships", membershipBody(t.tenant, t.other), write());
    expect(res.statusCode).toBe(403);
  });
});

describe("deactivation", () => {
  it("of the membership ends a session on it and refuses switching there", async () => {
    const { b, adminB, membership, person } = await personInTwo();
    await switchTo(person, b.municipality.id);
    const res = await adminB.patch(`/api/users/${membership.id}`, { active: false }, write());
    expect(res.statusCode, res.body).toBe(200);
    expect((await person.get("/api/auth/me")).statusCode).toBe(401);
    const fresh = await t.login((await personLogin(membership.id))!);
    expect((await fresh.get("/api/auth/me")).json().municipalities).toHaveLength(1);
    expect((await switchTo(fresh, b.municipality.id)).statusCode).toBe(404);
  });

  it("of the login row ends the person's sessions switched into other municipalities", async () => {
    const { a, b, person } = await personInTwo();
    await switchTo(person, b.municipality.id);
    const adminA = await t.as("administrator", a);
    const res = await adminA.patch(
      `/api/users/${a.users.community_coordinator.id}`,
      { active: false },
      write(),
    );
    expect(res.statusCode).toBe(200);
    expect((await person.get("/api/auth/me")).statusCode).toBe(401);
  });
});

describe("the identity provider's deactivation (SCIM)", () => {
  it("of the login row ends the person's sessions switched into other municipalities", async () => {
    const { a, b, person } = await personInTwo();
    await switchTo(person, b.municipality.id);
    const adminA = await t.as("administrator", a);
    const issued = await adminA.post("/api/provisioning/scim-tokens", { name: "Entra ID" }, write());
    expect(issued.statusCode, issued.body).toBe(201);
    const res = await t.app.inject({
      method: "DELETE",
      url: `/scim/v2/Users/${a.users.community_coordinator.id}`,
      headers: { authorization: `Bearer ${(issued.json() as { token: string }).token}` },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await person.get("/api/auth/me")).statusCode).toBe(401);
  });
});

/** The login username behind a membership row. */
async function personLogin(membershipId: string): Promise<string | undefined> {
  const [row] = await t.db
    .select({ loginUserId: users.loginUserId })
    .from(users)
    .where(eq(users.id, membershipId));
  const [login] = await t.db
    .select({ username: users.username })
    .from(users)
    .where(eq(users.id, row!.loginUserId!));
  return login?.username;
}
