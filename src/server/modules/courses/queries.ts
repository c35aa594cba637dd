/**
 * Reads of courses shared by the course and punch-card services: the course with its citizen,
 * and the caseload summaries (computed for many courses in a handful of grouped queries, so a
 * coordinator's start page costs the same with 5 or 80 open courses).
 */
import { type Placeholder, and, asc, eq, max, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { CitizenResource } from "../../../domain/access-policy.js";
import { type CardLine, cardLinesFromTotals } from "../../../domain/punchcard/card.js";
import type { ClipKind } from "../../../domain/punchcard/policy.js";
import { calendarDaysBetween, copenhagenDate } from "../../../domain/time.js";
import type { CourseSummary } from "../../../shared/api/courses.js";
import { builtOnce } from "../../db/built-once.js";
import { type DbOrTx, inIds, inSequence } from "../../db/client.js";
import {
  citizens,
  clipGrants,
  clips,
  conversations,
  courses,
  followUps,
  users,
} from "../../db/schema/index.js";
import { type Tenant, inTenant } from "../../platform/tenancy.js";

export const courseColumns = {
  id: courses.id,
  municipalityId: courses.municipalityId,
  citizenId: courses.citizenId,
  referralId: courses.referralId,
  coordinatorUserId: courses.coordinatorUserId,
  coordinatorName: users.displayName,
  stage: courses.stage,
  stageSince: courses.stageSince,
  pausedAt: courses.pausedAt,
  nextFollowUpOn: courses.nextFollowUpOn,
  closingReason: courses.closingReason,
  citizenAccount: courses.citizenAccount,
  openedAt: courses.openedAt,
  closedAt: courses.closedAt,
  version: courses.version,
  citizenFirstName: citizens.firstName,
  citizenLastName: citizens.lastName,
  citizenAddress: citizens.addressLine,
  citizenProviderId: citizens.providerOrganisationId,
  /** The citizen's restriction of processing (art. 18): loadCourseFor opens such a course only for the administrator. */
  citizenRestrictedAt: citizens.restrictedAt,
};

export type CourseRow = Awaited<ReturnType<typeof selectCourses>>[number];

export function selectCourses(
  tx: DbOrTx,
  ctx: Tenant | Placeholder,
  where: ReturnType<typeof and>,
  opts: { forUpdate?: boolean } = {},
) {
  const q = tx
    .select(courseColumns)
    .from(courses)
    .innerJoin(citizens, eq(citizens.id, courses.citizenId))
    .innerJoin(users, eq(users.id, courses.coordinatorUserId))
    .where(and(inTenant(courses, ctx), where))
    .orderBy(asc(courses.openedAt));
  // Locks the course row only: grants, plans and registrations on one course queue behind each other.
  return opts.forUpdate ? q.for("update", { of: courses }) : q;
}

export function citizenResourceOf(
  row: Pick<CourseRow, "municipalityId" | "citizenProviderId">,
): CitizenResource {
  return { municipalityId: row.municipalityId, providerOrganisationId: row.citizenProviderId };
}

/** What the card and the caseload need of many courses' clips, counted per course and kind in SQL. */
interface ClipFigures {
  lines: Map<string, CardLine[]>;
  /** The newest registration of a done clip, per course. */
  lastDoneAt: Map<string, Date>;
  /** The first planned clip on or after `today`, per course. */
  next: Map<string, { date: string; start: string | null; kind: ClipKind }>;
}

/* The card's grants and clip totals of many courses: built once each (db/built-once.ts). */
const courseIdsOf = sql.placeholder("ids");
const grantsOfCourses = builtOnce((tx) =>
  tx
    .select({
      courseId: clipGrants.courseId,
      kind: clipGrants.kind,
      clips: clipGrants.clips,
      minutesPerClip: clipGrants.minutesPerClip,
    })
    .from(clipGrants)
    .where(inIds(clipGrants.courseId, courseIdsOf)),
);
const isPlannedAhead = sql`${clips.status} = 'planned' and ${clips.plannedOn} >= ${sql.placeholder("today")}`;
const clipTotalsOfCourses = builtOnce((tx) =>
  tx
    .select({
      courseId: clips.courseId,
      kind: clips.kind,
      plannedClips: sql<number>`(count(*) filter (where ${clips.status} = 'planned'))::int`,
      usedClips: sql<number>`(count(*) filter (where ${clips.status} = 'done'))::int`,
      usedMinutes: sql<number>`coalesce(sum(${clips.actualMinutes}) filter (where ${clips.status} = 'done'), 0)::int`,
      cancelledClips: sql<number>`(count(*) filter (where ${clips.status} = 'cancelled'))::int`,
      lastDoneAt:
        sql<Date | null>`max(${clips.registeredAt}) filter (where ${clips.status} = 'done')`.mapWith(
          clips.registeredAt,
        ),
      nextOn: sql<string | null>`min(${clips.plannedOn}) filter (where ${isPlannedAhead})`.mapWith(
        clips.plannedOn,
      ),
      // The start of the earliest planned clip (ordered as the day's list orders them).
      nextStart: sql<
        string | null
      >`(array_agg(${clips.plannedStart} order by ${clips.plannedOn}, ${clips.plannedStart}) filter (where ${isPlannedAhead}))[1]`,
    })
    .from(clips)
    .where(inIds(clips.courseId, courseIdsOf))
    .groupBy(clips.courseId, clips.kind),
);

/**
 * One grouped statement over the courses' clips (plus their grants) instead of every clip row: a
 * coordinator with 160 open courses has ~18,000 clips at national scale, which used to travel to
 * Node and be filtered once per course (decision 0088).
 */
async function clipFigures(
  tx: DbOrTx,
  courseIds: string[],
  warnWhenClipsLeft: number,
  today: string,
): Promise<ClipFigures> {
  const out: ClipFigures = { lines: new Map(), lastDoneAt: new Map(), next: new Map() };
  if (courseIds.length === 0) return out;
  const [grants, totals] = await inSequence([
    () => grantsOfCourses(tx, { ids: courseIds }),
    () => clipTotalsOfCourses(tx, { ids: courseIds, today }),
  ]);
  const grantsOf = groupBy(grants, (g) => g.courseId);
  const totalsOf = groupBy(totals, (t) => t.courseId);
  for (const id of courseIds) {
    const own = totalsOf.get(id) ?? [];
    out.lines.set(id, cardLinesFromTotals(grantsOf.get(id) ?? [], own, warnWhenClipsLeft));
    for (const t of own) {
      const lastDoneAt = t.lastDoneAt === null ? null : new Date(t.lastDoneAt);
      const prev = out.lastDoneAt.get(id);
      if (lastDoneAt && (!prev || lastDoneAt > prev)) out.lastDoneAt.set(id, lastDoneAt);
      if (t.nextOn === null) continue;
      const next = out.next.get(id);
      if (!next || t.nextOn < next.date || (t.nextOn === next.date && before(t.nextStart, next.start)))
        out.next.set(id, { date: t.nextOn, start: t.nextStart, kind: t.kind });
    }
  }
  return out;
}

/** Start times in SQL's ascending order: a clip without a start comes after those with one. */
function before(a: string | null, b: string | null): boolean {
  return a !== null && (b === null || a < b);
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

/** Card lines of many courses at once. */
export async function cardLinesOf(
  tx: DbOrTx,
  courseIds: string[],
  warnWhenClipsLeft: number,
): Promise<Map<string, CardLine[]>> {
  return (await clipFigures(tx, courseIds, warnWhenClipsLeft, copenhagenDate(new Date()))).lines;
}

/* Held conversations and follow-ups of many courses in one round trip: built once (db/built-once.ts). */
const lastContacts = builtOnce((tx) =>
  unionAll(
    tx
      .select({ courseId: conversations.courseId, at: max(conversations.heldAt) })
      .from(conversations)
      .where(and(inIds(conversations.courseId, courseIdsOf), sql`${conversations.status} = 'held'`))
      .groupBy(conversations.courseId),
    tx
      .select({ courseId: followUps.courseId, at: max(followUps.performedAt) })
      .from(followUps)
      .where(inIds(followUps.courseId, courseIdsOf))
      .groupBy(followUps.courseId),
  ),
);

/** Caseload lines: stage, days in stage, last contact, next planned clip, clips left, follow-up due. */
export async function summarise(
  tx: DbOrTx,
  rows: CourseRow[],
  warnWhenClipsLeft: number,
  now = new Date(),
): Promise<CourseSummary[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const today = copenhagenDate(now);
  const [figures, contacts] = await inSequence([
    () => clipFigures(tx, ids, warnWhenClipsLeft, today),
    // Held conversations and follow-ups in one round trip; done clips come with the figures.
    () => lastContacts(tx, { ids }),
  ]);
  const latest = new Map(figures.lastDoneAt);
  for (const r of contacts) {
    if (!r.at) continue;
    const at = r.at instanceof Date ? r.at : new Date(r.at as unknown as string);
    const prev = latest.get(r.courseId);
    if (!prev || at > prev) latest.set(r.courseId, at);
  }
  return rows.map((r) => {
    const lines = figures.lines.get(r.id) ?? [];
    const next = figures.next.get(r.id);
    return {
      id: r.id,
      citizen: {
        id: r.citizenId,
        name: `${r.citizenFirstName} ${r.citizenLastName}`,
        address: r.citizenAddress,
      },
      coordinator: { id: r.coordinatorUserId, name: r.coordinatorName },
      stage: r.stage,
      paused: r.pausedAt !== null,
      daysInStage: Math.max(0, calendarDaysBetween(copenhagenDate(r.stageSince), today)),
      openedAt: r.openedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      lastContactAt: latest.get(r.id)?.toISOString() ?? null,
      nextClip: next ? { date: next.date, start: next.start, kind: next.kind } : null,
      clipsLeft: lines.reduce((n, l) => n + l.remainingClips, 0),
      cardWarning: lines.some((l) => l.warn),
      nextFollowUpOn: r.nextFollowUpOn,
      followUpOverdue: r.stage !== "closed" && r.nextFollowUpOn !== null && r.nextFollowUpOn < today,
    };
  });
}
