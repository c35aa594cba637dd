/**
 * Each staff member's digest choices (issue 16 point 2): the address, on or off, and which of the
 * role's topics they do not want. No row means the role's defaults — every topic on, no address
 * yet, so no digest until the user gives one (Broen holds no staff e-mail addresses otherwise).
 */
import { and, eq, sql } from "drizzle-orm";
import { topicsFor } from "../../../domain/messaging/digest.js";
import type {
  NotificationPreferences,
  UpdateNotificationPreferencesBody,
} from "../../../shared/api/messaging-digest.js";
import type { DbOrTx } from "../../db/client.js";
import { messagingSettings, staffNotificationPreferences } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";

/** The hour digests are made when the municipality has no messaging settings row (the column's default). */
export const DEFAULT_DIGEST_HOUR = 7;

export async function digestHourOf(tx: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await tx
    .select({ digestHour: messagingSettings.digestHour })
    .from(messagingSettings)
    .where(inTenant(messagingSettings, municipalityId));
  return row?.digestHour ?? DEFAULT_DIGEST_HOUR;
}

async function load(tx: DbOrTx, ctx: Ctx, forUpdate = false) {
  const q = tx
    .select()
    .from(staffNotificationPreferences)
    .where(
      and(
        inTenant(staffNotificationPreferences, ctx),
        eq(staffNotificationPreferences.userId, ctx.actor.userId),
      ),
    );
  const [row] = await (forUpdate ? q.for("update") : q);
  return row ?? null;
}

async function present(
  tx: DbOrTx,
  ctx: Ctx,
  row: Awaited<ReturnType<typeof load>>,
): Promise<NotificationPreferences> {
  const muted = new Set(row?.mutedTopics ?? []);
  return {
    email: row?.email ?? null,
    digestEnabled: row?.digestEnabled ?? true,
    lang: row?.lang ?? "da",
    topics: topicsFor(ctx.actor).map((key) => ({
      key,
      labelKey: `messaging:digest.topics.${key}`,
      muted: muted.has(key),
    })),
    digestHour: await digestHourOf(tx, ctx.actor.municipalityId),
    version: row?.version ?? 0,
  };
}

export async function getNotificationPreferences(tx: DbOrTx, ctx: Ctx): Promise<NotificationPreferences> {
  authorize(ctx, { kind: "notifications.own" });
  return present(tx, ctx, await load(tx, ctx));
}

export async function saveNotificationPreferences(
  tx: DbOrTx,
  ctx: Ctx,
  body: UpdateNotificationPreferencesBody,
): Promise<NotificationPreferences> {
  authorize(ctx, { kind: "notifications.own" });
  const mine = new Set<string>(topicsFor(ctx.actor));
  const foreign = body.mutedTopics.findIndex((t) => !mine.has(t));
  // A topic the role cannot receive is a mistake of the caller's, not something to keep quietly.
  if (foreign >= 0) throw AppError.field(`mutedTopics.${foreign}`, "invalid_value");
  const current = await load(tx, ctx, true);
  const version = current?.version ?? 0;
  if (body.version !== version) throw new AppError("version_conflict", 409, { currentVersion: version });
  const values = {
    email: body.email,
    digestEnabled: body.digestEnabled,
    mutedTopics: [...new Set(body.mutedTopics)],
    lang: body.lang ?? current?.lang ?? "da",
  };
  const [saved] = current
    ? await tx
        .update(staffNotificationPreferences)
        .set({ ...values, version: version + 1, updatedAt: sql`now()` })
        .where(
          and(
            inTenant(staffNotificationPreferences, ctx),
            eq(staffNotificationPreferences.userId, ctx.actor.userId),
          ),
        )
        .returning()
    : await tx
        .insert(staffNotificationPreferences)
        .values({ ...values, userId: ctx.actor.userId, municipalityId: ctx.actor.municipalityId, version: 1 })
        // Two first saves at once: the second finds the row and answers 409, as a stale version does.
        .onConflictDoNothing()
        .returning();
  if (!saved) throw new AppError("version_conflict", 409, { currentVersion: 1 });
  return present(tx, ctx, saved);
}
