import { describe, expect, it } from "vitest";
import { isEmailAddress, normalisePhone } from "./contact-address.js";

describe("normalisePhone", () => {
  it.each([
    ["22334455", "+4522334455"],
    ["22 33 44 55", "+4522334455"],
    ["2233-4455", "+4522334455"],
    ["+45 22 33 44 55", "+4522334455"],
    ["+4522334455", "+4522334455"],
    ["0045 22334455", "+4522334455"],
    ["  22334455  ", "+4522334455"],
  ])("stores the Danish number %s as %s", (input, e164) => {
    expect(normalisePhone(input)).toEqual({ ok: true, e164 });
  });

  it("keeps a valid number with another country's prefix (a relative in Sweden)", () => {
    expect(normalisePhone("+46 70 123 45 67")).toEqual({ ok: true, e164: "+46701234567" });
  });

  it.each([
    ["", "empty"],
    ["2233445", "seven digits"],
    ["223344556", "nine digits without a prefix"],
    ["+45 2233445", "seven digits after +45"],
    ["+45 223344556", "nine digits after +45"],
    ["22x33445", "a letter"],
    ["ring til datteren", "words"],
    ["+", "a plus alone"],
    ["4612345678", "another country's number without its +"],
  ])("refuses %j (%s)", (input) => {
    expect(normalisePhone(input)).toEqual({ ok: false });
  });
});

describe("isEmailAddress", () => {
  it.each(["anna@example.dk", "anna.hansen+broen@post.example.co.uk", " anna@example.dk "])(
    "accepts %j",
    (s) => expect(isEmailAddress(s)).toBe(true),
  );
  it.each([
    "",
    "anna",
    "anna@",
    "@example.dk",
    "anna@example",
    "anna@@example.dk",
    "anna hansen@example.dk",
    "anna@example..dk",
    `${"a".repeat(250)}@example.dk`,
  ])("refuses %j", (s) => expect(isEmailAddress(s)).toBe(false));
});
