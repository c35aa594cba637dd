/**
 * The pseudonymised dataset for the external evaluator (issue 6, point 6): one row per citizen
 * with recorded work in the period, ready for statistics. Stable pseudonyms (HMAC-SHA256 of the
 * citizen id under the municipality's own secret, so the same citizen has the same pseudonym in
 * every export and nobody without the secret can reverse or recompute it); no names, CPR numbers,
 * addresses or free-text notes; birth year instead of birth date; months instead of days; a
 * district with fewer citizens in the dataset than the small-number threshold is written as
 * "øvrige". The export is audited. An anonymised citizen keeps their row under a pseudonym that
 * is new in every export, so it cannot be linked to their rows in earlier exports (issue 13).
 */
import { createHmac, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DatasetFormat } from "../../../domain/vocabulary/reports.js";
import type { ReportQuery } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { municipalitySettings } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { toCsv, toXlsx } from "./exports.js";
import type { Cell, Table } from "./tables.js";
import { inScope, reportWindow } from "./window.js";
import { evaluationSettings, totalOf } from "../questionnaires/index.js";

/** The municipality's pseudonym secret, made (once, under a row lock) on the first export. */
async function pseudonymKey(tx: DbOrTx, municipalityId: string): Promise<string> {
  await tx.insert(municipalitySettings).values({ municipalityId }).onConflictDoNothing();
  const [row] = await tx
    .select({ key: municipalitySettings.pseudonymKey })
    .from(municipalitySettings)
    .where(inTenant(municipalitySettings, municipalityId))
    .for("update");
  if (row?.key) return row.key;
  const key = randomBytes(32).toString("base64");
  await tx
    .update(municipalitySettings)
    .set({ pseudonymKey: key })
    .where(inTenant(municipalitySettings, municipalityId));
  return key;
}

export function pseudonymOf(key: string, citizenId: string): string {
  return `P-${createHmac("sha256", key).update(citizenId).digest("hex").slice(0, 16)}`;
}

export const EVALUATOR_COLUMNS = [
  "pseudonym",
  "birth_year",
  "district",
  "provider_kind",
  "in_target_group",
  "detection_forms",
  "first_screening_month",
  "screened_lonely",
  "consent",
  "excluded_reason",
  "referred",
  "course_opened_month",
  "course_stage",
  "closing_reason",
  "conversation_clips_used",
  "accompaniment_clips_used",
  "accompaniment_minutes",
  "baseline_score",
  "baseline_lonely",
  "follow_up_score",
  "follow_up_lonely",
  "tried_activity",
  "volunteer_referral",
] as const;

type Row = Record<string, unknown>;

async function datasetRows(
  tx: DbOrTx,
  ctx: Ctx,
  q: ReportQuery,
): Promise<{ citizenIds: string[]; rows: Cell[][] }> {
  const w = await reportWindow(tx, ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  const key = await pseudonymKey(tx, w.municipalityId);
  const period = (col: string) => sql`${sql.raw(col)} >= ${w.from} and ${sql.raw(col)} < ${w.to}`;
  const citizensInPeriod = sql`select s.citizen_id from screenings s where s.purpose = 'detection' and ${period("s.performed_at")}
    union select k.citizen_id from courses k where ${period("k.opened_at")} or (k.closed_at is null and k.opened_at < ${w.to})`;
  const rows = await rawRows<Row>(
    tx,
    // A restricted citizen (art. 18) is not processed: their row is not shared with the evaluator
    // while the restriction lasts (the aggregate reports still count them, as stored facts).
    sql`with people as (select c.* from citizens c where ${inScope(w)} and c.restricted_at is null and c.id in (${citizensInPeriod})),
      scr as (select s.citizen_id, count(*) filter (where s.purpose = 'detection')::int as forms, min(s.performed_at) filter (where s.purpose = 'detection') as first_at,
                bool_or(s.positive and s.exclusion_reason is null) filter (where s.purpose = 'detection') as lonely,
                bool_or(s.consent = 'yes') filter (where s.purpose = 'detection') as consent,
                max(s.exclusion_reason) as excluded
              from screenings s where s.citizen_id in (select id from people) and ${period("s.performed_at")} group by s.citizen_id),
      ref as (select r.citizen_id, count(*)::int as n from referrals r where r.citizen_id in (select id from people) group by r.citizen_id),
      crs as (select distinct on (k.citizen_id) k.* from courses k where k.citizen_id in (select id from people) order by k.citizen_id, k.opened_at desc),
      clp as (select k.course_id, count(*) filter (where k.kind = 'conversation')::int as conv, count(*) filter (where k.kind = 'accompaniment')::int as acc,
                coalesce(sum(k.actual_minutes) filter (where k.kind = 'accompaniment'), 0)::int as acc_min
              from clips k where k.status = 'done' and k.course_id in (select id from crs) group by k.course_id),
      tried as (select distinct p.course_id from placements p where p.course_id in (select id from crs) and p.status in ('trial_visit', 'participating', 'stopped')
                and exists (select 1 from placement_events e where e.placement_id = p.id and e.to_status in ('trial_visit', 'participating'))),
      vol as (select distinct on (v.course_id) v.course_id, v.status from volunteer_referrals v where v.course_id in (select id from crs) order by v.course_id, v.created_at desc)
    select p.id, p.anonymised_at is not null as anonymised, extract(year from p.birth_date)::int as birth_year, d.name as district, o.kind as provider_kind, p.in_target_group,
      scr.forms, to_char(scr.first_at, 'YYYY-MM') as first_month, scr.lonely, scr.consent, scr.excluded, coalesce(ref.n, 0) as referrals,
      to_char(crs.opened_at, 'YYYY-MM') as opened_month, crs.stage, crs.closing_reason, clp.conv, clp.acc, clp.acc_min,
      bs.scores as baseline_scores, bs.positive as baseline_lonely, fs.scores as follow_scores, fs.positive as follow_lonely,
      (tried.course_id is not null) as tried, vol.status as volunteer
    from people p
      left join districts d on d.id = p.district_id
      left join organisations o on o.id = p.provider_organisation_id
      left join scr on scr.citizen_id = p.id
      left join ref on ref.citizen_id = p.id
      left join crs on crs.citizen_id = p.id
      left join clp on clp.course_id = crs.id
      left join outcome_measurements bm on bm.course_id = crs.id and bm.phase = 'baseline'
      left join screenings bs on bs.id = bm.screening_id
      left join outcome_measurements fm on fm.course_id = crs.id and fm.phase = 'follow_up' and not fm.out_of_window
      left join screenings fs on fs.id = fm.screening_id
      left join tried on tried.course_id = crs.id
      left join vol on vol.course_id = crs.id`,
  );
  const districtSize = new Map<string, number>();
  for (const r of rows)
    if (r.district) districtSize.set(String(r.district), (districtSize.get(String(r.district)) ?? 0) + 1);
  const district = (d: unknown) =>
    d === null || d === undefined
      ? null
      : (districtSize.get(String(d)) ?? 0) < smallNumberThreshold
        ? "øvrige"
        : String(d);
  const yesNo = (v: unknown) => (v === null || v === undefined ? null : v ? 1 : 0);
  const out = rows
    .map((r): Cell[] => [
      // An anonymised citizen's row stays (the evaluator's counts still add up) under a pseudonym
      // made fresh for this export: it links to no earlier export and to nobody (issue 13).
      r.anonymised ? `A-${randomBytes(8).toString("hex")}` : pseudonymOf(key, String(r.id)),
      Number(r.birth_year),
      district(r.district),
      r.provider_kind === "private_provider"
        ? "private"
        : r.provider_kind === "public_provider"
          ? "public"
          : null,
      yesNo(r.in_target_group),
      r.forms === null || r.forms === undefined ? 0 : Number(r.forms),
      (r.first_month as string | null) ?? null,
      yesNo(r.lonely),
      yesNo(r.consent),
      (r.excluded as string | null) ?? null,
      Number(r.referrals) > 0 ? 1 : 0,
      (r.opened_month as string | null) ?? null,
      (r.stage as string | null) ?? null,
      (r.closing_reason as string | null) ?? null,
      r.conv === null || r.conv === undefined ? null : Number(r.conv),
      r.acc === null || r.acc === undefined ? null : Number(r.acc),
      r.acc_min === null || r.acc_min === undefined ? null : Number(r.acc_min),
      r.baseline_scores ? totalOf(r.baseline_scores) : null,
      yesNo(r.baseline_lonely),
      r.follow_scores ? totalOf(r.follow_scores) : null,
      yesNo(r.follow_lonely),
      r.opened_month ? yesNo(r.tried) : null,
      (r.volunteer as string | null) ?? null,
    ])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { citizenIds: rows.map((r) => String(r.id)), rows: out };
}

export async function evaluatorDataset(
  tx: DbOrTx,
  ctx: Ctx,
  q: ReportQuery,
  format: DatasetFormat,
): Promise<string | Buffer> {
  authorize(ctx, { kind: "report.evaluatorExport" });
  const { citizenIds, rows } = await datasetRows(tx, ctx, q);
  const table: Table = { name: "Datasæt", rows: [[...EVALUATOR_COLUMNS], ...rows] };
  // Pseudonymised data is still personal data: each citizen's trail shows the export.
  const criterion = { from: q.from, to: q.to, rows: rows.length, format };
  await audit(tx, ctx, [
    { action: "export", entityType: "evaluator_dataset", criterion },
    ...citizenIds.map((id) => ({
      action: "export" as const,
      entityType: "evaluator_dataset" as const,
      citizenId: id,
      criterion,
    })),
  ]);
  return format === "csv" ? toCsv(table) : toXlsx([table]);
}
