/**
 * The access export's exchange with the care record (issue 14): the rows of a pending import of the
 * home-care population that name the citizen (by the register's id, or by their CPR number on a row
 * that could not be matched — it is about them all the same, like a referral never linked), and the
 * sending of their punch-card work to the care record — a disclosure to a recipient (art. 15(1)(c)).
 * The import's runs, the sources, push targets and FHIR clients are configuration (see
 * access-export-tables.ts). Collecting and presenting side by side, like the rest of the export.
 */
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type {
  ExportCareRecordDelivery,
  ExportCareRecordImport,
  LabelledValue,
} from "../../../shared/api/privacy-access.js";
import type { DbOrTx } from "../../db/client.js";
import { careRecordDeliveries, careRecordImportRows, careRecordImportRuns } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { type Presenting, at, atOrNull } from "./access-export-words.js";

export async function collectCareRecordData(tx: DbOrTx, ctx: Ctx, citizenId: string, cpr: string) {
  const importRows = await tx
    .select({
      row: careRecordImportRows,
      source: careRecordImportRuns.source,
      createdAt: careRecordImportRuns.createdAt,
      createdBy: careRecordImportRuns.createdBy,
    })
    .from(careRecordImportRows)
    .innerJoin(careRecordImportRuns, eq(careRecordImportRuns.id, careRecordImportRows.runId))
    .where(
      and(
        inTenant(careRecordImportRows, ctx),
        or(
          eq(careRecordImportRows.citizenId, citizenId),
          and(
            isNull(careRecordImportRows.citizenId),
            or(
              sql`${careRecordImportRows.record}->'record'->>'cpr' = ${cpr}`,
              sql`${careRecordImportRows.record}->>'cpr' = ${cpr}`,
            ),
          ),
        ),
      ),
    )
    .orderBy(asc(careRecordImportRuns.createdAt), asc(careRecordImportRows.rowNo));
  const deliveries = await tx
    .select()
    .from(careRecordDeliveries)
    .where(and(inTenant(careRecordDeliveries, ctx), eq(careRecordDeliveries.citizenId, citizenId)))
    .orderBy(asc(careRecordDeliveries.queuedAt), asc(careRecordDeliveries.id));
  return { importRows, deliveries };
}
export type CareRecordData = Awaited<ReturnType<typeof collectCareRecordData>>;

export function presentCareRecord(
  p: Presenting,
  d: CareRecordData,
): { careRecordImports: ExportCareRecordImport[]; careRecordDeliveries: ExportCareRecordDelivery[] } {
  const { w } = p;
  return {
    careRecordImports: d.importRows.map(({ row, source, createdAt, createdBy }) => ({
      at: at(createdAt),
      source: w.word("importSource", source),
      by: p.staff(createdBy),
      outcome: w.word("importOutcome", row.outcome),
      record: sourceRecord(p, row.record),
      changes: Object.entries((row.changes ?? {}) as Record<string, [unknown, unknown]>).map(
        ([field, [from, to]]) => ({
          field: w.word("importField", field),
          from: changeValue(p, field, from),
          to: changeValue(p, field, to),
        }),
      ),
      reason: w.maybe("importReason", row.reason),
      field: w.maybe("importField", row.field),
    })),
    careRecordDeliveries: d.deliveries.map((r) => ({
      recipient: w.word("recipient", "care_record"),
      status: w.word("deliveryStatus", r.status),
      queuedAt: at(r.queuedAt),
      sentAt: atOrNull(r.sentAt),
      attempts: r.attempts,
      updatedAt: at(r.updatedAt),
    })),
  };
}

const text = (v: unknown): string =>
  v === null || v === undefined || v === ""
    ? "–"
    : Array.isArray(v)
      ? v.map(text).join(", ")
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v);

/** A register value a change names: a provider or district by its name. */
function changeValue(p: Presenting, field: string, v: unknown): string {
  if (typeof v === "string" && field === "providerId") return p.org(v) ?? "?";
  if (typeof v === "string" && field === "districtId") return p.names.districts.get(v) ?? "?";
  return text(v);
}

/** The stored source row ({ kind: record, record } or { kind: problem, cpr }) as labelled values. */
function sourceRecord(p: Presenting, stored: unknown): LabelledValue[] {
  const s = (stored ?? {}) as { kind?: string; record?: Record<string, unknown>; cpr?: string | null };
  const label = (field: string) => p.w.word("importField", field);
  if (s.kind === "problem") return s.cpr ? [{ label: label("cpr"), value: s.cpr }] : [];
  const r = s.record ?? {};
  const out: LabelledValue[] = [];
  const add = (field: string, value: unknown) => {
    if (value !== undefined) out.push({ label: label(field), value: text(value) });
  };
  for (const f of ["cpr", "birthDate", "firstName", "lastName", "addressLine", "postalCode", "city", "phone"])
    add(f, r[f]);
  add("providerSor", r.providerSor);
  add("district", r.district);
  const homeCare = r.homeCare as { since?: unknown; endsOn?: unknown; endedOn?: unknown } | undefined;
  if (homeCare) {
    add("homeCareSince", homeCare.since);
    if (homeCare.endsOn) add("homeCareEndsOn", homeCare.endsOn);
    if (homeCare.endedOn) add("homeCareEndedOn", homeCare.endedOn);
  }
  add("interventions", r.interventions);
  const contacts = r.contacts as
    { name: string; relation: string | null; phone: string | null }[] | undefined;
  if (contacts)
    add(
      "contacts",
      contacts.map((c) => [c.name, c.relation, c.phone].filter((x) => x).join(", ")),
    );
  return out;
}
