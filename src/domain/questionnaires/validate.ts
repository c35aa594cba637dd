/**
 * The meaning checks of a questionnaire definition, beyond its shape (which
 * zod checks): every id unique, every reference known, and every possible
 * value of a banded score falling in exactly one band. An administrator's
 * upload with any problem is refused, so scoring never meets a score without
 * an outcome.
 */
import type { Band, QuestionnaireDefinition, QuestionnaireItem, ScoreDefinition } from "./definition.js";

export type DefinitionProblemCode =
  | "duplicate_item_id"
  | "duplicate_option_id"
  | "duplicate_score_key"
  | "duplicate_outcome_key"
  | "duplicate_score_item"
  | "unknown_item"
  | "unknown_option"
  | "unknown_score"
  | "unknown_outcome"
  | "item_not_scorable"
  | "item_not_checklist"
  | "item_not_choice"
  | "band_inverted"
  | "band_overlap"
  | "band_gap"
  | "band_unreachable";

export interface DefinitionProblem {
  /** Where in the definition, as a zod issue path (e.g. ["result", "bands", 1, "min"]). */
  path: (string | number)[];
  code: DefinitionProblemCode;
  /** English, for administrators and logs; the web app shows its own text by `code`. */
  message: string;
}

export interface ScoreRange {
  min: number;
  max: number;
}

/** The items a score adds up: its listed items, or every item its method applies to. */
export function itemsOfScore(
  definition: QuestionnaireDefinition,
  score: ScoreDefinition,
): QuestionnaireItem[] {
  if (score.items) {
    const byId = new Map(definition.items.map((item) => [item.id, item]));
    return score.items.flatMap((id) => byId.get(id) ?? []);
  }
  return definition.items.filter((item) =>
    score.method === "count_checked" ? item.kind === "checklist" : item.kind !== "judgement",
  );
}

/** The lowest and highest value a score can take when every item is answered. */
export function scoreRange(definition: QuestionnaireDefinition, score: ScoreDefinition): ScoreRange {
  let min = 0;
  let max = 0;
  for (const item of itemsOfScore(definition, score)) {
    if (score.method === "count_checked") {
      if (item.kind === "checklist") max += 1;
    } else if (item.kind === "single_choice") {
      const values = item.options.map((o) => o.score);
      min += Math.min(...values);
      max += Math.max(...values);
    } else if (item.kind === "checklist") {
      min += Math.min(0, item.score);
      max += Math.max(0, item.score);
    }
  }
  return { min, max };
}

function duplicates<T>(values: readonly T[]): Set<number> {
  const seen = new Set<T>();
  const dupes = new Set<number>();
  values.forEach((v, i) => (seen.has(v) ? dupes.add(i) : seen.add(v)));
  return dupes;
}

const label = (band: Band) => `${band.min}–${band.max ?? "∞"}`;

/** Every problem found, in definition order; an empty list means the definition can be used. */
export function definitionProblems(definition: QuestionnaireDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: (string | number)[], code: DefinitionProblemCode, message: string) =>
    problems.push({ path, code, message });

  const items = new Map<string, QuestionnaireItem>();
  const duplicateItems = duplicates(definition.items.map((i) => i.id));
  definition.items.forEach((item, i) => {
    if (duplicateItems.has(i))
      add(["items", i, "id"], "duplicate_item_id", `Item id "${item.id}" is used more than once.`);
    else items.set(item.id, item);
    if (item.kind !== "checklist") {
      for (const j of duplicates(item.options.map((o) => o.id))) {
        add(
          ["items", i, "options", j, "id"],
          "duplicate_option_id",
          `Option id "${item.options[j]!.id}" is used twice in item "${item.id}".`,
        );
      }
    }
  });

  const scores = new Map<string, ScoreDefinition>();
  const duplicateScores = duplicates(definition.scores.map((s) => s.key));
  definition.scores.forEach((score, s) => {
    if (duplicateScores.has(s))
      add(["scores", s, "key"], "duplicate_score_key", `Score key "${score.key}" is used more than once.`);
    else scores.set(score.key, score);
    const listed = score.items ?? [];
    const duplicateListed = duplicates(listed);
    listed.forEach((id, k) => {
      const path = ["scores", s, "items", k];
      const item = items.get(id);
      if (duplicateListed.has(k))
        add(path, "duplicate_score_item", `Item "${id}" is listed twice in score "${score.key}".`);
      else if (!item) add(path, "unknown_item", `Score "${score.key}" lists unknown item "${id}".`);
      else if (item.kind === "judgement")
        add(
          path,
          "item_not_scorable",
          `Judgement item "${id}" has no scores and cannot be in score "${score.key}".`,
        );
      else if (score.method === "count_checked" && item.kind !== "checklist") {
        add(
          path,
          "item_not_checklist",
          `Score "${score.key}" counts checked items, but "${id}" is not a checklist item.`,
        );
      }
    });
  });

  const outcomes = new Set<string>();
  const duplicateOutcomes = duplicates(definition.outcomes.map((o) => o.key));
  definition.outcomes.forEach((outcome, o) => {
    if (duplicateOutcomes.has(o))
      add(
        ["outcomes", o, "key"],
        "duplicate_outcome_key",
        `Outcome key "${outcome.key}" is used more than once.`,
      );
    else outcomes.add(outcome.key);
  });
  const checkOutcome = (path: (string | number)[], key: string) => {
    if (!outcomes.has(key)) add(path, "unknown_outcome", `Unknown outcome "${key}".`);
  };

  const result = definition.result;
  if (result.kind === "bands") {
    result.bands.forEach((band, b) => checkOutcome(["result", "bands", b, "outcome"], band.outcome));
    const score = scores.get(result.score);
    if (!score)
      add(["result", "score"], "unknown_score", `The bands refer to unknown score "${result.score}".`);
    else problems.push(...bandProblems(result.bands, scoreRange(definition, score)));
  } else {
    result.rules.forEach((rule, r) => {
      checkOutcome(["result", "rules", r, "outcome"], rule.outcome);
      rule.when.forEach((condition, c) => {
        const path = ["result", "rules", r, "when", c];
        if (condition.kind === "score") {
          if (!scores.has(condition.score))
            add(
              [...path, "score"],
              "unknown_score",
              `Rule ${r + 1} refers to unknown score "${condition.score}".`,
            );
          return;
        }
        const item = items.get(condition.item);
        if (!item)
          return add(
            [...path, "item"],
            "unknown_item",
            `Rule ${r + 1} refers to unknown item "${condition.item}".`,
          );
        if (item.kind === "checklist")
          return add(
            [...path, "item"],
            "item_not_choice",
            `Rule ${r + 1} needs an item with options; "${item.id}" is a checklist item.`,
          );
        const optionIds = new Set(item.options.map((o) => o.id));
        condition.anyOf.forEach((id, k) => {
          if (!optionIds.has(id))
            add([...path, "anyOf", k], "unknown_option", `Item "${item.id}" has no option "${id}".`);
        });
      });
    });
    checkOutcome(["result", "otherwise"], result.otherwise);
  }
  return problems;
}

/** Each integer of the score's possible range must fall in exactly one band. */
function bandProblems(bands: readonly Band[], range: ScoreRange): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const indexed = bands.map((band, b) => ({ band, b, top: band.max ?? Number.POSITIVE_INFINITY }));
  for (const { band, b, top } of indexed) {
    if (top < band.min)
      problems.push({
        path: ["result", "bands", b, "max"],
        code: "band_inverted",
        message: `Band ${label(band)} ends before it starts.`,
      });
    else if (band.min > range.max || top < range.min) {
      problems.push({
        path: ["result", "bands", b],
        code: "band_unreachable",
        message: `Band ${label(band)} lies outside the possible scores ${range.min}–${range.max}.`,
      });
    }
  }
  if (problems.length > 0) return problems;

  const sorted = [...indexed].sort((x, y) => x.band.min - y.band.min || x.top - y.top);
  let covered = range.min - 1; // highest score covered so far
  for (const { band, b, top } of sorted) {
    if (band.min <= covered && covered >= range.min) {
      problems.push({
        path: ["result", "bands", b, "min"],
        code: "band_overlap",
        message: `Band ${label(band)} overlaps another band at ${band.min}–${Math.min(covered, top)}.`,
      });
    } else if (band.min > covered + 1) {
      problems.push({
        path: ["result", "bands", b, "min"],
        code: "band_gap",
        message: `Scores ${covered + 1}–${band.min - 1} fall in no band.`,
      });
    }
    covered = Math.max(covered, top);
  }
  if (covered < range.max) {
    problems.push({
      path: ["result", "bands"],
      code: "band_gap",
      message: `Scores ${covered + 1}–${range.max} fall in no band.`,
    });
  }
  return problems;
}
