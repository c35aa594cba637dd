/**
 * The status report (issue 6, point 1), laid out like Holstebro's "status pr. 1.12.18" (seed 004):
 * every figure is counted from work already recorded — detection forms, exclusions, outcome
 * questionnaires, volunteer-centre referrals, the target group — for a period and a scope
 * (municipality, provider or district; a citizen belongs to the provider and district the
 * register gives them). The headline is citizens ("33 borgere udgår", issue 11 point 2), with the
 * forms and questionnaires beside it; the target group is the group on the period's last day.
 * Read-only queries: they take no locks a worker's write waits for.
 */
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { reportsSuppressed } from "../../../domain/access-policy.js";
import { share, suppress } from "../../../domain/reporting/statistics.js";
import { STATUS_FIGURES } from "../../../domain/vocabulary/reports.js";
import type { ReportQuery, StatusFigureKey, StatusReport } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { citizens, outcomeMeasurements, screenings } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { audit } from "../../platform/audit.js";
import { inTenant } from "../../platform/tenancy.js";
import { volunteerFigureSource } from "../placements/index.js";
import { listedCitizen } from "../citizens/index.js";
import { evaluationSettings } from "../questionnaires/index.js";
import { type TargetGroupFigure, idsSource, targetGroupIds } from "./target-group-figures.js";
import { type Window, inScope, reportWindow } from "./window.js";

/** Figures whose source is a table of recorded work (the target group comes from its history). */
type RecordedFigure = Exclude<StatusFigureKey, TargetGroupFigure>;

type DetectionFigure = "formsFilled" | "formsAnswered" | "excluded" | "assessedLonely";
type OutcomeFigure = "baselineQuestionnaires" | "followUpQuestionnaires";

/** Which of the period's detection forms (`screenings s`) a detection figure counts. */
const DETECTION: Record<DetectionFigure, SQL> = {
  formsFilled: sql`true`,
  formsAnswered: sql`s.exclusion_reason is null`,
  excluded: sql`s.exclusion_reason is not null`,
  assessedLonely: sql`s.exclusion_reason is null and s.positive`,
};
const OUTCOME_PHASE: Record<OutcomeFigure, string> = {
  baselineQuestionnaires: "baseline",
  followUpQuestionnaires: "follow_up",
};

/** The scope's detection forms filled in the period (`screenings s`, `citizens c`), before a figure's
 * condition. */
const detectionForms = (w: Window, columns: SQL) =>
  sql`select ${columns} from screenings s join citizens c on c.id = s.citizen_id
    where ${inTenant(alias(screenings, "s"), w.municipalityId)} and s.purpose = 'detection' and s.performed_at >= ${w.from} and s.performed_at < ${w.to} and ${inScope(w)}`;

/** The scope's outcome questionnaires answered in the period within their window
 * (`outcome_measurements m`), before the phase. */
const outcomeQuestionnaires = (w: Window, columns: SQL) =>
  sql`select ${columns} from outcome_measurements m join citizens c on c.id = m.citizen_id
    where ${inTenant(alias(outcomeMeasurements, "m"), w.municipalityId)} and not m.out_of_window and m.answered_at >= ${w.from} and m.answered_at < ${w.to} and ${inScope(w)}`;

const volunteerPeriod = (w: Window) => ({
  municipalityId: w.municipalityId,
  from: w.from,
  to: w.to,
  citizens: inScope(w),
});

/**
 * The rows behind each recorded figure, as SQL selecting `citizen_id` — one row per form,
 * questionnaire or referral, so count(*) is the forms and count(distinct citizen_id) the citizens.
 * The drill-down reads these; the counts (statusCounts) read the same sources with the same
 * conditions, in one pass. The definitions are written once, in the reports i18n
 * (`definitions.*`) and docs/REPORTS.md.
 */
export function figureSource(w: Window, figure: RecordedFigure, reason?: string): SQL {
  switch (figure) {
    case "formsFilled":
    case "formsAnswered":
    case "assessedLonely":
      return sql`${detectionForms(w, sql`s.citizen_id`)} and ${DETECTION[figure]}`;
    case "excluded":
      return reason
        ? sql`${detectionForms(w, sql`s.citizen_id`)} and s.exclusion_reason = ${reason}`
        : sql`${detectionForms(w, sql`s.citizen_id`)} and ${DETECTION.excluded}`;
    case "baselineQuestionnaires":
    case "followUpQuestionnaires":
      return sql`${outcomeQuestionnaires(w, sql`m.citizen_id`)} and m.phase = ${OUTCOME_PHASE[figure]}`;
    // The volunteer centre's figures have one definition, shared with its own statistics.
    case "volunteerReferrals":
      return volunteerFigureSource(volunteerPeriod(w), "referred");
    case "matched":
    case "matchesEnded":
      return volunteerFigureSource(volunteerPeriod(w), figure);
  }
}

type CountsRow = Record<string, unknown> & { reason: string | null; by_reason: number | null };

/**
 * Every recorded figure in ONE statement, each source read once (issue 19; before, every figure
 * was two scalar subqueries over its own copy of its source: eight scans of the ~20,000 forms of
 * the largest municipality a year, and a ninth for the exclusions by reason).
 *  - Detection forms: one pass sums each citizen's forms per figure (the figure's condition in
 *    DETECTION), for all reasons (by_reason = 1) and per exclusion reason (by_reason = 0) — two
 *    grouping sets of the same pass. A figure's forms are then the sum, its citizens those with a
 *    form in it: count(*) and count(distinct citizen_id) of the figure's rows, without sorting
 *    the rows once per distinct count.
 *  - Outcome questionnaires (a thousand or so): one pass, a FILTER per phase.
 *  - The volunteer centre's three figures (counted in referrals, a few hundred) from their shared
 *    sources.
 * The outcome and volunteer figures are one row, always there; the detection rows join it (none
 * when there are no forms).
 */
function statusCounts(w: Window): SQL {
  const figures = Object.keys(DETECTION) as DetectionFigure[];
  const perCitizen = figures.map((f) => sql`count(*) filter (where ${DETECTION[f]}) as ${sql.identifier(f)}`);
  const detection = figures.map(
    (f) =>
      sql`sum(p.${sql.identifier(f)})::int as ${sql.identifier(`${f}_rows`)}, count(*) filter (where p.${sql.identifier(f)} > 0)::int as ${sql.identifier(`${f}_citizens`)}`,
  );
  const outcome = (Object.keys(OUTCOME_PHASE) as OutcomeFigure[]).map(
    (f) =>
      sql`count(*) filter (where m.phase = ${OUTCOME_PHASE[f]})::int as ${sql.identifier(`${f}_rows`)}, count(distinct m.citizen_id) filter (where m.phase = ${OUTCOME_PHASE[f]})::int as ${sql.identifier(`${f}_citizens`)}`,
  );
  const volunteer = (["volunteerReferrals", "matched", "matchesEnded"] as const).map(
    (f) => sql`(select count(*)::int from (${figureSource(w, f)}) x) as ${sql.identifier(`${f}_rows`)}`,
  );
  return sql`select o.*, v.*, d.*
    from (${outcomeQuestionnaires(w, sql.join(outcome, sql`, `))}) o
    cross join (select ${sql.join(volunteer, sql`, `)}) v
    left join (
      select p.reason, p.by_reason, ${sql.join(detection, sql`, `)}
      from (${detectionForms(w, sql`s.citizen_id, s.exclusion_reason as reason, grouping(s.exclusion_reason)::int as by_reason, ${sql.join(perCitizen, sql`, `)}`)}
        group by grouping sets ((s.citizen_id), (s.citizen_id, s.exclusion_reason))) p
      group by p.reason, p.by_reason
    ) d on true
    order by d.by_reason desc nulls last, d.reason`;
}

const TARGET_GROUP_FIGURES: readonly StatusFigureKey[] = ["targetGroup", "entered", "left"];
const isTargetGroupFigure = (f: StatusFigureKey): f is TargetGroupFigure => TARGET_GROUP_FIGURES.includes(f);

/** The recorded figures, counted in rows (forms …) and in citizens. */
const COUNTED = STATUS_FIGURES.filter((f): f is RecordedFigure => !isTargetGroupFigure(f));

export async function statusReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<StatusReport> {
  authorize(ctx, { kind: "report.view" });
  const w = await reportWindow(tx, ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  const rows = await rawRows<CountsRow>(tx, statusCounts(w));
  // The row of all reasons; without any form, the one row of outcome and volunteer figures alone.
  const row = rows.find((r) => r.by_reason === 1) ?? rows[0];
  const rowsOf = (f: RecordedFigure) => Number(row?.[`${f}_rows`] ?? 0);
  const citizensOf = (f: RecordedFigure) => Number(row?.[`${f}_citizens`] ?? 0);
  // Per exclusion reason: the forms of that reason, all of them excluded (DETECTION.excluded).
  const byReason = rows
    .filter((r) => r.by_reason === 0 && r.reason !== null)
    .map((r) => ({ reason: r.reason!, n: Number(r.excluded_rows), citizens: Number(r.excluded_citizens) }));
  const group = await targetGroupIds(tx, w);

  const hide = reportsSuppressed(ctx.actor);
  const fig = (n: number) =>
    hide ? suppress(n, smallNumberThreshold) : { value: n, suppressed: false as const };
  // A share has the same unit above and below the line: citizens of citizens, forms of forms.
  const shareOf = (count: number, of: number) => {
    const c = fig(count);
    const o = fig(of);
    return { count: c, of: o, percent: c.suppressed || o.suppressed ? null : share(count, of).percent };
  };
  await audit(tx, ctx, {
    action: "read",
    entityType: "status_report",
    criterion: { from: q.from, to: q.to, providerId: w.providerId, districtId: w.districtId },
  });
  return {
    period: { from: q.from, to: q.to },
    scope: { providerId: w.providerId, districtId: w.districtId },
    smallNumberThreshold,
    suppressed: hide,
    empty: COUNTED.every((f) => rowsOf(f) === 0) && group.entered.length === 0 && group.left.length === 0,
    targetGroupOn: q.to,
    // The headline: citizens.
    figures: {
      formsFilled: fig(citizensOf("formsFilled")),
      formsAnswered: fig(citizensOf("formsAnswered")),
      excluded: fig(citizensOf("excluded")),
      excludedByReason: byReason.map((r) => ({ reason: r.reason, count: fig(Number(r.citizens)) })),
      assessedLonely: shareOf(citizensOf("assessedLonely"), citizensOf("formsAnswered")),
      baselineQuestionnaires: fig(citizensOf("baselineQuestionnaires")),
      followUpQuestionnaires: fig(citizensOf("followUpQuestionnaires")),
      // Counted in referrals, as the volunteer centre counts them (volunteer-figures.ts).
      volunteerReferrals: fig(rowsOf("volunteerReferrals")),
      matched: shareOf(rowsOf("matched"), rowsOf("volunteerReferrals")),
      matchesEnded: fig(rowsOf("matchesEnded")),
      targetGroup: fig(group.targetGroup.length),
      entered: fig(group.entered.length),
      left: fig(group.left.length),
    },
    // Beside the headline: the forms and questionnaires themselves (a citizen may have several).
    forms: {
      formsFilled: fig(rowsOf("formsFilled")),
      formsAnswered: fig(rowsOf("formsAnswered")),
      excluded: fig(rowsOf("excluded")),
      excludedByReason: byReason.map((r) => ({ reason: r.reason, count: fig(Number(r.n)) })),
      assessedLonely: shareOf(rowsOf("assessedLonely"), rowsOf("formsAnswered")),
      baselineQuestionnaires: fig(rowsOf("baselineQuestionnaires")),
      followUpQuestionnaires: fig(rowsOf("followUpQuestionnaires")),
    },
  };
}

/** The citizens behind one figure (distinct), for roles that may see them; every one shown is audited. */
export async function statusFigureCitizens(
  tx: DbOrTx,
  ctx: Ctx,
  figure: StatusFigureKey,
  q: ReportQuery & { reason?: string | undefined },
) {
  authorize(ctx, { kind: "report.citizens" });
  const w = await reportWindow(tx, ctx, q);
  // The same source as the count: the target group's ids, or the recorded figure's rows.
  const source = isTargetGroupFigure(figure)
    ? idsSource((await targetGroupIds(tx, w))[figure])
    : figureSource(w, figure, q.reason);
  const rows = await rawRows<{ id: string; first_name: string; last_name: string; address_line: string }>(
    tx,
    // Anonymised and restricted citizens are counted but never listed by name (issue 13).
    sql`select c.id, c.first_name, c.last_name, c.address_line from citizens c
      where c.id in (select citizen_id from (${source}) x) and ${listedCitizen(alias(citizens, "c"))}
      order by c.sort_name collate "C" limit 1000`,
  );
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? {
          action: "search",
          entityType: "status_report",
          criterion: { figure, from: q.from, to: q.to, hits: 0 },
        }
      : rows.map((r) => ({
          action: "search" as const,
          entityType: "citizen",
          entityId: r.id,
          citizenId: r.id,
          criterion: { report: figure, from: q.from, to: q.to },
        })),
  );
  return rows.map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}`, address: r.address_line }));
}
