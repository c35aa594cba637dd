/**
 * Scoring a filled form against the stored version it names: the one engine behind a detection
 * form (detection/screenings.ts) and an outcome questionnaire (outcomes.ts). The version must be
 * the caller's municipality's and active.
 */
import { and, eq } from "drizzle-orm";
import { scoreAnswers } from "../../../domain/questionnaires/index.js";
import type { SubmitScreeningBody } from "../../../shared/api/detection.js";
import type { QuestionnaireDefinition } from "../../../shared/api/questionnaires.js";
import type { DbOrTx } from "../../db/client.js";
import { questionnaireDefinitions } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";

/** Loads an active questionnaire version of the caller's municipality and scores the answers, naming missing and invalid items. */
export async function scoreQuestionnaire(
  tx: DbOrTx,
  ctx: Ctx,
  questionnaireId: string,
  answers: NonNullable<SubmitScreeningBody["answers"]>,
) {
  const { stored, definition } = await activeQuestionnaire(tx, ctx, questionnaireId);
  const scored = scoreAnswers(definition, answers);
  if (!scored.ok) {
    // Nothing is saved half: the missing and invalid items are named, the transaction rolls back.
    throw new AppError("questionnaire_incomplete", 400, {
      fields: [
        ...scored.missing.map((id) => ({ field: `answers.${id}`, reason: "required" as const })),
        ...scored.invalid.map((id) => ({ field: `answers.${id}`, reason: "invalid_value" as const })),
      ],
    });
  }
  return { stored, definition, outcome: scored.outcome, scores: scored.scores };
}

/** The questionnaire version a form names, without scoring (an exclusion before the questions). */
export async function activeQuestionnaire(tx: DbOrTx, ctx: Ctx, questionnaireId: string) {
  const [stored] = await tx
    .select()
    .from(questionnaireDefinitions)
    .where(and(inTenant(questionnaireDefinitions, ctx), eq(questionnaireDefinitions.id, questionnaireId)));
  if (!stored) throw AppError.field("questionnaireId", "invalid_value", "questionnaire_not_found", 400);
  if (!stored.active) throw AppError.field("questionnaireId", "invalid_value");
  return { stored, definition: stored.definition as QuestionnaireDefinition };
}
