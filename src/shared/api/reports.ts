/**
 * API of evaluation and reporting (issue 6): outcome measurements so far; the status report,
 * funnel, punch-card use and exports follow.
 */
import { z } from "zod";
import { isoDate, uuid } from "./common.js";
import { SubmitScreeningBody } from "./detection.js";

export const OutcomePhase = z.enum(["baseline", "follow_up"]);
export const OutcomeParams = z.strictObject({ id: uuid, phase: OutcomePhase });

export const RecordOutcomeBody = SubmitScreeningBody.pick({ questionnaireId: true, answers: true }).strict();
export type RecordOutcomeBody = z.infer<typeof RecordOutcomeBody>;

export const OutcomeDueQuery = z.strictObject({
  until: isoDate.optional(),
  /** Coordinators: everyone's, not only my courses'. */
  all: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type OutcomeDueQuery = z.infer<typeof OutcomeDueQuery>;

export const OutcomeMeasurement = z.object({
  id: uuid,
  courseId: uuid,
  phase: OutcomePhase,
  questionnaireKey: z.string(),
  dueOn: z.string(),
  answeredAt: z.string().nullable(),
  outcome: z.object({ key: z.string(), colour: z.string(), positive: z.boolean(), total: z.number().nullable() }).nullable(),
});
export type OutcomeMeasurement = z.infer<typeof OutcomeMeasurement>;

export const OutcomeDue = OutcomeMeasurement.extend({ citizen: z.object({ id: uuid, name: z.string() }), coordinator: z.object({ id: uuid, name: z.string() }) });
