/**
 * Punch-card use (issue 6, point 4): clips granted, planned, used and cancelled per kind, per
 * provider (the organisation that carries the clip out) and per district (the citizen's);
 * minutes used per course as a distribution (Struer ranged 1–279 accompaniment clips); and
 * accompaniment by form. Grants count in the period they were made, clips in the period they
 * were planned for or performed (a clip's day: performed on, or planned for; clip-use.ts reads them
 * as monthly sums). Opsporingsklip (granted by planners and team leaders before a
 * course exists) count as kind "detection"; they belong to no course, so not to the distribution.
 */
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { reportsSuppressed } from "../../../domain/access-policy.js";
import { ACCOMPANIMENT_FORMS } from "../../../domain/course/vocabulary.js";
import { distribution, suppress } from "../../../domain/reporting/statistics.js";
import type { ReportQuery, UsageReport } from "../../../shared/api/reports.js";
import { type DbOrTx, inSequence, rawRows } from "../../db/client.js";
import { clipGrants, courses, detectionClips, districts, organisations } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { evaluationSettings } from "../questionnaires/index.js";
import { clipRowsOfPeriod } from "./clip-use.js";
import { inScope, reportWindow } from "./window.js";

// The tables as the raw SQL below aliases them (`clips k` …): the tenant filter is typed on these.
const grantG = alias(clipGrants, "g");
// The courses too (issue 19): without it PostgreSQL read every course in the country to find the grants' citizens.
const courseCo = alias(courses, "co");
const detectionClipD = alias(detectionClips, "d");

type ClipGroup = {
  by_course: number;
  by_form: number;
  kind: string;
  status: string;
  provider_id: string;
  district_id: string | null;
  course_id: string | null;
  form: string | null;
  n: number;
  minutes: number;
  done: number;
  done_minutes: number;
  accompaniment_done: number;
};

export async function usageReport(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<UsageReport> {
  authorize(ctx, { kind: "report.view" });
  const w = await reportWindow(tx, ctx, q);
  const { smallNumberThreshold } = await evaluationSettings(tx, w.municipalityId);
  const hide = reportsSuppressed(ctx.actor);
  const fig = (n: number) =>
    hide ? suppress(n, smallNumberThreshold) : { value: n, suppressed: false as const };
  const detectionDay = sql`coalesce((d.done_at at time zone 'Europe/Copenhagen')::date, d.planned_date)`;
  const detectionClipInPeriod = sql`${detectionDay} >= ${w.fromDay}::date and ${detectionDay} <= ${w.toDay}::date`;

  const [grants, clipGroups, names] = await inSequence([
    () =>
      rawRows<{ kind: string; district_id: string | null; clips: number; minutes: number }>(
        tx,
        sql`select g.kind, c.district_id, sum(g.clips)::int as clips, sum(g.clips * g.minutes_per_clip)::int as minutes
        from clip_grants g join courses co on co.id = g.course_id join citizens c on c.id = co.citizen_id
        where ${inTenant(grantG, w.municipalityId)} and ${inTenant(courseCo, w.municipalityId)} and ${inScope(w)} and g.created_at >= ${w.from} and g.created_at < ${w.to}
        group by g.kind, c.district_id
        union all
        select 'detection', c.district_id, count(*)::int, sum(d.minutes)::int
        from detection_clips d join citizens c on c.id = d.citizen_id
        where ${inTenant(detectionClipD, w.municipalityId)} and ${inScope(w)} and d.created_at >= ${w.from} and d.created_at < ${w.to}
        group by c.district_id`,
      ),
    // Every clip figure from ONE pass over the period's clips (GROUPING SETS): the three sets
    // were three statements, each fetching the same ~100,000 rows of the largest municipality.
    // The clips come as monthly sums (clip_use_months, kept by the clips' triggers) plus the days
    // of a month the period covers in part (clip-use.ts; issue 19: half the rows, and they are
    // already summed) — n is a count of clips, so a group is there when its clips sum above 0.
    // Opsporingsklip live apart (granted before any course exists) and join as kind "detection",
    // carried out by the worker's organisation.
    () =>
      rawRows<ClipGroup>(
        tx,
        sql`select grouping(x.course_id)::int as by_course, grouping(x.form)::int as by_form,
          x.kind, x.status, x.provider_id, x.district_id, x.course_id, x.form,
          sum(x.n)::int as n, coalesce(sum(x.minutes), 0)::int as minutes,
          coalesce(sum(x.n) filter (where x.status = 'done'), 0)::int as done,
          coalesce(sum(x.minutes) filter (where x.status = 'done'), 0)::int as done_minutes,
          coalesce(sum(x.n) filter (where x.kind = 'accompaniment' and x.status = 'done'), 0)::int as accompaniment_done
        from (
          ${sql.join(
            [
              ...clipRowsOfPeriod(w),
              sql`select 'detection', d.status, u.organisation_id, c.district_id, null::uuid, null, 1, case when d.status = 'done' then d.minutes end
          from detection_clips d join citizens c on c.id = d.citizen_id join users u on u.id = d.worker_user_id
          where ${inTenant(detectionClipD, w.municipalityId)} and ${inScope(w)} and ${detectionClipInPeriod}`,
            ],
            sql` union all `,
          )}
        ) x
        group by grouping sets ((x.kind, x.status, x.provider_id, x.district_id), (x.course_id), (x.form))
        having sum(x.n) > 0`,
      ),
    () =>
      rawRows<{ id: string; name: string }>(
        tx,
        sql`select id, name from districts where ${inTenant(districts, w.municipalityId)} union all select id, name from organisations where ${inTenant(organisations, w.municipalityId)}`,
      ),
  ]);
  const clips = clipGroups.filter((g) => g.by_course === 1 && g.by_form === 1);
  // A course counts in the distribution when it used a clip in the period (as before: done clips only).
  const perCourse = clipGroups
    .filter((g) => g.by_course === 0 && g.course_id !== null && g.done > 0)
    .map((g) => ({ minutes: g.done_minutes, accompaniment: g.accompaniment_done }));
  // In the vocabulary's order, a clip without a form last (the rows come in hash order).
  const formOrder = (form: string | null) => {
    const i = (ACCOMPANIMENT_FORMS as readonly (string | null)[]).indexOf(form);
    return i < 0 ? ACCOMPANIMENT_FORMS.length : i;
  };
  const forms = clipGroups
    .filter((g) => g.by_form === 0 && g.accompaniment_done > 0)
    .map((g) => ({ form: g.form, n: g.accompaniment_done }))
    .sort((a, b) => formOrder(a.form) - formOrder(b.form));
  const nameOf = (id: string | null) => (id ? (names.find((n) => n.id === id)?.name ?? "") : null);

  const line = (rowsG: typeof grants, rowsC: typeof clips) => {
    const kinds = [...new Set([...rowsG.map((r) => r.kind), ...rowsC.map((r) => r.kind)])].sort();
    return kinds.map((kind) => {
      const c = (status: string) => rowsC.filter((r) => r.kind === kind && r.status === status);
      const sum = (xs: { n: number }[]) => xs.reduce((a, r) => a + Number(r.n), 0);
      return {
        kind,
        granted: fig(rowsG.filter((r) => r.kind === kind).reduce((a, r) => a + Number(r.clips), 0)),
        planned: fig(sum(c("planned"))),
        used: fig(sum(c("done"))),
        usedMinutes: fig(c("done").reduce((a, r) => a + Number(r.minutes), 0)),
        cancelled: fig(sum(c("cancelled"))),
      };
    });
  };
  const groups = <K extends "provider_id" | "district_id">(key: K) =>
    [...new Set(clips.map((r) => r[key]))].map((id) => ({
      id,
      name: nameOf(id),
      kinds: line(
        key === "district_id" ? grants.filter((g) => g.district_id === id) : [],
        clips.filter((r) => r[key] === id),
      ),
    }));

  const tooFew = hide && perCourse.length < smallNumberThreshold;
  await audit(tx, ctx, {
    action: "read",
    entityType: "usage_report",
    criterion: { from: q.from, to: q.to, providerId: w.providerId, districtId: w.districtId },
  });
  return {
    period: { from: q.from, to: q.to },
    suppressed: hide,
    smallNumberThreshold,
    kinds: line(grants, clips),
    byProvider: groups("provider_id").sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "da")),
    byDistrict: groups("district_id").sort((a, b) => (a.name ?? "~").localeCompare(b.name ?? "~", "da")),
    // Fewer courses than the threshold: a minimum or maximum would describe one citizen.
    minutesPerCourse: distribution(tooFew ? [] : perCourse.map((r) => Number(r.minutes))),
    accompanimentClipsPerCourse: distribution(tooFew ? [] : perCourse.map((r) => Number(r.accompaniment))),
    accompanimentByForm: forms.map((f) => ({ form: f.form, count: fig(Number(f.n)) })),
  };
}
