/**
 * The punch card: grants within the municipality's frame (or a recorded exception) and clips
 * planned on workers' days. Registering a performed clip from a phone is registration.ts.
 *
 * Concurrency: every grant, plan and registration on a course first locks the course row
 * (SELECT … FOR UPDATE), so two coordinators granting at the same moment are evaluated one
 * after the other against the same card and cannot overspend a capped frame. Planning then also
 * locks the worker's user row, so two planners on different courses cannot give one worker two
 * clips at the same time.
 *
 * Clips that cannot be are refused (issue 11 point 7, rules in domain/punchcard/registration.ts):
 * performed in the future or before the course opened (400 naming performedOn), longer than the
 * grant or the frame allows (409 clip_beyond_frame unless recorded as an exception, like a grant),
 * planned over the same worker's other planned clip (409 clip_overlaps with that clip's time).
 * Registration applies the first two (registration.ts); this file the grant and plan rules.
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { and, eq, inArray, sql } from "drizzle-orm";
import { grantDefaults } from "../../../domain/punchcard/grant-defaults.js";
import { evaluateGrant, mayGrantException } from "../../../domain/punchcard/policy.js";
import { cardLines, mayUseClip } from "../../../domain/punchcard/card.js";
import { findClash } from "../../../domain/punchcard/registration.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { ClipKind, InterventionKind } from "../../../domain/course/vocabulary.js";
import { mayUseClips } from "../../../domain/course/workflow.js";
import type { GrantClipsBody, PlanClipBody } from "../../../shared/api/punch-card.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  clipGrants,
  clips,
  courseDefinitions,
  interventions,
  organisations,
  users,
} from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { visitChanged } from "../../platform/visit-events.js";
import {
  type CourseRow,
  assertOpen,
  citizenResourceOf,
  currentPunchCardPolicy,
  loadCourseFor,
  localText,
} from "../courses/index.js";
import { drawFromBudget } from "./budgets.js";
import { presentClips, selectClips } from "./clip-queries.js";

/** Which interventions a clip of each kind is carried out under. */
export const INTERVENTIONS_FOR_KIND: Record<ClipKind, InterventionKind[]> = {
  detection: ["detection"],
  conversation: ["screening_conversation", "guidance_motivation"],
  accompaniment: ["accompaniment"],
  participation: ["group_activity"],
  follow_up: ["follow_up"],
};

export function assertUsable(course: CourseRow): void {
  assertOpen(course);
  if (!mayUseClips({ stage: course.stage, paused: course.pausedAt !== null }))
    throw new AppError("course_paused", 409);
}

async function grantsAndClips(tx: DbOrTx, courseId: string) {
  const [grants, clipRows] = await inSequence([
    () => tx.select().from(clipGrants).where(eq(clipGrants.courseId, courseId)),
    () =>
      tx
        .select({
          kind: clips.kind,
          status: clips.status,
          plannedMinutes: clips.plannedMinutes,
          actualMinutes: clips.actualMinutes,
        })
        .from(clips)
        .where(eq(clips.courseId, courseId)),
  ]);
  return { grants, clipRows };
}

export async function punchCard(tx: DbOrTx, ctx: Ctx, course: CourseRow) {
  const policy = await currentPunchCardPolicy(tx, course.municipalityId);
  const { grants, clipRows } = await grantsAndClips(tx, course.id);
  const [granters, versions, clipList] = await inSequence([
    async () =>
      grants.length === 0
        ? []
        : tx
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, [...new Set(grants.map((g) => g.grantedBy))])),
    async () =>
      grants.length === 0
        ? []
        : tx
            .select({ id: courseDefinitions.id, version: courseDefinitions.version })
            .from(courseDefinitions)
            .where(inArray(courseDefinitions.id, [...new Set(grants.map((g) => g.policyDefinitionId))])),
    () => selectClips(tx, ctx, eq(clips.courseId, course.id)),
  ]);
  return {
    courseId: course.id,
    policy: {
      id: policy.id,
      version: policy.version,
      description: localText(policy.document.description, ctx.lang) ?? "",
      mayGrantException: mayGrantException(policy.document, ctx.actor.role),
      kinds: grantDefaults(policy.document, grants),
    },
    lines: cardLines(grants, clipRows, policy.document.warnWhenClipsLeft),
    grants: grants
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((g) => ({
        id: g.id,
        kind: g.kind,
        clips: g.clips,
        minutesPerClip: g.minutesPerClip,
        interventionId: g.interventionId,
        budgetId: g.budgetId,
        exception: g.exception,
        exceptionReason: g.exceptionReason,
        violations: g.violations as { rule: string; limit: number; wouldBe: number }[],
        policyVersion: versions.find((v) => v.id === g.policyDefinitionId)?.version ?? 0,
        grantedBy: { id: g.grantedBy, name: granters.find((u) => u.id === g.grantedBy)?.name ?? "" },
        grantedOn: g.grantedOn,
      })),
    clips: presentClips(clipList),
  };
}

export async function getPunchCard(tx: DbOrTx, ctx: Ctx, courseId: string) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read");
  await audit(tx, ctx, {
    action: "read",
    entityType: "punch_card",
    entityId: courseId,
    citizenId: course.citizenId,
  });
  return punchCard(tx, ctx, course);
}

async function interventionFor(
  tx: DbOrTx,
  ctx: Ctx,
  course: CourseRow,
  kind: ClipKind,
  id: string | null | undefined,
) {
  if (!id) return null;
  const [row] = await tx
    .select({
      id: interventions.id,
      kind: interventions.kind,
      providerOrganisationId: interventions.providerOrganisationId,
      endedAt: interventions.endedAt,
    })
    .from(interventions)
    .where(
      and(inTenant(interventions, ctx), eq(interventions.id, id), eq(interventions.courseId, course.id)),
    );
  if (!row || !INTERVENTIONS_FOR_KIND[kind].includes(row.kind))
    throw AppError.field("interventionId", "invalid_value");
  if (row.endedAt) throw new AppError("intervention_ended", 409);
  return row;
}

export async function grantClips(tx: DbOrTx, ctx: Ctx, courseId: string, body: GrantClipsBody) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read", { forUpdate: true });
  authorize(ctx, { kind: "clip.grant", citizen: citizenResourceOf(course) });
  assertUsable(course);
  const intervention = await interventionFor(tx, ctx, course, body.kind, body.interventionId);
  const policy = await currentPunchCardPolicy(tx, course.municipalityId);
  const { grants } = await grantsAndClips(tx, courseId);
  const today = copenhagenDate(new Date());
  const decision = evaluateGrant(
    policy.document,
    copenhagenDate(course.openedAt),
    grants.map((g) => ({
      kind: g.kind,
      clips: g.clips,
      minutesPerClip: g.minutesPerClip,
      grantedOn: g.grantedOn,
    })),
    { kind: body.kind, clips: body.clips, minutesPerClip: body.minutesPerClip, grantedOn: today },
  );
  const violations = decision.ok ? [] : decision.violations;
  if (!decision.ok) {
    const allowed = mayGrantException(policy.document, ctx.actor.role);
    if (!allowed || !body.exceptionReason) {
      throw new AppError("grant_beyond_frame", 409, {
        violations,
        exceptionAllowed: allowed,
        ...(allowed ? { fields: [{ field: "exceptionReason", reason: "required" as const }] } : {}),
      });
    }
  }
  // A team leader grants from the unit's hour budget (seed 003: hours split between units).
  const minutes = body.clips * body.minutesPerClip;
  let budgetId: string | null = null;
  if (ctx.actor.role === "team_leader" || body.budgetId) {
    if (!body.budgetId) throw AppError.field("budgetId", "required", "budget_required");
    budgetId = await drawFromBudget(tx, ctx, body.budgetId, minutes, today);
  }
  const [row] = await tx
    .insert(clipGrants)
    .values({
      municipalityId: ctx.actor.municipalityId,
      courseId,
      interventionId: intervention?.id ?? null,
      kind: body.kind,
      clips: body.clips,
      minutesPerClip: body.minutesPerClip,
      policyDefinitionId: policy.id,
      exception: !decision.ok,
      exceptionReason: decision.ok ? null : (body.exceptionReason ?? null),
      violations,
      budgetId,
      grantedBy: ctx.actor.userId,
      grantedOn: today,
    })
    .returning({ id: clipGrants.id });
  await audit(tx, ctx, {
    action: "create",
    entityType: "clip_grant",
    entityId: row!.id,
    citizenId: course.citizenId,
    criterion: { kind: body.kind, clips: body.clips, exception: !decision.ok },
  });
  return punchCard(tx, ctx, course);
}

async function assertWorker(tx: DbOrTx, ctx: Ctx, workerUserId: string): Promise<{ organisationId: string }> {
  const [w] = await tx
    .select({ organisationId: users.organisationId, role: users.role })
    .from(users)
    .where(and(inTenant(users, ctx), eq(users.id, workerUserId), eq(users.active, true)));
  if (!w || !["home_care_worker", "planner", "team_leader", "community_coordinator"].includes(w.role))
    throw AppError.field("workerUserId", "invalid_value");
  return w;
}

async function assertClipLeft(tx: DbOrTx, course: CourseRow, kind: ClipKind, warnWhenClipsLeft: number) {
  const { grants, clipRows } = await grantsAndClips(tx, course.id);
  const verdict = mayUseClip(cardLines(grants, clipRows, warnWhenClipsLeft), kind);
  if (!verdict.ok) {
    if (verdict.refusal === "kind_not_on_card")
      throw AppError.field("kind", "invalid_value", "clip_kind_not_on_card", 409);
    throw AppError.field("kind", "invalid_value", "no_clips_left", 409);
  }
}

/**
 * The worker's other planned clips around the day (a clip may run past midnight) must not
 * overlap the new one. Called with the worker's row locked, so a concurrent plan waits and
 * then sees this one.
 */
async function assertNoClash(tx: DbOrTx, ctx: Ctx, body: PlanClipBody) {
  const shift = (n: number) => formatISO(addDays(parseISO(body.plannedOn), n), { representation: "date" });
  const others = await tx
    .select({ id: clips.id, day: clips.plannedOn, start: clips.plannedStart, minutes: clips.plannedMinutes })
    .from(clips)
    .where(
      and(
        inTenant(clips, ctx),
        eq(clips.workerUserId, body.workerUserId),
        eq(clips.status, "planned"),
        sql`${clips.plannedOn} between ${shift(-1)}::date and ${shift(1)}::date`,
      ),
    );
  const slots = others.flatMap((o) =>
    o.day && o.start && o.minutes ? [{ id: o.id, day: o.day, start: o.start, minutes: o.minutes }] : [],
  );
  const clash = findClash(
    { day: body.plannedOn, start: body.plannedStart, minutes: body.plannedMinutes },
    slots,
  );
  if (clash) {
    // The other clip's time only: it may be another citizen's, whom this planner need not see.
    throw new AppError("clip_overlaps", 409, {
      fields: [{ field: "plannedStart", reason: "overlaps" }],
      clash: {
        clipId: clash.id,
        plannedOn: clash.day,
        plannedStart: clash.start,
        plannedMinutes: clash.minutes,
      },
    });
  }
}

export async function planClip(tx: DbOrTx, ctx: Ctx, courseId: string, body: PlanClipBody) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read", { forUpdate: true });
  authorize(ctx, { kind: "clip.plan", citizen: citizenResourceOf(course) });
  assertUsable(course);
  const worker = await assertWorker(tx, ctx, body.workerUserId);
  const intervention = await interventionFor(tx, ctx, course, body.kind, body.interventionId);
  const policy = await currentPunchCardPolicy(tx, course.municipalityId);
  await assertClipLeft(tx, course, body.kind, policy.document.warnWhenClipsLeft);
  // Always after the course row: one order of locks, so no deadlock between two plans.
  await tx.select({ id: users.id }).from(users).where(eq(users.id, body.workerUserId)).for("update");
  await assertNoClash(tx, ctx, body);
  const [row] = await tx
    .insert(clips)
    .values({
      municipalityId: ctx.actor.municipalityId,
      courseId,
      citizenId: course.citizenId,
      interventionId: intervention?.id ?? null,
      providerOrganisationId: intervention?.providerOrganisationId ?? worker.organisationId,
      kind: body.kind,
      accompanimentForm: body.kind === "accompaniment" ? (body.accompanimentForm ?? null) : null,
      status: "planned",
      plannedOn: body.plannedOn,
      plannedStart: body.plannedStart,
      plannedMinutes: body.plannedMinutes,
      workerUserId: body.workerUserId,
      plannedBy: ctx.actor.userId,
    })
    .returning({ id: clips.id });
  await audit(tx, ctx, {
    action: "create",
    entityType: "clip",
    entityId: row!.id,
    citizenId: course.citizenId,
    criterion: { planned: body.plannedOn },
  });
  // The citizen's reminder the day before (messaging, issue 16).
  await visitChanged(tx, ctx.actor.municipalityId, { clipId: row!.id });
  const [created] = await selectClips(tx, ctx, eq(clips.id, row!.id));
  return presentClips([created!])[0]!;
}

/** A planner takes a planned clip off a worker's day; the clip goes back on the card. */
export async function cancelPlannedClip(tx: DbOrTx, ctx: Ctx, clipId: string, reason: string) {
  const [found] = await tx
    .select({ courseId: clips.courseId, status: clips.status })
    .from(clips)
    .where(and(inTenant(clips, ctx), eq(clips.id, clipId)));
  if (!found) throw AppError.notFound("clip_not_found");
  const course = await loadCourseFor(tx, ctx, found.courseId, "course.read", { forUpdate: true });
  authorize(ctx, { kind: "clip.plan", citizen: citizenResourceOf(course) });
  const [updated] = await tx
    .update(clips)
    .set({
      status: "cancelled",
      cancelReason: reason,
      registeredBy: ctx.actor.userId,
      registeredAt: new Date(),
    })
    .where(and(eq(clips.id, clipId), eq(clips.status, "planned")))
    .returning({ id: clips.id });
  if (!updated) throw new AppError("clip_not_planned", 409);
  await audit(tx, ctx, {
    action: "update",
    entityType: "clip",
    entityId: clipId,
    citizenId: course.citizenId,
    criterion: { cancelled: true },
  });
  await visitChanged(tx, ctx.actor.municipalityId, { clipId });
  const [saved] = await selectClips(tx, ctx, eq(clips.id, clipId));
  return presentClips([saved!])[0]!;
}

/**
 * Who a clip on this course can be planned for: active care staff of the citizen's provider, of
 * the providers the course's interventions are assigned to, and the coordinator unit.
 */
export async function plannableWorkers(tx: DbOrTx, ctx: Ctx, courseId: string) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read");
  authorize(ctx, { kind: "clip.plan", citizen: citizenResourceOf(course) });
  const assigned = await tx
    .select({ id: interventions.providerOrganisationId })
    .from(interventions)
    .where(eq(interventions.courseId, courseId));
  const orgIds = [
    ...new Set(
      [course.citizenProviderId, ctx.actor.organisationId, ...assigned.map((a) => a.id)].filter(
        (x): x is string => !!x,
      ),
    ),
  ];
  const rows = await tx
    .select({
      id: users.id,
      name: users.displayName,
      role: users.role,
      organisationId: users.organisationId,
      organisationName: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        inTenant(users, ctx),
        eq(users.active, true),
        inArray(users.organisationId, orgIds),
        inArray(users.role, ["home_care_worker", "planner", "team_leader", "community_coordinator"]),
      ),
    );
  // Derived from the citizen's course (their provider, the course's interventions): a read of the
  // citizen, like the detection-clip workers (route-sweep.int.test.ts found it unaudited).
  await audit(tx, ctx, {
    action: "read",
    entityType: "course",
    entityId: courseId,
    citizenId: course.citizenId,
    criterion: { purpose: "clip_workers" },
  });
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      organisation: { id: r.organisationId, name: r.organisationName },
    }))
    .sort(
      (a, b) =>
        a.organisation.name.localeCompare(b.organisation.name, "da") || a.name.localeCompare(b.name, "da"),
    );
}
