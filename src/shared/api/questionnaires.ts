/**
 * Questionnaires as data: the zod schema of a questionnaire definition (what an
 * administrator uploads and what Broen ships in
 * `server/modules/questionnaires/definitions/`) and of a submitted answer set.
 *
 * The schema checks the shape; `definitionProblems()` in
 * `domain/questionnaires` checks the meaning (duplicate ids, bands that overlap
 * or leave gaps, references to unknown scores/items/outcomes) and is run here
 * as a refinement, so one `QuestionnaireDefinition.safeParse()` says whether a
 * definition can be used. The model is described in
 * `src/domain/questionnaires/README.md`.
 */
import { z } from "zod";
import type * as Domain from "../../domain/questionnaires/definition.js";
import {
  OUTCOME_COLOURS,
  OUTCOME_WORKFLOWS,
  RISK_LEVELS,
  SCORE_METHODS,
} from "../../domain/questionnaires/definition.js";
import { definitionProblems } from "../../domain/questionnaires/validate.js";
import { LIMITS } from "../../domain/limits.js";
import { optionalText, requiredText } from "./common.js";
import type { Assert, Same } from "./type-check.js";

/** Ids of items, options, scores and outcomes: stable, ASCII, safe as JSON keys and in URLs. */
export const QuestionnaireId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_]*$/);

/** The definition's key: one per instrument, shared by all its versions (e.g. "t-ils"). */
export const QuestionnaireKey = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** Text shown to people: Danish always, English when the municipality has written it. */
export const LocalText = z.strictObject({ da: requiredText(LIMITS.note), en: optionalText(LIMITS.note) });
export type LocalText = z.infer<typeof LocalText>;

export const ShortLocalText = z.strictObject({
  da: requiredText(LIMITS.shortText),
  en: optionalText(LIMITS.shortText),
});

const itemBase = {
  id: QuestionnaireId,
  /** The question or the sign as the worker reads it. */
  text: LocalText,
  help: LocalText.optional(),
  /** True when the text is an example the municipality is expected to replace with its own. */
  example: z.boolean().default(false),
};

/** A scored option; `score` is required — an option without a score cannot be summed. */
export const ChoiceOption = z.strictObject({
  id: QuestionnaireId,
  label: ShortLocalText,
  score: z.int().min(-100).max(100),
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

/** An option of the worker's professional judgement: categorical, never summed. */
export const JudgementOption = z.strictObject({ id: QuestionnaireId, label: ShortLocalText });

export const SingleChoiceItem = z.strictObject({
  ...itemBase,
  kind: z.literal("single_choice"),
  options: z.array(ChoiceOption).min(2).max(10),
});

/** A yes/no sign on a checklist; `score` is what a "yes" adds to a sum (a "no" adds 0). */
export const ChecklistItem = z.strictObject({
  ...itemBase,
  kind: z.literal("checklist"),
  score: z.int().min(-100).max(100).default(1),
});

/** The worker's own professional assessment, an input to a decision rule (Amager). */
export const JudgementItem = z.strictObject({
  ...itemBase,
  kind: z.literal("judgement"),
  options: z.array(JudgementOption).min(2).max(10),
});

export const QuestionnaireItem = z.discriminatedUnion("kind", [
  SingleChoiceItem,
  ChecklistItem,
  JudgementItem,
]);
export type QuestionnaireItem = z.infer<typeof QuestionnaireItem>;
export type QuestionnaireItemKind = QuestionnaireItem["kind"];

/**
 * A named score. "sum" adds option scores (and checked checklist scores);
 * "count_checked" counts checklist items answered yes. `items` omitted = every
 * item the method applies to; listing items makes a subscale.
 */
export const ScoreDefinition = z.strictObject({
  key: QuestionnaireId,
  label: ShortLocalText.optional(),
  method: z.enum(SCORE_METHODS),
  items: z.array(QuestionnaireId).min(1).max(100).optional(),
});
export type ScoreDefinition = z.infer<typeof ScoreDefinition>;

export const Outcome = z.strictObject({
  key: QuestionnaireId,
  label: ShortLocalText,
  description: LocalText.optional(),
  colour: z.enum(OUTCOME_COLOURS),
  riskLevel: z.enum(RISK_LEVELS),
  /** Counts as "found lonely / at risk" in reports and leads to a referral offer. */
  isPositive: z.boolean(),
  workflow: z.enum(OUTCOME_WORKFLOWS),
});
export type Outcome = z.infer<typeof Outcome>;

/** Inclusive band over one score. `max` omitted = no upper bound (the band grows when items are added). */
export const Band = z.strictObject({ min: z.int(), max: z.int().optional(), outcome: QuestionnaireId });
export type Band = z.infer<typeof Band>;

export const ScoreCondition = z
  .strictObject({
    kind: z.literal("score"),
    score: QuestionnaireId,
    min: z.int().optional(),
    max: z.int().optional(),
  })
  .refine((c) => c.min !== undefined || c.max !== undefined, {
    params: { reason: "required" },
    path: ["min"],
  });

export const AnswerCondition = z.strictObject({
  kind: z.literal("answer"),
  item: QuestionnaireId,
  anyOf: z.array(QuestionnaireId).min(1).max(10),
});

export const Condition = z.discriminatedUnion("kind", [ScoreCondition, AnswerCondition]);
export type Condition = z.infer<typeof Condition>;

export const BandsRule = z.strictObject({
  kind: z.literal("bands"),
  score: QuestionnaireId,
  bands: z.array(Band).min(1).max(20),
});

/** Ordered rules, first match wins (all its conditions hold); `otherwise` when none matches. */
export const DecisionRule = z.strictObject({
  kind: z.literal("decision"),
  rules: z
    .array(z.strictObject({ when: z.array(Condition).min(1).max(10), outcome: QuestionnaireId }))
    .min(1)
    .max(20),
  otherwise: QuestionnaireId,
});

export const OutcomeRule = z.discriminatedUnion("kind", [BandsRule, DecisionRule]);
export type OutcomeRule = z.infer<typeof OutcomeRule>;

export const QuestionnaireDefinitionShape = z.strictObject({
  key: QuestionnaireKey,
  version: z.int().min(1),
  title: ShortLocalText,
  description: LocalText.optional(),
  /** For administrators: e.g. "the questions are examples; replace them with your own". */
  notice: LocalText.optional(),
  /** Where the instrument comes from (a citation, not shown to citizens). */
  source: optionalText(LIMITS.note),
  items: z.array(QuestionnaireItem).min(1).max(100),
  scores: z.array(ScoreDefinition).min(1).max(20),
  outcomes: z.array(Outcome).min(1).max(20),
  result: OutcomeRule,
});
export type QuestionnaireDefinition = z.infer<typeof QuestionnaireDefinitionShape>;
export type QuestionnaireDefinitionInput = z.input<typeof QuestionnaireDefinitionShape>;

/** A definition that is well-formed and meaningful (see `definitionProblems`). */
export const QuestionnaireDefinition = QuestionnaireDefinitionShape.superRefine((definition, ctx) => {
  for (const problem of definitionProblems(definition)) {
    ctx.addIssue({
      code: "custom",
      path: problem.path,
      message: problem.message,
      params: { reason: problem.code },
    });
  }
});

/**
 * itemId → answer: an option id for single-choice and judgement items,
 * true/false for a checklist item (false = the sign was not seen).
 */
export const AnswerValue = z.union([z.string().max(64), z.boolean()]);
export const AnswerSet = z
  .record(z.string().max(64), AnswerValue)
  .refine((answers) => Object.keys(answers).length <= 100, { params: { reason: "invalid_value" } });
export type AnswerSet = z.infer<typeof AnswerSet>;

// The schema gives exactly the domain's plain types (domain/questionnaires/definition.ts), which the
// scoring and validation rules work on.
type _SameLocalText = Assert<Same<LocalText, Domain.LocalText>>;
type _SameItem = Assert<Same<QuestionnaireItem, Domain.QuestionnaireItem>>;
type _SameScore = Assert<Same<ScoreDefinition, Domain.ScoreDefinition>>;
type _SameOutcome = Assert<Same<Outcome, Domain.Outcome>>;
type _SameBand = Assert<Same<Band, Domain.Band>>;
type _SameCondition = Assert<Same<Condition, Domain.Condition>>;
type _SameRule = Assert<Same<OutcomeRule, Domain.OutcomeRule>>;
type _SameDefinition = Assert<Same<QuestionnaireDefinition, Domain.QuestionnaireDefinition>>;
type _SameAnswers = Assert<Same<AnswerSet, Domain.AnswerSet>>;
