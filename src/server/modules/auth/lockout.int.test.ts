/**
 * Wrong passwords slow down the address they come from, for that username only: an attacker
 * cannot lock the owner out, the waits grow, and an administrator's unlock or reset lifts them.
 * Counters live in the database, so two app instances on it count together.
 */
import { and, eq, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD, createTenant } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { App } from "../../app.js";
import { openDatabase } from "../../db/client.js";
import { loginThrottle } from "../../db/schema/index.js";
import type { User } from "../../../shared/api/admin.js";
import { FIRST_DELAY_SECONDS, FREE_FAILURES, MAX_DELAY_SECONDS, delayAfterFailures } from "./throttle.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const ATTACKER = "198.51.100.7";
const OWNER = "203.0.113.20";

function loginFrom(
  address: string,
  username: string,
  password: string,
  app: App = t.app,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress: address,
    headers: { "content-type": "application/json" },
    payload: JSON.stringify({ username, password }),
  });
}

async function failFrom(address: string, username: string, times: number) {
  for (let i = 0; i < times; i++)
    expect((await loginFrom(address, username, `wrong-password-${i}`)).statusCode).toBe(401);
}

/** Moves the clock past the current wait of (username, address). */
async function waitOut(username: string, address: string) {
  await t.db
    .update(loginThrottle)
    .set({ lockedUntil: sql`now() - interval '1 second'` })
    .where(and(eq(loginThrottle.username, username), eq(loginThrottle.client, address)));
}

describe("delays after wrong passwords", () => {
  it("hold up the attacker's address, never the owner at another", async () => {
    const username = (await createTenant(t.db)).users.home_care_worker.username;
    await failFrom(ATTACKER, username, FREE_FAILURES);
    const held = await loginFrom(ATTACKER, username, TEST_PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(errorOf(held).code).toBe("account_locked");
    expect(Number(held.headers["retry-after"])).toBeGreaterThan(0);
    expect(held.headers["set-cookie"]).toBeUndefined();

    const owner = await loginFrom(OWNER, username, TEST_PASSWORD);
    expect(owner.statusCode).toBe(200);
    // The owner's success does not wipe the attacker's count.
    expect((await loginFrom(ATTACKER, username, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it("grow with every further failure, up to a cap", async () => {
    expect([4, 5, 6, 7, 8, 20].map(delayAfterFailures)).toEqual([
      0,
      FIRST_DELAY_SECONDS,
      2 * FIRST_DELAY_SECONDS,
      4 * FIRST_DELAY_SECONDS,
      8 * FIRST_DELAY_SECONDS,
      MAX_DELAY_SECONDS,
    ]);
    const username = (await createTenant(t.db)).users.planner.username;
    await failFrom(ATTACKER, username, FREE_FAILURES);
    const waits: number[] = [];
    for (let step = 0; step < 3; step++) {
      waits.push(Number((await loginFrom(ATTACKER, username, "wrong-again-1234")).headers["retry-after"]));
      await waitOut(username, ATTACKER);
      expect((await loginFrom(ATTACKER, username, "wrong-again-1234")).statusCode).toBe(401);
    }
    waits.push(Number((await loginFrom(ATTACKER, username, "wrong-again-1234")).headers["retry-after"]));
    expect(waits).toEqual([
      FIRST_DELAY_SECONDS,
      2 * FIRST_DELAY_SECONDS,
      4 * FIRST_DELAY_SECONDS,
      8 * FIRST_DELAY_SECONDS,
    ]);
    // Once the wait is over, the right password still gets in and forgets the count.
    await waitOut(username, ATTACKER);
    expect((await loginFrom(ATTACKER, username, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await t.db.select().from(loginThrottle).where(eq(loginThrottle.username, username))).toEqual([]);
  });

  it("count an unknown username the same way, so a delay tells nothing about which names exist", async () => {
    const known = (await createTenant(t.db)).users.community_coordinator.username;
    await failFrom(ATTACKER, known, FREE_FAILURES);
    await failFrom(ATTACKER, "no-such-user-here", FREE_FAILURES);
    const a = await loginFrom(ATTACKER, known, "another-wrong-pw");
    const b = await loginFrom(ATTACKER, "no-such-user-here", "another-wrong-pw");
    expect([a.statusCode, b.statusCode]).toEqual([429, 429]);
    // The same answer but for the seconds left: a busy machine may take a second between the bursts.
    const shape = (body: string) => body.replace(/"retryAfterSeconds":\d+/, '"retryAfterSeconds":0');
    expect(shape(b.body)).toBe(shape(a.body));
    const left = (body: string) => Number(/"retryAfterSeconds":(\d+)/.exec(body)?.[1]);
    expect(Math.abs(left(b.body) - left(a.body))).toBeLessThanOrEqual(5);
  });
});

describe("an administrator", () => {
  it("sees the delay on the user and lifts it for every address", async () => {
    const tenant = await createTenant(t.db);
    const target = tenant.users.team_leader;
    const admin = await t.as("administrator", tenant);
    await failFrom(ATTACKER, target.username, FREE_FAILURES);
    await failFrom(OWNER, target.username, FREE_FAILURES);
    const listed = ((await admin.get("/api/users")).json() as User[]).find((u) => u.id === target.id);
    expect(listed?.loginDelayed).toBe(true);

    const res = await admin.post(`/api/users/${target.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: target.id, loginDelayed: false });
    expect((await loginFrom(OWNER, target.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await loginFrom(ATTACKER, target.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("lifts it with a password reset", async () => {
    const tenant = await createTenant(t.db);
    const target = tenant.users.manager;
    await failFrom(OWNER, target.username, FREE_FAILURES);
    expect((await loginFrom(OWNER, target.username, TEST_PASSWORD)).statusCode).toBe(429);
    const reset = await (
      await t.as("administrator", tenant)
    ).post(`/api/users/${target.id}/reset-password`, { temporaryPassword: "temporary-pass-after-lock" });
    expect(reset.statusCode).toBe(200);
    expect((await loginFrom(OWNER, target.username, "temporary-pass-after-lock")).statusCode).toBe(200);
  });

  it("of another municipality cannot unlock: 404", async () => {
    const res = await (
      await t.as("administrator", t.other)
    ).post(`/api/users/${t.tenant.users.planner.id}/unlock`);
    expect(res.statusCode).toBe(404);
  });
});

describe("two app instances on one database", () => {
  it("share the delays and the per-address rate limit", async () => {
    const secondDatabase = t.url ? await openDatabase({ url: t.url, poolSize: 2 }) : t.database;
    const one = await buildTestApp({
      database: secondDatabase,
      tenants: { tenant: t.tenant, other: t.other },
      app: { loginRateLimit: 4 },
    });
    const two = await buildTestApp({
      database: t.database,
      tenants: { tenant: t.tenant, other: t.other },
      app: { loginRateLimit: 4 },
    });
    try {
      const username = (await createTenant(t.db)).users.evaluator.username;
      const address = "192.0.2.99";
      // Failures split over the two processes add up to one delay.
      for (let i = 0; i < FREE_FAILURES; i++)
        await loginFrom(address, username, `wrong-${i}-password`, i % 2 ? one.app : two.app);
      expect((await loginFrom(address, username, TEST_PASSWORD, one.app)).statusCode).toBe(429);
      expect((await loginFrom(address, username, TEST_PASSWORD, two.app)).statusCode).toBe(429);

      // The rate limit (4 a minute from an address) counts requests to either process.
      const other = "192.0.2.100";
      const statuses = [];
      for (const app of [one.app, two.app, one.app, two.app, one.app])
        statuses.push((await loginFrom(other, "nobody-x", "wrong-password-x", app)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await one.close();
      await two.close();
      if (secondDatabase !== t.database) await secondDatabase.close();
    }
  });
});
