/**
 * The idle timeout (issue 18.15): a session left alone longer than SESSION_IDLE_MINUTES ends —
 * 401 and its row deleted — besides the 10-hour lifetime. GET /api/auth/me tells the web app when,
 * and a passive ask (the idle watcher's) does not keep the session alive.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../test/support/test-app.js";
import type { Me } from "../../shared/api/auth.js";
import { sessions } from "../db/schema/index.js";
import { PASSIVE_HEADER, hashToken, touchIntervalMs } from "./auth.js";

const IDLE_MS = 20 * 60_000;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ app: { sessionIdleMs: IDLE_MS } });
});
afterAll(() => t.close());

const tokenHashOf = (c: Client) => hashToken(c.cookie!.split("=")[1]!);

async function lastSeenAgo(c: Client, ms: number) {
  await t.db
    .update(sessions)
    .set({ lastSeenAt: sql`now() - make_interval(secs => ${ms / 1000})` })
    .where(eq(sessions.tokenHash, tokenHashOf(c)));
}

async function lastSeenOf(c: Client): Promise<Date | undefined> {
  const [row] = await t.db
    .select({ at: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.tokenHash, tokenHashOf(c)));
  return row?.at;
}

describe("the idle timeout", () => {
  it("ends a session unused longer than the timeout: 401 and the row is gone", async () => {
    const c = await t.login(t.tenant.users.planner.username);
    await lastSeenAgo(c, IDLE_MS + 5_000);
    const res = await c.get("/api/citizens");
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe("unauthenticated");
    expect(await lastSeenOf(c)).toBeUndefined();
  });

  it("keeps a session used just under the timeout, and its use postpones the deadline", async () => {
    const c = await t.login(t.tenant.users.planner.username);
    await lastSeenAgo(c, IDLE_MS - 30_000);
    expect((await c.get("/api/citizens")).statusCode).toBe(200);
    const seen = await lastSeenOf(c);
    expect(Date.now() - seen!.getTime()).toBeLessThan(10_000);
  });

  it("refreshes lastSeenAt within a sixth of the timeout, so a touch skipped to save writes never costs the session", () => {
    expect(touchIntervalMs(30 * 60_000)).toBe(5 * 60_000);
    expect(touchIntervalMs(IDLE_MS)).toBe(IDLE_MS / 6);
    expect(touchIntervalMs(3 * 60_000)).toBe(30_000);
  });

  it("tells the web app the deadline on /me; a passive ask does not postpone it", async () => {
    const c = await t.login(t.tenant.users.team_leader.username);
    await lastSeenAgo(c, 10 * 60_000);
    const passive = await c.get("/api/auth/me", { headers: { [PASSIVE_HEADER]: "1" } });
    expect(passive.statusCode).toBe(200);
    const idle = (passive.json() as Me).idle!;
    expect(idle.secondsLeft).toBeGreaterThan(9 * 60 - 10);
    expect(idle.secondsLeft).toBeLessThanOrEqual(10 * 60);
    expect(
      Math.abs(new Date(idle.expiresAt).getTime() - (Date.now() + idle.secondsLeft * 1000)),
    ).toBeLessThan(2_000);
    expect(Date.now() - (await lastSeenOf(c))!.getTime()).toBeGreaterThan(9 * 60_000);

    // An ordinary request (the warning's "Fortsæt") touches the session.
    const active = await c.get("/api/auth/me");
    expect((active.json() as Me).idle!.secondsLeft).toBeGreaterThan(IDLE_MS / 1000 - 10);
  });

  it("answers the full timeout at login", async () => {
    const res = await t.anonymous.post("/api/auth/login", {
      username: t.tenant.users.manager.username,
      password: "test-password-2026",
    });
    expect((res.json() as Me).idle!.secondsLeft).toBe(IDLE_MS / 1000);
  });
});
