/**
 * The status report (issue 6, point 1), laid out like Holstebro's "status pr. 1.12.18" (seed 004):
 * every figure is counted from work already recorded — detection forms, exclusions, outcome
 * questionnaires, volunteer-centre referrals, the target group — for a period and a scope
 * (municipality, provider or district; a citizen belongs to the provider and district the
 * register gives them). Counts are of forms and referrals, as in Holstebro's table; the target
 * group is counted in citizens. Read-only queries: they take no locks a worker's write waits for.
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { type SQL, sql } from "drizzle-orm";
import { reportsSuppressed } from "../../../domain/access-policy.js";
import { share, suppress } from "../../../domain/reporting/statistics.js";
import { copenhagenInstant } from "../../../domain/time.js";
import { type ReportQuery, STATUS_FIGURES, type StatusFigureKey, type StatusReport } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { audit } from "../../platform/audit.js";
import { evaluationSettings } from "./outcomes.js";

export interface Window {
  municipalityId: string;
  from: Date;
  /** Exclusive: the start of the day after the period's last day. */
  to: Date;
  fromDay: string;
  toDay: string;
  providerId: string | null;
  districtId: string | null;
}

/** Period and scope of a report request; a private provider's staff always see their own provider. */
export function windowOf(ctx: Ctx, q: ReportQuery): Window {
  if (q.from > q.to) throw AppError.field("to", "invalid_value");
  const providerId = ctx.actor.organisationKind === "private_provider" ? ctx.actor.organisationId : (q.providerId ?? null);
  return {
    municipalityId: ctx.actor.municipalityId,
    from: copenhagenInstant(q.from, "00:00"),
    to: copenhagenInstant(formatISO(addDays(parseISO(q.to), 1), { representation: "date" }), "00:00"),
    fromDay: q.from,
    toDay: q.to,
    providerId,
    districtId: q.districtId ?? null,
  };
}

/**
 * windowOf() plus the scope checked against the municipality: a provider or district that is not
 * one of its home-care providers or districts is a 400 naming the field, never a report of zeros
 * that looks like a real answer (issue 6: "invalid periods or scopes get a 400").
 */
export async function reportWindow(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<Window> {
  const w = windowOf(ctx, q);
  if (q.providerId && w.providerId === q.providerId) {
    const [provider] = await rawRows<{ id: string }>(
      tx,
      sql`select id from organisations where id = ${q.providerId} and municipality_id = ${w.municipalityId} and kind in ('public_provider', 'private_provider')`,
    );
    if (!provider) throw AppError.field("providerId", "invalid_value");
  }
  if (q.districtId) {
    const [district] = await rawRows<{ id: string }>(tx, sql`select id from districts where id = ${q.districtId} and municipality_id = ${w.municipalityId}`);
    if (!district) throw AppError.field("districtId", "invalid_value");
  }
  return w;
}

/** The citizens of the scope, as a condition on a citizens row aliased `c`. */
export function inScope(w: Window): SQL {
  return sql`c.municipality_id = ${w.municipalityId}
    and (${w.providerId}::uuid is null or c.provider_organisation_id = ${w.providerId}::uuid)
    and (${w.districtId}::uuid is null or c.district_id = ${w.districtId}::uuid)`;
}

/** The citizen ids behind each figure, as SQL selecting `citizen_id` — shared by counts and drill-down. */
export function figureSource(w: Window, figure: StatusFigureKey, reason?: string): SQL {
  const detection = sql`select s.citizen_id from screenings s join citizens c on c.id = s.citizen_id
    where s.municipality_id = ${w.municipalityId} and s.purpose = 'detection' and s.performed_at >= ${w.from} and s.performed_at < ${w.to} and ${inScope(w)}`;
  switch (figure) {
    case "formsFilled":
      return detection;
    case "formsAnswered":
      return sql`${detection} and s.exclusion_reason is null`;
    case "excluded":
      return reason ? sql`${detection} and s.exclusion_reason = ${reason}` : sql`${detection} and s.exclusion_reason is not null`;
    case "assessedLonely":
      return sql`${detection} and s.exclusion_reason is null and s.positive`;
    case "baselineQuestionnaires":
    case "followUpQuestionnaires":
      return sql`select m.citizen_id from outcome_measurements m join citizens c on c.id = m.citizen_id
        where m.municipality_id = ${w.municipalityId} and m.phase = ${figure === "baselineQuestionnaires" ? "baseline" : "follow_up"} and m.answered_at >= ${w.from} and m.answered_at < ${w.to} and ${inScope(w)}`;
    case "volunteerReferrals":
    case "matched":
      return sql`select v.citizen_id from volunteer_referrals v join citizens c on c.id = v.citizen_id
        where v.municipality_id = ${w.municipalityId} and v.created_at >= ${w.from} and v.created_at < ${w.to} and ${inScope(w)}${figure === "matched" ? sql` and v.status = 'matched'` : sql``}`;
    case "targetGroup":
      return sql`select c.id as citizen_id from citizens c where ${inScope(w)} and c.in_target_group`;
    case "entered":
      // New in home care within the period, or taken back into the target group.
      return sql`select c.id as citizen_id from citizens c where ${inScope(w)} and c.home_care_since >= ${w.fromDay}::date and c.home_care_since <= ${w.toDay}::date
        union all
        select g.citizen_id from target_group_changes g join citizens c on c.id = g.citizen_id
        where g.municipality_id = ${w.municipalityId} and g.in_target_group and g.changed_at >= ${w.from} and g.changed_at < ${w.to} and ${inScope(w)}`;
    case "left":
      return sql`select g.citizen_id from target_group_changes g join citizens c on c.id = g.citizen_id
        where g.municipality_id = ${w.municipalityId} and not g.in_target_group and g.changed_at >= ${w.from} and g.changed_at < ${w.to} and ${inScope(w)}`;
  }
}

/** Every figure of the table is counted (the excluded-by-reason split comes apart). */
const COUNTED: readonly StatusFigureKey[] = STATUS_FIGURES;

export async function statusReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<StatusReport> {
  authorize(ctx, { kind: "report.view" });
  const w = await reportWindow(tx, ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  const counts = new Map<StatusFigureKey, number>();
  // One round trip: every figure is a scalar subquery over its own indexed source.
  const selects = COUNTED.map((f) => sql`(select count(*)::int from (${figureSource(w, f)}) x) as ${sql.identifier(f)}`);
  const [row] = await rawRows<Record<string, number>>(tx, sql`select ${sql.join(selects, sql`, `)}`);
  for (const f of COUNTED) counts.set(f, Number(row?.[f] ?? 0));
  const byReason = await rawRows<{ reason: string; n: number }>(
    tx,
    sql`select s.exclusion_reason as reason, count(*)::int as n from screenings s join citizens c on c.id = s.citizen_id
      where s.municipality_id = ${w.municipalityId} and s.purpose = 'detection' and s.exclusion_reason is not null and s.performed_at >= ${w.from} and s.performed_at < ${w.to} and ${inScope(w)}
      group by s.exclusion_reason order by s.exclusion_reason`,
  );

  const hide = reportsSuppressed(ctx.actor);
  const fig = (n: number) => (hide ? suppress(n, smallNumberThreshold) : { value: n, suppressed: false as const });
  const shareOf = (count: number, of: number) => {
    const c = fig(count);
    const o = fig(of);
    return { count: c, of: o, percent: c.suppressed || o.suppressed ? null : share(count, of).percent };
  };
  const n = (f: StatusFigureKey) => counts.get(f) ?? 0;
  await audit(tx, ctx, { action: "read", entityType: "status_report", criterion: { from: q.from, to: q.to, providerId: w.providerId, districtId: w.districtId } });
  return {
    period: { from: q.from, to: q.to },
    scope: { providerId: w.providerId, districtId: w.districtId },
    smallNumberThreshold,
    suppressed: hide,
    empty: COUNTED.every((f) => f === "targetGroup" || n(f) === 0),
    figures: {
      formsFilled: fig(n("formsFilled")),
      formsAnswered: fig(n("formsAnswered")),
      excluded: fig(n("excluded")),
      excludedByReason: byReason.map((r) => ({ reason: r.reason, count: fig(Number(r.n)) })),
      assessedLonely: shareOf(n("assessedLonely"), n("formsAnswered")),
      baselineQuestionnaires: fig(n("baselineQuestionnaires")),
      followUpQuestionnaires: fig(n("followUpQuestionnaires")),
      volunteerReferrals: fig(n("volunteerReferrals")),
      matched: shareOf(n("matched"), n("volunteerReferrals")),
      targetGroup: fig(n("targetGroup")),
      entered: fig(n("entered")),
      left: fig(n("left")),
    },
  };
}

/** The citizens behind one figure (distinct), for roles that may see them; every one shown is audited. */
export async function statusFigureCitizens(tx: DbOrTx, ctx: Ctx, figure: StatusFigureKey, q: ReportQuery & { reason?: string | undefined }) {
  authorize(ctx, { kind: "report.citizens" });
  const w = await reportWindow(tx, ctx, q);
  const rows = await rawRows<{ id: string; first_name: string; last_name: string; address_line: string }>(
    tx,
    sql`select c.id, c.first_name, c.last_name, c.address_line from citizens c
      where c.id in (select citizen_id from (${figureSource(w, figure, q.reason)}) x) order by c.sort_name collate "C" limit 1000`,
  );
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? { action: "search", entityType: "status_report", criterion: { figure, from: q.from, to: q.to, hits: 0 } }
      : rows.map((r) => ({ action: "search" as const, entityType: "citizen", entityId: r.id, citizenId: r.id, criterion: { report: figure, from: q.from, to: q.to } })),
  );
  return rows.map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}`, address: r.address_line }));
}
