/**
 * Scoring a submitted answer set against its definition: pure and
 * deterministic. Every item must be answered (a checklist item with true or
 * false), so an incomplete questionnaire names what is missing and gives no
 * outcome — a half-filled screening must never read as "not lonely".
 */
import type {
  AnswerSet,
  Condition,
  Outcome,
  QuestionnaireDefinition,
  QuestionnaireItem,
  ScoreMethod,
} from "./definition.js";
import { itemsOfScore } from "./validate.js";

export type ScoreResult =
  | { ok: true; scores: Record<string, number>; outcome: Outcome }
  | {
      ok: false;
      /** Items of the definition without an answer, in definition order. */
      missing: string[];
      /** Items answered with something they do not accept (wrong type, unknown option), then answers to unknown items (sorted). */
      invalid: string[];
    };

/** An invalid definition reached scoring; definitions are validated on upload, so this is a bug, not user input. */
export class InvalidDefinitionError extends Error {
  override name = "InvalidDefinitionError";
}

function isValidAnswer(item: QuestionnaireItem, value: unknown): boolean {
  if (item.kind === "checklist") return typeof value === "boolean";
  return typeof value === "string" && item.options.some((o) => o.id === value);
}

/** What one answered item adds to a score. */
function contribution(item: QuestionnaireItem, value: string | boolean, method: ScoreMethod): number {
  if (item.kind === "checklist") return value === true ? (method === "count_checked" ? 1 : item.score) : 0;
  if (item.kind === "single_choice" && method === "sum")
    return item.options.find((o) => o.id === value)!.score;
  return 0;
}

function holds(condition: Condition, scores: Record<string, number>, answers: AnswerSet): boolean {
  if (condition.kind === "answer") {
    const value = answers[condition.item];
    return typeof value === "string" && condition.anyOf.includes(value);
  }
  const value = scores[condition.score];
  if (value === undefined) throw new InvalidDefinitionError(`unknown score "${condition.score}"`);
  return (
    (condition.min === undefined || value >= condition.min) &&
    (condition.max === undefined || value <= condition.max)
  );
}

function decideOutcomeKey(
  definition: QuestionnaireDefinition,
  scores: Record<string, number>,
  answers: AnswerSet,
): string {
  const result = definition.result;
  if (result.kind === "decision") {
    const rule = result.rules.find((r) => r.when.every((c) => holds(c, scores, answers)));
    return rule ? rule.outcome : result.otherwise;
  }
  const value = scores[result.score];
  if (value === undefined) throw new InvalidDefinitionError(`unknown score "${result.score}"`);
  const band = result.bands.find((b) => value >= b.min && (b.max === undefined || value <= b.max));
  if (!band) throw new InvalidDefinitionError(`no band holds ${result.score} = ${value}`);
  return band.outcome;
}

/**
 * Scores `answers` (itemId → option id, or true/false for checklist items)
 * and finds the outcome. Incomplete or invalid answers give the item ids to
 * fix and no scores.
 */
export function scoreAnswers(definition: QuestionnaireDefinition, answers: AnswerSet): ScoreResult {
  const missing: string[] = [];
  const invalid: string[] = [];
  const known = new Set<string>();
  for (const item of definition.items) {
    known.add(item.id);
    if (!Object.hasOwn(answers, item.id) || answers[item.id] === undefined || answers[item.id] === null)
      missing.push(item.id);
    else if (!isValidAnswer(item, answers[item.id])) invalid.push(item.id);
  }
  invalid.push(
    ...Object.keys(answers)
      .filter((id) => !known.has(id))
      .sort(),
  );
  if (missing.length > 0 || invalid.length > 0) return { ok: false, missing, invalid };

  const scores: Record<string, number> = {};
  for (const score of definition.scores) {
    scores[score.key] = itemsOfScore(definition, score).reduce(
      (sum, item) => sum + contribution(item, answers[item.id]!, score.method),
      0,
    );
  }
  const key = decideOutcomeKey(definition, scores, answers);
  const outcome = definition.outcomes.find((o) => o.key === key);
  if (!outcome) throw new InvalidDefinitionError(`unknown outcome "${key}"`);
  return { ok: true, scores, outcome };
}
