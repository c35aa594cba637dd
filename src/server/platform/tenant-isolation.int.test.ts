/**
 * Tenancy as defence in depth (issue 15 point 5, decision 0106): row-level security on every
 * municipality-owned table, driven by the staff request's transaction. Shown with routes deliberately
 * written WITHOUT their municipality filter — the bug the policies exist for — declared the way every
 * route is (declareRoute), on PGlite and PostgreSQL alike.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type TestApp } from "../../../test/support/test-app.js";
import type { App } from "../app.js";
import { rawRows } from "../db/client.js";
import { auditEvents, citizens, journalNotes } from "../db/schema/index.js";
import { addActivity, addOrganisation } from "../modules/catalog/test-fixtures.js";
import { audit } from "./audit.js";
import { declareRoute } from "./route.js";
import { acrossMunicipalities, tenantTransaction } from "./tenant-isolation.js";

const tags = ["platform-test"];

/** Routes that forget their filter: they would show or change every municipality's rows. */
function forgetfulRoutes(app: App): void {
  declareRoute(app, {
    method: "GET",
    url: "/api/isolation-test/all-citizens",
    tags,
    summary: "Every citizen, no municipality filter (a bug on purpose)",
    access: { action: "citizen.list" },
    audit: { records: [{ action: "read", entity: "citizen" }], mayBeEmpty: "none visible" },
    response: z.object({ ids: z.array(z.string()), municipalities: z.array(z.string()) }),
    handler: async ({ tx, ctx }) => {
      const rows = await tx.select({ id: citizens.id, m: citizens.municipalityId }).from(citizens);
      for (const r of rows)
        await audit(tx, ctx, { action: "read", entityType: "citizen", entityId: r.id, citizenId: r.id });
      return { ids: rows.map((r) => r.id), municipalities: [...new Set(rows.map((r) => r.m))] };
    },
  });
  declareRoute(app, {
    method: "POST",
    url: "/api/isolation-test/rename/:id",
    tags,
    summary: "Renames a citizen by id alone, no municipality filter (a bug on purpose)",
    access: { action: "citizen.list" },
    audit: { records: [{ action: "update", entity: "citizen" }], mayBeEmpty: "a test route" },
    params: z.object({ id: z.uuid() }),
    response: z.object({ changed: z.number() }),
    handler: async ({ tx, params }) => {
      const rows = await tx
        .update(citizens)
        .set({ firstName: "Overskrevet" })
        .where(eq(citizens.id, params.id))
        .returning({ id: citizens.id });
      return { changed: rows.length };
    },
  });
  declareRoute(app, {
    method: "POST",
    url: "/api/isolation-test/note-into/:municipalityId/:citizenId",
    tags,
    summary: "Writes a note into the municipality the body names (a bug on purpose)",
    access: { action: "citizen.list" },
    audit: { records: [{ action: "update", entity: "citizen" }], mayBeEmpty: "a test route" },
    params: z.object({ municipalityId: z.uuid(), citizenId: z.uuid() }),
    response: z.object({ ok: z.boolean() }),
    handler: async ({ tx, ctx, params }) => {
      await tx.insert(journalNotes).values({
        municipalityId: params.municipalityId,
        citizenId: params.citizenId,
        kind: "professional",
        title: "Ind i en anden kommune",
        body: "-",
        authorUserId: ctx.actor.userId,
      } as typeof journalNotes.$inferInsert);
      return { ok: true };
    },
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ extraRoutes: forgetfulRoutes });
});
afterAll(() => t?.close());

describe("row-level security", () => {
  it("is on every table that has a municipality_id column, with the tenant policy", async () => {
    const tables = await rawRows<{ table_name: string; rls: boolean; policy: boolean }>(
      t.db,
      sql`select c.relname as table_name, c.relrowsecurity as rls,
            exists (select from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname
                    and p.policyname = 'tenant_isolation') as policy
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'municipality_id'
                        and not a.attisdropped)
          order by 1`,
    );
    expect(tables.length).toBeGreaterThan(50);
    expect(
      tables.filter((r) => !r.rls || !r.policy).map((r) => r.table_name),
      "tables without row-level security: end the migration that adds them with SELECT broen_isolate_tenants();",
    ).toEqual([]);
  });

  it("has one rule on every table, its municipality read once per statement", async () => {
    // A policy that calls current_setting() directly is evaluated again for every row read: a
    // caseload's 20,000 clips took three times as long (decision 0109). As a scalar subquery it
    // is planned as an InitPlan, once per statement.
    const rules = await rawRows<{ table_name: string; qual: string; with_check: string }>(
      t.db,
      sql`select tablename as table_name, qual, with_check from pg_policies
          where schemaname = 'public' and policyname = 'tenant_isolation' order by 1`,
    );
    expect(rules.length).toBeGreaterThan(50);
    const once =
      /^\(municipality_id = \(\s*SELECT \(NULLIF\(current_setting\('broen\.municipality_id'::text, true\), ''::text\)\)::uuid AS "?nullif"?\s*\)\)$/;
    expect(rules.filter((r) => !once.test(r.qual) || !once.test(r.with_check))).toEqual([]);
  });

  it("lets a route that forgot its filter see only the caller's municipality", async () => {
    // Without the policies this route would list both municipalities' citizens.
    const all = await rawRows<{ n: number }>(
      t.db,
      sql`select count(distinct municipality_id)::int as n from citizens`,
    );
    expect(all[0]!.n).toBeGreaterThanOrEqual(2);
    const res = await (await t.as("community_coordinator")).get("/api/isolation-test/all-citizens");
    expect(res.statusCode).toBe(200);
    const body = res.json<{ ids: string[]; municipalities: string[] }>();
    expect(body.municipalities).toEqual([t.tenant.municipality.id]);
    expect(body.ids).toContain(t.tenant.citizens.andersen.id);
    expect(body.ids).not.toContain(t.other.citizens.andersen.id);
    const asOther = (
      await (await t.as("community_coordinator", t.other)).get("/api/isolation-test/all-citizens")
    ).json<{
      municipalities: string[];
    }>();
    expect(asOther.municipalities).toEqual([t.other.municipality.id]);
  });

  it("lets a write that forgot its filter change nothing of another municipality", async () => {
    const client = await t.as("community_coordinator");
    const res = await client.post(`/api/isolation-test/rename/${t.other.citizens.andersen.id}`);
    expect(res.json()).toEqual({ changed: 0 });
    const [row] = await t.db
      .select({ firstName: citizens.firstName })
      .from(citizens)
      .where(eq(citizens.id, t.other.citizens.andersen.id));
    expect(row!.firstName).not.toBe("Overskrevet");
    // The same route on the caller's own citizen changes it: the policy, not the route, held it back.
    const own = await client.post(`/api/isolation-test/rename/${t.tenant.citizens.bech.id}`);
    expect(own.json()).toEqual({ changed: 1 });
  });

  it("refuses an insert into another municipality, and writes nothing", async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(journalNotes);
    const res = await (
      await t.as("community_coordinator")
    ).post(`/api/isolation-test/note-into/${t.other.municipality.id}/${t.other.citizens.andersen.id}`);
    expect(res.statusCode).toBe(500);
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(journalNotes);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("ends with the transaction: the next statement on the connection is the owner's again", async () => {
    await tenantTransaction(t.db, t.tenant.municipality.id, async (tx) => {
      const [me] = await rawRows<{ u: string }>(tx, sql`select current_user as u`);
      expect(me!.u).toBe("broen_tenant");
    });
    const [after] = await rawRows<{ u: string; m: string | null }>(
      t.db,
      sql`select current_user as u, nullif(current_setting('broen.municipality_id', true), '') as m`,
    );
    expect(after!.u).not.toBe("broen_tenant");
    expect(after!.m).toBeNull();
    // And after a rolled-back one.
    await expect(
      tenantTransaction(t.db, t.tenant.municipality.id, async (tx) => {
        await tx.execute(sql`select 1/0`);
      }),
    ).rejects.toThrow();
    const [afterError] = await rawRows<{ u: string }>(t.db, sql`select current_user as u`);
    expect(afterError!.u).not.toBe("broen_tenant");
  });

  it("lets the name search's index lookup answer only the tenant's own municipality", async () => {
    // broen_citizens_named runs as the owner (migration 0031, decision 0109); it must never be a way
    // around the policies. Andersen lives in both test municipalities.
    const named = (tx: Parameters<typeof rawRows>[0], municipalityId: string) =>
      rawRows<{ id: string }>(tx, sql`select broen_citizens_named(${municipalityId}, 'andersen') as id`);
    const other = t.other.citizens.andersen.id;
    // The owner outside a tenant transaction (a job) finds the municipality asked for.
    expect((await named(t.db, t.other.municipality.id)).map((r) => r.id)).toContain(other);
    await tenantTransaction(t.db, t.tenant.municipality.id, async (tx) => {
      expect(await named(tx, t.other.municipality.id)).toEqual([]);
      const own = await named(tx, t.tenant.municipality.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.map((r) => r.id)).not.toContain(other);
    });
  });

  it("lets catalog search, which finds its ids outside the policies, show only the caller's own activities", async () => {
    // page.ts finds the page's ids through the catalog's indexes outside the policies (decision 0109).
    const mine = await t.as("community_coordinator");
    const theirs = await t.as("community_coordinator", t.other);
    const own = await addActivity(mine, (await addOrganisation(mine)).id, { title: "Kvadrilledans" });
    await addActivity(theirs, (await addOrganisation(theirs)).id, { title: "Kvadrilledans" });
    const found = (await mine.get("/api/catalog/activities?q=kvadrille")).json() as {
      items: { id: string }[];
    };
    expect(found.items.map((a) => a.id)).toEqual([own.id]);
    // The count, made outside the policies too, is the caller's own.
    const [own_] = await rawRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from catalog_activities
          where municipality_id = ${t.tenant.municipality.id} and active`,
    );
    const all = (await mine.get("/api/catalog/activities")).json() as { total: number };
    expect(all.total).toBe(own_!.n);
  });

  it("shows nothing when no municipality is set, and steps out only where told to", async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'broen_tenant', true)`);
      const rows = await tx.select({ id: citizens.id }).from(citizens);
      expect(rows).toEqual([]);
    });
    await tenantTransaction(t.db, t.tenant.municipality.id, async (tx) => {
      const across = await acrossMunicipalities(tx, t.tenant.municipality.id, "test", () =>
        rawRows<{ n: number }>(tx, sql`select count(distinct municipality_id)::int as n from citizens`),
      );
      expect(across[0]!.n).toBeGreaterThanOrEqual(2);
      const back = await rawRows<{ n: number }>(
        tx,
        sql`select count(distinct municipality_id)::int as n from citizens`,
      );
      expect(back[0]!.n).toBe(1);
    });
  });

  it("audits in the caller's municipality as before", async () => {
    const rows = await t.db
      .select({ m: auditEvents.municipalityId })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, t.tenant.citizens.andersen.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.m))).toEqual(new Set([t.tenant.municipality.id]));
  });
});
