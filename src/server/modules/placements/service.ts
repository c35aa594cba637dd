/**
 * Placements: a suggestion the coordinator takes up becomes a placement of the citizen in the
 * activity, moving foreslået → kontaktet → prøvebesøg → deltager → stoppet (domain/matching/
 * placement-workflow.ts). Every move is a placement_events row (who, when, why) written with its
 * audit entry. The accompaniment is planned as clips on the course (punch card API), so a
 * placement holds no clips of its own.
 *
 * Concurrency: creating and moving lock the course row first (as grants do), so "one active
 * placement per course and activity" holds when two coordinators click at once.
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { allowedPlacementMoves, movePlacement } from "../../../domain/matching/placement-workflow.js";
import { rankActivities } from "../../../domain/matching/rank.js";
import type {
  CreatePlacementBody,
  MatchReason,
  Placement,
  PlacementStatusBody,
} from "../../../shared/api/placements.js";
import type { DbOrTx } from "../../db/client.js";
import {
  catalogActivities,
  catalogOrganisations,
  placementEvents,
  placements,
  users,
} from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { assertMayProcess } from "../citizens/index.js";
import { assertOpen, citizenResourceOf, loadCourseFor } from "../courses/index.js";
import { matchingContext } from "./matching.js";
import { rankColumns, toCatalogActivity } from "./queries.js";

async function selectPlacements(tx: DbOrTx, where: ReturnType<typeof and>): Promise<Placement[]> {
  const rows = await tx
    .select({
      p: placements,
      title: catalogActivities.title,
      placeKind: catalogActivities.placeKind,
      organisationId: catalogOrganisations.id,
      organisationName: catalogOrganisations.name,
      createdByName: users.displayName,
    })
    .from(placements)
    .innerJoin(catalogActivities, eq(catalogActivities.id, placements.activityId))
    .innerJoin(catalogOrganisations, eq(catalogOrganisations.id, catalogActivities.organisationId))
    .innerJoin(users, eq(users.id, placements.createdBy))
    .where(where)
    .orderBy(asc(placements.createdAt));
  if (rows.length === 0) return [];
  const events = await tx
    .select({ e: placementEvents, name: users.displayName })
    .from(placementEvents)
    .innerJoin(users, eq(users.id, placementEvents.actorUserId))
    .where(
      inArray(
        placementEvents.placementId,
        rows.map((r) => r.p.id),
      ),
    )
    .orderBy(asc(placementEvents.at), asc(placementEvents.id));
  return rows.map(({ p, ...r }) => ({
    id: p.id,
    courseId: p.courseId,
    activity: {
      id: p.activityId,
      title: r.title,
      organisation: { id: r.organisationId, name: r.organisationName },
      placeKind: r.placeKind,
    },
    status: p.status,
    stopReason: p.stopReason,
    reasons: p.reasons as MatchReason[],
    allowedMoves: allowedPlacementMoves(p.status),
    createdBy: { id: p.createdBy, name: r.createdByName },
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
    events: events
      .filter(({ e }) => e.placementId === p.id)
      .map(({ e, name }) => ({
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        reason: e.reason,
        actor: { id: e.actorUserId, name },
        at: e.at.toISOString(),
      })),
  }));
}

export async function createPlacement(
  tx: DbOrTx,
  ctx: Ctx,
  courseId: string,
  body: CreatePlacementBody,
): Promise<Placement> {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read", { forUpdate: true });
  authorize(ctx, { kind: "placement.manage", citizen: citizenResourceOf(course) });
  assertOpen(course);
  // Placing a citizen shares them with the activity's organisation: not while restricted (art. 18).
  assertMayProcess(ctx, { ...citizenResourceOf(course), restrictedAt: course.citizenRestrictedAt });
  const [activity] = await tx
    .select(rankColumns)
    .from(catalogActivities)
    .where(
      and(
        inTenant(catalogActivities, ctx),
        eq(catalogActivities.id, body.activityId),
        eq(catalogActivities.active, true),
      ),
    );
  if (!activity) throw AppError.field("activityId", "invalid_value");
  const [existing] = await tx
    .select({ id: placements.id })
    .from(placements)
    .where(
      and(
        eq(placements.courseId, courseId),
        eq(placements.activityId, body.activityId),
        ne(placements.status, "stopped"),
      ),
    );
  if (existing) throw new AppError("placement_already_active", 409, { placementId: existing.id });

  // Why it fits is a fact the server works out from the matching, never what a client says.
  const mc = await matchingContext(tx, course);
  const reasons: MatchReason[] =
    rankActivities(mc.profile, [toCatalogActivity(activity)], {
      taxonomy: mc.taxonomy,
      includeExcluded: true,
    })[0]?.reasons ?? [];
  const [row] = await tx
    .insert(placements)
    .values({
      municipalityId: ctx.actor.municipalityId,
      courseId,
      citizenId: course.citizenId,
      activityId: activity.id,
      reasons,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: placements.id });
  await tx.insert(placementEvents).values({
    municipalityId: ctx.actor.municipalityId,
    placementId: row!.id,
    fromStatus: null,
    toStatus: "suggested",
    actorUserId: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: "create",
    entityType: "placement",
    entityId: row!.id,
    citizenId: course.citizenId,
  });
  return (await selectPlacements(tx, eq(placements.id, row!.id)))[0]!;
}

export async function listPlacements(tx: DbOrTx, ctx: Ctx, courseId: string): Promise<Placement[]> {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read");
  authorize(ctx, { kind: "placement.read", citizen: citizenResourceOf(course) });
  await audit(tx, ctx, {
    action: "read",
    entityType: "placement",
    entityId: courseId,
    citizenId: course.citizenId,
  });
  return selectPlacements(tx, eq(placements.courseId, courseId));
}

export async function movePlacementStatus(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: PlacementStatusBody,
): Promise<Placement> {
  const [found] = await tx
    .select({ courseId: placements.courseId })
    .from(placements)
    .where(and(inTenant(placements, ctx), eq(placements.id, id)));
  if (!found) throw AppError.notFound("placement_not_found");
  const course = await loadCourseFor(tx, ctx, found.courseId, "course.read", { forUpdate: true });
  authorize(ctx, { kind: "placement.manage", citizen: citizenResourceOf(course) });
  assertOpen(course);
  const [row] = await tx.select().from(placements).where(eq(placements.id, id)).for("update");
  if (row!.version !== body.version)
    throw new AppError("version_conflict", 409, { currentVersion: row!.version });
  const result = movePlacement(row!.status, body.to, body.reason);
  if (!result.ok) {
    if (result.refusal === "reason_required") throw AppError.field("reason", "required");
    throw new AppError("placement_move_not_allowed", 409, { status: row!.status, to: body.to });
  }
  const reason = body.reason ?? null;
  await tx
    .update(placements)
    .set({
      status: body.to,
      stopReason: body.to === "stopped" ? reason : null,
      updatedAt: sql`now()`,
      version: sql`${placements.version} + 1`,
    })
    .where(eq(placements.id, id));
  await tx.insert(placementEvents).values({
    municipalityId: ctx.actor.municipalityId,
    placementId: id,
    fromStatus: row!.status,
    toStatus: body.to,
    reason,
    actorUserId: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: "update",
    entityType: "placement",
    entityId: id,
    citizenId: course.citizenId,
    criterion: { from: row!.status, to: body.to },
  });
  return (await selectPlacements(tx, eq(placements.id, id)))[0]!;
}
