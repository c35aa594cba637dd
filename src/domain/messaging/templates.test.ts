import { describe, expect, it } from "vitest";
import {
  TEMPLATE_VARIABLES,
  checkMessageText,
  containsCprNumber,
  renderTemplate,
  variablesIn,
} from "./templates.js";

describe("containsCprNumber", () => {
  it.each(["010150-1234", "0101501234", "010150 1234", "CPR: 010150-1234.", "x010150-1234x"])(
    "finds a CPR number in %j",
    (s) => expect(containsCprNumber(s)).toBe(true),
  );
  it.each([
    "Ring på 22 33 44 55",
    "+4522334455",
    "kl. 10:00 den 10.12.2026",
    "01015012345", // eleven digits: not a CPR number
    "1010150-1234", // seven digits before the dash
    "010150-12345",
    "010150--1234",
  ])("finds none in %j", (s) => expect(containsCprNumber(s)).toBe(false));
});

describe("checkMessageText", () => {
  it("accepts a text with every known variable", () => {
    const text = TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(" ");
    expect(checkMessageText(text)).toEqual([]);
  });
  it("accepts a known variable written with spaces inside the braces", () => {
    expect(checkMessageText("Hej { fornavn }")).toEqual([]);
  });
  it("accepts a text without variables", () => {
    expect(checkMessageText("Vi ses i morgen.")).toEqual([]);
  });
  it("refuses a CPR number", () => {
    expect(checkMessageText("Hej {fornavn}, dit CPR er 010150-1234")).toEqual([{ reason: "contains_cpr" }]);
  });
  it("names each unknown variable once", () => {
    expect(checkMessageText("{diagnose} {diagnose} {score}")).toEqual([
      { reason: "unknown_variable", variable: "diagnose" },
      { reason: "unknown_variable", variable: "score" },
    ]);
  });
  it("refuses a variable in another case (names are exact)", () => {
    expect(checkMessageText("{Fornavn}")).toEqual([{ reason: "unknown_variable", variable: "Fornavn" }]);
  });
  it("refuses empty braces as an unknown variable", () => {
    expect(checkMessageText("Hej {}")).toEqual([{ reason: "unknown_variable", variable: "" }]);
  });
  it.each(["Hej {fornavn", "Hej fornavn}", "{{fornavn}}", "{tid} }"])(
    "refuses unbalanced braces in %j",
    (s) => expect(checkMessageText(s)).toContainEqual({ reason: "unbalanced_braces" }),
  );
  it("refuses a known variable the text's key does not fill in", () => {
    expect(checkMessageText("Hej {fornavn} {medarbejder}", { variables: ["fornavn"] })).toEqual([
      { reason: "unknown_variable", variable: "medarbejder" },
    ]);
  });
  it("refuses every variable where none is filled in", () => {
    expect(checkMessageText("Hej {fornavn}", { variables: [] })).toEqual([
      { reason: "unknown_variable", variable: "fornavn" },
    ]);
  });
  it("reports a CPR number and an unknown variable together", () => {
    expect(checkMessageText("0101501234 {x}")).toEqual([
      { reason: "contains_cpr" },
      { reason: "unknown_variable", variable: "x" },
    ]);
  });
});

describe("renderTemplate", () => {
  it("fills the variables", () => {
    expect(
      renderTemplate("Hej {fornavn}. {dato} kl. {tid}", { fornavn: "Anna", dato: "torsdag", tid: "10:00" }),
    ).toBe("Hej Anna. torsdag kl. 10:00");
  });
  it("writes – for a variable without a value, so no brace reaches the citizen", () => {
    expect(renderTemplate("Ring på {telefon}", { telefon: null })).toBe("Ring på –");
    expect(renderTemplate("Ring på {telefon}", { telefon: "  " })).toBe("Ring på –");
    expect(renderTemplate("Ring på {telefon}", {})).toBe("Ring på –");
  });
  it("does not expand a value holding braces", () => {
    expect(renderTemplate("Hej {fornavn}", { fornavn: "{tid}" })).toBe("Hej {tid}");
  });
  it("leaves an unknown token as it is (the guard refuses such a text before)", () => {
    expect(renderTemplate("{x}", {})).toBe("{x}");
  });
});

describe("variablesIn", () => {
  it("lists the known variables in order of first use", () => {
    expect(variablesIn("{tid} {fornavn} {tid} {x}")).toEqual(["tid", "fornavn"]);
  });
});
