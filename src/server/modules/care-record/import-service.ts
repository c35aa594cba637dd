/**
 * Import of the home-care population (issue 14, decision 0098): a run is computed as a preview —
 * every record of the source diffed against the register and stored as a row — and applied later
 * in one transaction, or discarded. Used by the import routes (an administrator's upload) and by
 * the scheduled pull (helper X: `createImportRun` with source fhir_server, `applyImportRun` when
 * the source is set to apply by itself), which acts as Broen (a SystemActor).
 *
 * Applying recomputes the diff from the stored records against the register as it is then, so a
 * citizen registered or edited between preview and apply is not created twice or overwritten by a
 * stale comparison; what was written is the run's `result`. A second apply answers the first.
 */
import { and, eq, sql } from "drizzle-orm";
import {
  type DiffRow,
  type RegisterChange,
  countOutcomes,
  diffImport,
} from "../../../domain/care-record/import/diff.js";
import type {
  ImportContact,
  ImportOutcome,
  ImportScope,
  ImportSource,
  ParsedSource,
  RowProblem,
  UnmatchedReason,
} from "../../../domain/care-record/import/records.js";
import { maskCpr } from "../../../domain/cpr.js";
import { danishSortKey, searchText } from "../../../domain/danish-text.js";
import { copenhagenToday } from "../../../domain/time.js";
import type { ImportCounts, ImportRowView, ImportRunView } from "../../../shared/api/care-record-import.js";
import type { DbOrTx } from "../../db/client.js";
import { careRecordImportRuns, citizenContacts, citizens } from "../../db/schema/index.js";
import { type AnonymousCaller, type AuditEntry, audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { recordMembershipChange, recordMembershipChanges, recordRevision } from "../citizens/index.js";
import {
  type RowToStore,
  type RunRow,
  type StoredRecord,
  deleteRows,
  findRun,
  insertRows,
  listRuns,
  loadDistricts,
  loadOrganisations,
  loadRegister,
  loadRows,
  pageRows,
} from "./import-queries.js";

/** Broen itself (the scheduled pull): no user, no address; audit rows carry actor role "system". */
export type SystemActor = AnonymousCaller & { role: "system" };

export function systemActor(municipalityId: string): SystemActor {
  return { actor: null, municipalityId, ip: null, userAgent: null, role: "system" };
}

export type ImportActor = Ctx | SystemActor;

function municipalityOf(actor: ImportActor): string {
  return actor.actor ? actor.actor.municipalityId : actor.municipalityId;
}

function userOf(actor: ImportActor): string | null {
  return actor.actor ? actor.actor.userId : null;
}

/** A person's request is authorised by the policy; Broen's own scheduled pull was configured by one. */
function authorizeImport(actor: ImportActor) {
  if (actor.actor) authorize(actor, { kind: "careRecord.import" });
}

export interface CreateImportInput {
  municipalityId: string;
  source: ImportSource;
  scope: ImportScope;
  fileName: string | null;
  parsed: ParsedSource;
  /** Today in Copenhagen (tests set it); default: now. */
  today?: string;
}

function presentRun(r: RunRow): ImportRunView {
  return {
    id: r.id,
    source: r.source as ImportRunView["source"],
    scope: r.scope as ImportRunView["scope"],
    status: r.status as ImportRunView["status"],
    fileName: r.fileName,
    counts: r.counts as ImportCounts,
    failure: r.failure,
    createdBy: r.createdBy ? { id: r.createdBy, displayName: r.createdByName ?? "" } : null,
    createdAt: r.createdAt.toISOString(),
    appliedBy: r.appliedBy ? { id: r.appliedBy, displayName: r.appliedByName ?? "" } : null,
    appliedAt: r.appliedAt?.toISOString() ?? null,
    result: (r.result as ImportCounts | null) ?? null,
    version: r.version,
  };
}

/** Loads what the diff compares against and computes it. */
async function computeDiff(
  tx: DbOrTx,
  municipalityId: string,
  scope: ImportScope,
  parsed: ParsedSource,
  today: string,
) {
  const withRelatives = parsed.records.some((r) => r.contacts !== undefined);
  const register = await loadRegister(tx, municipalityId, withRelatives);
  const sors = [...new Set(parsed.records.map((r) => r.providerSor).filter((s): s is string => !!s))];
  const { providersBySor, foreignSors } = await loadOrganisations(tx, municipalityId, sors);
  const districtsByName = await loadDistricts(tx, municipalityId);
  const rows = diffImport(parsed, { scope, today, register, providersBySor, foreignSors, districtsByName });
  return { rows, register };
}

function toStored(row: DiffRow): RowToStore {
  const base = { rowNo: row.rowNo, outcome: row.outcome };
  switch (row.outcome) {
    case "new":
      return {
        ...base,
        citizenId: null,
        record: { kind: "record", record: row.record },
        changes: null,
        reason: null,
        field: null,
      };
    case "unchanged":
      return {
        ...base,
        citizenId: row.citizenId,
        record: { kind: "record", record: row.record },
        changes: null,
        reason: null,
        field: null,
      };
    case "changed":
    case "ended":
      return {
        ...base,
        citizenId: row.citizenId,
        // A complete import's "not named, so ended" row has no record: the apply finds it again.
        record: row.record ? { kind: "record", record: row.record } : null,
        changes: row.changes,
        reason: null,
        field: null,
      };
    case "unmatched":
      return {
        ...base,
        citizenId: row.citizenId,
        record: row.record ? { kind: "record", record: row.record } : { kind: "problem", cpr: row.cpr },
        changes: null,
        reason: row.reason,
        field: row.field,
      };
  }
}

/**
 * Computes and stores a preview run. Never changes the register. A file that cannot be read at all
 * is one unmatched row (reason malformed): the run is stored so the administrator sees why.
 */
export async function createImportRun(
  tx: DbOrTx,
  actor: ImportActor,
  input: CreateImportInput,
): Promise<ImportRunView> {
  authorizeImport(actor);
  const municipalityId = input.municipalityId;
  if (municipalityId !== municipalityOf(actor)) throw AppError.forbidden();
  const today = input.today ?? copenhagenToday();
  const { rows } = await computeDiff(tx, municipalityId, input.scope, input.parsed, today);
  const counts = countOutcomes(rows);
  const [run] = await tx
    .insert(careRecordImportRuns)
    .values({
      municipalityId,
      source: input.source,
      scope: input.scope,
      status: "preview",
      fileName: input.fileName,
      counts,
      createdBy: userOf(actor),
    })
    .returning({ id: careRecordImportRuns.id });
  await insertRows(tx, municipalityId, run!.id, rows.map(toStored));
  // The preview holds CPR numbers and compares every named citizen: the run is on the trail, counts only.
  await audit(tx, actor, {
    action: "create",
    entityType: "care_record_import",
    entityId: run!.id,
    criterion: { format: input.source, rows: rows.length },
  });
  return presentRun((await findRun(tx, municipalityId, run!.id))!);
}

/** The stored rows as the source they came from, for the apply's fresh diff. */
function parsedFromRows(rows: Awaited<ReturnType<typeof loadRows>>): ParsedSource {
  const records: ParsedSource["records"] = [];
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const stored = row.record as StoredRecord;
    if (stored?.kind === "record") records.push(stored.record);
    else if (stored?.kind === "problem")
      problems.push({
        rowNo: row.rowNo,
        reason: row.reason as UnmatchedReason,
        field: row.field,
        cpr: stored.cpr ?? undefined,
      });
  }
  return { records, problems };
}

/**
 * Applies a preview run in the caller's transaction: creates the new citizens, writes the changed
 * register fields (with their rectification history), home care since/ended and relatives, and
 * the target-group history — entered when home care starts, left when it ends. Idempotent: an
 * applied run answers as it is; a discarded or failed one is a 409.
 */
export async function applyImportRun(
  tx: DbOrTx,
  actor: ImportActor,
  runId: string,
  expectedVersion?: number,
  opts: { today?: string } = {},
): Promise<ImportRunView> {
  authorizeImport(actor);
  const municipalityId = municipalityOf(actor);
  const run = await findRun(tx, municipalityId, runId, { forUpdate: true });
  if (!run) throw AppError.notFound("import_run_not_found");
  if (run.status === "applied") return presentRun(run);
  if (run.status !== "preview") throw new AppError("import_run_closed", 409, { status: run.status });
  if (expectedVersion !== undefined && expectedVersion !== run.version)
    throw new AppError("version_conflict", 409, { currentVersion: run.version });

  const today = opts.today ?? copenhagenToday();
  const parsed = parsedFromRows(await loadRows(tx, municipalityId, runId));
  const { rows, register } = await computeDiff(tx, municipalityId, run.scope as ImportScope, parsed, today);
  const byId = new Map([...register.values()].map((c) => [c.id, c]));
  const entries: AuditEntry[] = [];

  // New citizens: one insert per batch (the first import of a large municipality is 130,000 of them).
  const created = rows.filter((r): r is Extract<DiffRow, { outcome: "new" }> => r.outcome === "new");
  for (let i = 0; i < created.length; i += 2000) {
    const batch = created.slice(i, i + 2000);
    const ids = await tx
      .insert(citizens)
      .values(
        batch.map(({ record: r, create: c }) => ({
          municipalityId,
          cpr: r.cpr,
          cprLast4: r.cpr.slice(-4),
          birthDate: r.birthDate,
          firstName: c.firstName,
          lastName: c.lastName,
          addressLine: c.addressLine,
          postalCode: c.postalCode,
          city: c.city,
          phone: c.phone,
          providerOrganisationId: c.providerId,
          districtId: c.districtId,
          homeCareSince: c.homeCareSince,
          homeCareEndedOn: null,
          inTargetGroup: true,
          searchText: searchText(c.firstName, c.lastName, c.addressLine, c.postalCode, c.city),
          sortName: danishSortKey(`${c.lastName} ${c.firstName}`),
        })),
      )
      .returning({ id: citizens.id, cpr: citizens.cpr });
    const idByCpr = new Map(ids.map((x) => [x.cpr, x.id]));
    const contacts: (typeof citizenContacts.$inferInsert)[] = [];
    await recordMembershipChanges(
      tx,
      actor,
      batch.map(({ record: r, create: c }) => ({
        citizenId: idByCpr.get(r.cpr)!,
        before: null,
        after: { inTargetGroup: true, homeCareSince: c.homeCareSince },
      })),
    );
    for (const { record: r, create: c } of batch) {
      const id = idByCpr.get(r.cpr)!;
      entries.push({ action: "create", entityType: "citizen", entityId: id, citizenId: id });
      for (const contact of c.contacts) contacts.push(contactRow(municipalityId, id, contact));
    }
    if (contacts.length > 0) {
      const contactIds = await tx.insert(citizenContacts).values(contacts).returning({
        id: citizenContacts.id,
        citizenId: citizenContacts.citizenId,
      });
      for (const c of contactIds)
        entries.push({
          action: "create",
          entityType: "citizen_contact",
          entityId: c.id,
          citizenId: c.citizenId,
        });
    }
  }

  for (const row of rows) {
    if (row.outcome !== "changed" && row.outcome !== "ended") continue;
    const before = byId.get(row.citizenId)!;
    entries.push(...(await writeChange(tx, actor, municipalityId, before, row.change)));
  }

  for (let i = 0; i < entries.length; i += 5000) await audit(tx, actor, entries.slice(i, i + 5000));
  const result = countOutcomes(rows);
  await deleteRows(tx, municipalityId, runId);
  await tx
    .update(careRecordImportRuns)
    .set({
      status: "applied",
      appliedBy: userOf(actor),
      appliedAt: sql`now()`,
      result,
      version: sql`${careRecordImportRuns.version} + 1`,
    })
    .where(and(inTenant(careRecordImportRuns, municipalityId), eq(careRecordImportRuns.id, runId)));
  await audit(tx, actor, {
    action: "update",
    entityType: "care_record_import",
    entityId: runId,
    criterion: { status: "applied", result },
  });
  return presentRun((await findRun(tx, municipalityId, runId))!);
}

function contactRow(
  municipalityId: string,
  citizenId: string,
  c: ImportContact,
): typeof citizenContacts.$inferInsert {
  return { municipalityId, citizenId, kind: "relative", name: c.name, relation: c.relation, phone: c.phone };
}

type Before = Awaited<ReturnType<typeof loadRegister>> extends Map<string, infer V> ? V : never;

/** One matched citizen's change: the register row, its revision, membership history, relatives. */
async function writeChange(
  tx: DbOrTx,
  actor: ImportActor,
  municipalityId: string,
  before: Before,
  change: RegisterChange,
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  const { contacts, providerId, ...fields } = change;
  const columns: Partial<typeof citizens.$inferInsert> = { ...fields };
  if (providerId !== undefined) columns.providerOrganisationId = providerId;
  const registerFields = Object.keys(columns);
  if (registerFields.length > 0) {
    const merged = {
      firstName: fields.firstName ?? before.firstName,
      lastName: fields.lastName ?? before.lastName,
      addressLine: fields.addressLine ?? before.addressLine,
      postalCode: fields.postalCode ?? before.postalCode,
      city: fields.city ?? before.city,
    };
    // Rectification keeps history (art. 16): the values this import replaces.
    const { homeCareEndedOn: _ended, ...revised } = fields;
    await recordRevision(
      tx,
      actor,
      {
        ...before,
        municipalityId,
        providerName: null,
        districtName: null,
        restrictedAt: null,
        anonymisedAt: null,
        createdAt: new Date(0),
        updatedAt: new Date(0),
      },
      { ...revised, ...(providerId !== undefined ? { providerId } : {}) },
      "care_record_import",
    );
    await tx
      .update(citizens)
      .set({
        ...columns,
        searchText: searchText(
          merged.firstName,
          merged.lastName,
          merged.addressLine,
          merged.postalCode,
          merged.city,
        ),
        sortName: danishSortKey(`${merged.lastName} ${merged.firstName}`),
        version: sql`${citizens.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(inTenant(citizens, municipalityId), eq(citizens.id, before.id)));
    await recordMembershipChange(
      tx,
      actor,
      before.id,
      { inTargetGroup: before.inTargetGroup, homeCareSince: before.homeCareSince },
      {
        inTargetGroup: before.inTargetGroup,
        homeCareSince: fields.homeCareSince !== undefined ? fields.homeCareSince : before.homeCareSince,
      },
    );
    entries.push({
      action: "update",
      entityType: "citizen",
      entityId: before.id,
      citizenId: before.id,
      criterion: { fields: registerFields },
    });
  }
  if (contacts !== undefined) {
    // The care record's relatives replace the register's: removed there, removed here.
    const removed = await tx
      .delete(citizenContacts)
      .where(
        and(
          inTenant(citizenContacts, municipalityId),
          eq(citizenContacts.citizenId, before.id),
          eq(citizenContacts.kind, "relative"),
        ),
      )
      .returning({ id: citizenContacts.id });
    for (const r of removed)
      entries.push({ action: "delete", entityType: "citizen_contact", entityId: r.id, citizenId: before.id });
    if (contacts.length > 0) {
      const added = await tx
        .insert(citizenContacts)
        .values(contacts.map((c) => contactRow(municipalityId, before.id, c)))
        .returning({ id: citizenContacts.id });
      for (const r of added)
        entries.push({
          action: "create",
          entityType: "citizen_contact",
          entityId: r.id,
          citizenId: before.id,
        });
    }
  }
  return entries;
}

/** Discards a preview: its rows (CPR numbers) are deleted at once. */
export async function discardImportRun(tx: DbOrTx, ctx: Ctx, runId: string): Promise<ImportRunView> {
  authorizeImport(ctx);
  const municipalityId = ctx.actor.municipalityId;
  const run = await findRun(tx, municipalityId, runId, { forUpdate: true });
  if (!run) throw AppError.notFound("import_run_not_found");
  if (run.status === "discarded") return presentRun(run);
  if (run.status !== "preview") throw new AppError("import_run_closed", 409, { status: run.status });
  await deleteRows(tx, municipalityId, runId);
  await tx
    .update(careRecordImportRuns)
    .set({ status: "discarded", version: sql`${careRecordImportRuns.version} + 1` })
    .where(and(inTenant(careRecordImportRuns, municipalityId), eq(careRecordImportRuns.id, runId)));
  await audit(tx, ctx, {
    action: "update",
    entityType: "care_record_import",
    entityId: runId,
    criterion: { status: "discarded" },
  });
  return presentRun((await findRun(tx, municipalityId, runId))!);
}

export async function getImportRun(tx: DbOrTx, ctx: Ctx, runId: string): Promise<ImportRunView> {
  authorizeImport(ctx);
  const run = await findRun(tx, ctx.actor.municipalityId, runId);
  if (!run) throw AppError.notFound("import_run_not_found");
  await audit(tx, ctx, { action: "read", entityType: "care_record_import", entityId: runId });
  return presentRun(run);
}

export async function listImportRuns(tx: DbOrTx, ctx: Ctx, page: number, pageSize: number) {
  authorizeImport(ctx);
  const { items, total } = await listRuns(tx, ctx.actor.municipalityId, page, pageSize);
  await audit(tx, ctx, {
    action: "read",
    entityType: "care_record_import",
    criterion: { page, hits: items.length },
  });
  return { items: items.map(presentRun), total, page, pageSize };
}

/**
 * One page of a run's rows. CPR masked; the name of each matched citizen shown is a read of the
 * register, so each is on the audit trail (one search row per citizen shown, as the register's search does).
 */
export async function listImportRows(
  tx: DbOrTx,
  ctx: Ctx,
  runId: string,
  query: { outcome?: ImportOutcome | undefined; page: number; pageSize: number },
) {
  authorizeImport(ctx);
  const municipalityId = ctx.actor.municipalityId;
  const run = await findRun(tx, municipalityId, runId);
  if (!run) throw AppError.notFound("import_run_not_found");
  const { items, total } = await pageRows(
    tx,
    municipalityId,
    runId,
    query.outcome,
    query.page,
    query.pageSize,
  );
  const views: ImportRowView[] = items.map((row) => {
    const stored = row.record as StoredRecord;
    const record = stored?.kind === "record" ? stored.record : null;
    const cpr = row.cpr ?? record?.cpr ?? (stored?.kind === "problem" ? stored.cpr : null);
    const name = row.firstName
      ? `${row.firstName} ${row.lastName}`
      : record?.firstName && record.lastName
        ? `${record.firstName} ${record.lastName}`
        : null;
    const changes = Object.entries((row.changes as Record<string, [unknown, unknown]> | null) ?? {}).map(
      ([field, [from, to]]) => ({ field, from, to }),
    );
    return {
      rowNo: row.rowNo,
      outcome: row.outcome as ImportOutcome,
      cpr: cpr ? maskCpr(cpr) : null,
      citizenId: row.citizenId,
      name,
      changes,
      reason: (row.reason as UnmatchedReason | null) ?? null,
      field: row.field,
    };
  });
  const shown = [...new Set(items.map((r) => r.citizenId).filter((id): id is string => id !== null))];
  const criterion = { outcome: query.outcome ?? null, page: query.page };
  await audit(
    tx,
    ctx,
    shown.length === 0
      ? {
          action: "read",
          entityType: "care_record_import",
          entityId: runId,
          criterion: { ...criterion, hits: 0 },
        }
      : shown.map((id) => ({
          action: "search" as const,
          entityType: "citizen" as const,
          entityId: id,
          citizenId: id,
          criterion,
        })),
  );
  return { items: views, total, page: query.page, pageSize: query.pageSize };
}

/** Clears previews left standing (their rows hold CPR numbers): discarded after `days`. */
export async function discardStalePreviews(tx: DbOrTx, olderThan: Date): Promise<number> {
  const stale = await tx
    .select({ id: careRecordImportRuns.id, municipalityId: careRecordImportRuns.municipalityId })
    .from(careRecordImportRuns)
    .where(
      and(eq(careRecordImportRuns.status, "preview"), sql`${careRecordImportRuns.createdAt} < ${olderThan}`),
    );
  for (const run of stale) {
    await deleteRows(tx, run.municipalityId, run.id);
    await tx
      .update(careRecordImportRuns)
      .set({
        status: "discarded",
        failure: "preview_expired",
        version: sql`${careRecordImportRuns.version} + 1`,
      })
      .where(and(inTenant(careRecordImportRuns, run.municipalityId), eq(careRecordImportRuns.id, run.id)));
    await audit(tx, systemActor(run.municipalityId), {
      action: "update",
      entityType: "care_record_import",
      entityId: run.id,
      criterion: { status: "discarded" },
    });
  }
  return stale.length;
}
