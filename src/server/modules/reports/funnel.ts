/**
 * The funnel (issue 6, point 2): noticed → screened → lonely → consented → referred → course
 * started → tried an activity → still taking part at follow-up, in distinct citizens whose step
 * happened in the period, with the drop-out at each step — for the whole scope and split by
 * district and by provider (the seeds report large differences between districts).
 */
import { type SQL, sql } from "drizzle-orm";
import { reportsSuppressed } from "../../../domain/access-policy.js";
import { funnel, suppress } from "../../../domain/reporting/statistics.js";
import { FUNNEL_STEPS, type FunnelReport, type FunnelStepKey, type ReportQuery } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { evaluationSettings } from "./outcomes.js";
import { type Window, inScope, windowOf } from "./status.js";

/** The citizens (column citizen_id) who reached each step in the window. */
function stepSource(w: Window, step: FunnelStepKey): SQL {
  const inPeriod = (col: SQL) => sql`${col} >= ${w.from} and ${col} < ${w.to}`;
  const screened = sql`select s.citizen_id from screenings s where s.municipality_id = ${w.municipalityId} and s.purpose = 'detection' and ${inPeriod(sql`s.performed_at`)}`;
  switch (step) {
    case "noticed":
      return sql`${screened} union select r.citizen_id from referrals r where r.municipality_id = ${w.municipalityId} and r.citizen_id is not null and ${inPeriod(sql`r.created_at`)}`;
    case "screened":
      return sql`${screened} and s.exclusion_reason is null`;
    case "lonely":
      return sql`${screened} and s.exclusion_reason is null and s.positive`;
    case "consented":
      return sql`${screened} and s.exclusion_reason is null and s.positive and s.consent = 'yes'`;
    case "referred":
      return sql`select r.citizen_id from referrals r where r.municipality_id = ${w.municipalityId} and r.citizen_id is not null and ${inPeriod(sql`r.created_at`)}`;
    case "courseStarted":
      return sql`select k.citizen_id from courses k where k.municipality_id = ${w.municipalityId} and ${inPeriod(sql`k.opened_at`)}`;
    case "triedActivity":
      return sql`select p.citizen_id from placement_events e join placements p on p.id = e.placement_id
        where e.municipality_id = ${w.municipalityId} and e.to_status in ('trial_visit', 'participating') and ${inPeriod(sql`e.at`)}`;
    case "stillTakingPart":
      return sql`select k.citizen_id from follow_ups f join courses k on k.id = f.course_id where f.municipality_id = ${w.municipalityId} and f.still_participating and ${inPeriod(sql`f.performed_at`)}`;
  }
}

type Group = "district" | "provider";

async function counts(tx: DbOrTx, w: Window, group: Group | null) {
  const key = group === "district" ? sql`c.district_id` : group === "provider" ? sql`c.provider_organisation_id` : sql`null::uuid`;
  const parts = FUNNEL_STEPS.map(
    (step) => sql`select ${step} as step, ${key} as group_id, count(distinct c.id)::int as n from citizens c
      where ${inScope(w)} and c.id in (select citizen_id from (${stepSource(w, step)}) x) group by ${key}`,
  );
  return rawRows<{ step: FunnelStepKey; group_id: string | null; n: number }>(tx, sql.join(parts, sql` union all `));
}

export async function funnelReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<FunnelReport> {
  authorize(ctx, { kind: "report.view" });
  const w = windowOf(ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  const hide = reportsSuppressed(ctx.actor);
  const [total, byDistrict, byProvider, names] = await Promise.all([
    counts(tx, w, null),
    counts(tx, w, "district"),
    counts(tx, w, "provider"),
    rawRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from districts where municipality_id = ${w.municipalityId} union all select id, name from organisations where municipality_id = ${w.municipalityId}`,
    ),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const shape = (rows: { step: FunnelStepKey; n: number }[]) =>
    funnel(FUNNEL_STEPS.map((key) => ({ key, count: rows.filter((r) => r.step === key).reduce((a, r) => a + Number(r.n), 0) }))).map((s) => {
      const count = hide ? suppress(s.count, smallNumberThreshold) : { value: s.count, suppressed: false as const };
      const dropOut = s.dropOut === null ? null : hide ? suppress(s.dropOut, smallNumberThreshold) : { value: s.dropOut, suppressed: false as const };
      return { key: s.key, count, dropOut, percentOfPrevious: count.suppressed || dropOut?.suppressed ? null : (s.fromPrevious?.percent ?? null) };
    });
  const split = (rows: { step: FunnelStepKey; group_id: string | null; n: number }[]) =>
    [...new Set(rows.map((r) => r.group_id))]
      .map((id) => ({ id, name: id ? (nameOf.get(id) ?? "") : null, steps: shape(rows.filter((r) => r.group_id === id)) }))
      .sort((a, b) => (a.name ?? "~").localeCompare(b.name ?? "~", "da"));
  await audit(tx, ctx, { action: "read", entityType: "funnel_report", criterion: { from: q.from, to: q.to, providerId: w.providerId, districtId: w.districtId } });
  return {
    period: { from: q.from, to: q.to },
    suppressed: hide,
    smallNumberThreshold,
    steps: shape(total),
    byDistrict: split(byDistrict),
    byProvider: split(byProvider),
  };
}
