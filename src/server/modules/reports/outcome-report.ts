/**
 * The outcome report (issue 6, point 3): pairs of baseline and follow-up questionnaires whose
 * follow-up was answered in the period — the change per citizen and in aggregate (mean change,
 * the share who moved from lonely to not lonely), always with the number of pairs behind it,
 * and saying when there are too few pairs to mean anything.
 */
import { sql } from "drizzle-orm";
import { reportsSuppressed } from "../../../domain/access-policy.js";
import { share, summariseOutcomes, suppress } from "../../../domain/reporting/statistics.js";
import type { OutcomeReport, ReportQuery } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { evaluationSettings, totalOf } from "../questionnaires/index.js";
import { inScope, reportWindow } from "./window.js";

/** Fewer pairs than this and a mean change says more about the people than about the work. */
export const MINIMUM_PAIRS = 10;

export async function outcomeReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<OutcomeReport> {
  authorize(ctx, { kind: "report.view" });
  const w = await reportWindow(tx, ctx, q);
  const settings = await evaluationSettings(tx, w.municipalityId);
  const rows = await rawRows<{
    citizen_id: string;
    first_name: string;
    last_name: string;
    b_scores: unknown;
    b_lonely: boolean;
    f_scores: unknown;
    f_lonely: boolean;
  }>(
    tx,
    sql`select c.id as citizen_id, c.first_name, c.last_name, bs.scores as b_scores, bs.positive as b_lonely, fs.scores as f_scores, fs.positive as f_lonely
      from outcome_measurements fm
        -- A follow-up answered outside its window is recorded but never paired (issue 11 point 6).
        join outcome_measurements bm on bm.course_id = fm.course_id and bm.phase = 'baseline'
        join screenings fs on fs.id = fm.screening_id
        join screenings bs on bs.id = bm.screening_id
        join citizens c on c.id = fm.citizen_id
      where fm.phase = 'follow_up' and not fm.out_of_window and fm.answered_at >= ${w.from} and fm.answered_at < ${w.to} and ${inScope(w)}
      order by c.sort_name collate "C"`,
  );
  const pairs = rows
    .map((r) => ({ r, baseline: totalOf(r.b_scores), followUp: totalOf(r.f_scores) }))
    .filter(
      (p): p is typeof p & { baseline: number; followUp: number } =>
        p.baseline !== null && p.followUp !== null,
    );
  const s = summariseOutcomes(
    pairs.map((p) => ({
      baseline: p.baseline,
      followUp: p.followUp,
      baselineLonely: p.r.b_lonely,
      followUpLonely: p.r.f_lonely,
    })),
    MINIMUM_PAIRS,
  );
  const hide = reportsSuppressed(ctx.actor);
  const fig = (n: number) =>
    hide ? suppress(n, settings.smallNumberThreshold) : { value: n, suppressed: false as const };
  const tooFewToShow = hide && s.pairs < settings.smallNumberThreshold;
  const moved = fig(s.movedOutOfLoneliness.count);
  const lonely = fig(s.lonelyAtBaseline);
  await audit(
    tx,
    ctx,
    hide
      ? { action: "read", entityType: "outcome_report", criterion: { from: q.from, to: q.to } }
      : [
          { action: "read" as const, entityType: "outcome_report", criterion: { from: q.from, to: q.to } },
          ...pairs.map((p) => ({
            action: "read" as const,
            entityType: "outcome_report" as const,
            citizenId: p.r.citizen_id,
            criterion: { from: q.from, to: q.to },
          })),
        ],
  );
  return {
    period: { from: q.from, to: q.to },
    questionnaireKey: settings.outcomeQuestionnaireKey,
    suppressed: hide,
    smallNumberThreshold: settings.smallNumberThreshold,
    minimumPairs: MINIMUM_PAIRS,
    pairs: fig(s.pairs),
    meanBaseline: tooFewToShow ? null : s.meanBaseline,
    meanFollowUp: tooFewToShow ? null : s.meanFollowUp,
    meanChange: tooFewToShow ? null : s.meanChange,
    lonelyAtBaseline: lonely,
    movedOutOfLoneliness: {
      count: moved,
      of: lonely,
      percent:
        moved.suppressed || lonely.suppressed
          ? null
          : share(s.movedOutOfLoneliness.count, s.lonelyAtBaseline).percent,
    },
    tooFewToConclude: s.tooFewToConclude,
    citizens: hide
      ? []
      : pairs.map((p) => ({
          citizen: { id: p.r.citizen_id, name: `${p.r.first_name} ${p.r.last_name}` },
          baseline: p.baseline,
          followUp: p.followUp,
          change: p.followUp - p.baseline,
        })),
  };
}
