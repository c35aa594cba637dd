/**
 * Trend per month (issue 6, point 5): detection forms, citizens assessed lonely, courses
 * started and clips used, month by month over the period — for the chart a manager reads.
 */
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { reportsSuppressed } from "../../../domain/access-policy.js";
import { suppress } from "../../../domain/reporting/statistics.js";
import type { ReportQuery, TrendReport } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { clips, courses, screenings } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { evaluationSettings } from "../questionnaires/index.js";
import { clipDay } from "./clip-use.js";
import { inScope, reportWindow } from "./window.js";

export async function trendReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<TrendReport> {
  authorize(ctx, { kind: "report.view" });
  const w = await reportWindow(tx, ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  // The tables as the SQL below aliases them, for the tenant filter.
  const [s, courseK, clipK] = [alias(screenings, "s"), alias(courses, "k"), alias(clips, "k")];
  // A month is a local (Copenhagen) calendar month. Each part groups on the month's first instant
  // (date_trunc: a fixed-width value, hashed) and only the dozen result rows become text; grouping
  // on to_char() made PostgreSQL sort every row by a string (the clips of the largest
  // municipality, ~100,000 a year, spilled that sort to disk).
  const month = (col: string) => sql`date_trunc('month', ${sql.raw(col)} at time zone 'Europe/Copenhagen')`;
  // A clip counts in the month it was performed (performed_on). Its range is written on the clip's
  // day (clipDay), which is performed_on whenever performed_on is set: the same clips, read from
  // punch-card use's covering index (clips_report_day_idx) alone.
  const rows = await rawRows<{
    month: string;
    forms: number;
    lonely: number;
    courses: number;
    clips: number;
  }>(
    tx,
    sql`select to_char(x.month, 'YYYY-MM') as month, sum(x.forms)::int as forms, sum(x.lonely)::int as lonely,
        sum(x.courses)::int as courses, sum(x.clips)::int as clips
      from (
        select ${month("s.performed_at")} as month, count(*) as forms,
          count(*) filter (where s.positive and s.exclusion_reason is null) as lonely, 0 as courses, 0 as clips
        from screenings s join citizens c on c.id = s.citizen_id
        where ${inTenant(s, w.municipalityId)} and s.purpose = 'detection' and s.performed_at >= ${w.from} and s.performed_at < ${w.to} and ${inScope(w)} group by 1
        union all
        select ${month("k.opened_at")}, 0, 0, count(*), 0 from courses k join citizens c on c.id = k.citizen_id
        where ${inTenant(courseK, w.municipalityId)} and k.opened_at >= ${w.from} and k.opened_at < ${w.to} and ${inScope(w)} group by 1
        union all
        select date_trunc('month', k.performed_on::timestamp), 0, 0, 0, count(*) from clips k join citizens c on c.id = k.citizen_id
        where ${inTenant(clipK, w.municipalityId)} and k.status = 'done' and k.performed_on is not null
          and ${clipDay} >= ${w.fromDay}::date and ${clipDay} <= ${w.toDay}::date and ${inScope(w)} group by 1
      ) x
      group by x.month`,
  );
  const months: string[] = [];
  for (
    let d = new Date(`${w.fromDay.slice(0, 7)}-01T00:00:00Z`);
    d.toISOString().slice(0, 7) <= w.toDay.slice(0, 7);
    d.setUTCMonth(d.getUTCMonth() + 1)
  ) {
    months.push(d.toISOString().slice(0, 7));
  }
  const hide = reportsSuppressed(ctx.actor);
  const fig = (n: number) =>
    hide ? suppress(n, smallNumberThreshold) : { value: n, suppressed: false as const };
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const of = (m: string, series: "forms" | "lonely" | "courses" | "clips") =>
    fig(Number(byMonth.get(m)?.[series] ?? 0));
  await audit(tx, ctx, {
    action: "read",
    entityType: "trend_report",
    criterion: { from: q.from, to: q.to, providerId: w.providerId, districtId: w.districtId },
  });
  return {
    period: { from: q.from, to: q.to },
    suppressed: hide,
    smallNumberThreshold,
    months: months.map((m) => ({
      month: m,
      forms: of(m, "forms"),
      lonely: of(m, "lonely"),
      courses: of(m, "courses"),
      clipsUsed: of(m, "clips"),
    })),
  };
}
