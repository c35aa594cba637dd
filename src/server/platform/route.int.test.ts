/**
 * The route declaration's guarantees (platform/route.ts), shown on routes declared only for this
 * test beside the real app: the role gate, the audit check with its rollback, idempotency on every
 * write, and the one error shape in the OpenAPI document.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type TestApp } from "../../../test/support/test-app.js";
import type { App } from "../app.js";
import { auditEvents, journalNotes } from "../db/schema/index.js";
import { rawRows } from "../db/client.js";
import { audit } from "./audit.js";
import { declareRoute } from "./route.js";

const tags = ["platform test"];
const Body = z.strictObject({ text: z.string().min(1).max(50) });
const Answer = z.object({ n: z.number() });

/** How many times the write's handler ran: a repeat with the same key must not run it again. */
let writes = 0;

function testRoutes(app: App): void {
  app.register(
    async (api) => {
      declareRoute(api as App, {
        method: "GET",
        url: "/citizen-read/:id",
        tags,
        summary: "reads a citizen and audits it",
        access: { action: "citizen.read" },
        audit: { records: [{ action: "read", entity: "citizen" }] },
        params: z.object({ id: z.uuid() }),
        response: Answer,
        handler: async ({ tx, ctx, params }) => {
          await audit(tx, ctx, {
            action: "read",
            entityType: "citizen",
            entityId: params.id,
            citizenId: params.id,
          });
          return { n: 1 };
        },
      });
      for (const snapshot of [true, false]) {
        declareRoute(api as App, {
          method: "GET",
          url: `/isolation-level/${snapshot ? "snapshot" : "plain"}`,
          tags,
          summary: "answers its transaction's isolation level and role",
          access: { signedIn: true },
          audit: { none: "a test route" },
          ...(snapshot ? { snapshot: "a test of the snapshot declaration" } : {}),
          response: z.object({ level: z.string(), role: z.string() }),
          handler: async ({ tx }) => {
            const [row] = await rawRows<{ level: string; role: string }>(
              tx,
              sql`select current_setting('transaction_isolation') as level, current_user as role`,
            );
            return row!;
          },
        });
      }
      declareRoute(api as App, {
        method: "POST",
        url: "/forgets-audit/:id",
        tags,
        summary: "writes a citizen's journal note but forgets its audit",
        access: { action: "journal.write" },
        audit: { records: [{ action: "create", entity: "journal_note" }] },
        params: z.object({ id: z.uuid() }),
        body: Body,
        response: Answer,
        handler: async ({ tx, ctx, params, body }) => {
          await tx.insert(journalNotes).values({
            municipalityId: ctx.actor.municipalityId,
            citizenId: params.id,
            kind: "observation",
            title: body.text,
            body: body.text,
            authorUserId: ctx.actor.userId,
            authorOrganisationId: ctx.actor.organisationId,
          });
          return { n: 1 };
        },
      });
      declareRoute(api as App, {
        method: "GET",
        url: "/undeclared-audit/:id",
        tags,
        summary: "audits something its declaration does not name",
        access: { action: "citizen.read" },
        audit: { records: [{ action: "read", entity: "citizen" }] },
        params: z.object({ id: z.uuid() }),
        response: Answer,
        handler: async ({ tx, ctx, params }) => {
          await audit(tx, ctx, {
            action: "export",
            entityType: "citizen",
            entityId: params.id,
            citizenId: params.id,
          });
          return { n: 1 };
        },
      });
      declareRoute(api as App, {
        method: "GET",
        url: "/savepoint-audit/:id",
        tags,
        summary: "audits inside a savepoint of its transaction",
        access: { action: "citizen.read" },
        audit: { records: [{ action: "read", entity: "citizen" }] },
        params: z.object({ id: z.uuid() }),
        response: Answer,
        handler: async ({ tx, ctx, params }) => {
          await tx.transaction((sp) =>
            audit(sp, ctx, {
              action: "read",
              entityType: "citizen",
              entityId: params.id,
              citizenId: params.id,
            }),
          );
          return { n: 1 };
        },
      });
      for (const where of ["inside", "outside"] as const) {
        declareRoute(api as App, {
          method: "GET",
          url: `/own-transaction-audit/${where}/:id`,
          tags,
          summary: `audits ${where} a transaction of its own`,
          access: { action: "citizen.read" },
          audit: { records: [{ action: "read", entity: "citizen" }] },
          ownTransaction: "a test of an own transaction's audit",
          params: z.object({ id: z.uuid() }),
          response: Answer,
          handler: async ({ db, ctx, params }) => {
            const entry = {
              action: "read",
              entityType: "citizen",
              entityId: params.id,
              citizenId: params.id,
            } as const;
            if (where === "inside") await db.transaction((tx) => audit(tx, ctx, entry));
            else await audit(db, ctx, entry);
            return { n: 1 };
          },
        });
      }
      declareRoute(api as App, {
        method: "POST",
        url: "/counted-write",
        tags,
        summary: "a write without citizen data",
        access: { signedIn: true },
        audit: { none: "counts only" },
        body: Body,
        response: Answer,
        status: 201,
        handler: async () => ({ n: ++writes }),
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

describe("declareRoute", () => {
  it("refuses at registration a citizen-data route declared without its audit", async () => {
    const app = { database: t.database, route: () => undefined } as unknown as App;
    expect(() =>
      declareRoute(app, {
        method: "GET",
        url: "/x",
        tags,
        summary: "x",
        access: { action: "course.read" },
        audit: { none: "forgot" },
        handler: async () => null,
      }),
    ).toThrow(/must declare what it audits/);
  });

  it("runs the role gate before the handler: a role that may never read citizens gets 403, nothing audited", async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    const res = await (
      await t.as("volunteer_centre_staff")
    ).get(`/api/platform-test/citizen-read/${t.tenant.citizens.andersen.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("lets an allowed role through and keeps its audit row", async () => {
    const res = await (
      await t.as("planner")
    ).get(`/api/platform-test/citizen-read/${t.tenant.citizens.andersen.id}`);
    expect(res.statusCode).toBe(200);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, t.tenant.citizens.andersen.id));
    expect(rows.some((r) => r.action === "read" && r.entityType === "citizen")).toBe(true);
  });

  it("answers 500 and rolls the write back when the handler records no audit", async () => {
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/platform-test/forgets-audit/${t.tenant.citizens.andersen.id}`, { text: "never kept" });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("internal_error");
    const notes = await t.db
      .select()
      .from(journalNotes)
      .where(eq(journalNotes.citizenId, t.tenant.citizens.andersen.id));
    expect(notes).toHaveLength(0);
  });

  it("answers 500 when the handler records an audit its declaration does not name", async () => {
    const res = await (
      await t.as("planner")
    ).get(`/api/platform-test/undeclared-audit/${t.tenant.citizens.andersen.id}`);
    expect(res.statusCode).toBe(500);
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "export"));
    expect(rows).toHaveLength(0);
  });

  it("counts an audit written in a savepoint of the route's transaction", async () => {
    const res = await (
      await t.as("planner")
    ).get(`/api/platform-test/savepoint-audit/${t.tenant.citizens.bech.id}`);
    expect(res.statusCode).toBe(200);
  });

  it("counts an audit written in a route's own transaction, and fails closed on one written outside any", async () => {
    const planner = await t.as("planner");
    const id = t.tenant.citizens.bech.id;
    expect((await planner.get(`/api/platform-test/own-transaction-audit/inside/${id}`)).statusCode).toBe(200);
    expect((await planner.get(`/api/platform-test/own-transaction-audit/outside/${id}`)).statusCode).toBe(
      500,
    );
  });

  it("keeps each request's audit apart when requests run at the same time", async () => {
    const planner = await t.as("planner");
    const id = t.tenant.citizens.andersen.id;
    const paths = Array.from({ length: 16 }, (_, i) =>
      i % 2 === 0 ? `/api/platform-test/citizen-read/${id}` : `/api/platform-test/undeclared-audit/${id}`,
    );
    const answers = await Promise.all(paths.map((path) => planner.get(path)));
    expect(answers.map((a) => a.statusCode)).toEqual(paths.map((_, i) => (i % 2 === 0 ? 200 : 500)));
  });

  it("runs every write once per Idempotency-Key, without the handler asking for it", async () => {
    const planner = await t.as("planner");
    const headers = { "idempotency-key": "platform-test-key-1" };
    const first = await planner.post("/api/platform-test/counted-write", { text: "a" }, { headers });
    const again = await planner.post("/api/platform-test/counted-write", { text: "a" }, { headers });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(writes).toBe(1);
    const reused = await planner.post("/api/platform-test/counted-write", { text: "b" }, { headers });
    expect(reused.statusCode).toBe(422);
  });

  it("runs a staff request under its municipality's row-level security role, at REPEATABLE READ when declared a snapshot", async () => {
    const client = await t.as("planner");
    expect((await client.get("/api/platform-test/isolation-level/snapshot")).json()).toEqual({
      level: "repeatable read",
      role: "broen_tenant",
    });
    expect((await client.get("/api/platform-test/isolation-level/plain")).json()).toEqual({
      level: "read committed",
      role: "broen_tenant",
    });
  });

  it("names the field of bad input in the one error shape", async () => {
    const res = await (await t.as("planner")).post("/api/platform-test/counted-write", { text: "" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe("text");
  });

  it("declares the error answers once, with policy and audit in the description, for every route", async () => {
    const doc = (await t.anonymous.get("/api/openapi.json")).json() as {
      paths: Record<string, Record<string, { description?: string; responses: Record<string, unknown> }>>;
    };
    const op = doc.paths["/api/platform-test/citizen-read/{id}"]!.get!;
    expect(Object.keys(op.responses).sort()).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "409",
      "413",
      "422",
      "429",
      "503",
    ]);
    expect(op.description).toContain("Policy: citizen.read.");
    expect(op.description).toContain("Audit: read citizen.");
  });
});
