import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFINITIONS_END, DEFINITIONS_START, definitionsMarkdown } from "./report-definitions.js";

const json = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../web/i18n/reports.${lang}.json`, import.meta.url), "utf8"));

describe("figure definitions", () => {
  const da = json("da");
  const en = json("en");
  it("define every status figure and funnel step in Danish and English", () => {
    const figures = [
      "formsFilled",
      "excluded",
      "formsAnswered",
      "assessedLonely",
      "baselineQuestionnaires",
      "followUpQuestionnaires",
      "volunteerReferrals",
      "matched",
      "matchesEnded",
      "targetGroup",
      "entered",
      "left",
    ];
    for (const f of figures)
      expect({ f, da: !!da.definitions.status[f], en: !!en.definitions.status[f] }).toEqual({
        f,
        da: true,
        en: true,
      });
    expect(Object.keys(en.definitions.status).sort()).toEqual(Object.keys(da.definitions.status).sort());
    expect(Object.keys(en.definitions.funnel).sort()).toEqual(Object.keys(da.definitions.funnel).sort());
  });
  it("are the same text in docs/REPORTS.md (run npm run docs:definitions after changing them)", () => {
    const doc = readFileSync(new URL("../../docs/REPORTS.md", import.meta.url), "utf8");
    const start = doc.indexOf(DEFINITIONS_START);
    const end = doc.indexOf(DEFINITIONS_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(doc.slice(start, end + DEFINITIONS_END.length)).toBe(definitionsMarkdown(da, en));
  });
});
