/**
 * The guarantees whose mechanism decision 0092 made cheaper, shown through the app: the audit
 * helper's one-statement insert (every entry a row, in order, in the read's transaction), the
 * session lookup built once (a revoked session still stops on the very next request), the
 * idempotency statements written by hand, and compression in one synchronous call.
 */
import { brotliDecompressSync } from "node:zlib";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type TestApp } from "../../../test/support/test-app.js";
import type { App } from "../app.js";
import { auditEvents, idempotencyKeys, sessions, users } from "../db/schema/index.js";
import { audit } from "./audit.js";
import { SESSION_COOKIE, hashToken } from "./auth.js";
import { declareRoute } from "./route.js";

const tags = ["platform test"];
const Ids = z.strictObject({ ids: z.array(z.uuid()).min(1).max(50), fail: z.boolean().optional() });
const Answer = z.object({ n: z.number() });
const Big = z.object({ items: z.array(z.object({ i: z.number(), text: z.string() })) });

let emptyWrites = 0;

function testRoutes(app: App): void {
  app.register(
    async (api) => {
      declareRoute(api as App, {
        method: "POST",
        url: "/search-many",
        tags,
        summary: "shows several citizens under one criterion, one audit row each",
        access: { action: "citizen.list" },
        audit: { records: [{ action: "search", entity: "citizen" }] },
        readOnly: "a test search",
        body: Ids,
        response: Answer,
        handler: async ({ tx, ctx, body }) => {
          const criterion = { q: "Søgesen 0202300002", page: 1 };
          await audit(
            tx,
            ctx,
            body.ids.map((id) => ({
              action: "search" as const,
              entityType: "citizen",
              entityId: id,
              citizenId: id,
              criterion,
            })),
          );
          // An entry with nothing but its action and entity: the absent values are SQL NULL.
          await audit(tx, ctx, { action: "search", entityType: "citizen" });
          if (body.fail) throw new Error("fails after its audit");
          return { n: body.ids.length };
        },
      });
      declareRoute(api as App, {
        method: "POST",
        url: "/empty-write",
        tags,
        summary: "a write with an empty answer",
        access: { signedIn: true },
        audit: { none: "counts only" },
        status: 204,
        handler: async () => {
          emptyWrites++;
          return null;
        },
      });
      declareRoute(api as App, {
        method: "GET",
        url: "/big",
        tags,
        summary: "an answer well above the compression threshold",
        access: { signedIn: true },
        audit: { none: "no people" },
        response: Big,
        handler: async () => ({
          items: Array.from({ length: 400 }, (_, i) => ({
            i,
            text: `linje ${i} i et svar på over tyve kilobyte`,
          })),
        }),
      });
    },
    { prefix: "/api/platform-test" },
  );
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ extraRoutes: testRoutes });
});
afterAll(() => t?.close());

const auditRowsOf = (ids: string[]) =>
  t.db.select().from(auditEvents).where(inArray(auditEvents.citizenId, ids)).orderBy(auditEvents.id);

describe("the audit helper's one-statement insert", () => {
  it("writes one row per entry, in the order given, with the caller and the redacted criterion", async () => {
    const ids = Array.from({ length: 25 }, () => crypto.randomUUID());
    const before = await t.db.select({ n: sql<number>`max(id)` }).from(auditEvents);
    const res = await (
      await t.as("planner")
    ).post("/api/platform-test/search-many", { ids }, { headers: { "user-agent": "test-browser/2.0" } });
    expect(res.statusCode).toBe(200);
    const rows = await auditRowsOf(ids);
    expect(rows.map((r) => r.citizenId)).toEqual(ids);
    expect(rows.map((r) => r.entityId)).toEqual(ids);
    for (const r of rows)
      expect(r).toMatchObject({
        municipalityId: t.tenant.municipality.id,
        actorUserId: t.tenant.users.planner.id,
        actorRole: "planner",
        action: "search",
        entityType: "citizen",
        criterion: { q: "Søgesen 020230-XXXX", page: 1 },
        ip: "127.0.0.1",
        userAgent: "test-browser/2.0",
      });
    // All rows of one request carry the transaction's time.
    expect(new Set(rows.map((r) => r.at.getTime())).size).toBe(1);
    const bare = await t.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.id} > ${before[0]!.n ?? 0} and ${auditEvents.citizenId} is null`);
    expect(bare).toHaveLength(1);
    expect(bare[0]).toMatchObject({ entityId: null, citizenId: null, criterion: null });
    const isSqlNull = await t.db.execute(
      sql`select count(*)::int as n from audit_events where id = ${bare[0]!.id} and criterion is null`,
    );
    expect((isSqlNull as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it("keeps no row when the request fails after recording: the rows are the read's transaction", async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const res = await (await t.as("planner")).post("/api/platform-test/search-many", { ids, fail: true });
    expect(res.statusCode).toBe(500);
    expect(await auditRowsOf(ids)).toHaveLength(0);
  });
});

describe("the session lookup built once", () => {
  it("refuses a session deleted in the database on the very next request", async () => {
    const client = await t.login(t.tenant.users.planner.username);
    expect((await client.get("/api/auth/me")).statusCode).toBe(200);
    const token = client.cookie!.slice(`${SESSION_COOKIE}=`.length);
    const deleted = await t.db
      .delete(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)))
      .returning({ h: sessions.tokenHash });
    expect(deleted).toHaveLength(1);
    expect((await client.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("refuses a logged-out session and a deactivated user's session on the very next request", async () => {
    const out = await t.login(t.tenant.users.planner.username);
    expect((await out.get("/api/auth/me")).statusCode).toBe(200);
    expect((await out.post("/api/auth/logout")).statusCode).toBeLessThan(300);
    expect((await out.get("/api/auth/me")).statusCode).toBe(401);

    const user = t.tenant.users.home_care_worker;
    const client = await t.login(user.username);
    expect((await client.get("/api/auth/me")).statusCode).toBe(200);
    await t.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    try {
      expect((await client.get("/api/auth/me")).statusCode).toBe(401);
    } finally {
      await t.db.update(users).set({ active: true }).where(eq(users.id, user.id));
    }
  });
});

describe("idempotency written by hand", () => {
  it("stores an empty answer as SQL NULL and repeats it without running the write again", async () => {
    const planner = await t.as("planner");
    const headers = { "idempotency-key": "cost-test-empty-1" };
    const first = await planner.post("/api/platform-test/empty-write", undefined, { headers });
    const again = await planner.post("/api/platform-test/empty-write", undefined, { headers });
    expect([first.statusCode, again.statusCode]).toEqual([204, 204]);
    expect(again.body).toBe("");
    expect(emptyWrites).toBe(1);
    const [row] = await t.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, "cost-test-empty-1"));
    expect(row).toMatchObject({ userId: t.tenant.users.planner.id, statusCode: 204, responseBody: null });
  });
});

describe("compression", () => {
  it("compresses a JSON answer above the stream threshold in one piece, with its length", async () => {
    const planner = await t.as("planner");
    const plain = await planner.get("/api/platform-test/big", { headers: { "accept-encoding": "identity" } });
    expect(plain.rawPayload.length).toBeGreaterThan(20_000);
    const res = await planner.get("/api/platform-test/big", { headers: { "accept-encoding": "br" } });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(Number(res.headers["content-length"])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString("utf8"))).toEqual(plain.json());
  });
});
