/** Administration of a municipality: organisations, districts and users. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KEYS, TEST_PASSWORD, countRows } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import type { District, Organisation, User } from "../../../shared/api/admin.js";
import { auditEvents, districts, organisations, users } from "../../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const admin = () => t.as("administrator");
const NON_ADMINS = ACTOR_KEYS.filter((a) => a !== "administrator");
let seq = 0;
const unique = (prefix: string) => `${prefix} ${++seq}`;

describe("organisations", () => {
  it("are listed to every role, in Danish order, only the caller's municipality's", async () => {
    const res = await (await t.as("volunteer_centre_staff")).get("/api/organisations");
    expect(res.statusCode).toBe(200);
    const original = new Set(Object.values(t.tenant.orgs).map((o) => o.name));
    const names = (res.json() as Organisation[]).map((o) => o.name).filter((n) => original.has(n));
    expect(names).toEqual([
      "Aktivitet Fællesskab",
      "Frivilligcenter",
      "Hjemmeplejen",
      "Kær Pleje",
      "Privathjælpen",
      "Ældre og Sundhed",
    ]);
    const ids = (res.json() as Organisation[]).map((o) => o.id);
    for (const o of Object.values(t.other.orgs)) expect(ids).not.toContain(o.id);
  });

  it("are created by an administrator", async () => {
    const name = unique("Plejehjemmet Solsikken");
    const res = await (await admin()).post("/api/organisations", { name, kind: "private_provider" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name, kind: "private_provider", active: true });
    const [row] = await t.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, (res.json() as Organisation).id));
    expect(row?.municipalityId).toBe(t.tenant.municipality.id);
  });

  it("refuse a name already in use, whatever its letter case: 409 naming name", async () => {
    const before = await countRows(t.db, organisations);
    const res = await (
      await admin()
    ).post("/api/organisations", { name: "HJEMMEPLEJEN", kind: "public_provider" });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("duplicate_name");
    expect(errorFields(res)).toEqual(["name"]);
    expect(await countRows(t.db, organisations)).toBe(before);
  });

  it("may share a name with another municipality's organisation", async () => {
    const res = await (
      await t.as("administrator", t.other)
    ).post("/api/organisations", { name: "Privathjælpen Nord", kind: "private_provider" });
    expect(res.statusCode).toBe(201);
    expect(
      (
        await (
          await admin()
        ).post("/api/organisations", { name: "Privathjælpen Nord", kind: "private_provider" })
      ).statusCode,
    ).toBe(201);
  });

  it("are renamed and deactivated by an administrator", async () => {
    const { id } = (
      await (
        await admin()
      ).post("/api/organisations", { name: unique("Midlertidig"), kind: "volunteer_centre" })
    ).json() as Organisation;
    const res = await (
      await admin()
    ).patch(`/api/organisations/${id}`, { name: "Frivilligcenter Syd", active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, name: "Frivilligcenter Syd", active: false });
  });

  it("refuse renaming to a name in use: 409", async () => {
    const res = await (
      await admin()
    ).patch(`/api/organisations/${t.tenant.orgs.privateProviderB.id}`, { name: "Privathjælpen" });
    expect(res.statusCode).toBe(409);
  });

  it("of another municipality are 404", async () => {
    const res = await (
      await admin()
    ).patch(`/api/organisations/${t.other.orgs.publicProvider.id}`, { name: "Overtaget" });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe("organisation_not_found");
  });

  it("refuse an unknown kind: 400 naming kind", async () => {
    const res = await (await admin()).post("/api/organisations", { name: unique("X"), kind: "hospital" });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["kind"]);
  });
});

describe("districts", () => {
  it("are listed to every role in Danish order", async () => {
    for (const name of ["Distrikt Åby", "Distrikt Zeta", "Distrikt Ærø"])
      await (await admin()).post("/api/districts", { name });
    const res = await (await t.as("evaluator")).get("/api/districts");
    expect(res.statusCode).toBe(200);
    const known = new Set(["Distrikt Nord", "Distrikt Syd", "Distrikt Zeta", "Distrikt Ærø", "Distrikt Åby"]);
    const names = (res.json() as District[]).map((d) => d.name).filter((n) => known.has(n));
    expect(names).toEqual(["Distrikt Nord", "Distrikt Syd", "Distrikt Zeta", "Distrikt Ærø", "Distrikt Åby"]);
  });

  it("are created, renamed and deactivated by an administrator", async () => {
    const created = await (await admin()).post("/api/districts", { name: "Distrikt Øst" });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as District;
    const res = await (
      await admin()
    ).patch(`/api/districts/${id}`, { name: "Distrikt Østerby", active: false });
    expect(res.json()).toMatchObject({ id, name: "Distrikt Østerby", active: false });
  });

  it("refuse a name already in use: 409 naming name, nothing written", async () => {
    const before = await countRows(t.db, districts);
    const res = await (await admin()).post("/api/districts", { name: "distrikt nord" });
    expect(res.statusCode).toBe(409);
    expect(errorFields(res)).toEqual(["name"]);
    expect(await countRows(t.db, districts)).toBe(before);
  });

  it("of another municipality are 404", async () => {
    expect(
      (await (await admin()).patch(`/api/districts/${t.other.districts.north.id}`, { active: false }))
        .statusCode,
    ).toBe(404);
  });
});

describe("users", () => {
  const newUser = (overrides: Record<string, unknown> = {}) => ({
    username: `ny.bruger${++seq}`,
    displayName: "Ny Bruger",
    role: "home_care_worker",
    organisationId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.south.id,
    password: "first-password-1",
    ...overrides,
  });

  it("are listed to an administrator, only the municipality's, without password hashes", async () => {
    const res = await (await admin()).get("/api/users");
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as User[]).map((u) => u.id);
    for (const u of Object.values(t.tenant.users)) expect(ids).toContain(u.id);
    for (const u of Object.values(t.other.users)) expect(ids).not.toContain(u.id);
    expect(res.body).not.toMatch(/argon2|passwordHash/);
  });

  it("are created by an administrator and must choose their own password at first login", async () => {
    const body = newUser({ username: "Mixed.Case" });
    const res = await (await admin()).post("/api/users", body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: "mixed.case",
      role: "home_care_worker",
      active: true,
      mustChangePassword: true,
      district: { id: t.tenant.districts.south.id },
    });
    const login = await t.anonymous.post("/api/auth/login", {
      username: "mixed.case",
      password: body.password,
    });
    expect(login.json()).toMatchObject({ mustChangePassword: true });
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, (res.json() as User).id)));
    expect(rows.map((r) => r.action)).toEqual(["create"]);
  });

  it("refuse a username in use, in any municipality: 409 naming username", async () => {
    const before = await countRows(t.db, users);
    for (const username of [t.tenant.users.planner.username, t.other.users.planner.username]) {
      const res = await (await admin()).post("/api/users", newUser({ username }));
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe("duplicate_username");
      expect(errorFields(res)).toEqual(["username"]);
    }
    expect(await countRows(t.db, users)).toBe(before);
  });

  it("refuse an organisation or district of another municipality", async () => {
    const a = await (
      await admin()
    ).post("/api/users", newUser({ organisationId: t.other.orgs.publicProvider.id }));
    const b = await (await admin()).post("/api/users", newUser({ districtId: t.other.districts.north.id }));
    expect([a.statusCode, b.statusCode]).toEqual([400, 400]);
    expect([errorFields(a), errorFields(b)]).toEqual([["organisationId"], ["districtId"]]);
  });

  it("refuse a password shorter than twelve characters", async () => {
    const res = await (await admin()).post("/api/users", newUser({ password: "eleven-char" }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "password", reason: "too_short" }),
    ]);
  });

  it("refuse a first password that is common or contains the username, writing nothing", async () => {
    const before = await countRows(t.db, users);
    const body = newUser();
    const common = await (await admin()).post("/api/users", { ...body, password: "qwertyuiop123" });
    const named = await (await admin()).post("/api/users", { ...body, password: `${body.username}-kode` });
    expect(errorOf(common).details?.fields).toEqual([
      expect.objectContaining({ field: "password", reason: "password_too_common" }),
    ]);
    expect(errorOf(named).details?.fields).toEqual([
      expect.objectContaining({ field: "password", reason: "password_contains_username" }),
    ]);
    expect(await countRows(t.db, users)).toBe(before);
  });

  it("refuse a temporary password against the policy on reset, keeping the old password", async () => {
    const target = t.tenant.users.evaluator;
    const res = await (
      await admin()
    ).post(`/api/users/${target.id}/reset-password`, { temporaryPassword: "Password2026!" });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "temporaryPassword", reason: "password_too_common" }),
    ]);
    expect(
      (await t.anonymous.post("/api/auth/login", { username: target.username, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it("change role; the user's sessions end so the new role applies from the next login", async () => {
    const { id, username } = (await (await admin()).post("/api/users", newUser())).json() as User;
    await t.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, id));
    const session = await t.login(username, "first-password-1");
    const res = await (await admin()).patch(`/api/users/${id}`, { role: "planner" });
    expect(res.json()).toMatchObject({ role: "planner" });
    expect((await session.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("are deactivated by an administrator: sessions end, login is refused, and it is audited", async () => {
    const { id, username } = (await (await admin()).post("/api/users", newUser())).json() as User;
    await t.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, id));
    const session = await t.login(username, "first-password-1");
    const res = await (await admin()).patch(`/api/users/${id}`, { active: false });
    expect(res.json()).toMatchObject({ active: false });
    expect((await session.get("/api/auth/me")).statusCode).toBe(401);
    expect(
      (await t.anonymous.post("/api/auth/login", { username, password: "first-password-1" })).statusCode,
    ).toBe(401);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, id)));
    expect(rows.map((r) => r.action)).toEqual(["create", "deactivate"]);
  });

  it("cannot be deactivated or demoted by the administrator themselves", async () => {
    const me = t.tenant.users.administrator;
    const off = await (await admin()).patch(`/api/users/${me.id}`, { active: false });
    const demote = await (await admin()).patch(`/api/users/${me.id}`, { role: "manager" });
    expect([off.statusCode, demote.statusCode]).toEqual([400, 400]);
    expect([errorFields(off), errorFields(demote)]).toEqual([["active"], ["role"]]);
    expect((await (await admin()).get("/api/auth/me")).json()).toMatchObject({ role: "administrator" });
  });

  it("of another municipality are 404 to change or reset", async () => {
    const target = t.other.users.planner;
    expect((await (await admin()).patch(`/api/users/${target.id}`, { active: false })).statusCode).toBe(404);
    expect(
      (
        await (
          await admin()
        ).post(`/api/users/${target.id}/reset-password`, { temporaryPassword: "temporary-pass-2" })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.anonymous.post("/api/auth/login", { username: target.username, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });
});

describe("non-administrators", () => {
  it.each(NON_ADMINS)(
    "%s gets 403 on every administrative change and on the user list, and nothing is written",
    async (actor) => {
      const client = await t.as(actor);
      const before = await Promise.all([organisations, districts, users].map((tbl) => countRows(t.db, tbl)));
      const responses = [
        await client.get("/api/users"),
        await client.post("/api/organisations", { name: unique("Ulovlig"), kind: "public_provider" }),
        await client.patch(`/api/organisations/${t.tenant.orgs.publicProvider.id}`, { active: false }),
        await client.post("/api/districts", { name: unique("Ulovligt distrikt") }),
        await client.patch(`/api/districts/${t.tenant.districts.north.id}`, { active: false }),
        await client.post("/api/users", newUserFor(actor)),
        await client.patch(`/api/users/${t.tenant.users.planner.id}`, { active: false }),
        await client.post(`/api/users/${t.tenant.users.planner.id}/reset-password`, {
          temporaryPassword: "temporary-pass-3",
        }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual(Array(responses.length).fill(403));
      expect(await Promise.all([organisations, districts, users].map((tbl) => countRows(t.db, tbl)))).toEqual(
        before,
      );
    },
  );
});

function newUserFor(actor: string) {
  return {
    username: `ulovlig.${actor.replaceAll("_", "-")}`,
    displayName: "X",
    role: "administrator",
    organisationId: t.tenant.orgs.administration.id,
    password: "first-password-1",
  };
}
