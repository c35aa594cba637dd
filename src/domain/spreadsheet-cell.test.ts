import { describe, expect, it } from "vitest";
import { neutraliseCell, neutraliseRows } from "./spreadsheet-cell.js";

describe("neutraliseCell", () => {
  it.each(["=", "+", "-", "@", "\t", "\r", "\n", "\u0000", "\u001b", "\u007f"])(
    "prefixes text starting with %j with an apostrophe",
    (lead) => {
      expect(neutraliseCell(`${lead}HYPERLINK("http://x","y")`)).toBe(`'${lead}HYPERLINK("http://x","y")`);
    },
  );

  it("leaves ordinary text, empty text, and a lead character later in the text alone", () => {
    expect(neutraliseCell("Karen Jensen")).toBe("Karen Jensen");
    expect(neutraliseCell("")).toBe("");
    expect(neutraliseCell("a=b+c")).toBe("a=b+c");
    expect(neutraliseCell("'=already")).toBe("'=already");
  });

  it("keeps numbers (also negative ones), null, booleans and dates as they are", () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(3.5)).toBe(3.5);
    expect(neutraliseCell(null)).toBeNull();
    expect(neutraliseCell(true)).toBe(true);
    const d = new Date(0);
    expect(neutraliseCell(d)).toBe(d);
  });

  it("maps every cell of every row", () => {
    expect(
      neutraliseRows([
        ["=1+1", 2],
        ["@SUM(A1)", null],
      ]),
    ).toEqual([
      ["'=1+1", 2],
      ["'@SUM(A1)", null],
    ]);
  });
});
