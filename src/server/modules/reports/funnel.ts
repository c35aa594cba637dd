/**
 * The funnel (issue 6, point 2; a cohort since issue 11, point 5): the citizens noticed in the
 * period, of whom screened, of whom lonely, … of whom still taking part at follow-up — each step
 * the part of the step before whose step also happened in the period — with the drop-out at each
 * step and the citizens who entered at a later step on their own line; for the whole scope and
 * split by district and by provider (the seeds report large differences between districts).
 */
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { reportsSuppressed } from "../../../domain/access-policy.js";
import { cohortFunnel } from "../../../domain/reporting/funnel.js";
import { suppress } from "../../../domain/reporting/statistics.js";
import { FUNNEL_STEPS, type FunnelStepKey } from "../../../domain/vocabulary/reports.js";
import type { FunnelReport, ReportQuery } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import {
  courses,
  districts,
  followUps,
  organisations,
  placementEvents,
  referrals,
  screenings,
} from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { evaluationSettings } from "../questionnaires/index.js";
import { type Window, inScope, reportWindow } from "./window.js";

/** A step's bit in a citizen's `steps` (FUNNEL_STEPS order). */
const STEP_BIT = Object.fromEntries(FUNNEL_STEPS.map((step, i) => [step, 1 << i])) as Record<
  FunnelStepKey,
  number
>;
const bits = (...steps: FunnelStepKey[]) => sql`${steps.reduce((a, step) => a | STEP_BIT[step], 0)}::int`;
const bitIf = (condition: SQL, step: FunnelStepKey, more: SQL = sql`0`) =>
  sql`case when ${condition} then ${bits(step)} | ${more} else 0 end`;

/**
 * The steps each record shows, as rows (citizen_id, steps): one source per table, each read
 * once. A detection form in the period is noticed; answered (not excluded) also screened; then
 * positive also lonely; then consent 'yes' also consented. A referral (advis) in the period is
 * noticed and referred; a course opened in it, courseStarted; a trial visit or taking part,
 * triedActivity; a follow-up still taking part, stillTakingPart.
 */
function stepRows(w: Window): SQL {
  const inPeriod = (col: SQL) => sql`${col} >= ${w.from} and ${col} < ${w.to}`;
  return sql`select s.citizen_id, ${bits("noticed")} | ${bitIf(sql`s.exclusion_reason is null`, "screened", bitIf(sql`s.positive`, "lonely", bitIf(sql`s.consent = 'yes'`, "consented")))} as steps
      from screenings s where ${inTenant(alias(screenings, "s"), w.municipalityId)} and s.purpose = 'detection' and ${inPeriod(sql`s.performed_at`)}
    union all
    select r.citizen_id, ${bits("noticed", "referred")} from referrals r where ${inTenant(alias(referrals, "r"), w.municipalityId)} and r.citizen_id is not null and ${inPeriod(sql`r.created_at`)}
    union all
    select k.citizen_id, ${bits("courseStarted")} from courses k where ${inTenant(alias(courses, "k"), w.municipalityId)} and ${inPeriod(sql`k.opened_at`)}
    union all
    select p.citizen_id, ${bits("triedActivity")} from placement_events e join placements p on p.id = e.placement_id
      where ${inTenant(alias(placementEvents, "e"), w.municipalityId)} and e.to_status in ('trial_visit', 'participating') and ${inPeriod(sql`e.at`)}
    union all
    select k.citizen_id, ${bits("stillTakingPart")} from follow_ups f join courses k on k.id = f.course_id
      where ${inTenant(alias(followUps, "f"), w.municipalityId)} and f.still_participating and ${inPeriod(sql`f.performed_at`)}`;
}

type ReachedRow = {
  id: string;
  district_id: string | null;
  provider_organisation_id: string | null;
  /** The steps the citizen reached in the window, one bit each (STEP_BIT). */
  steps: number;
};

/**
 * Who reached which step: ONE row per citizen of the scope with the steps reached as bits, from
 * ONE statement that reads each source once (issue 19: before, a row per citizen and step, with
 * the detection forms read four times and the referrals twice). The cohort (each step a subset
 * of the one before, "entered here" apart) is then the pure rule cohortFunnel(), for the whole
 * scope and per district and provider alike.
 */
async function reachedRows(tx: DbOrTx, w: Window): Promise<ReachedRow[]> {
  return rawRows<ReachedRow>(
    tx,
    sql`select c.id, c.district_id, c.provider_organisation_id, x.steps
      from (select y.citizen_id, bit_or(y.steps) as steps from (${stepRows(w)}) y group by y.citizen_id) x
      join citizens c on c.id = x.citizen_id
      where ${inScope(w)}`,
  );
}

function cohortOf(rows: readonly ReachedRow[]) {
  return cohortFunnel(
    FUNNEL_STEPS.map((key) => ({
      key,
      reached: new Set(rows.filter((r) => (Number(r.steps) & STEP_BIT[key]) !== 0).map((r) => r.id)),
    })),
  );
}

export async function funnelReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<FunnelReport> {
  authorize(ctx, { kind: "report.view" });
  const w = await reportWindow(tx, ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  const hide = reportsSuppressed(ctx.actor);
  const rows = await reachedRows(tx, w);
  const names = await rawRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from districts where ${inTenant(districts, w.municipalityId)} union all select id, name from organisations where ${inTenant(organisations, w.municipalityId)}`,
  );
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const fig = (n: number) =>
    hide ? suppress(n, smallNumberThreshold) : { value: n, suppressed: false as const };
  const shape = (part: readonly ReachedRow[]) =>
    cohortOf(part).map((s) => {
      const count = fig(s.citizens.size);
      const dropOut = s.dropOut === null ? null : fig(s.dropOut);
      // A share over a hidden number would reveal it; it is never clamped (the cohort cannot exceed 100 %).
      return {
        key: s.key,
        count,
        dropOut,
        percentOfPrevious: count.suppressed || dropOut?.suppressed ? null : s.percentOfPrevious,
        enteredHere: fig(s.enteredHere.size),
      };
    });
  const split = (groupOf: (r: ReachedRow) => string | null) =>
    [...new Set(rows.map(groupOf))]
      .map((id) => ({
        id,
        name: id ? (nameOf.get(id) ?? "") : null,
        steps: shape(rows.filter((r) => groupOf(r) === id)),
      }))
      .sort((a, b) => (a.name ?? "~").localeCompare(b.name ?? "~", "da"));
  await audit(tx, ctx, {
    action: "read",
    entityType: "funnel_report",
    criterion: { from: q.from, to: q.to, providerId: w.providerId, districtId: w.districtId },
  });
  return {
    period: { from: q.from, to: q.to },
    suppressed: hide,
    smallNumberThreshold,
    steps: shape(rows),
    byDistrict: split((r) => r.district_id),
    byProvider: split((r) => r.provider_organisation_id),
  };
}
