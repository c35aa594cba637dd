import { describe, expect, it } from "vitest";
import { FOLLOW_UP_RESULTS, SEVERITIES } from "../course/vocabulary.js";
import {
  CITIZEN_VIEW_CODES,
  FOLELSESFUNKTIONER,
  FOLLOW_UP_RESULT_CODES,
  FSIII_SYSTEM,
  FSIII_VERSION,
  SEVERITY_CODES,
  followUpResultDisplay,
  severityCode,
  severityOfCode,
} from "./fsiii.js";
import extract from "./fsiii-codes.json" with { type: "json" };

interface ExtractNode {
  code: string;
  display: string;
  concept?: ExtractNode[];
}
const concepts: ExtractNode[] = extract.concept;

describe("the FSIII extract", () => {
  it("comes from KL's CodeSystem version 20240530", () => {
    expect([FSIII_SYSTEM, FSIII_VERSION]).toEqual(["urn:oid:1.2.208.176.2.21", "20240530"]);
    expect(extract.extractedFrom).toMatchObject({ repository: "https://github.com/hl7dk/kl-term", path: "input/vocabulary/CodeSystem-FSIII.json" });
  });

  it("holds Følelsesfunktioner as J4.5 under J4 Mentale funktioner", () => {
    expect(FOLELSESFUNKTIONER).toMatchObject({ code: "J4.5", display: "Følelsesfunktioner" });
    const j4 = concepts.find((c) => c.code === "J")?.concept?.find((c) => c.code === "J4");
    expect([j4?.display, j4?.concept?.map((c) => c.code)]).toEqual(["Mentale funktioner", ["J4.5"]]);
  });

  it("holds the follow-up results with the displays KL gives", () => {
    expect(FOLLOW_UP_RESULTS.map((code) => [code, followUpResultDisplay(code)])).toEqual([
      ["E1", "Fortsættes"],
      ["E2", "Ændres inden for rammen"],
      ["E3", "Afsluttes"],
      ["E4", "Revisitation"],
    ]);
    expect(Object.keys(FOLLOW_UP_RESULT_CODES)).toEqual([...FOLLOW_UP_RESULTS]);
  });

  it("holds the citizen's own view D1/D2", () => {
    expect([CITIZEN_VIEW_CODES.D1.display, CITIZEN_VIEW_CODES.D2.display]).toEqual(["Oplever ikke begrænsninger", "Oplever begrænsninger"]);
  });
});

describe("severity (Funktionsevne skalering)", () => {
  it("maps every severity to its B-code, with KL's display and label", () => {
    expect(SEVERITIES.map((s) => [s, SEVERITY_CODES[s].code, SEVERITY_CODES[s].display, SEVERITY_CODES[s].label])).toEqual([
      [0, "B1", "0", "Ingen/ubetydelige begrænsninger"],
      [1, "B2", "1", "Lette begrænsninger"],
      [2, "B3", "2", "Moderate begrænsninger"],
      [3, "B4", "3", "Svære begrænsninger"],
      [4, "B5", "4", "Totale begrænsninger"],
      [9, "B6", "9", "Ikke relevant"],
    ]);
  });

  it("maps severity 9 (not relevant) to B6 and back", () => {
    expect(severityCode(9)).toBe("B6");
    expect(severityOfCode("B6")).toBe(9);
  });

  it("knows no severity for a code outside the scale", () => {
    expect(severityOfCode("B7")).toBeUndefined();
    expect(severityOfCode("E1")).toBeUndefined();
  });
});
