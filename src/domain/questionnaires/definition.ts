/**
 * A questionnaire definition as plain data (the model of README.md): the types the rules in this
 * folder work on and the closed word lists of an outcome. The zod schema that checks a definition's
 * shape is `QuestionnaireDefinition` in shared/api/questionnaires.ts; it builds its enums from
 * these lists and is checked at compile time to give exactly these types.
 */

/** Text shown to people: Danish always, English when the municipality has written it. */
export interface LocalText {
  da: string;
  en?: string | null | undefined;
}

/** A scored option; an option without a score cannot be summed. */
export interface ChoiceOption {
  id: string;
  label: LocalText;
  score: number;
}

/** An option of the worker's professional judgement: categorical, never summed. */
export interface JudgementOption {
  id: string;
  label: LocalText;
}

interface ItemBase {
  id: string;
  /** The question or the sign as the worker reads it. */
  text: LocalText;
  help?: LocalText | undefined;
  /** True when the text is an example the municipality is expected to replace with its own. */
  example: boolean;
}

export interface SingleChoiceItem extends ItemBase {
  kind: "single_choice";
  options: ChoiceOption[];
}

/** A yes/no sign on a checklist; `score` is what a "yes" adds to a sum (a "no" adds 0). */
export interface ChecklistItem extends ItemBase {
  kind: "checklist";
  score: number;
}

/** The worker's own professional assessment, an input to a decision rule (Amager). */
export interface JudgementItem extends ItemBase {
  kind: "judgement";
  options: JudgementOption[];
}

export type QuestionnaireItem = SingleChoiceItem | ChecklistItem | JudgementItem;
export type QuestionnaireItemKind = QuestionnaireItem["kind"];

/** "sum" adds option scores (and checked checklist scores); "count_checked" counts checklist items answered yes. */
export const SCORE_METHODS = ["sum", "count_checked"] as const;
export type ScoreMethod = (typeof SCORE_METHODS)[number];

/** A named score; `items` omitted = every item the method applies to, listing items makes a subscale. */
export interface ScoreDefinition {
  key: string;
  label?: LocalText | undefined;
  method: ScoreMethod;
  items?: string[] | undefined;
}

/** The colour an outcome gives on the triage list; grey = no colour (e.g. not assessed). */
export const OUTCOME_COLOURS = ["green", "yellow", "red", "grey"] as const;
export type OutcomeColour = (typeof OUTCOME_COLOURS)[number];

export const RISK_LEVELS = ["none", "low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * What the worker is guided to do next:
 * none — nothing more; watch — raise the citizen at the team/triage meeting and
 * keep an eye; screen — follow up with a screening conversation/questionnaire;
 * offer_referral — ask the citizen's consent and send a referral (advis).
 */
export const OUTCOME_WORKFLOWS = ["none", "watch", "screen", "offer_referral"] as const;
export type OutcomeWorkflow = (typeof OUTCOME_WORKFLOWS)[number];

export interface Outcome {
  key: string;
  label: LocalText;
  description?: LocalText | undefined;
  colour: OutcomeColour;
  riskLevel: RiskLevel;
  /** Counts as "found lonely / at risk" in reports and leads to a referral offer. */
  isPositive: boolean;
  workflow: OutcomeWorkflow;
}

/** Inclusive band over one score. `max` omitted = no upper bound (the band grows when items are added). */
export interface Band {
  min: number;
  max?: number | undefined;
  outcome: string;
}

export interface ScoreCondition {
  kind: "score";
  score: string;
  min?: number | undefined;
  max?: number | undefined;
}

export interface AnswerCondition {
  kind: "answer";
  item: string;
  anyOf: string[];
}

export type Condition = ScoreCondition | AnswerCondition;

export interface BandsRule {
  kind: "bands";
  score: string;
  bands: Band[];
}

/** Ordered rules, first match wins (all its conditions hold); `otherwise` when none matches. */
export interface DecisionRule {
  kind: "decision";
  rules: { when: Condition[]; outcome: string }[];
  otherwise: string;
}

export type OutcomeRule = BandsRule | DecisionRule;

export interface QuestionnaireDefinition {
  /** One per instrument, shared by all its versions (e.g. "t-ils"). */
  key: string;
  version: number;
  title: LocalText;
  description?: LocalText | undefined;
  /** For administrators: e.g. "the questions are examples; replace them with your own". */
  notice?: LocalText | undefined;
  /** Where the instrument comes from (a citation, not shown to citizens). */
  source?: string | null | undefined;
  items: QuestionnaireItem[];
  scores: ScoreDefinition[];
  outcomes: Outcome[];
  result: OutcomeRule;
}

/**
 * itemId → answer: an option id for single-choice and judgement items,
 * true/false for a checklist item (false = the sign was not seen).
 */
export type AnswerSet = Record<string, string | boolean>;
