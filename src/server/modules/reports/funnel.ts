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

/** The citizens (column citizen_id) who reached each step in the window. */
function stepSource(w: Window, step: FunnelStepKey): SQL {
  const inPeriod = (col: SQL) => sql`${col} >= ${w.from} and ${col} < ${w.to}`;
  const screened = sql`select s.citizen_id from screenings s where ${inTenant(alias(screenings, "s"), w.municipalityId)} and s.purpose = 'detection' and ${inPeriod(sql`s.performed_at`)}`;
  switch (step) {
    case "noticed":
      return sql`${screened} union select r.citizen_id from referrals r where ${inTenant(alias(referrals, "r"), w.municipalityId)} and r.citizen_id is not null and ${inPeriod(sql`r.created_at`)}`;
    case "screened":
      return sql`${screened} and s.exclusion_reason is null`;
    case "lonely":
      return sql`${screened} and s.exclusion_reason is null and s.positive`;
    case "consented":
      return sql`${screened} and s.exclusion_reason is null and s.positive and s.consent = 'yes'`;
    case "referred":
      return sql`select r.citizen_id from referrals r where ${inTenant(alias(referrals, "r"), w.municipalityId)} and r.citizen_id is not null and ${inPeriod(sql`r.created_at`)}`;
    case "courseStarted":
      return sql`select k.citizen_id from courses k where ${inTenant(alias(courses, "k"), w.municipalityId)} and ${inPeriod(sql`k.opened_at`)}`;
    case "triedActivity":
      return sql`select p.citizen_id from placement_events e join placements p on p.id = e.placement_id
        where ${inTenant(alias(placementEvents, "e"), w.municipalityId)} and e.to_status in ('trial_visit', 'participating') and ${inPeriod(sql`e.at`)}`;
    case "stillTakingPart":
      return sql`select k.citizen_id from follow_ups f join courses k on k.id = f.course_id where ${inTenant(alias(followUps, "f"), w.municipalityId)} and f.still_participating and ${inPeriod(sql`f.performed_at`)}`;
  }
}

type ReachedRow = {
  step: FunnelStepKey;
  id: string;
  district_id: string | null;
  provider_organisation_id: string | null;
};

/**
 * Who reached which step, one row per citizen and step, in ONE statement over every step's
 * source; the cohort (each step a subset of the one before, "entered here" apart) is then the
 * pure rule cohortFunnel(), for the whole scope and per district and provider alike.
 */
async function reachedRows(tx: DbOrTx, w: Window): Promise<ReachedRow[]> {
  const parts = FUNNEL_STEPS.map(
    (
      step,
    ) => sql`select ${step}::text as step, c.id, c.district_id, c.provider_organisation_id from citizens c
      where ${inScope(w)} and c.id in (select citizen_id from (${stepSource(w, step)}) x)`,
  );
  return rawRows<ReachedRow>(tx, sql`${sql.join(parts, sql` union all `)}`);
}

function cohortOf(rows: readonly ReachedRow[]) {
  return cohortFunnel(
    FUNNEL_STEPS.map((key) => ({
      key,
      reached: new Set(rows.filter((r) => r.step === key).map((r) => r.id)),
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
