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
import { inScope, reportWindow } from "./window.js";

export async function trendReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<TrendReport> {
  authorize(ctx, { kind: "report.view" });
  const w = await reportWindow(tx, ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  // The tables as the SQL below aliases them, for the tenant filter.
  const [s, courseK, clipK] = [alias(screenings, "s"), alias(courses, "k"), alias(clips, "k")];
  const month = (col: string) => sql`to_char(${sql.raw(col)} at time zone 'Europe/Copenhagen', 'YYYY-MM')`;
  const rows = await rawRows<{ month: string; series: string; n: number }>(
    tx,
    sql`select ${month("s.performed_at")} as month, 'forms' as series, count(*)::int as n from screenings s join citizens c on c.id = s.citizen_id
        where ${inTenant(s, w.municipalityId)} and s.purpose = 'detection' and s.performed_at >= ${w.from} and s.performed_at < ${w.to} and ${inScope(w)} group by 1
      union all
      select ${month("s.performed_at")}, 'lonely', count(*)::int from screenings s join citizens c on c.id = s.citizen_id
        where ${inTenant(s, w.municipalityId)} and s.purpose = 'detection' and s.positive and s.exclusion_reason is null and s.performed_at >= ${w.from} and s.performed_at < ${w.to} and ${inScope(w)} group by 1
      union all
      select ${month("k.opened_at")}, 'courses', count(*)::int from courses k join citizens c on c.id = k.citizen_id
        where ${inTenant(courseK, w.municipalityId)} and k.opened_at >= ${w.from} and k.opened_at < ${w.to} and ${inScope(w)} group by 1
      union all
      select to_char(k.performed_on, 'YYYY-MM'), 'clips', count(*)::int from clips k join citizens c on c.id = k.citizen_id
        where ${inTenant(clipK, w.municipalityId)} and k.status = 'done' and k.performed_on >= ${w.fromDay}::date and k.performed_on <= ${w.toDay}::date and ${inScope(w)} group by 1`,
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
  const of = (m: string, series: string) =>
    fig(Number(rows.find((r) => r.month === m && r.series === series)?.n ?? 0));
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
