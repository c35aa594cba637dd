/**
 * Opsporingsklip: a planner grants time for a detection conversation and puts
 * it on a worker's day; the worker marks it done when the form is filled
 * (submitting a screening with the clip's id does that in the same transaction; a screening
 * without one settles the citizen's clip of that day, settleClipOfTheDay()).
 */
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { providerScope } from "../../../domain/access-policy.js";
import type { ClipStatus } from "../../../domain/course/vocabulary.js";
import { clipSettledByScreening } from "../../../domain/detection-clip.js";
import type { DetectionClip } from "../../../shared/api/detection.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, detectionClips, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, listedCitizen, loadCitizenFor } from "../citizens/index.js";

function providerFilter(ctx: Ctx) {
  const provider = providerScope(ctx.actor);
  return provider ? eq(citizens.providerOrganisationId, provider) : undefined;
}

export async function selectClips(
  tx: DbOrTx,
  ctx: Ctx,
  where: ReturnType<typeof and>,
): Promise<DetectionClip[]> {
  const rows = await tx
    .select({
      id: detectionClips.id,
      citizenId: citizens.id,
      citizenName: sql<string>`${citizens.firstName} || ' ' || ${citizens.lastName}`,
      address: sql<string>`${citizens.addressLine} || ', ' || ${citizens.postalCode} || ' ' || ${citizens.city}`,
      workerId: users.id,
      workerName: users.displayName,
      plannedDate: detectionClips.plannedDate,
      minutes: detectionClips.minutes,
      status: detectionClips.status,
      screeningId: detectionClips.screeningId,
    })
    .from(detectionClips)
    .innerJoin(citizens, eq(citizens.id, detectionClips.citizenId))
    .innerJoin(users, eq(users.id, detectionClips.workerUserId))
    // A private provider's staff see only clips of their own citizens, whichever worker holds them
    // (as the day lists): asking for another provider's worker returns nothing of that worker's citizens.
    // Anonymised and restricted citizens' clips are not on anyone's list (issue 13).
    .where(and(inTenant(detectionClips, ctx), where, providerFilter(ctx), listedCitizen()))
    .orderBy(asc(detectionClips.plannedDate), asc(citizens.sortName));
  return rows.map((r) => ({
    id: r.id,
    citizen: { id: r.citizenId, name: r.citizenName, address: r.address },
    worker: { id: r.workerId, name: r.workerName },
    plannedDate: r.plannedDate,
    minutes: r.minutes,
    status: r.status,
    screeningId: r.screeningId,
  }));
}

export async function grantDetectionClip(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  body: { workerUserId: string; plannedDate: string; minutes: number },
) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "detectionClip.grant", citizen: asResource(citizen) });
  // The worker must belong to the citizen's provider: the time lands on that provider's route list.
  const [worker] = await tx
    .select({ id: users.id, organisationId: users.organisationId })
    .from(users)
    .where(and(inTenant(users, ctx), eq(users.id, body.workerUserId), eq(users.active, true)));
  if (
    !worker ||
    (citizen.providerOrganisationId && worker.organisationId !== citizen.providerOrganisationId)
  ) {
    throw AppError.field("workerUserId", "invalid_value");
  }
  const [row] = await tx
    .insert(detectionClips)
    .values({
      municipalityId: ctx.actor.municipalityId,
      citizenId,
      workerUserId: body.workerUserId,
      plannedDate: body.plannedDate,
      minutes: body.minutes,
      grantedBy: ctx.actor.userId,
    })
    .returning({ id: detectionClips.id });
  await audit(tx, ctx, { action: "create", entityType: "detection_clip", entityId: row!.id, citizenId });
  return (await selectClips(tx, ctx, eq(detectionClips.id, row!.id)))[0]!;
}

/**
 * Who may receive a citizen's opsporingsklip: the active home-care workers of the
 * citizen's provider (of the planner's own organisation when the citizen has none),
 * so the planner picks from the list the grant itself accepts.
 */
export async function workersForClip(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
): Promise<{ id: string; name: string }[]> {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "detectionClip.grant", citizen: asResource(citizen) });
  // Which workers serve this citizen tells who cares for them: a read of the citizen, audited.
  await audit(tx, ctx, { action: "read", entityType: "detection_workers", entityId: citizenId, citizenId });
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(
      and(
        inTenant(users, ctx),
        eq(users.active, true),
        eq(users.role, "home_care_worker"),
        eq(users.organisationId, citizen.providerOrganisationId ?? ctx.actor.organisationId),
      ),
    );
  const collator = new Intl.Collator("da");
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** A worker's list ("my citizens today"), or a planner's view of a worker's days. */
export async function listDetectionClips(
  tx: DbOrTx,
  ctx: Ctx,
  query: { workerUserId?: string; from?: string; to?: string; status?: ClipStatus },
) {
  authorize(ctx, { kind: "detectionClip.list" });
  const workerUserId = query.workerUserId ?? ctx.actor.userId;
  if (workerUserId !== ctx.actor.userId) authorize(ctx, { kind: "detectionClip.complete", workerUserId });
  const clips = await selectClips(
    tx,
    ctx,
    and(
      eq(detectionClips.workerUserId, workerUserId),
      query.from ? gte(detectionClips.plannedDate, query.from) : undefined,
      query.to ? lte(detectionClips.plannedDate, query.to) : undefined,
      query.status ? eq(detectionClips.status, query.status) : undefined,
    ),
  );
  await audit(
    tx,
    ctx,
    clips.map((c) => ({
      action: "search" as const,
      entityType: "detection_clip",
      entityId: c.id,
      citizenId: c.citizen.id,
      criterion: { workerUserId },
    })),
  );
  return clips;
}

/** Marks a planned clip done (or cancelled); used by the screening submit as well. */
export async function settleDetectionClip(
  tx: DbOrTx,
  ctx: Ctx,
  clipId: string,
  status: Exclude<ClipStatus, "planned">,
  screeningId: string | null,
  citizenId?: string,
) {
  const [clip] = await tx
    .select({
      id: detectionClips.id,
      workerUserId: detectionClips.workerUserId,
      status: detectionClips.status,
      citizenId: detectionClips.citizenId,
    })
    .from(detectionClips)
    .where(and(inTenant(detectionClips, ctx), eq(detectionClips.id, clipId)))
    .for("update");
  if (!clip || (citizenId && clip.citizenId !== citizenId))
    throw AppError.notFound("detection_clip_not_found");
  authorize(ctx, { kind: "detectionClip.complete", workerUserId: clip.workerUserId });
  await loadCitizenFor(tx, ctx, clip.citizenId, "citizen.read");
  if (clip.status !== "planned") throw new AppError("detection_clip_not_planned", 409);
  await markClip(tx, ctx, clipId, clip.citizenId, status, screeningId);
  return (await selectClips(tx, ctx, eq(detectionClips.id, clipId)))[0]!;
}

async function markClip(
  tx: DbOrTx,
  ctx: Ctx,
  clipId: string,
  citizenId: string,
  status: Exclude<ClipStatus, "planned">,
  screeningId: string | null,
) {
  await tx
    .update(detectionClips)
    .set({ status, screeningId, doneAt: status === "done" ? sql`now()` : null })
    .where(eq(detectionClips.id, clipId));
  await audit(tx, ctx, {
    action: "update",
    entityType: "detection_clip",
    entityId: clipId,
    citizenId,
    criterion: { status },
  });
}

/**
 * A form filled without naming a clip (opened from the citizen, not from "Mine borgere i dag")
 * still settles the citizen's opsporingsklip planned that day — the rule is
 * clipSettledByScreening(). The caller does not choose the clip, so a colleague's only clip
 * that day is settled on the strength of the screening's own authorisation (the visit took
 * place); overdue and future clips are left alone. Runs in the screening's transaction (and so
 * under its Idempotency-Key); the citizen row is already locked, the clips are locked here.
 */
export async function settleClipOfTheDay(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  day: string,
  screeningId: string,
): Promise<string | null> {
  const candidates = await tx
    .select({ id: detectionClips.id, workerUserId: detectionClips.workerUserId })
    .from(detectionClips)
    .where(
      and(
        inTenant(detectionClips, ctx),
        eq(detectionClips.citizenId, citizenId),
        eq(detectionClips.status, "planned"),
        eq(detectionClips.plannedDate, day),
      ),
    )
    .orderBy(asc(detectionClips.createdAt), asc(detectionClips.id))
    .for("update");
  const chosen = clipSettledByScreening(candidates, ctx.actor.userId);
  if (chosen) await markClip(tx, ctx, chosen, citizenId, "done", screeningId);
  return chosen;
}
