/**
 * What the cross-municipality sweep (src/server/authz-cross-municipality.int.test.ts) needs of the
 * database: the tables that carry a municipality (from information_schema, so a new table is
 * swept without a change here), a municipality's rows and their digest, and the other
 * municipality's resources beyond the matrix's fixture.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../src/server/db/client.js";
import { rawRows } from "../../../src/server/db/client.js";
import { careRecordDeliveries, retentionRuns } from "../../../src/server/db/schema/index.js";
import { installShippedRetentionRules } from "../../../src/server/modules/privacy/index.js";
import type { Tenant } from "../factories.js";
import type { Response, TestApp } from "../test-app.js";
import type { Fixture } from "./common.js";
import type { BExtra } from "./cross-requests.js";

/** Tables that carry a municipality, from the catalogue (a new table is swept without a change here). */
export async function municipalityTables(db: Db): Promise<string[]> {
  const rows = await rawRows<{ table_name: string }>(
    db,
    sql`select c.table_name from information_schema.columns c
        join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
        where c.column_name = 'municipality_id' and c.table_schema = current_schema() and tb.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** One municipality's rows, each as text, per table (and its municipalities row). */
export async function rowsOf(
  db: Db,
  tables: string[],
  municipalityId: string,
): Promise<Map<string, string[]>> {
  const parts = tables.map(
    (name) =>
      sql`select ${name}::text as t, x::text as r from ${sql.identifier(name)} x where x.municipality_id = ${municipalityId}`,
  );
  parts.push(
    sql`select 'municipalities'::text as t, x::text as r from municipalities x where x.id = ${municipalityId}`,
  );
  const rows = await rawRows<{ t: string; r: string }>(db, sql.join(parts, sql` union all `));
  const out = new Map<string, string[]>();
  for (const { t: table, r } of rows) out.set(table, [...(out.get(table) ?? []), r]);
  return out;
}

/** Per table: how many rows of the municipality and a digest of their content. */
export async function digestOf(
  db: Db,
  tables: string[],
  municipalityId: string,
): Promise<Map<string, string>> {
  const parts = tables.map(
    (name) =>
      sql`select ${name}::text as t, count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as d
          from ${sql.identifier(name)} x where x.municipality_id = ${municipalityId}`,
  );
  const rows = await rawRows<{ t: string; n: number; d: string }>(db, sql.join(parts, sql` union all `));
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.d}`]));
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()]
    .filter((k) => before.get(k) !== after.get(k))
    .map((k) => `${k} (${before.get(k)?.split(":")[0]} → ${after.get(k)?.split(":")[0]} rows)`);
}

export async function versionOf(db: Db, table: string, id: string): Promise<number> {
  const [row] = await rawRows<{ version: number }>(
    db,
    sql`select version from ${sql.identifier(table)} where id = ${id}`,
  );
  if (!row) throw new Error(`no ${table} ${id}`);
  return row.version;
}

async function created(res: Promise<Response>): Promise<string> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`cross fixture: ${r.statusCode} ${r.body}`);
  return (r.json() as { id: string }).id;
}

/** What B's municipality needs beyond the matrix's fixture, made by B's own staff (or inserted where no route makes it). */
export async function extraOfB(t: TestApp, b: Fixture, tenant: Tenant): Promise<BExtra> {
  const m = tenant.municipality.id;
  const admin = await t.as("administrator", tenant);
  const planner = await t.as("planner", tenant);
  // A change to the citizen, so the rectification history has a revision of B.
  const citizen = await planner.get(`/api/citizens/${b.citizenId}`);
  const patched = await planner.patch(`/api/citizens/${b.citizenId}`, {
    version: (citizen.json() as { version: number }).version,
    phone: "87654321",
  });
  if (patched.statusCode !== 200) throw new Error(`cross fixture: ${patched.statusCode} ${patched.body}`);
  const [revision] = await rawRows<{ id: string }>(
    t.db,
    sql`select id::text as id from citizen_revisions where citizen_id = ${b.citizenId} order by id desc limit 1`,
  );
  await installShippedRetentionRules(t.db, m);
  const [rule] = await rawRows<{ id: string; kind: string }>(
    t.db,
    sql`select id, kind from retention_rules where municipality_id = ${m} order by kind limit 1`,
  );
  // A run waiting for confirmation; none is started through the route, whose job would run on.
  const [run] = await t.db
    .insert(retentionRuns)
    .values({
      municipalityId: m,
      ruleId: rule!.id,
      kind: rule!.kind,
      trigger: "manual",
      status: "awaiting_confirmation",
      asOf: new Date(),
    })
    .returning({ id: retentionRuns.id });
  const cpr = tenant.citizens.andersen.cpr;
  const importRunId = await created(
    admin.post("/api/care-record/imports", {
      format: "csv",
      scope: "changes",
      content: `cpr;last_name\n${cpr};Andersen`,
    }),
  );
  // A failed delivery to retry: pushing needs a FHIR server, so the row is written as the push would.
  const [delivery] = await t.db
    .insert(careRecordDeliveries)
    .values({
      municipalityId: m,
      citizenId: b.citizenId,
      status: "failed",
      attempts: 1,
      lastError: "http_503",
    })
    .returning({ id: careRecordDeliveries.id });
  const [fhirClient] = await rawRows<{ id: string }>(
    t.db,
    sql`select id from fhir_clients where client_id = ${b.extra.fhirClientId!}`,
  );
  const scimTokenId = await created(admin.post("/api/provisioning/scim-tokens", { name: "Matrix B" }));
  // Messages as the outbox writes them (no channel is configured in the tests to make one).
  const message = async (status: string) => {
    const [row] = await rawRows<{ id: string }>(
      t.db,
      sql`insert into outbox_messages (municipality_id, kind, channel, recipient_kind, citizen_id, to_address, body, dedupe_key, status)
          values (${m}, 'reminder', 'sms', 'citizen', ${b.citizenId}, '+4522334455', 'Matrix', ${`matrix:${status}`}, ${status})
          returning id`,
    );
    return row!.id;
  };
  return {
    version: {
      citizen: await versionOf(t.db, "citizens", b.citizenId),
      course: await versionOf(t.db, "courses", b.courseId),
      catalogOrganisation: await versionOf(t.db, "catalog_organisations", b.extra.catalogOrganisationId!),
      catalogActivity: await versionOf(t.db, "catalog_activities", b.extra.catalogActivityId!),
      placement: await versionOf(t.db, "placements", b.extra.placementId!),
      retentionRule: await versionOf(t.db, "retention_rules", rule!.id),
      importRun: await versionOf(t.db, "care_record_import_runs", importRunId),
    },
    revisionId: revision!.id,
    retentionRuleId: rule!.id,
    retentionRunId: run!.id,
    importRunId,
    deliveryId: delivery!.id,
    fhirClientRowId: fhirClient!.id,
    scimTokenId,
    failedMessageId: await message("failed"),
    queuedMessageId: await message("queued"),
  };
}

/**
 * CROSS_WITHOUT_RLS=1: the sweep without the row-level security policies (decision 0106), so it
 * checks the routes' own filters — what stands when a policy is missing — not the policies.
 */
export async function withoutRowLevelSecurity(db: Db): Promise<void> {
  const secured = await rawRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relrowsecurity and n.nspname = current_schema()`,
  );
  for (const { name } of secured)
    await db.execute(sql`alter table ${sql.identifier(name)} disable row level security`);
}
