import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD, createTenant } from "../../../../test/support/factories.js";
import {
  type TestApp,
  buildTestApp,
  errorOf,
  makeClient,
  sessionCookieOf,
} from "../../../../test/support/test-app.js";
import { openDatabase } from "../../db/client.js";
import { loginThrottle, sessions, users } from "../../db/schema/index.js";
import { SESSION_COOKIE } from "../../platform/auth.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const loginBody = (username: string, password: string) => ({ username, password });

describe("login", () => {
  it("answers with who the user is and sets an httpOnly, SameSite=Lax session cookie", async () => {
    const u = t.tenant.users.planner;
    const res = await t.anonymous.post("/api/auth/login", loginBody(u.username, TEST_PASSWORD));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      userId: u.id,
      username: u.username,
      role: "planner",
      mustChangePassword: false,
      municipality: { id: t.tenant.municipality.id },
      organisation: { id: t.tenant.orgs.publicProvider.id, kind: "public_provider" },
      district: { id: t.tenant.districts.north.id, name: "Distrikt Nord" },
    });
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
  });

  it("stores only a hash of the session token in the database", async () => {
    const res = await t.anonymous.post(
      "/api/auth/login",
      loginBody(t.tenant.users.manager.username, TEST_PASSWORD),
    );
    const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const rows = await t.db
      .select({ tokenHash: sessions.tokenHash })
      .from(sessions)
      .where(eq(sessions.userId, t.tenant.users.manager.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.tokenHash)).not.toContain(token);
  });

  it("accepts the username in any letter case", async () => {
    const res = await t.anonymous.post(
      "/api/auth/login",
      loginBody(t.tenant.users.evaluator.username.toUpperCase(), TEST_PASSWORD),
    );
    expect(res.statusCode).toBe(200);
  });

  it("gives identical answers for an unknown user and a wrong password", async () => {
    const unknown = await t.anonymous.post("/api/auth/login", loginBody("nobody-here", "wrong-password-1"));
    const wrong = await t.anonymous.post(
      "/api/auth/login",
      loginBody(t.tenant.users.team_leader.username, "wrong-password-1"),
    );
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(errorOf(wrong).code).toBe("invalid_credentials");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("locks a username after five wrong passwords, also against the right password", async () => {
    const username = (await createTenant(t.db)).users.home_care_worker.username;
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.anonymous.post("/api/auth/login", loginBody(username, `wrong-${i}-password`))).statusCode,
      ).toBe(401);
    }
    const locked = await t.anonymous.post("/api/auth/login", loginBody(username, TEST_PASSWORD));
    expect(locked.statusCode).toBe(429);
    expect(errorOf(locked).code).toBe("account_locked");
    expect(locked.headers["set-cookie"]).toBeUndefined();
  });

  it("locks an unknown username the same way, so a lock tells nothing about which names exist", async () => {
    const known = (await createTenant(t.db)).users.community_coordinator.username;
    for (const username of [known, "no-such-user"]) {
      for (let i = 0; i < 5; i++)
        await t.anonymous.post("/api/auth/login", loginBody(username, `wrong-${i}-password`));
    }
    const lockedKnown = await t.anonymous.post("/api/auth/login", loginBody(known, "another-wrong-pw"));
    const lockedUnknown = await t.anonymous.post(
      "/api/auth/login",
      loginBody("no-such-user", "another-wrong-pw"),
    );
    expect(lockedKnown.statusCode).toBe(429);
    // Identical but for the seconds left, which depend on when each lock began (a busy machine
    // may take a second or two between the two bursts).
    const shape = (body: string) => body.replace(/"retryAfterSeconds":\d+/, '"retryAfterSeconds":0');
    expect(shape(lockedUnknown.body)).toBe(shape(lockedKnown.body));
    const left = (body: string) => Number(/"retryAfterSeconds":(\d+)/.exec(body)?.[1]);
    expect(Math.abs(left(lockedUnknown.body) - left(lockedKnown.body))).toBeLessThanOrEqual(5);
  });

  it("lets the user in again once the lock has expired, and a success clears the failures", async () => {
    const username = (await createTenant(t.db)).users.volunteer_centre_staff.username;
    for (let i = 0; i < 5; i++)
      await t.anonymous.post("/api/auth/login", loginBody(username, `wrong-${i}-password`));
    await t.db
      .update(loginThrottle)
      .set({ lockedUntil: sql`now() - interval '1 minute'` })
      .where(eq(loginThrottle.username, username));
    expect((await t.anonymous.post("/api/auth/login", loginBody(username, TEST_PASSWORD))).statusCode).toBe(
      200,
    );
    expect(await t.db.select().from(loginThrottle).where(eq(loginThrottle.username, username))).toEqual([]);
  });

  it("refuses a deactivated user with the same answer as a wrong password", async () => {
    const other = await createTenant(t.db);
    await t.db.update(users).set({ active: false }).where(eq(users.id, other.users.planner.id));
    const res = await t.anonymous.post(
      "/api/auth/login",
      loginBody(other.users.planner.username, TEST_PASSWORD),
    );
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe("invalid_credentials");
  });
});

describe("the session", () => {
  it("identifies the user on GET /auth/me", async () => {
    const admin = await t.as("administrator");
    const res = await admin.get("/api/auth/me");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: t.tenant.users.administrator.id, role: "administrator" });
  });

  it("is required: without a cookie, or with a made-up one, /auth/me is 401 in the error shape", async () => {
    for (const client of [t.anonymous, t.client(`${SESSION_COOKIE}=made-up-token`)]) {
      const res = await client.get("/api/auth/me");
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe("unauthenticated");
    }
  });

  it("ends at logout: the cookie is cleared and the token no longer works", async () => {
    const client = await t.login(t.tenant.users.planner.username);
    const res = await client.post("/api/auth/logout");
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe("");
    expect((await client.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("is refused after it has expired", async () => {
    const client = await t.login(t.tenant.users.manager.username);
    await t.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, t.tenant.users.manager.id));
    expect((await client.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("stops working when the user is deactivated", async () => {
    const other = await createTenant(t.db);
    const client = await t.login(other.users.team_leader.username);
    expect((await client.get("/api/auth/me")).statusCode).toBe(200);
    await t.db.update(users).set({ active: false }).where(eq(users.id, other.users.team_leader.id));
    expect((await client.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("lives in the database, so a second app instance on the same database accepts it", async () => {
    const client = await t.login(t.tenant.users.evaluator.username);
    // PostgreSQL: a second process would have its own pool; PGlite has one connection per process.
    const secondDatabase = t.url ? await openDatabase({ url: t.url, poolSize: 2 }) : t.database;
    const second = await buildTestApp({
      database: secondDatabase,
      tenants: { tenant: t.tenant, other: t.other },
    });
    try {
      const res = await makeClient(second.app, client.cookie).get("/api/auth/me");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ userId: t.tenant.users.evaluator.id });
    } finally {
      await second.close();
      if (secondDatabase !== t.database) await secondDatabase.close();
    }
  });
});

describe("changing one's password", () => {
  it("is forced after an administrator's reset: other routes answer 403 until POST /auth/password", async () => {
    const other = await createTenant(t.db);
    const admin = await t.as("administrator", other);
    const target = other.users.planner;
    const oldSession = await t.login(target.username);
    const reset = await admin.post(`/api/users/${target.id}/reset-password`, {
      temporaryPassword: "temporary-pass-1",
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ mustChangePassword: true });
    expect((await oldSession.get("/api/auth/me")).statusCode).toBe(401);

    const login = await t.anonymous.post("/api/auth/login", loginBody(target.username, "temporary-pass-1"));
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mustChangePassword: true });
    const client = t.client(sessionCookieOf(login));
    const blocked = await client.get("/api/citizens");
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).code).toBe("password_change_required");
    expect((await client.get("/api/auth/me")).statusCode).toBe(200);

    const changed = await client.post("/api/auth/password", {
      currentPassword: "temporary-pass-1",
      newPassword: "my-own-password-9",
    });
    expect(changed.statusCode).toBe(204);
    expect((await client.get("/api/citizens")).statusCode).toBe(200);
    expect(
      (await t.anonymous.post("/api/auth/login", loginBody(target.username, "my-own-password-9"))).statusCode,
    ).toBe(200);
  });

  it("ends the user's other sessions but keeps the current one", async () => {
    const other = await createTenant(t.db);
    const username = other.users.manager.username;
    const current = await t.login(username);
    const elsewhere = await t.login(username);
    const res = await current.post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "a-brand-new-pass",
    });
    expect(res.statusCode).toBe(204);
    expect((await current.get("/api/auth/me")).statusCode).toBe(200);
    expect((await elsewhere.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("refuses a wrong current password, naming the field, and keeps the old password", async () => {
    const other = await createTenant(t.db);
    const client = await t.login(other.users.evaluator.username);
    const res = await client.post("/api/auth/password", {
      currentPassword: "not-my-password",
      newPassword: "a-brand-new-pass",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([expect.objectContaining({ field: "currentPassword" })]);
    expect(
      (await t.anonymous.post("/api/auth/login", loginBody(other.users.evaluator.username, TEST_PASSWORD)))
        .statusCode,
    ).toBe(200);
  });

  it("refuses a new password shorter than twelve characters", async () => {
    const client = await t.as("evaluator");
    const res = await client.post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "eleven-char",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "newPassword", reason: "too_short" }),
    ]);
  });

  it("applies the password policy, naming newPassword with a message in the caller's language", async () => {
    const other = await createTenant(t.db);
    const username = other.users.planner.username;
    const client = await t.login(username);
    const cases = [
      {
        newPassword: `${username}-2026`,
        reason: "password_contains_username",
        en: "must not be or contain the username",
      },
      { newPassword: "Password2026!", reason: "password_too_common", en: "too common" },
      { newPassword: TEST_PASSWORD, reason: "password_reused", en: "not the one you have now" },
    ];
    for (const c of cases) {
      const res = await client.post(
        "/api/auth/password",
        { currentPassword: TEST_PASSWORD, newPassword: c.newPassword },
        { headers: { "accept-language": "en" } },
      );
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.fields).toEqual([
        expect.objectContaining({
          field: "newPassword",
          reason: c.reason,
          message: expect.stringContaining(c.en),
        }),
      ]);
    }
    const da = await client.post("/api/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "Password2026!",
    });
    expect(errorOf(da).details?.fields?.[0]?.message).toContain("for almindelig");
    expect((await t.anonymous.post("/api/auth/login", loginBody(username, TEST_PASSWORD))).statusCode).toBe(
      200,
    );
  });

  it("refuses the temporary password again after a reset", async () => {
    const other = await createTenant(t.db);
    const admin = await t.as("administrator", other);
    const target = other.users.team_leader;
    expect(
      (await admin.post(`/api/users/${target.id}/reset-password`, { temporaryPassword: "temporary-pass-7" }))
        .statusCode,
    ).toBe(200);
    const client = await t.login(target.username, "temporary-pass-7");
    const res = await client.post("/api/auth/password", {
      currentPassword: "temporary-pass-7",
      newPassword: "temporary-pass-7",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "newPassword", reason: "password_reused" }),
    ]);
  });
});
