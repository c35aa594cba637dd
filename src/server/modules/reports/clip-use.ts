/**
 * Punch-card use from clip_use_months (issue 19 point 3, decision 0089 amended): the clips of a
 * period are the months the period covers, read from the per-month sums the clips' triggers keep
 * (migration 0024), plus the days of a month the period covers only in part, read from the clips
 * themselves. A month the period covers for the most part is read whole and the days outside
 * taken off again (−1 per clip) — whichever reads fewer days. Either way the sums are exactly the
 * clips' own; the report no longer aggregates ~115,000 clips a request for the largest
 * municipality, but ~55,000 monthly sums and a few days of clips.
 *
 * The sums are written as change rows (+1/−1) and merged by compactClipUse(), run nightly by the
 * job reports.clip-use-compact; a reader sums whatever rows a key has, so the answer never
 * depends on when the job last ran.
 */
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { clipUseMonths, clips, municipalities } from "../../db/schema/index.js";
import { defineJob } from "../../platform/jobs.js";
import { inTenant } from "../../platform/tenancy.js";
import { inScope, type Window } from "./window.js";

/** A run of days (inclusive, "YYYY-MM-DD") read from the clips: added, or taken off a month read whole. */
export interface ClipDays {
  from: string;
  to: string;
  sign: 1 | -1;
}

/** Where a period's clips are read from. */
export interface ClipUsePlan {
  /** The first days of the first and the last month read from clip_use_months; null for none. */
  months: { from: string; to: string } | null;
  days: ClipDays[];
}

const DAY_MS = 86_400_000;
const utc = (day: string) =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
const shiftMonth = (first: string, by: number) =>
  iso(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1 + by, 1));
const lastOfMonth = (first: string) => iso(utc(shiftMonth(first, 1)) - DAY_MS);
const dayCount = (from: string, to: string) => Math.round((utc(to) - utc(from)) / DAY_MS) + 1;
const addDays = (day: string, by: number) => iso(utc(day) + by * DAY_MS);

/**
 * The months and days that make up the period from…to (inclusive days). Whole months inside it come
 * from the sums; a month at either end that the period covers only in part is read as its days in
 * the period, or — when those are more than the days outside — whole, less the days outside.
 */
export function clipUsePlan(from: string, to: string): ClipUsePlan {
  if (from > to) return { months: null, days: [] };
  const days: ClipDays[] = [];
  /** Whether this end month is read from the sums (its days outside the period then taken off). */
  const fromSums = (month: string): boolean => {
    const last = lastOfMonth(month);
    const a = from > month ? from : month;
    const b = to < last ? to : last;
    if (a === month && b === last) return true;
    const inside = dayCount(a, b);
    if (inside <= dayCount(month, last) - inside) {
      days.push({ from: a, to: b, sign: 1 });
      return false;
    }
    if (a > month) days.push({ from: month, to: addDays(a, -1), sign: -1 });
    if (b < last) days.push({ from: addDays(b, 1), to: last, sign: -1 });
    return true;
  };
  const first = firstOfMonth(from);
  const last = firstOfMonth(to);
  const firstFromSums = fromSums(first);
  const lastFromSums = first === last ? firstFromSums : fromSums(last);
  const start = firstFromSums ? first : shiftMonth(first, 1);
  const end = lastFromSums ? last : shiftMonth(last, -1);
  return { months: start <= end ? { from: start, to: end } : null, days };
}

// The tables as the raw SQL below aliases them: the tenant filter is typed on these.
const useU = alias(clipUseMonths, "u");
const clipK = alias(clips, "k");

/**
 * The period's clips in the scope as rows of (kind, status, provider_id, district_id, course_id,
 * form, n, minutes): n clips (negative for days taken off) and their actual minutes. Summed per
 * group they are exactly count(*) and sum(actual_minutes) of the period's clips; a group of none
 * sums to n = 0.
 */
/**
 * A clip's day — the day it happened, or was planned for — of the clips aliased `k`, written exactly
 * as clips_report_day_idx's expression. A CASE rather than coalesce(): PostgreSQL (15) takes
 * COALESCE for a function that might leak, so under row-level security it filtered every clip of
 * the municipality instead of reading the period's range from the index (decision 0109).
 */
export const clipDay = sql`(case when k.performed_on is not null then k.performed_on else k.planned_on end)`;

export function clipRowsOfPeriod(w: Window): SQL[] {
  const plan = clipUsePlan(w.fromDay, w.toDay);
  const parts: SQL[] = [];
  if (plan.months)
    parts.push(sql`select u.kind, u.status, u.provider_organisation_id as provider_id, c.district_id, u.course_id,
        u.accompaniment_form as form, u.clips as n, u.minutes
      from clip_use_months u join citizens c on c.id = u.citizen_id
      where ${inTenant(useU, w.municipalityId)} and ${inScope(w)}
        and u.month >= ${plan.months.from}::date and u.month <= ${plan.months.to}::date`);
  for (const d of plan.days)
    parts.push(sql`select k.kind, k.status, k.provider_organisation_id as provider_id, c.district_id, k.course_id,
        k.accompaniment_form as form, ${d.sign}::int as n, ${d.sign}::int * k.actual_minutes as minutes
      from clips k join citizens c on c.id = k.citizen_id
      where ${inTenant(clipK, w.municipalityId)} and ${inScope(w)}
        and ${clipDay} >= ${d.from}::date and ${clipDay} <= ${d.to}::date`);
  return parts;
}

/**
 * Merges each key's change rows of one municipality into one row and drops keys that sum to zero;
 * answers the rows merged away and the rows written. Safe beside the triggers' writes (rows they
 * add meanwhile are left for the next merge) and beside another merge (a row the other deleted
 * first is skipped, and its sum is written by the other): the sums stay the same in every snapshot.
 */
export async function compactClipUse(
  tx: DbOrTx,
  municipalityId: string,
): Promise<{ merged: number; written: number }> {
  // Exclusive against the delete trigger's merge of the same municipality (migration 0024), which
  // would otherwise miss the row written here and leave an erased course's sums standing until
  // the next merge.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('clip_use_months'), hashtext(${municipalityId}::text))`,
  );
  const [counts] = await rawRows<{ merged: number; written: number }>(
    tx,
    sql`with merge as (
        select ctid as row from (
          select ctid, clips, minutes, count(*) over (partition by month, citizen_id, course_id, kind, status,
              provider_organisation_id, accompaniment_form) as key_rows
          from clip_use_months u where ${inTenant(useU, municipalityId)}
        ) k where key_rows > 1 or (clips = 0 and minutes = 0)
      ), gone as (
        delete from clip_use_months u
        where ${inTenant(useU, municipalityId)} and ctid = any(array(select row from merge))
        returning u.month, u.course_id, u.citizen_id, u.kind, u.status, u.provider_organisation_id,
          u.accompaniment_form, u.clips, u.minutes
      ), written as (
        insert into clip_use_months (municipality_id, month, course_id, citizen_id, kind, status,
            provider_organisation_id, accompaniment_form, clips, minutes)
          select ${municipalityId}::uuid, month, course_id, citizen_id, kind, status, provider_organisation_id,
            accompaniment_form, sum(clips)::int, sum(minutes)::int
          from gone group by month, course_id, citizen_id, kind, status, provider_organisation_id, accompaniment_form
          having sum(clips) <> 0 or sum(minutes) <> 0
          returning 1
      )
      select (select count(*) from gone)::int as merged, (select count(*) from written)::int as written`,
  );
  return counts ?? { merged: 0, written: 0 };
}

export const CLIP_USE_COMPACT_JOB = "reports.clip-use-compact";

/**
 * Nightly: every municipality's change rows merged, one transaction each. The figures never wait
 * for it (a reader sums a key's rows); it keeps the table near one row per key, so a report reads
 * ~55,000 rows a year for the largest municipality and not one more per registration.
 */
export const clipUseCompactJob = defineJob({
  name: CLIP_USE_COMPACT_JOB,
  schedule: { cron: "40 3 * * *", data: {} },
  policy: "stately",
  expireInSeconds: 30 * 60,
  async handler(job) {
    const all = await job.db.select({ id: municipalities.id }).from(municipalities);
    let merged = 0;
    let written = 0;
    for (const { id } of all) {
      const r = await job.db.transaction((tx) => compactClipUse(tx, id));
      merged += r.merged;
      written += r.written;
    }
    job.log.info({ municipalities: all.length, merged, written }, "clip use merged");
  },
});

export const reportJobs = [clipUseCompactJob];
