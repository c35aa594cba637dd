/**
 * The import's reads and the storage of a run's preview rows (issue 14, decision 0098). Every
 * query is scoped to the run's municipality by inTenant.
 */
import { acrossMunicipalities } from "../../platform/tenant-isolation.js";
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { RegisterCitizen } from "../../../domain/care-record/import/diff.js";
import type {
  ImportContact,
  ImportOutcome,
  ImportRecord,
} from "../../../domain/care-record/import/records.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  careRecordImportRows,
  careRecordImportRuns,
  citizenContacts,
  citizens,
  districts,
  organisations,
  users,
} from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

/** The register of one municipality as the diff reads it (about 130,000 rows for the largest). */
export async function loadRegister(
  tx: DbOrTx,
  municipalityId: string,
  withRelatives: boolean,
): Promise<Map<string, RegisterCitizen & { version: number; birthDate: string; inTargetGroup: boolean }>> {
  const rows = await tx
    .select({
      id: citizens.id,
      cpr: citizens.cpr,
      birthDate: citizens.birthDate,
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      addressLine: citizens.addressLine,
      postalCode: citizens.postalCode,
      city: citizens.city,
      phone: citizens.phone,
      providerOrganisationId: citizens.providerOrganisationId,
      districtId: citizens.districtId,
      homeCareSince: citizens.homeCareSince,
      homeCareEndedOn: citizens.homeCareEndedOn,
      inTargetGroup: citizens.inTargetGroup,
      anonymisedAt: citizens.anonymisedAt,
      restrictedAt: citizens.restrictedAt,
      version: citizens.version,
    })
    .from(citizens)
    .where(inTenant(citizens, municipalityId));
  const relatives = new Map<string, ImportContact[]>();
  if (withRelatives) {
    const contacts = await tx
      .select({
        citizenId: citizenContacts.citizenId,
        name: citizenContacts.name,
        relation: citizenContacts.relation,
        phone: citizenContacts.phone,
      })
      .from(citizenContacts)
      .where(and(inTenant(citizenContacts, municipalityId), eq(citizenContacts.kind, "relative")));
    for (const c of contacts) {
      const list = relatives.get(c.citizenId) ?? [];
      list.push({ name: c.name, relation: c.relation, phone: c.phone });
      relatives.set(c.citizenId, list);
    }
  }
  const register = new Map<
    string,
    RegisterCitizen & { version: number; birthDate: string; inTargetGroup: boolean }
  >();
  for (const { anonymisedAt, restrictedAt, ...r } of rows) {
    register.set(r.cpr, {
      ...r,
      anonymised: anonymisedAt !== null,
      restricted: restrictedAt !== null,
      relatives: relatives.get(r.id) ?? [],
    });
  }
  return register;
}

/** The municipality's care providers by SOR code, and which of the given SOR codes other municipalities' organisations have. */
export async function loadOrganisations(
  tx: DbOrTx,
  municipalityId: string,
  sors: readonly string[],
): Promise<{ providersBySor: Map<string, string>; foreignSors: Set<string> }> {
  const own = await tx
    .select({ id: organisations.id, sorCode: organisations.sorCode })
    .from(organisations)
    .where(
      and(
        inTenant(organisations, municipalityId),
        isNotNull(organisations.sorCode),
        inArray(organisations.kind, ["public_provider", "private_provider"]),
      ),
    );
  const providersBySor = new Map(own.map((o) => [o.sorCode!, o.id]));
  const unknown = sors.filter((s) => !providersBySor.has(s));
  const foreignSors = new Set<string>();
  if (unknown.length > 0) {
    // SOR codes are public (Sundhedsvæsenets Organisationsregister): that a code is another
    // municipality's says nothing about a citizen. Deliberately across tenants, codes only.
    const foreign = await acrossMunicipalities(tx, municipalityId, "SOR codes of other municipalities", () =>
      tx
        .selectDistinct({ sorCode: organisations.sorCode })
        .from(organisations)
        .where(
          and(ne(organisations.municipalityId, municipalityId), inArray(organisations.sorCode, unknown)),
        ),
    );
    for (const f of foreign) if (f.sorCode) foreignSors.add(f.sorCode);
  }
  return { providersBySor, foreignSors };
}

export async function loadDistricts(tx: DbOrTx, municipalityId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: districts.id, name: districts.name })
    .from(districts)
    .where(inTenant(districts, municipalityId));
  return new Map(rows.map((d) => [d.name.trim().toLowerCase(), d.id]));
}

/** What a preview row keeps to apply it: the source's record, or (a row the parser could not read) the CPR it named. */
export type StoredRecord =
  { kind: "record"; record: ImportRecord } | { kind: "problem"; cpr: string | null } | null;

export interface RowToStore {
  rowNo: number;
  outcome: ImportOutcome;
  citizenId: string | null;
  record: StoredRecord;
  changes: Record<string, [unknown, unknown]> | null;
  reason: string | null;
  field: string | null;
}

/** Rows per insert: one JSON parameter each, so a 130,000-row preview is ~26 statements. */
const ROW_BATCH = 5000;

export async function insertRows(
  tx: DbOrTx,
  municipalityId: string,
  runId: string,
  rows: readonly RowToStore[],
) {
  for (let i = 0; i < rows.length; i += ROW_BATCH) {
    const batch = rows.slice(i, i + ROW_BATCH).map((r) => ({
      n: r.rowNo,
      o: r.outcome,
      c: r.citizenId ?? undefined,
      r: r.record ?? undefined,
      x: r.changes ?? undefined,
      e: r.reason ?? undefined,
      f: r.field ?? undefined,
    }));
    await tx.execute(sql`insert into care_record_import_rows
        (run_id, municipality_id, row_no, outcome, citizen_id, record, changes, reason, field)
      select ${runId}::uuid, ${municipalityId}::uuid, (v->>'n')::int, v->>'o', (v->>'c')::uuid, v->'r', v->'x', v->>'e', v->>'f'
      from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) as t(v)`);
  }
}

/** Every stored row of a run, in row order (the apply recomputes the diff from them). */
export async function loadRows(tx: DbOrTx, municipalityId: string, runId: string) {
  return tx
    .select({
      rowNo: careRecordImportRows.rowNo,
      outcome: careRecordImportRows.outcome,
      citizenId: careRecordImportRows.citizenId,
      record: careRecordImportRows.record,
      reason: careRecordImportRows.reason,
      field: careRecordImportRows.field,
    })
    .from(careRecordImportRows)
    .where(and(inTenant(careRecordImportRows, municipalityId), eq(careRecordImportRows.runId, runId)))
    .orderBy(asc(careRecordImportRows.rowNo));
}

/** One page of a run's rows, with the register's name for matched citizens. */
export async function pageRows(
  tx: DbOrTx,
  municipalityId: string,
  runId: string,
  outcome: ImportOutcome | undefined,
  page: number,
  pageSize: number,
) {
  const where = and(
    inTenant(careRecordImportRows, municipalityId),
    eq(careRecordImportRows.runId, runId),
    outcome ? eq(careRecordImportRows.outcome, outcome) : undefined,
  );
  const [items, [total]] = await inSequence([
    () =>
      tx
        .select({
          rowNo: careRecordImportRows.rowNo,
          outcome: careRecordImportRows.outcome,
          citizenId: careRecordImportRows.citizenId,
          record: careRecordImportRows.record,
          changes: careRecordImportRows.changes,
          reason: careRecordImportRows.reason,
          field: careRecordImportRows.field,
          cpr: citizens.cpr,
          firstName: citizens.firstName,
          lastName: citizens.lastName,
        })
        .from(careRecordImportRows)
        .leftJoin(citizens, eq(citizens.id, careRecordImportRows.citizenId))
        .where(where)
        .orderBy(asc(careRecordImportRows.rowNo))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
    () =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(careRecordImportRows)
        .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function deleteRows(tx: DbOrTx, municipalityId: string, runId: string) {
  await tx
    .delete(careRecordImportRows)
    .where(and(inTenant(careRecordImportRows, municipalityId), eq(careRecordImportRows.runId, runId)));
}

const createdByUser = sql<
  string | null
>`(select display_name from ${users} where ${users.id} = ${careRecordImportRuns.createdBy})`;
const appliedByUser = sql<
  string | null
>`(select display_name from ${users} where ${users.id} = ${careRecordImportRuns.appliedBy})`;

export const runColumns = {
  id: careRecordImportRuns.id,
  municipalityId: careRecordImportRuns.municipalityId,
  source: careRecordImportRuns.source,
  scope: careRecordImportRuns.scope,
  status: careRecordImportRuns.status,
  fileName: careRecordImportRuns.fileName,
  counts: careRecordImportRuns.counts,
  failure: careRecordImportRuns.failure,
  createdBy: careRecordImportRuns.createdBy,
  createdByName: createdByUser,
  createdAt: careRecordImportRuns.createdAt,
  appliedBy: careRecordImportRuns.appliedBy,
  appliedByName: appliedByUser,
  appliedAt: careRecordImportRuns.appliedAt,
  result: careRecordImportRuns.result,
  version: careRecordImportRuns.version,
};

export async function findRun(
  tx: DbOrTx,
  municipalityId: string,
  runId: string,
  opts: { forUpdate?: boolean } = {},
) {
  const q = tx
    .select(runColumns)
    .from(careRecordImportRuns)
    .where(and(inTenant(careRecordImportRuns, municipalityId), eq(careRecordImportRuns.id, runId)));
  const [row] = opts.forUpdate ? await q.for("update", { of: careRecordImportRuns }) : await q;
  return row ?? null;
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export async function listRuns(tx: DbOrTx, municipalityId: string, page: number, pageSize: number) {
  const [items, [total]] = await inSequence([
    () =>
      tx
        .select(runColumns)
        .from(careRecordImportRuns)
        .where(inTenant(careRecordImportRuns, municipalityId))
        .orderBy(desc(careRecordImportRuns.createdAt), desc(careRecordImportRuns.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
    () =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(careRecordImportRuns)
        .where(inTenant(careRecordImportRuns, municipalityId)),
  ]);
  return { items, total: total?.n ?? 0 };
}
