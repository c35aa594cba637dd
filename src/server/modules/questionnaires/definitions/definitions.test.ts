import { describe, expect, it } from "vitest";
import { scoreAnswers } from "../../../../domain/questionnaires/index.js";
import type { AnswerSet, QuestionnaireDefinition } from "../../../../shared/api/questionnaires.js";
import { SHIPPED_DEFINITIONS, shippedDefinition } from "./index.js";

function shipped(key: string): QuestionnaireDefinition {
  const definition = shippedDefinition(key);
  if (!definition) throw new Error(`no shipped definition ${key}`);
  return definition;
}

/** Answers to the single-choice items (options scored 1, 2, 3) that add up to `total`, low items first. */
function choicesSumming(definition: QuestionnaireDefinition, total: number): AnswerSet {
  const items = definition.items.filter((i) => i.kind === "single_choice");
  let rest = total - items.length; // every item starts at its lowest option (score 1)
  const answers: AnswerSet = {};
  for (const item of items) {
    const step = Math.min(rest, 2);
    rest -= step;
    answers[item.id] = item.options.find((o) => o.score === 1 + step)!.id;
  }
  if (rest !== 0) throw new Error(`cannot reach ${total}`);
  return answers;
}

function outcomeKey(definition: QuestionnaireDefinition, answers: AnswerSet): string {
  const result = scoreAnswers(definition, answers);
  if (!result.ok) throw new Error(`incomplete: ${JSON.stringify(result)}`);
  return result.outcome.key;
}

describe("shipped questionnaire definitions", () => {
  it("ships the signs checklist, T-ILS and the Amager screening, each valid at version 1", () => {
    expect(SHIPPED_DEFINITIONS.map((d) => [d.key, d.version])).toEqual([
      ["tegn-paa-ensomhed", 1],
      ["t-ils", 1],
      ["amager-5", 1],
    ]);
  });

  it("marks the signs and Amager's five questions as examples for the municipality to replace", () => {
    const signs = shipped("tegn-paa-ensomhed");
    const amager = shipped("amager-5");
    expect(signs.items.every((i) => i.example)).toBe(true);
    expect(amager.items.filter((i) => i.example).map((i) => i.kind)).toEqual(Array(5).fill("single_choice"));
    expect(amager.items.find((i) => i.kind === "judgement")?.example).toBe(false);
    expect(shipped("t-ils").items.some((i) => i.example)).toBe(false);
  });
});

describe("T-ILS", () => {
  const tils = shipped("t-ils");

  it.each([
    [3, "ikke_ensom"],
    [5, "ikke_ensom"],
    [6, "ensom"],
    [9, "ensom"],
  ])("gives a sum of %i the outcome %s", (total, expected) => {
    const result = scoreAnswers(tils, choicesSumming(tils, total));
    expect(result.ok && [result.scores.total, result.outcome.key]).toEqual([total, expected]);
  });

  it("offers a referral to a lonely citizen and nothing to one who is not", () => {
    const lonely = scoreAnswers(tils, choicesSumming(tils, 6));
    const notLonely = scoreAnswers(tils, choicesSumming(tils, 5));
    expect(lonely.ok && [lonely.outcome.isPositive, lonely.outcome.workflow, lonely.outcome.colour]).toEqual([
      true,
      "offer_referral",
      "red",
    ]);
    expect(
      notLonely.ok && [notLonely.outcome.isPositive, notLonely.outcome.workflow, notLonely.outcome.colour],
    ).toEqual([false, "none", "green"]);
  });

  it("names the unanswered questions of an incomplete T-ILS", () => {
    expect(scoreAnswers(tils, { isoleret: "ofte" })).toEqual({
      ok: false,
      missing: ["savner_nogen", "udenfor"],
      invalid: [],
    });
  });
});

describe("signs of loneliness (tegn på ensomhed)", () => {
  const signs = shipped("tegn-paa-ensomhed");
  const checked = (...ids: string[]): AnswerSet =>
    Object.fromEntries(signs.items.map((i) => [i.id, ids.includes(i.id)]));

  it.each([
    ["no sign", [], 0, "lav_risiko", "green"],
    ["one ordinary sign", ["sjaeldent_ude"], 1, "middel_risiko", "yellow"],
    ["two ordinary signs", ["sjaeldent_ude", "faa_besoeg"], 2, "middel_risiko", "yellow"],
    ["a recent loss alone", ["mistet_naer_relation"], 2, "middel_risiko", "yellow"],
    [
      "three ordinary signs",
      ["traekker_sig", "siger_nej_til_besoeg", "holder_paa_personalet"],
      3,
      "hoej_risiko",
      "red",
    ],
    ["a loss and one more sign", ["mistet_naer_relation", "faa_besoeg"], 3, "hoej_risiko", "red"],
    ["saying they are lonely alone", ["siger_ensom"], 3, "hoej_risiko", "red"],
  ])("rates %s (%j) as %i points → %s", (_name, ids, points, expected, colour) => {
    const result = scoreAnswers(signs, checked(...ids));
    expect(result.ok && [result.scores.point, result.outcome.key, result.outcome.colour]).toEqual([
      points,
      expected,
      colour,
    ]);
  });

  it("rates every sign checked as high risk", () => {
    const result = scoreAnswers(signs, checked(...signs.items.map((i) => i.id)));
    expect(result.ok && [result.scores.point, result.outcome.key]).toEqual([14, "hoej_risiko"]);
  });

  it("leads only high risk to a referral offer; medium risk is taken to the team meeting", () => {
    const workflows = signs.outcomes.map((o) => [o.key, o.workflow, o.isPositive]);
    expect(workflows).toEqual([
      ["lav_risiko", "none", false],
      ["middel_risiko", "watch", false],
      ["hoej_risiko", "offer_referral", true],
    ]);
  });

  it("names an unanswered sign as missing", () => {
    const answers = checked();
    delete answers.holder_paa_personalet;
    expect(scoreAnswers(signs, answers)).toEqual({
      ok: false,
      missing: ["holder_paa_personalet"],
      invalid: [],
    });
  });
});

describe("Amager's five-question screening", () => {
  const amager = shipped("amager-5");
  const answered = (total: number, judgement: string): AnswerSet => ({
    ...choicesSumming(amager, total),
    faglig_vurdering: judgement,
  });

  it.each([
    [5, "nej", "ikke_ensom"],
    [9, "nej", "ikke_ensom"],
    [5, "ja", "fagligt_vurderet_ensomhed"],
    [9, "ja", "fagligt_vurderet_ensomhed"],
    [10, "nej", "oplevet_ensomhed"],
    [10, "ja", "oplevet_ensomhed"],
    [15, "nej", "oplevet_ensomhed"],
  ])("gives answers summing to %i with judgement %s the outcome %s", (total, judgement, expected) => {
    expect(outcomeKey(amager, answered(total, judgement))).toBe(expected);
  });

  it("colours the outcomes green, yellow and red and offers a referral for both kinds of loneliness", () => {
    expect(amager.outcomes.map((o) => [o.key, o.colour, o.isPositive, o.workflow])).toEqual([
      ["ikke_ensom", "green", false, "none"],
      ["fagligt_vurderet_ensomhed", "yellow", true, "offer_referral"],
      ["oplevet_ensomhed", "red", true, "offer_referral"],
    ]);
  });

  it("gives no outcome before the worker has given the professional judgement", () => {
    expect(scoreAnswers(amager, choicesSumming(amager, 12))).toEqual({
      ok: false,
      missing: ["faglig_vurdering"],
      invalid: [],
    });
  });

  it("refuses a judgement that is not one of its options", () => {
    expect(scoreAnswers(amager, answered(7, "maaske"))).toEqual({
      ok: false,
      missing: [],
      invalid: ["faglig_vurdering"],
    });
  });
});
