import { describe, expect, it } from "vitest";
import type { ChecklistItem, Outcome, QuestionnaireDefinition, SingleChoiceItem } from "./definition.js";
import { InvalidDefinitionError, scoreAnswers } from "./score.js";
import { definitionProblems } from "./validate.js";

// Definitions as the API schema leaves them after parsing (its defaults filled in: example false, a sign scores 1).
const choice = (id: string): SingleChoiceItem => ({
  id,
  kind: "single_choice",
  text: { da: `Spørgsmål ${id}` },
  example: false,
  options: [
    { id: "a", label: { da: "A" }, score: 1 },
    { id: "b", label: { da: "B" }, score: 2 },
    { id: "c", label: { da: "C" }, score: 3 },
  ],
});
const sign = (id: string, score = 1): ChecklistItem => ({
  id,
  kind: "checklist",
  text: { da: `Tegn ${id}` },
  score,
  example: false,
});
const outcome = (key: string, colour: "green" | "yellow" | "red"): Outcome => ({
  key,
  label: { da: key },
  colour,
  riskLevel: colour === "green" ? "low" : "high",
  isPositive: colour === "red",
  workflow: colour === "red" ? "offer_referral" : "none",
});

/** Questions q1–q2 (subscale "a"), q3 (subscale "b"), total 3–9 banded 3–5 / 6–9. */
const questions: QuestionnaireDefinition = {
  key: "test",
  version: 1,
  title: { da: "Test" },
  items: [choice("q1"), choice("q2"), choice("q3")],
  scores: [
    { key: "total", method: "sum" },
    { key: "a", method: "sum", items: ["q1", "q2"] },
    { key: "b", method: "sum", items: ["q3"] },
  ],
  outcomes: [outcome("low", "green"), outcome("high", "red")],
  result: {
    kind: "bands",
    score: "total",
    bands: [
      { min: 3, max: 5, outcome: "low" },
      { min: 6, max: 9, outcome: "high" },
    ],
  },
};

/** Three signs (weights 2, 1, 1) with a weighted sum and a plain count; banded on the count. */
const signs: QuestionnaireDefinition = {
  key: "signs",
  version: 1,
  title: { da: "Tegn" },
  items: [sign("s1", 2), sign("s2"), sign("s3")],
  scores: [
    { key: "weighted", method: "sum" },
    { key: "checked", method: "count_checked" },
  ],
  outcomes: [outcome("none", "green"), outcome("some", "yellow"), outcome("many", "red")],
  result: {
    kind: "bands",
    score: "checked",
    bands: [
      { min: 0, max: 0, outcome: "none" },
      { min: 1, max: 1, outcome: "some" },
      { min: 2, max: 3, outcome: "many" },
    ],
  },
};

describe("scoreAnswers", () => {
  it("works on meaningful definitions", () => {
    expect([...definitionProblems(questions), ...definitionProblems(signs)]).toEqual([]);
  });

  it("sums the chosen options and finds the band holding the total", () => {
    const result = scoreAnswers(questions, { q1: "c", q2: "b", q3: "a" });
    expect(result).toEqual({
      ok: true,
      scores: { total: 6, a: 5, b: 1 },
      outcome: expect.objectContaining({ key: "high", colour: "red", isPositive: true }),
    });
  });

  it("gives each subscale its own sum", () => {
    const result = scoreAnswers(questions, { q1: "a", q2: "a", q3: "c" });
    expect(result.ok && result.scores).toEqual({ total: 5, a: 2, b: 3 });
  });

  it("counts checked signs for a count score and adds their weights for a sum", () => {
    const result = scoreAnswers(signs, { s1: true, s2: false, s3: true });
    expect(result).toEqual({
      ok: true,
      scores: { weighted: 3, checked: 2 },
      outcome: expect.objectContaining({ key: "many" }),
    });
  });

  it("gives the lowest band when no sign is checked", () => {
    const result = scoreAnswers(signs, { s1: false, s2: false, s3: false });
    expect(result.ok && result.outcome.key).toBe("none");
  });

  it("names the missing items in definition order and gives no outcome", () => {
    expect(scoreAnswers(questions, { q2: "a" })).toEqual({ ok: false, missing: ["q1", "q3"], invalid: [] });
  });

  it("treats an unanswered checklist item as missing, not as unchecked", () => {
    expect(scoreAnswers(signs, { s1: true, s3: false })).toEqual({ ok: false, missing: ["s2"], invalid: [] });
  });

  it("names an answer with an option the item does not have as invalid", () => {
    expect(scoreAnswers(questions, { q1: "a", q2: "x", q3: "a" })).toEqual({
      ok: false,
      missing: [],
      invalid: ["q2"],
    });
  });

  it("names answers of the wrong type as invalid", () => {
    expect(scoreAnswers(questions, { q1: true, q2: "a", q3: "a" })).toEqual({
      ok: false,
      missing: [],
      invalid: ["q1"],
    });
    expect(scoreAnswers(signs, { s1: "yes", s2: false, s3: false })).toEqual({
      ok: false,
      missing: [],
      invalid: ["s1"],
    });
  });

  it("names answers to items the definition does not have as invalid", () => {
    const answers = JSON.parse('{"q1":"a","q2":"a","q3":"a","q9":"a","__proto__":"a"}') as Record<
      string,
      string
    >;
    expect(scoreAnswers(questions, answers)).toEqual({
      ok: false,
      missing: [],
      invalid: ["__proto__", "q9"],
    });
  });

  it("reports missing and invalid items together", () => {
    expect(scoreAnswers(questions, { q1: "z" })).toEqual({
      ok: false,
      missing: ["q2", "q3"],
      invalid: ["q1"],
    });
  });

  it("gives the same result whatever order the answers arrive in", () => {
    const one = scoreAnswers(questions, { q1: "c", q2: "b", q3: "a" });
    const two = scoreAnswers(questions, { q3: "a", q2: "b", q1: "c" });
    expect(two).toEqual(one);
  });

  it("throws on a definition that skipped validation and leaves a score without a band", () => {
    const broken: QuestionnaireDefinition = {
      ...questions,
      result: { kind: "bands", score: "total", bands: [{ min: 3, max: 5, outcome: "low" }] },
    };
    expect(() => scoreAnswers(broken, { q1: "c", q2: "c", q3: "c" })).toThrow(InvalidDefinitionError);
  });
});

describe("scoreAnswers with a decision rule", () => {
  /** First match wins: total ≥ 6 → high; else judgement "ja" → medium; otherwise low. */
  const decided: QuestionnaireDefinition = {
    key: "decided",
    version: 1,
    title: { da: "Beslutning" },
    items: [
      choice("q1"),
      choice("q2"),
      choice("q3"),
      {
        id: "j",
        kind: "judgement",
        text: { da: "Vurdering" },
        example: false,
        options: [
          { id: "ja", label: { da: "Ja" } },
          { id: "nej", label: { da: "Nej" } },
        ],
      },
    ],
    scores: [{ key: "total", method: "sum" }],
    outcomes: [outcome("low", "green"), outcome("medium", "yellow"), outcome("high", "red")],
    result: {
      kind: "decision",
      rules: [
        { when: [{ kind: "score", score: "total", min: 6 }], outcome: "high" },
        { when: [{ kind: "answer", item: "j", anyOf: ["ja"] }], outcome: "medium" },
      ],
      otherwise: "low",
    },
  };

  it("works on a meaningful definition", () => {
    expect(definitionProblems(decided)).toEqual([]);
  });

  it("leaves judgement items out of the sum", () => {
    const result = scoreAnswers(decided, { q1: "a", q2: "a", q3: "a", j: "ja" });
    expect(result.ok && result.scores).toEqual({ total: 3 });
  });

  it("takes the first rule whose conditions all hold", () => {
    const result = scoreAnswers(decided, { q1: "b", q2: "b", q3: "b", j: "ja" });
    expect(result.ok && result.outcome.key).toBe("high");
  });

  it("falls through to a later rule and then to otherwise", () => {
    const medium = scoreAnswers(decided, { q1: "a", q2: "b", q3: "b", j: "ja" });
    const low = scoreAnswers(decided, { q1: "a", q2: "b", q3: "b", j: "nej" });
    expect([medium.ok && medium.outcome.key, low.ok && low.outcome.key]).toEqual(["medium", "low"]);
  });

  it("needs the judgement answered like any other item", () => {
    expect(scoreAnswers(decided, { q1: "a", q2: "a", q3: "a" })).toEqual({
      ok: false,
      missing: ["j"],
      invalid: [],
    });
  });
});
