/**
 * Restriction of processing (GDPR art. 18, issue 13 point 2). An administrator marks a citizen's
 * processing restricted with a reason and lifts it with a reason; `citizen_restrictions` is the
 * history and `citizens.restricted_at` mirrors the open row, written in the same transaction so a
 * list never sees one without the other. While restricted the citizen's data is kept but not
 * processed: lists hide the citizen (citizens' `listedCitizen`), nobody but the administrator opens
 * their data, and screening or sharing is refused (citizens' processing.ts).
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { providerScope } from "../../../domain/access-policy.js";
import { type RestrictionMove, restrictionMoveAllowed } from "../../../domain/privacy/restriction.js";
import type {
  RestrictedCitizens,
  RestrictionBody,
  RestrictionEntry,
  RestrictionState,
} from "../../../shared/api/privacy-rights.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenRestrictions, citizens, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { loadCitizenFor, notAnonymised } from "../citizens/index.js";

const lifter = alias(users, "lifter");

async function history(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<RestrictionEntry[]> {
  const rows = await tx
    .select({ r: citizenRestrictions, byName: users.displayName, liftedByName: lifter.displayName })
    .from(citizenRestrictions)
    .leftJoin(users, eq(users.id, citizenRestrictions.restrictedBy))
    .leftJoin(lifter, eq(lifter.id, citizenRestrictions.liftedBy))
    .where(and(inTenant(citizenRestrictions, ctx), eq(citizenRestrictions.citizenId, citizenId)))
    .orderBy(desc(citizenRestrictions.restrictedAt), desc(citizenRestrictions.id));
  return rows.map(({ r, byName, liftedByName }) => ({
    id: r.id,
    reason: r.reason,
    restrictedAt: r.restrictedAt.toISOString(),
    restrictedBy: r.restrictedBy ? { id: r.restrictedBy, name: byName ?? "" } : null,
    liftedAt: r.liftedAt?.toISOString() ?? null,
    liftedBy: r.liftedBy ? { id: r.liftedBy, name: liftedByName ?? "" } : null,
    liftReason: r.liftReason,
  }));
}

/** Whether the citizen is restricted now, and every restriction, newest first (a logged read). */
export async function restrictionState(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<RestrictionState> {
  const row = await loadCitizenFor(tx, ctx, citizenId, "citizen.privacy");
  await audit(tx, ctx, {
    action: "read",
    entityType: "citizen_restriction",
    entityId: citizenId,
    citizenId,
  });
  return { citizenId, restricted: row.restrictedAt !== null, history: await history(tx, ctx, citizenId) };
}

/** Restrict (a new open row) or lift (close the open row); the citizen's row mirrors it at once. */
export async function moveRestriction(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  move: RestrictionMove,
  body: RestrictionBody,
): Promise<RestrictionState> {
  // The citizen row is locked first: two administrators clicking at once queue here, and the second
  // gets the 409 below instead of tripping over the one-open-restriction index.
  const row = await loadCitizenFor(tx, ctx, citizenId, "citizen.restrict", { forUpdate: true });
  const restricted = row.restrictedAt !== null;
  if (!restrictionMoveAllowed(restricted, move))
    throw new AppError(restricted ? "citizen_already_restricted" : "citizen_not_restricted", 409);
  if (move === "restrict") {
    const [opened] = await tx
      .insert(citizenRestrictions)
      .values({
        municipalityId: row.municipalityId,
        citizenId,
        reason: body.reason,
        restrictedBy: ctx.actor.userId,
      })
      .returning({ at: citizenRestrictions.restrictedAt });
    await tx
      .update(citizens)
      .set({ restrictedAt: opened!.at })
      .where(and(inTenant(citizens, ctx), eq(citizens.id, citizenId)));
  } else {
    await tx
      .update(citizenRestrictions)
      .set({ liftedAt: sql`now()`, liftedBy: ctx.actor.userId, liftReason: body.reason })
      .where(
        and(
          inTenant(citizenRestrictions, ctx),
          eq(citizenRestrictions.citizenId, citizenId),
          isNull(citizenRestrictions.liftedAt),
        ),
      );
    await tx
      .update(citizens)
      .set({ restrictedAt: null })
      .where(and(inTenant(citizens, ctx), eq(citizens.id, citizenId)));
  }
  // The trail says what was done, not the reason's text (it may describe the citizen's dispute).
  await audit(tx, ctx, {
    action: move === "restrict" ? "restrict" : "lift_restriction",
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
  });
  return { citizenId, restricted: move === "restrict", history: await history(tx, ctx, citizenId) };
}

/**
 * The citizens restricted now, longest first: the register and every work list hide them, so this
 * is where the administrator finds them to lift the restriction. Each citizen shown is a search row
 * on their trail, as in any list of citizens.
 */
export async function restrictedCitizens(tx: DbOrTx, ctx: Ctx): Promise<RestrictedCitizens> {
  authorize(ctx, { kind: "citizen.restrictedList" });
  const provider = providerScope(ctx.actor);
  const rows = await tx
    .select({
      id: citizens.id,
      name: sql<string>`${citizens.firstName} || ' ' || ${citizens.lastName}`,
      restrictedAt: citizenRestrictions.restrictedAt,
      restrictedBy: citizenRestrictions.restrictedBy,
      byName: users.displayName,
      reason: citizenRestrictions.reason,
    })
    .from(citizenRestrictions)
    .innerJoin(citizens, eq(citizens.id, citizenRestrictions.citizenId))
    .leftJoin(users, eq(users.id, citizenRestrictions.restrictedBy))
    .where(
      and(
        inTenant(citizenRestrictions, ctx),
        isNull(citizenRestrictions.liftedAt),
        notAnonymised(),
        provider ? eq(citizens.providerOrganisationId, provider) : undefined,
      ),
    )
    .orderBy(citizenRestrictions.restrictedAt, citizens.id)
    .limit(500);
  const criterion = { filter: "restricted" };
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? { action: "search", entityType: "citizen", criterion: { ...criterion, hits: 0 } }
      : rows.map((r) => ({
          action: "search" as const,
          entityType: "citizen",
          entityId: r.id,
          citizenId: r.id,
          criterion,
        })),
  );
  return {
    items: rows.map((r) => ({
      citizen: { id: r.id, name: r.name },
      restrictedAt: r.restrictedAt.toISOString(),
      restrictedBy: r.restrictedBy ? { id: r.restrictedBy, name: r.byName ?? "" } : null,
      reason: r.reason,
    })),
  };
}
