/**
 * The questionnaire definition schema: its shape checks, and the domain's meaning checks
 * (domain/questionnaires/validate.ts, tested there) turned into issues with the problem's code.
 */
import { describe, expect, it } from "vitest";
import { QuestionnaireDefinition, type QuestionnaireDefinitionInput } from "./questionnaires.js";

const option = (id: string, score: number) => ({ id, label: { da: id }, score });
const choice = (id: string) => ({
  id,
  kind: "single_choice" as const,
  text: { da: `Spørgsmål ${id}` },
  options: [option("a", 1), option("b", 2), option("c", 3)],
});

/** Two questions scored 1–3 (sum 2–6), banded 2–3 / 4–6. */
function base(): QuestionnaireDefinitionInput {
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

describe("QuestionnaireDefinition schema", () => {
  it("accepts a well-formed definition and fills in the defaults", () => {
    const parsed = QuestionnaireDefinition.parse(base());
    expect(parsed.items.map((i) => i.example)).toEqual([false, false]);
  });

  it("refuses an option without a score, pointing at the option", () => {
    const input = base() as { items: { options?: unknown[] }[] };
    input.items[0]!.options = [{ id: "a", label: { da: "A" } }, option("b", 2)];
    const parsed = QuestionnaireDefinition.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toContainEqual(["items", 0, "options", 0, "score"]);
  });

  it("turns meaning problems into issues with the problem code as reason", () => {
    const parsed = QuestionnaireDefinition.safeParse({ ...base(), items: [choice("q1"), choice("q1")] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(
      expect.objectContaining({
        code: "custom",
        path: ["items", 1, "id"],
        params: { reason: "duplicate_item_id" },
      }),
    );
  });

  it("refuses a score condition with neither min nor max", () => {
    const input = base();
    input.result = {
      kind: "decision",
      rules: [{ when: [{ kind: "score", score: "total" }], outcome: "high" }],
      otherwise: "low",
    };
    expect(QuestionnaireDefinition.safeParse(input).success).toBe(false);
  });

  it("refuses item ids that are not lower-case ASCII", () => {
    expect(
      QuestionnaireDefinition.safeParse({ ...base(), items: [choice("Spørgsmål 1"), choice("q2")] }).success,
    ).toBe(false);
  });
});
