/**
 * The day pack a worker's phone keeps for work without a signal (issue 17, decision 0108). The
 * server decides what leaves for the device, so a data protection officer reads it in one place:
 * the citizens and tasks of "Mine borgere i dag" (no CPR number, no note), the screening
 * instruments (which name no one), and the hours the phone may keep them. Each citizen sent is
 * audited as read with its own entity, so the citizen's trail says the day went to a phone.
 */
import { copenhagenDate } from "../../../domain/time.js";
import type { OfflineDay } from "../../../shared/api/detection.js";
import type { DbOrTx } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import { listQuestionnaires } from "../questionnaires/index.js";
import { myDayCards } from "./my-day.js";
import { detectionSettings } from "./settings.js";

export async function offlineDay(tx: DbOrTx, ctx: Ctx): Promise<OfflineDay> {
  const today = copenhagenDate(new Date());
  const citizens = await myDayCards(tx, ctx, today);
  const questionnaires = await listQuestionnaires(tx, ctx);
  const { offlineHours } = await detectionSettings(tx, ctx.actor.municipalityId);
  await audit(
    tx,
    ctx,
    citizens.map((d) => ({
      action: "read" as const,
      entityType: "offline_day",
      entityId: d.citizen.id,
      citizenId: d.citizen.id,
    })),
  );
  return {
    day: { today, citizens },
    questionnaires,
    keepHours: offlineHours,
    fetchedAt: new Date().toISOString(),
  };
}
