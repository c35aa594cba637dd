import { describe, expect, it } from "vitest";
import {
  ageOn,
  centuryYear,
  classifyCprSearch,
  isFictitiousDemoCpr,
  isValidCpr,
  maskCpr,
  parseCpr,
  passesModulus11,
} from "./cpr.js";

describe("the century of a CPR number (seventh digit and two-digit year)", () => {
  it.each([
    // seventh digit 0–3: always the 1900s
    [0, 0, 1900],
    [0, 99, 1999],
    [3, 0, 1900],
    [3, 99, 1999],
    // 4 and 9: 2000–2036, otherwise the 1900s
    [4, 0, 2000],
    [4, 36, 2036],
    [4, 37, 1937],
    [4, 99, 1999],
    [9, 36, 2036],
    [9, 37, 1937],
    // 5–8: 2000–2057, otherwise the 1800s
    [5, 0, 2000],
    [5, 57, 2057],
    [5, 58, 1858],
    [8, 57, 2057],
    [8, 58, 1858],
    [8, 99, 1899],
  ])("seventh digit %i with year %i is %i", (seventh, yy, year) => {
    expect(centuryYear(yy, seventh)).toBe(year);
  });

  it("derives the birth date from the century rule", () => {
    expect(parseCpr("010137-4321")).toEqual({ ok: true, cpr: "010137-4321", birthDate: "1937-01-01" });
    expect(parseCpr("010136-4321")).toEqual({ ok: true, cpr: "010136-4321", birthDate: "2036-01-01" });
    expect(parseCpr("010158-6321")).toEqual({ ok: true, cpr: "010158-6321", birthDate: "1858-01-01" });
  });
});

describe("parsing a CPR number", () => {
  it("normalises the form without a hyphen to DDMMYY-SSSS", () => {
    expect(parseCpr("0101701234")).toEqual({ ok: true, cpr: "010170-1234", birthDate: "1970-01-01" });
  });

  it("ignores surrounding spaces", () => {
    expect(parseCpr("  010170-1234 ")).toMatchObject({ ok: true, cpr: "010170-1234" });
  });

  it.each([
    "",
    "01017-1234",
    "010170-123",
    "010170-12345",
    "abcdef-1234",
    "010170 1234",
    "010170--1234",
    "01-01-70-1234",
  ])("refuses %j as a format error", (input) => {
    expect(parseCpr(input)).toEqual({ ok: false, reason: "format" });
  });

  it.each([
    ["320170-1234", "day 32"],
    ["000170-1234", "day 0"],
    ["011370-1234", "month 13"],
    ["010070-1234", "month 0"],
    ["310470-1234", "31 April"],
    ["300270-1234", "30 February"],
    ["290201-4000", "29 February 2001"],
    ["290200-0123", "29 February 1900 (not a leap year: divisible by 100, not by 400)"],
    ["290258-5123", "29 February 1858"],
  ])("refuses %s as an impossible date (%s)", (input) => {
    expect(parseCpr(input)).toEqual({ ok: false, reason: "date" });
  });

  it.each([
    ["290200-4123", "2000-02-29"],
    ["290200-5123", "2000-02-29"],
    ["290204-4123", "2004-02-29"],
    ["290256-5123", "2056-02-29"],
    ["290296-1123", "1996-02-29"],
  ])("accepts 29 February in a leap year: %s is born %s", (input, birthDate) => {
    expect(parseCpr(input)).toMatchObject({ ok: true, birthDate });
  });

  it("does not require the modulus-11 check (numbers without it are issued since 2007)", () => {
    expect(passesModulus11("010170-1234")).toBe(false);
    expect(isValidCpr("010170-1234")).toBe(true);
  });
});

describe("masking", () => {
  it("shows the birth date and hides the last four digits", () => {
    expect(maskCpr("010170-1234")).toBe("010170-XXXX");
  });

  it("masks the form without a hyphen the same way", () => {
    expect(maskCpr("0101701234")).toBe("010170-XXXX");
  });
});

describe("classifying a search term", () => {
  it.each([
    ["1234", "last4"],
    [" 1234 ", "last4"],
    ["010170-1234", "full"],
    ["0101701234", "full"],
    ["123", null],
    ["12345", null],
    ["010170-12", null],
    ["Jensen", null],
    ["12a4", null],
  ])("%j is %s", (term, kind) => {
    expect(classifyCprSearch(term)).toBe(kind);
  });
});

describe("modulus 11", () => {
  it("passes when the weighted digit sum (4 3 2 7 6 5 4 3 2 1) is divisible by 11", () => {
    // 0·4 + 1·3 + 0·2 + 1·7 + 7·6 + 0·5 + 1·4 + 0·3 + 1·2 + 8·1 = 66 = 6 · 11
    expect(passesModulus11("010170-1018")).toBe(true);
    expect(passesModulus11("0101701018")).toBe(true);
  });

  it("fails otherwise", () => {
    expect(passesModulus11("010170-1019")).toBe(false);
  });

  it("fails anything that is not ten digits", () => {
    expect(passesModulus11("010170-101")).toBe(false);
    expect(passesModulus11("")).toBe(false);
  });
});

describe("the fictitious demo CPR rule", () => {
  it("recognises a valid-in-form number born before 1990 that fails modulus 11", () => {
    expect(isFictitiousDemoCpr("150445-1019")).toBe(true);
  });

  it("does not call a number that passes modulus 11 fictitious (it may be a real person's)", () => {
    expect(isFictitiousDemoCpr("150445-1018")).toBe(false);
  });

  it("does not call a recent birth date fictitious (since 2007 numbers may fail modulus 11)", () => {
    expect(passesModulus11("010110-4002")).toBe(false);
    expect(isFictitiousDemoCpr("010110-4002")).toBe(false);
  });

  it("does not call an impossible number fictitious", () => {
    expect(isFictitiousDemoCpr("320145-1019")).toBe(false);
  });
});

describe("age", () => {
  it("counts whole years, turning a year older on the birthday", () => {
    expect(ageOn("1940-06-15", "2026-06-14")).toBe(85);
    expect(ageOn("1940-06-15", "2026-06-15")).toBe(86);
    expect(ageOn("1940-06-15", "2026-12-31")).toBe(86);
  });

  it("counts a 29 February birthday as passed on 1 March in a non-leap year", () => {
    expect(ageOn("1940-02-29", "2025-02-28")).toBe(84);
    expect(ageOn("1940-02-29", "2025-03-01")).toBe(85);
  });
});
