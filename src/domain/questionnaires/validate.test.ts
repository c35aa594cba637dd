import { describe, expect, it } from "vitest";
import type { ChoiceOption, QuestionnaireDefinition, SingleChoiceItem } from "./definition.js";
import { definitionProblems, scoreRange } from "./validate.js";

// Definitions as the API schema leaves them after parsing (its defaults filled in: example false, a sign scores 1).
const option = (id: string, score: number): ChoiceOption => ({ id, label: { da: id }, score });
const choice = (id: string): SingleChoiceItem => ({
  id,
  kind: "single_choice",
  text: { da: `Spørgsmål ${id}` },
  example: false,
  options: [option("a", 1), option("b", 2), option("c", 3)],
});

/** Two questions scored 1–3 (sum 2–6), banded 2–3 / 4–6. */
function base(): QuestionnaireDefinition {
  return {
    key: "test",
    version: 1,
    title: { da: "Test" },
    items: [choice("q1"), choice("q2")],
    scores: [{ key: "total", method: "sum" }],
    outcomes: [
      {
        key: "low",
        label: { da: "Lav" },
        colour: "green",
        riskLevel: "low",
        isPositive: false,
        workflow: "none",
      },
      {
        key: "high",
        label: { da: "Høj" },
        colour: "red",
        riskLevel: "high",
        isPositive: true,
        workflow: "offer_referral",
      },
    ],
    result: {
      kind: "bands",
      score: "total",
      bands: [
        { min: 2, max: 3, outcome: "low" },
        { min: 4, max: 6, outcome: "high" },
      ],
    },
  };
}

function problemsOf(input: QuestionnaireDefinition) {
  return definitionProblems(input);
}

const withBands = (bands: { min: number; max?: number; outcome: string }[]) => ({
  ...base(),
  result: { kind: "bands" as const, score: "total", bands },
});

describe("definitionProblems", () => {
  it("finds nothing wrong with a well-formed definition", () => {
    expect(problemsOf(base())).toEqual([]);
  });

  it("reports a duplicate item id at the second occurrence", () => {
    const input = { ...base(), items: [choice("q1"), choice("q1")] };
    expect(problemsOf(input)).toContainEqual(
      expect.objectContaining({ code: "duplicate_item_id", path: ["items", 1, "id"] }),
    );
  });

  it("reports a duplicate option id within one item", () => {
    const item = { ...choice("q1"), options: [option("a", 1), option("a", 2)] };
    const input = { ...base(), items: [item, choice("q2")] };
    expect(problemsOf(input)).toContainEqual(
      expect.objectContaining({ code: "duplicate_option_id", path: ["items", 0, "options", 1, "id"] }),
    );
  });

  it("reports duplicate score and outcome keys", () => {
    const input = base();
    input.scores = [...input.scores, { key: "total", method: "sum" }];
    input.outcomes = [...input.outcomes, input.outcomes[0]!];
    const codes = problemsOf(input).map((p) => p.code);
    expect(codes).toContain("duplicate_score_key");
    expect(codes).toContain("duplicate_outcome_key");
  });

  it("reports bands that overlap", () => {
    const problems = problemsOf(
      withBands([
        { min: 2, max: 4, outcome: "low" },
        { min: 4, max: 6, outcome: "high" },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: "band_overlap", path: ["result", "bands", 1, "min"] }),
    ]);
  });

  it("reports a gap between bands and names the uncovered scores", () => {
    const problems = problemsOf(
      withBands([
        { min: 2, max: 3, outcome: "low" },
        { min: 5, max: 6, outcome: "high" },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: "band_gap", message: "Scores 4–4 fall in no band." }),
    ]);
  });

  it("reports scores below the first band and above the last as gaps", () => {
    const problems = problemsOf(
      withBands([
        { min: 3, max: 3, outcome: "low" },
        { min: 4, max: 5, outcome: "high" },
      ]),
    );
    expect(problems.map((p) => p.message)).toEqual([
      "Scores 2–2 fall in no band.",
      "Scores 6–6 fall in no band.",
    ]);
  });

  it("accepts an open-ended top band and bands that reach past the possible range", () => {
    expect(
      problemsOf(
        withBands([
          { min: 0, max: 3, outcome: "low" },
          { min: 4, outcome: "high" },
        ]),
      ),
    ).toEqual([]);
  });

  it("reports a band that no possible score can reach", () => {
    const problems = problemsOf(
      withBands([
        { min: 2, max: 3, outcome: "low" },
        { min: 4, max: 6, outcome: "high" },
        { min: 10, max: 12, outcome: "high" },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: "band_unreachable", path: ["result", "bands", 2] }),
    ]);
  });

  it("reports a band whose max is below its min", () => {
    const problems = problemsOf(
      withBands([
        { min: 2, max: 3, outcome: "low" },
        { min: 6, max: 4, outcome: "high" },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: "band_inverted", path: ["result", "bands", 1, "max"] }),
    ]);
  });

  it("reports bands over an unknown score", () => {
    const input = {
      ...base(),
      result: { kind: "bands" as const, score: "sum", bands: [{ min: 2, max: 6, outcome: "low" }] },
    };
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({ code: "unknown_score", path: ["result", "score"] }),
    ]);
  });

  it("reports a band leading to an unknown outcome", () => {
    const problems = problemsOf(
      withBands([
        { min: 2, max: 3, outcome: "low" },
        { min: 4, max: 6, outcome: "very_high" },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: "unknown_outcome", path: ["result", "bands", 1, "outcome"] }),
    ]);
  });

  it("reports a score listing an unknown item, a judgement item, or a non-checklist item to count", () => {
    const input = base();
    input.items = [
      ...input.items,
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
    ];
    input.scores = [
      { key: "total", method: "sum", items: ["q1", "q2"] },
      { key: "sub", method: "sum", items: ["q1", "nope", "j"] },
      { key: "count", method: "count_checked", items: ["q2"] },
    ];
    expect(problemsOf(input).map((p) => [p.code, p.path])).toEqual([
      ["unknown_item", ["scores", 1, "items", 1]],
      ["item_not_scorable", ["scores", 1, "items", 2]],
      ["item_not_checklist", ["scores", 2, "items", 0]],
    ]);
  });

  it("reports decision rules that refer to unknown scores, items, options and outcomes", () => {
    const input = base();
    input.result = {
      kind: "decision",
      rules: [
        { when: [{ kind: "score", score: "missing_score", min: 1 }], outcome: "high" },
        { when: [{ kind: "answer", item: "missing_item", anyOf: ["a"] }], outcome: "high" },
        { when: [{ kind: "answer", item: "q1", anyOf: ["z"] }], outcome: "nope" },
      ],
      otherwise: "also_nope",
    };
    expect(problemsOf(input).map((p) => p.code)).toEqual([
      "unknown_score",
      "unknown_item",
      "unknown_outcome",
      "unknown_option",
      "unknown_outcome",
    ]);
  });
});

describe("scoreRange", () => {
  it("adds the lowest and highest option of every scored item", () => {
    const definition = base();
    expect(scoreRange(definition, definition.scores[0]!)).toEqual({ min: 2, max: 6 });
  });

  it("adds checklist weights to a sum and counts checklist items for a count", () => {
    const definition = base();
    definition.items = [
      { id: "s1", kind: "checklist", text: { da: "Tegn 1" }, score: 3, example: false },
      { id: "s2", kind: "checklist", text: { da: "Tegn 2" }, score: 1, example: false },
      choice("q1"),
    ];
    definition.scores = [
      { key: "total", method: "sum" },
      { key: "signs", method: "count_checked" },
    ];
    expect(scoreRange(definition, definition.scores[0]!)).toEqual({ min: 1, max: 7 });
    expect(scoreRange(definition, definition.scores[1]!)).toEqual({ min: 0, max: 2 });
  });
});
