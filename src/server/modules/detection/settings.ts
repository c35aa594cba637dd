import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { municipalitySettings } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

export interface DetectionSettings {
  rescreenIntervalMonths: number;
  referralWaitDays: number;
  newInHomeCareDays: number;
  offlineHours: number;
}

/**
 * The municipality's settings, or the defaults (6 months, 7 days, 60 days, 12 hours) until an
 * administrator sets them.
 */
export async function detectionSettings(tx: DbOrTx, municipalityId: string): Promise<DetectionSettings> {
  const [row] = await tx
    .select({
      rescreenIntervalMonths: municipalitySettings.rescreenIntervalMonths,
      referralWaitDays: municipalitySettings.referralWaitDays,
      newInHomeCareDays: municipalitySettings.newInHomeCareDays,
      offlineHours: municipalitySettings.offlineHours,
    })
    .from(municipalitySettings)
    .where(inTenant(municipalitySettings, municipalityId));
  return row ?? { rescreenIntervalMonths: 6, referralWaitDays: 7, newInHomeCareDays: 60, offlineHours: 12 };
}

export async function getDetectionSettings(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "detectionSettings.read" });
  return detectionSettings(tx, ctx.actor.municipalityId);
}

export async function updateDetectionSettings(tx: DbOrTx, ctx: Ctx, body: Partial<DetectionSettings>) {
  authorize(ctx, { kind: "settings.manage" });
  const current = await detectionSettings(tx, ctx.actor.municipalityId);
  const next = { ...current, ...body };
  await tx
    .insert(municipalitySettings)
    .values({ municipalityId: ctx.actor.municipalityId, ...next })
    .onConflictDoUpdate({
      target: municipalitySettings.municipalityId,
      set: { ...next, updatedAt: sql`now()` },
    });
  return next;
}
