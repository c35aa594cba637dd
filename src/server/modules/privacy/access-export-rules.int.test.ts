/**
 * Producing the right-of-access export (GDPR art. 15, issue 13 point 1): administrators only, 404
 * outside the municipality; itself on the citizen's audit trail; neither CPR nor name in the URL or
 * a log line; one REPEATABLE READ snapshot; given while processing is restricted; and every table of
 * the database with a citizen_id column is one the export shows. Its content:
 * access-export.int.test.ts.
 */
import { tenantTransaction } from "../../platform/tenant-isolation.js";
import { Writable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SweepFixture, buildSweepFixture } from "../../../../test/support/route-sweep.js";
import { ACTOR_KEYS } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { rawRows } from "../../db/client.js";
import { auditEvents } from "../../db/schema/index.js";
import type { AccessExport } from "../../../shared/api/privacy-access.js";
import type { Ctx } from "../../platform/context.js";
import { produceAccessExport } from "./access-export.js";
import { ACCESS_EXPORT_TABLES } from "./access-export-tables.js";

const lines: string[] = [];
const stream = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    done();
  },
});

let t: TestApp;
let f: SweepFixture;
let admin: Client;
const NAME = { firstName: "Reglina", lastName: "Indsigtsen" };

async function ok(res: Promise<{ statusCode: number; body: string; json: () => unknown }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`setup: ${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

beforeAll(async () => {
  t = await buildTestApp({ app: { logger: { level: "trace", stream } } });
  f = await buildSweepFixture(t, t.tenant, NAME);
  admin = await t.as("administrator");
});
afterAll(() => t.close());

describe("producing the access export", () => {
  it("is itself on the citizen's audit trail, as an export by the administrator", async () => {
    lines.length = 0;
    expect((await admin.get(`/api/citizens/${f.citizenId}/access-export`)).statusCode).toBe(200);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, f.citizenId), eq(auditEvents.entityType, "access_export")));
    expect(rows).toEqual([
      expect.objectContaining({
        action: "export",
        entityId: f.citizenId,
        actorUserId: t.tenant.users.administrator.id,
        actorRole: "administrator",
      }),
    ]);
    // The next export shows the first one on its trail.
    const again = (await admin.get(`/api/citizens/${f.citizenId}/access-export`)).json() as AccessExport;
    expect(again.auditTrail.at(-1)).toMatchObject({
      action: "Hentet som fil",
      what: "Indsigt (alle oplysninger)",
      by: { name: "Karin Admin" },
    });
  });

  it("is for administrators only (403), and 404 for a citizen of another municipality", async () => {
    for (const who of ACTOR_KEYS.filter((a) => a !== "administrator")) {
      const res = await (await t.as(who)).get(`/api/citizens/${f.citizenId}/access-export`);
      expect(res.statusCode, who).toBe(403);
    }
    expect((await t.anonymous.get(`/api/citizens/${f.citizenId}/access-export`)).statusCode).toBe(401);
    const elsewhere = await admin.get(`/api/citizens/${t.other.citizens.andersen.id}/access-export`);
    expect(elsewhere.statusCode).toBe(404);
    const otherAdmin = await t.as("administrator", t.other);
    expect((await otherAdmin.get(`/api/citizens/${f.citizenId}/access-export`)).statusCode).toBe(404);
  });

  it("writes neither the CPR nor the name to a log line", () => {
    const log = lines.join("\n");
    expect(log).toContain(`/api/citizens/${f.citizenId}/access-export`);
    for (const secret of [f.cpr, f.cpr.replace("-", ""), NAME.firstName, NAME.lastName])
      expect(log).not.toContain(secret);
  });

  it("covers every table of the database that has a citizen_id column", async () => {
    const rows = await rawRows<{ table_name: string }>(
      t.db,
      sql`select distinct table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'citizen_id' order by table_name`,
    );
    const uncovered = rows
      .map((r) => r.table_name)
      .filter((name) => !(ACCESS_EXPORT_TABLES[name] && "shownIn" in ACCESS_EXPORT_TABLES[name]));
    expect(rows.length).toBeGreaterThan(10);
    expect(uncovered).toEqual([]);
  });

  it("is given while processing is restricted: the right of access still applies (art. 15, 18)", async () => {
    await ok(admin.post(`/api/citizens/${f.citizenId}/restriction`, { reason: "Indsigt under begrænsning" }));
    const res = await admin.get(`/api/citizens/${f.citizenId}/access-export`);
    expect(res.statusCode).toBe(200);
    const doc = res.json() as AccessExport;
    expect(doc.citizen.restricted).toBe(true);
    expect(doc.restrictions.map((r) => [r.reason, r.liftedAt])).toEqual([
      ["Indsigt under begrænsning", null],
    ]);
  });

  it("reads one snapshot: the export's transaction runs at REPEATABLE READ, as its route declares", async () => {
    const a = t.tenant.users.administrator;
    const ctx: Ctx = {
      actor: {
        userId: a.id,
        municipalityId: t.tenant.municipality.id,
        organisationId: a.organisationId,
        organisationKind: "administration",
        districtId: null,
        role: "administrator",
      },
      ip: "127.0.0.1",
      userAgent: null,
      lang: "da",
    };
    // The route declares `snapshot`, so declareRoute opens its transaction this way.
    const level = await tenantTransaction(
      t.db,
      t.tenant.municipality.id,
      async (tx) => {
        const doc = await produceAccessExport(tx, ctx, f.citizenId);
        expect(doc.citizen.cpr).toBe(f.cpr);
        const [row] = await rawRows<{ level: string }>(
          tx,
          sql`select current_setting('transaction_isolation') as level`,
        );
        return row?.level;
      },
      { snapshot: true },
    );
    expect(level).toBe("repeatable read");
  });
});
