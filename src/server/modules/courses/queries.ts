/**
 * Reads of courses shared by the course and punch-card services: the course with its citizen,
 * and the caseload summaries (computed for many courses in a handful of grouped queries, so a
 * coordinator's start page costs the same with 5 or 80 open courses).
 */
import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import { differenceInCalendarDays, parseISO } from "date-fns";
import type { CitizenResource } from "../../../domain/access-policy.js";
import { type CardLine, cardLines } from "../../../domain/punchcard/card.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseSummary } from "../../../shared/api/courses.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  citizens,
  clipGrants,
  clips,
  conversations,
  courses,
  followUps,
  users,
} from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

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
};

export type CourseRow = Awaited<ReturnType<typeof selectCourses>>[number];

export function selectCourses(
  tx: DbOrTx,
  ctx: Ctx,
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

/** Card lines of many courses at once. */
export async function cardLinesOf(
  tx: DbOrTx,
  courseIds: string[],
  warnWhenClipsLeft: number,
): Promise<Map<string, CardLine[]>> {
  const out = new Map<string, CardLine[]>();
  if (courseIds.length === 0) return out;
  const [grants, clipRows] = await inSequence([
    () =>
      tx
        .select({
          courseId: clipGrants.courseId,
          kind: clipGrants.kind,
          clips: clipGrants.clips,
          minutesPerClip: clipGrants.minutesPerClip,
        })
        .from(clipGrants)
        .where(inArray(clipGrants.courseId, courseIds)),
    () =>
      tx
        .select({
          courseId: clips.courseId,
          kind: clips.kind,
          status: clips.status,
          plannedMinutes: clips.plannedMinutes,
          actualMinutes: clips.actualMinutes,
        })
        .from(clips)
        .where(inArray(clips.courseId, courseIds)),
  ]);
  for (const id of courseIds) {
    out.set(
      id,
      cardLines(
        grants.filter((g) => g.courseId === id),
        clipRows.filter((c) => c.courseId === id),
        warnWhenClipsLeft,
      ),
    );
  }
  return out;
}

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
  const [cards, heldConversations, doneClips, followUpRows, nextClips] = await inSequence([
    () => cardLinesOf(tx, ids, warnWhenClipsLeft),
    () =>
      tx
        .select({ courseId: conversations.courseId, at: max(conversations.heldAt) })
        .from(conversations)
        .where(and(inArray(conversations.courseId, ids), eq(conversations.status, "held")))
        .groupBy(conversations.courseId),
    () =>
      tx
        .select({ courseId: clips.courseId, at: max(clips.registeredAt) })
        .from(clips)
        .where(and(inArray(clips.courseId, ids), eq(clips.status, "done")))
        .groupBy(clips.courseId),
    () =>
      tx
        .select({ courseId: followUps.courseId, at: max(followUps.performedAt) })
        .from(followUps)
        .where(inArray(followUps.courseId, ids))
        .groupBy(followUps.courseId),
    () =>
      tx
        .selectDistinctOn([clips.courseId], {
          courseId: clips.courseId,
          date: clips.plannedOn,
          start: clips.plannedStart,
          kind: clips.kind,
        })
        .from(clips)
        .where(
          and(inArray(clips.courseId, ids), eq(clips.status, "planned"), sql`${clips.plannedOn} >= ${today}`),
        )
        .orderBy(clips.courseId, clips.plannedOn, clips.plannedStart),
  ]);
  const latest = new Map<string, Date>();
  for (const r of [...heldConversations, ...doneClips, ...followUpRows]) {
    if (!r.at) continue;
    const at = r.at instanceof Date ? r.at : new Date(r.at as unknown as string);
    const prev = latest.get(r.courseId);
    if (!prev || at > prev) latest.set(r.courseId, at);
  }
  return rows.map((r) => {
    const lines = cards.get(r.id) ?? [];
    const next = nextClips.find((c) => c.courseId === r.id);
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
      daysInStage: Math.max(
        0,
        differenceInCalendarDays(parseISO(today), parseISO(copenhagenDate(r.stageSince))),
      ),
      openedAt: r.openedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      lastContactAt: latest.get(r.id)?.toISOString() ?? null,
      nextClip: next?.date ? { date: next.date, start: next.start, kind: next.kind } : null,
      clipsLeft: lines.reduce((n, l) => n + l.remainingClips, 0),
      cardWarning: lines.some((l) => l.warn),
      nextFollowUpOn: r.nextFollowUpOn,
      followUpOverdue: r.stage !== "closed" && r.nextFollowUpOn !== null && r.nextFollowUpOn < today,
    };
  });
}
