/**
 * The municipality's evaluation settings an administrator may change (issue 11 point 6): the
 * follow-up's window after the baseline and how recent a detection form must be to serve as the
 * baseline. The instrument and the follow-up month stay as shipped: changing them mid-project
 * would make old and new measurements incomparable.
 */
import { sql } from "drizzle-orm";
import type { EvaluationSettings as EvaluationSettingsBody } from "../../../shared/api/reports.js";
import type { DbOrTx } from "../../db/client.js";
import { municipalitySettings } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { evaluationSettings } from "../questionnaires/index.js";

const editable = (s: EvaluationSettingsBody): EvaluationSettingsBody => ({
  outcomeWindowFromMonths: s.outcomeWindowFromMonths,
  outcomeWindowToMonths: s.outcomeWindowToMonths,
  baselineFromDetectionDays: s.baselineFromDetectionDays,
});

export async function getEvaluationSettings(tx: DbOrTx, ctx: Ctx): Promise<EvaluationSettingsBody> {
  // Those who read the reports see the rule behind the pairs; the administrator who changes it does too.
  if (ctx.actor.role !== "administrator") authorize(ctx, { kind: "report.view" });
  return editable(await evaluationSettings(tx, ctx.actor.municipalityId));
}

export async function updateEvaluationSettings(
  tx: DbOrTx,
  ctx: Ctx,
  body: Partial<EvaluationSettingsBody>,
): Promise<EvaluationSettingsBody> {
  authorize(ctx, { kind: "settings.manage" });
  const next = editable({ ...(await evaluationSettings(tx, ctx.actor.municipalityId)), ...body });
  if (next.outcomeWindowFromMonths > next.outcomeWindowToMonths) {
    throw new AppError("validation_failed", 400, {
      fields: [
        {
          field:
            body.outcomeWindowToMonths === undefined ? "outcomeWindowFromMonths" : "outcomeWindowToMonths",
          reason: "too_early" as const,
        },
      ],
    });
  }
  await tx
    .insert(municipalitySettings)
    .values({ municipalityId: ctx.actor.municipalityId, ...next })
    .onConflictDoUpdate({
      target: municipalitySettings.municipalityId,
      set: { ...next, updatedAt: sql`now()` },
    });
  return next;
}
