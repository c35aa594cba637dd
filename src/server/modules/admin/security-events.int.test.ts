/**
 * The security log (issue 18.9): sign-ins, failed sign-ins, lock-outs, logouts, password changes
 * and an administrator's acts on accounts are written; only administrators read them, only their
 * own municipality's, newest first, filtered by kind and day.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KEYS, TEST_PASSWORD, type Tenant, createTenant } from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  makeClient,
  sessionCookieOf,
} from "../../../../test/support/test-app.js";
import type { SecurityEventRow, SecurityEventsPage } from "../../../shared/api/security.js";
import { securityEvents } from "../../db/schema/index.js";
import { FREE_FAILURES } from "../auth/throttle.js";

let t: TestApp;
let tenant: Tenant;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  // A municipality of its own, so the counts below are this file's only.
  tenant = await createTenant(t.db);
  admin = await t.as("administrator", tenant);
});
afterAll(async () => {
  await t?.close();
});

const UA = "Mozilla/5.0 (Linux; Android 14) Tablet";

function loginAs(username: string, password: string, address = "203.0.113.9") {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress: address,
    headers: { "content-type": "application/json", "user-agent": UA },
    payload: JSON.stringify({ username, password }),
  });
}

async function events(query = "", as: Client = admin): Promise<SecurityEventsPage> {
  const res = await as.get(`/api/admin/security-events${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as SecurityEventsPage;
}

async function latestFor(
  username: string,
  kind: SecurityEventRow["kind"],
  as: Client = admin,
): Promise<SecurityEventRow | undefined> {
  return (await events(`?kind=${kind}&pageSize=100`, as)).items.find((e) => e.username === username);
}

describe("the security log", () => {
  it("records a login with address and user agent, a failed login with the username tried but never the password, and a logout", async () => {
    const user = tenant.users.planner;
    const ok = await loginAs(user.username, TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    const wrong = "wrong-secret-Xy12";
    expect((await loginAs(user.username, wrong)).statusCode).toBe(401);

    const success = await latestFor(user.username, "login_succeeded");
    expect(success).toMatchObject({ user: { id: user.id }, ip: "203.0.113.9", userAgent: UA, actor: null });
    const failure = await latestFor(user.username, "login_failed");
    expect(failure).toMatchObject({ user: { id: user.id }, ip: "203.0.113.9", userAgent: UA });
    const stored = await t.db.select().from(securityEvents);
    expect(JSON.stringify(stored)).not.toContain(wrong);
    expect(JSON.stringify(stored)).not.toContain(TEST_PASSWORD);

    const session = makeClient(t.app, sessionCookieOf(ok));
    expect((await session.post("/api/auth/logout")).statusCode).toBe(204);
    expect(await latestFor(user.username, "logout")).toMatchObject({ user: { id: user.id } });
  });

  it("records when wrong passwords start a lock-out, once", async () => {
    const user = tenant.users.team_leader;
    for (let i = 0; i < FREE_FAILURES + 1; i++)
      await loginAs(user.username, `wrong-password-${i}`, "198.51.100.77");
    const locked = (await events("?kind=login_locked&pageSize=100")).items.filter(
      (e) => e.username === user.username,
    );
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ ip: "198.51.100.77", user: { id: user.id } });
  });

  it("records a password change, and an administrator's reset, unlock, role change and deactivation with the administrator as actor", async () => {
    // Users of a municipality of their own: these changes would spoil the logins of the other tests.
    const acted = await createTenant(t.db);
    const actingAdmin = await t.as("administrator", acted);
    const worker = acted.users.home_care_worker;
    const self = await t.login(worker.username);
    expect(
      (
        await self.post("/api/auth/password", {
          currentPassword: TEST_PASSWORD,
          newPassword: "en-helt-ny-kode-2026",
        })
      ).statusCode,
    ).toBe(204);
    expect(await latestFor(worker.username, "password_changed", actingAdmin)).toMatchObject({
      user: { id: worker.id },
      actor: null,
    });

    const target = acted.users.evaluator;
    const adminId = acted.users.administrator.id;
    const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBe(200);
    ok(
      await actingAdmin.post(`/api/users/${target.id}/reset-password`, {
        temporaryPassword: "midlertidig-kode-8817",
      }),
    );
    ok(await actingAdmin.post(`/api/users/${target.id}/unlock`));
    ok(await actingAdmin.patch(`/api/users/${target.id}`, { role: "manager" }));
    ok(await actingAdmin.patch(`/api/users/${target.id}`, { active: false }));
    for (const kind of ["password_reset", "account_unlocked", "role_changed", "user_deactivated"] as const) {
      expect(await latestFor(target.username, kind, actingAdmin), kind).toMatchObject({
        user: { id: target.id },
        actor: { id: adminId },
      });
    }
    // A change that is not of role or activity is no security event.
    const before = (await events("?pageSize=1", actingAdmin)).total;
    ok(await actingAdmin.patch(`/api/users/${target.id}`, { displayName: "Nyt Navn" }));
    expect((await events("?pageSize=1", actingAdmin)).total).toBe(before);
  });

  it("lists newest first, pages, and filters by kind and day", async () => {
    const all = await events("?pageSize=100");
    const times = all.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    const page2 = await events("?pageSize=2&page=2");
    expect(page2.items.map((e) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
    expect(page2.total).toBe(all.total);

    const onlyLogouts = await events("?kind=logout&pageSize=100");
    expect(onlyLogouts.items.length).toBeGreaterThan(0);
    expect(onlyLogouts.items.every((e) => e.kind === "logout")).toBe(true);

    // One event moved to an earlier day is outside "today" and inside that day.
    const moved = all.items.at(-1)!;
    await t.db
      .update(securityEvents)
      .set({ at: sql`'2026-03-01T10:00:00+01:00'::timestamptz` })
      .where(eq(securityEvents.id, moved.id));
    const thatDay = await events("?from=2026-03-01&to=2026-03-01");
    expect(thatDay.items.map((e) => e.id)).toEqual([moved.id]);
    expect((await events("?from=2026-03-02&pageSize=100")).items.map((e) => e.id)).not.toContain(moved.id);
    expect((await admin.get("/api/admin/security-events?from=1.3.2026")).statusCode).toBe(400);
  });

  it("is for administrators only, and only their own municipality's", async () => {
    for (const actor of ACTOR_KEYS.filter((a) => a !== "administrator")) {
      expect((await (await t.as(actor, tenant)).get("/api/admin/security-events")).statusCode, actor).toBe(
        403,
      );
    }
    expect((await t.anonymous.get("/api/admin/security-events")).statusCode).toBe(401);
    const mine = await events("?pageSize=100");
    const otherAdmin = await t.as("administrator", t.other);
    const theirs = (
      await otherAdmin.get("/api/admin/security-events?pageSize=100")
    ).json() as SecurityEventsPage;
    const mineIds = new Set(mine.items.map((e) => e.id));
    expect(theirs.items.some((e) => mineIds.has(e.id))).toBe(false);
    const ourUsernames = new Set(Object.values(tenant.users).map((u) => u.username));
    expect(theirs.items.some((e) => e.username !== null && ourUsernames.has(e.username))).toBe(false);
  });
});
