/**
 * The course's lifecycle: open (from an accepted referral or directly), move between stages,
 * pause and resume, reassign, follow up and close. Every change is a course_events row with
 * who, when and why, written in the same transaction as the change and its audit entry.
 */
import { type Placeholder, and, eq, inArray, ne, sql } from "drizzle-orm";
import {
  moveCourse,
  mayRecordFollowUp,
  pauseCourse,
  resumeCourse,
  stageAfterFollowUp,
} from "../../../domain/course/workflow.js";
import type { CourseStage } from "../../../domain/course/vocabulary.js";
import { copenhagenDate } from "../../../domain/time.js";
import type {
  CaseloadQuery,
  Closing,
  CloseCourseBody,
  FollowUpBody,
  MoveStageBody,
  PauseBody,
  ReassignBody,
} from "../../../shared/api/courses.js";
import { builtOnce } from "../../db/built-once.js";
import type { DbOrTx } from "../../db/client.js";
import {
  clips,
  courseEvents,
  courses,
  followUps,
  interventions,
  journalNotes,
  users,
} from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, isUniqueViolation } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { visitChanged } from "../../platform/visit-events.js";
import { asResource, assertMayOpen, listedCitizen, loadCitizenFor } from "../citizens/index.js";
import { scheduleOutcomes } from "../questionnaires/index.js";
import { currentPunchCardPolicy } from "./course-definitions.js";
import { courseDetail } from "./detail.js";
import { type CourseRow, citizenResourceOf, selectCourses, summarise } from "./queries.js";

type CourseAction = "course.read" | "course.manage" | "course.reassign";

/** Loads a course the caller may act on, or 404/403 — the start of every course-scoped service. */
/*
 * Read by nearly every course and punch-card request: built once (db/built-once.ts), the course and
 * the municipality filled per request. FOR UPDATE locks the course row only (selectCourses).
 */
const courseById = builtOnce((tx) =>
  selectCourses(tx, sql.placeholder("municipalityId"), eq(courses.id, sql.placeholder("id"))),
);
const courseForUpdate = builtOnce((tx) =>
  selectCourses(tx, sql.placeholder("municipalityId"), eq(courses.id, sql.placeholder("id")), {
    forUpdate: true,
  }),
);

export async function loadCourseFor(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  kind: CourseAction,
  opts: { forUpdate?: boolean } = {},
): Promise<CourseRow> {
  const [row] = await (opts.forUpdate ? courseForUpdate : courseById)(tx, {
    id,
    municipalityId: ctx.actor.municipalityId,
  });
  if (!row) throw AppError.notFound("course_not_found");
  authorize(ctx, { kind, citizen: citizenResourceOf(row) });
  // The citizen's processing restricted (art. 18): the course is kept, not worked on — 409.
  assertMayOpen(ctx, { ...citizenResourceOf(row), restrictedAt: row.citizenRestrictedAt });
  return row;
}

export function assertVersion(row: CourseRow, version: number): void {
  if (row.version !== version) throw new AppError("version_conflict", 409, { currentVersion: row.version });
}

export function assertOpen(row: CourseRow): void {
  if (row.stage === "closed") throw new AppError("course_closed", 409);
}

async function coordinatorOf(tx: DbOrTx, ctx: Ctx, userId: string): Promise<void> {
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inTenant(users, ctx),
        eq(users.id, userId),
        eq(users.role, "community_coordinator"),
        eq(users.active, true),
      ),
    );
  if (!u) throw AppError.field("coordinatorUserId", "invalid_value");
}

/**
 * Opens a course; the one way a course comes into being. The partial unique index makes
 * "one open course per citizen" hold even when two coordinators accept at the same moment.
 */
export async function openCourse(
  tx: DbOrTx,
  ctx: Ctx,
  input: { citizenId: string; referralId: string | null; coordinatorUserId: string; reason: string | null },
): Promise<string> {
  const [existing] = await tx
    .select({ id: courses.id })
    .from(courses)
    .where(and(inTenant(courses, ctx), eq(courses.citizenId, input.citizenId), ne(courses.stage, "closed")));
  if (existing) throw new AppError("course_already_open", 409, { courseId: existing.id });
  let row: { id: string } | undefined;
  try {
    [row] = await tx
      .insert(courses)
      .values({
        municipalityId: ctx.actor.municipalityId,
        citizenId: input.citizenId,
        referralId: input.referralId,
        coordinatorUserId: input.coordinatorUserId,
      })
      .returning({ id: courses.id });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("course_already_open", 409);
    throw err;
  }
  await tx.insert(courseEvents).values({
    municipalityId: ctx.actor.municipalityId,
    courseId: row!.id,
    kind: "opened",
    toStage: "clarification",
    reason: input.reason,
    toUserId: input.coordinatorUserId,
    actorUserId: ctx.actor.userId,
  });
  await scheduleOutcomes(tx, ctx.actor.municipalityId, row!.id, input.citizenId, copenhagenDate(new Date()));
  await audit(tx, ctx, {
    action: "create",
    entityType: "course",
    entityId: row!.id,
    citizenId: input.citizenId,
  });
  return row!.id;
}

export async function openCourseForCitizen(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  body: { coordinatorUserId?: string | undefined; reason: string },
) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "course.open", citizen: asResource(citizen) });
  const coordinatorUserId = body.coordinatorUserId ?? ctx.actor.userId;
  await coordinatorOf(tx, ctx, coordinatorUserId);
  const id = await openCourse(tx, ctx, {
    citizenId,
    referralId: null,
    coordinatorUserId,
    reason: body.reason,
  });
  return courseDetail(tx, await loadCourseFor(tx, ctx, id, "course.read"), ctx.lang);
}

export async function getCourse(tx: DbOrTx, ctx: Ctx, id: string) {
  const row = await loadCourseFor(tx, ctx, id, "course.read");
  await audit(tx, ctx, { action: "read", entityType: "course", entityId: id, citizenId: row.citizenId });
  return courseDetail(tx, row, ctx.lang);
}

export async function citizenCourses(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "course.read", citizen: asResource(citizen) });
  const rows = await selectCourses(tx, ctx, eq(courses.citizenId, citizenId));
  const open = rows.find((r) => r.stage !== "closed") ?? null;
  const { document } = await currentPunchCardPolicy(tx, ctx.actor.municipalityId);
  const closed = await summarise(
    tx,
    rows.filter((r) => r.stage === "closed").reverse(),
    document.warnWhenClipsLeft,
  );
  await audit(tx, ctx, { action: "read", entityType: "course", entityId: open?.id ?? null, citizenId });
  return { open: open ? await courseDetail(tx, open, ctx.lang) : null, closed };
}

async function recordEvent(
  tx: DbOrTx,
  ctx: Ctx,
  row: CourseRow,
  e: Omit<typeof courseEvents.$inferInsert, "municipalityId" | "courseId" | "actorUserId">,
) {
  await tx.insert(courseEvents).values({
    ...e,
    municipalityId: ctx.actor.municipalityId,
    courseId: row.id,
    actorUserId: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: "update",
    entityType: "course",
    entityId: row.id,
    citizenId: row.citizenId,
    criterion: { event: e.kind, to: e.toStage ?? null },
  });
}

async function setStage(tx: DbOrTx, ctx: Ctx, row: CourseRow, to: CourseStage, reason: string | null) {
  await tx
    .update(courses)
    .set({ stage: to, stageSince: sql`now()`, version: sql`${courses.version} + 1` })
    .where(eq(courses.id, row.id));
  await recordEvent(tx, ctx, row, { kind: "stage_changed", fromStage: row.stage, toStage: to, reason });
}

const MOVE_ERRORS = {
  closed: "course_closed",
  paused: "course_paused",
  same_stage: "course_move_not_allowed",
  not_allowed: "course_move_not_allowed",
} as const;

export async function moveStage(tx: DbOrTx, ctx: Ctx, id: string, body: MoveStageBody) {
  const row = await loadCourseFor(tx, ctx, id, "course.manage", { forUpdate: true });
  assertVersion(row, body.version);
  // Closing asks for the citizen's account and a summary: it has its own request.
  if (body.to === "closed") throw AppError.field("to", "invalid_value", "course_move_not_allowed", 409);
  const result = moveCourse({ stage: row.stage, paused: row.pausedAt !== null }, body.to, body.reason);
  if (!result.ok) {
    if (result.refusal === "reason_required") throw AppError.field("reason", "required");
    throw new AppError(MOVE_ERRORS[result.refusal], 409, { stage: row.stage, to: body.to });
  }
  await setStage(tx, ctx, row, body.to, body.reason ?? null);
  return courseDetail(tx, await loadCourseFor(tx, ctx, id, "course.read"), ctx.lang);
}

export async function pause(tx: DbOrTx, ctx: Ctx, id: string, body: PauseBody) {
  const row = await loadCourseFor(tx, ctx, id, "course.manage", { forUpdate: true });
  assertVersion(row, body.version);
  const result = pauseCourse({ stage: row.stage, paused: row.pausedAt !== null });
  if (!result.ok)
    throw new AppError(result.refusal === "closed" ? "course_closed" : "course_already_paused", 409);
  await tx
    .update(courses)
    .set({ pausedAt: sql`now()`, version: sql`${courses.version} + 1` })
    .where(eq(courses.id, id));
  await recordEvent(tx, ctx, row, { kind: "paused", reason: body.reason ?? null });
  return courseDetail(tx, await loadCourseFor(tx, ctx, id, "course.read"), ctx.lang);
}

export async function resume(tx: DbOrTx, ctx: Ctx, id: string, body: PauseBody) {
  const row = await loadCourseFor(tx, ctx, id, "course.manage", { forUpdate: true });
  assertVersion(row, body.version);
  const result = resumeCourse({ stage: row.stage, paused: row.pausedAt !== null });
  if (!result.ok)
    throw new AppError(result.refusal === "closed" ? "course_closed" : "course_not_paused", 409);
  await tx
    .update(courses)
    .set({ pausedAt: null, version: sql`${courses.version} + 1` })
    .where(eq(courses.id, id));
  await recordEvent(tx, ctx, row, { kind: "resumed", reason: body.reason ?? null });
  return courseDetail(tx, await loadCourseFor(tx, ctx, id, "course.read"), ctx.lang);
}

export async function reassign(tx: DbOrTx, ctx: Ctx, id: string, body: ReassignBody) {
  const row = await loadCourseFor(tx, ctx, id, "course.reassign", { forUpdate: true });
  assertVersion(row, body.version);
  assertOpen(row);
  await coordinatorOf(tx, ctx, body.coordinatorUserId);
  if (body.coordinatorUserId !== row.coordinatorUserId) {
    await tx
      .update(courses)
      .set({ coordinatorUserId: body.coordinatorUserId, version: sql`${courses.version} + 1` })
      .where(eq(courses.id, id));
    await recordEvent(tx, ctx, row, {
      kind: "reassigned",
      fromUserId: row.coordinatorUserId,
      toUserId: body.coordinatorUserId,
      reason: body.reason ?? null,
    });
  }
  return courseDetail(tx, await loadCourseFor(tx, ctx, id, "course.read"), ctx.lang);
}

/**
 * Closing ends the interventions, takes planned clips off the workers' days and hands the
 * knowledge back: the summary becomes an active note the citizen's home-care staff read.
 */
async function closeCourse(tx: DbOrTx, ctx: Ctx, row: CourseRow, closing: Closing) {
  await tx
    .update(courses)
    .set({
      stage: "closed",
      stageSince: sql`now()`,
      closedAt: sql`now()`,
      closingReason: closing.reason,
      citizenAccount: closing.citizenAccount,
      pausedAt: null,
      nextFollowUpOn: null,
      version: sql`${courses.version} + 1`,
    })
    .where(eq(courses.id, row.id));
  await tx
    .update(interventions)
    .set({ endedAt: sql`now()` })
    .where(and(eq(interventions.courseId, row.id), sql`${interventions.endedAt} is null`));
  await tx
    .update(clips)
    .set({
      status: "cancelled",
      cancelReason: "course_closed",
      registeredBy: ctx.actor.userId,
      registeredAt: sql`now()`,
    })
    .where(and(eq(clips.courseId, row.id), eq(clips.status, "planned")));
  // Its clips and booked conversations will not happen: their reminders are cancelled (issue 16).
  await visitChanged(tx, ctx.actor.municipalityId, { courseId: row.id });
  await tx.insert(journalNotes).values({
    municipalityId: ctx.actor.municipalityId,
    citizenId: row.citizenId,
    kind: "professional",
    tags: ["ensomhed", "fællesskabsforløb"],
    title: "Fællesskabsforløb afsluttet",
    body: closing.summary,
    active: true,
    authorUserId: ctx.actor.userId,
    authorOrganisationId: ctx.actor.organisationId,
  });
  await recordEvent(tx, ctx, row, {
    kind: "closed",
    fromStage: row.stage,
    toStage: "closed",
    reason: closing.reason,
  });
}

export async function close(tx: DbOrTx, ctx: Ctx, id: string, body: CloseCourseBody) {
  const row = await loadCourseFor(tx, ctx, id, "course.manage", { forUpdate: true });
  assertVersion(row, body.version);
  assertOpen(row);
  await closeCourse(tx, ctx, row, body);
  return courseDetail(tx, await loadCourseFor(tx, ctx, id, "course.read"), ctx.lang);
}

export async function recordFollowUp(tx: DbOrTx, ctx: Ctx, id: string, body: FollowUpBody) {
  const row = await loadCourseFor(tx, ctx, id, "course.manage", { forUpdate: true });
  assertVersion(row, body.version);
  assertOpen(row);
  if (!mayRecordFollowUp({ stage: row.stage, paused: row.pausedAt !== null }))
    throw new AppError("follow_up_not_allowed", 409, { stage: row.stage });
  if (body.result === "E3" && !body.closing) throw AppError.field("closing", "required");
  await tx.insert(followUps).values({
    municipalityId: ctx.actor.municipalityId,
    courseId: id,
    result: body.result,
    stillParticipating: body.stillParticipating ?? null,
    note: body.note ?? null,
    nextFollowUpOn: body.result === "E3" ? null : (body.nextFollowUpOn ?? null),
    performedBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: "create",
    entityType: "follow_up",
    entityId: id,
    citizenId: row.citizenId,
    criterion: { result: body.result },
  });
  if (body.result === "E3") {
    await closeCourse(tx, ctx, row, body.closing!);
  } else {
    await tx
      .update(courses)
      .set({ nextFollowUpOn: body.nextFollowUpOn ?? null, version: sql`${courses.version} + 1` })
      .where(eq(courses.id, id));
    const to = stageAfterFollowUp(body.result);
    if (to !== row.stage) await setStage(tx, ctx, row, to, `follow_up:${body.result}`);
  }
  return courseDetail(tx, await loadCourseFor(tx, ctx, id, "course.read"), ctx.lang);
}

/** A coordinator's open courses; a manager may look at one coordinator's or everyone's. */
export async function caseload(tx: DbOrTx, ctx: Ctx, query: CaseloadQuery) {
  authorize(ctx, { kind: "course.caseload" });
  let coordinator: string | null = ctx.actor.userId;
  if (query.coordinator && query.coordinator !== ctx.actor.userId) {
    authorize(ctx, { kind: "course.caseloadAll" });
    coordinator = query.coordinator === "all" ? null : query.coordinator;
  } else if (ctx.actor.role === "manager" && !query.coordinator) {
    coordinator = null;
  }
  const out = await caseloadSummaries(tx, ctx, coordinator);
  await audit(
    tx,
    ctx,
    out.length === 0
      ? { action: "search", entityType: "course", criterion: { caseload: coordinator ?? "all", hits: 0 } }
      : out.map((c) => ({
          action: "search" as const,
          entityType: "course",
          entityId: c.id,
          citizenId: c.citizen.id,
          criterion: { caseload: coordinator ?? "all" },
        })),
  );
  return out;
}

/**
 * Open courses of one coordinator (null: everyone's) as caseload lines, without the audit: the
 * caseload page audits what it shows; the staff digest (messaging) counts overdue follow-ups and
 * cards running low from the same lines and names no one. The caller has checked the policy.
 */
export async function caseloadSummaries(tx: DbOrTx, ctx: Ctx, coordinator: string | null, now = new Date()) {
  const municipalityId = ctx.actor.municipalityId;
  const rows = coordinator
    ? await openCoursesOf(tx, { municipalityId, coordinator })
    : await allOpenCourses(tx, { municipalityId });
  const { document } = await currentPunchCardPolicy(tx, municipalityId);
  return summarise(tx, rows, document.warnWhenClipsLeft, now);
}

/*
 * A caseload's open courses, of one coordinator or of all: built once each (db/built-once.ts).
 * Anonymised and restricted citizens are on no caseload (issue 13).
 */
const openCourses = (tx: DbOrTx, coordinator?: Placeholder) =>
  selectCourses(
    tx,
    sql.placeholder("municipalityId"),
    and(
      sql`${courses.stage} <> 'closed'`,
      coordinator ? eq(courses.coordinatorUserId, coordinator) : undefined,
      listedCitizen(),
    ),
  );
const openCoursesOf = builtOnce((tx) => openCourses(tx, sql.placeholder("coordinator")));
const allOpenCourses = builtOnce((tx) => openCourses(tx));

/** Every coordinator's caseload size, for the manager who balances them. */
export async function coordinatorsOverview(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "course.caseloadAll" });
  const coordinators = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(inTenant(users, ctx), eq(users.role, "community_coordinator"), eq(users.active, true)));
  const ids = coordinators.map((c) => c.id);
  const today = copenhagenDate(new Date());
  const counts =
    ids.length === 0
      ? []
      : await tx
          .select({
            coordinatorId: courses.coordinatorUserId,
            open: sql<number>`count(*)::int`,
            overdue: sql<number>`count(*) filter (where ${courses.nextFollowUpOn} < ${today})::int`,
          })
          .from(courses)
          .where(
            and(inTenant(courses, ctx), ne(courses.stage, "closed"), inArray(courses.coordinatorUserId, ids)),
          )
          .groupBy(courses.coordinatorUserId);
  return coordinators
    .map((c) => {
      const n = counts.find((x) => x.coordinatorId === c.id);
      return { coordinator: c, openCourses: n?.open ?? 0, overdueFollowUps: n?.overdue ?? 0 };
    })
    .sort(
      (a, b) => b.openCourses - a.openCourses || a.coordinator.name.localeCompare(b.coordinator.name, "da"),
    );
}
