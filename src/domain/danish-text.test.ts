import { describe, expect, it } from "vitest";
import { danishCollator, danishSortKey, searchText, searchWords } from "./danish-text.js";

/** Sorting by the key with plain code-unit comparison, as COLLATE "C" does in the database. */
const byKey = (names: string[]) =>
  [...names].sort((a, b) =>
    danishSortKey(a) < danishSortKey(b) ? -1 : danishSortKey(a) > danishSortKey(b) ? 1 : 0,
  );

describe("Danish sort order", () => {
  it("puts æ, ø and å after z, in that order", () => {
    expect(byKey(["Åberg", "Østergaard", "Zacho", "Ærbøl", "Andersen"])).toEqual([
      "Andersen",
      "Zacho",
      "Ærbøl",
      "Østergaard",
      "Åberg",
    ]);
  });

  it("sorts a double aa as å, so Aagaard comes after Zacho", () => {
    expect(byKey(["Aagaard", "Zacho", "Andersen"])).toEqual(["Andersen", "Zacho", "Aagaard"]);
    expect(danishSortKey("Aagaard")).toBe(danishSortKey("Ågaard"));
  });

  it("ignores letter case", () => {
    expect(danishSortKey("ANDERSEN")).toBe(danishSortKey("andersen"));
    expect(danishSortKey("Ærø")).toBe(danishSortKey("ærø"));
  });

  it("sorts ä with æ, ö with ø and accented letters with their base letter", () => {
    expect(danishSortKey("Ärlig")).toBe(danishSortKey("ærlig"));
    expect(danishSortKey("Öberg")).toBe(danishSortKey("øberg"));
    expect(byKey(["Fredriksen", "Éclair", "Dam"])).toEqual(["Dam", "Éclair", "Fredriksen"]);
  });

  it("agrees with the Danish collator on a list of names", () => {
    const names = [
      "Ærbøl",
      "Zacho",
      "Andersen",
      "Østergaard",
      "Aagaard",
      "Åberg",
      "Bech",
      "Müller",
      "Ärlig",
      "Öberg",
      "Éclair",
      "Ebbesen",
      "Yde",
      "Ørum",
      "Aabenraa",
    ];
    expect(byKey(names)).toEqual([...names].sort(danishCollator.compare));
  });

  it("keeps the collator itself Danish (æ ø å after z, aa as å)", () => {
    expect(["Åse", "Zenia", "Aage", "Ærø", "Anna"].sort(danishCollator.compare)).toEqual([
      "Anna",
      "Zenia",
      "Ærø",
      "Aage",
      "Åse",
    ]);
  });
});

describe("search text", () => {
  it("joins the parts in lower case with single spaces, skipping empty parts", () => {
    expect(searchText("Åge", null, "  Ærbøl ", undefined, "Mosevej  7", "", "9901")).toBe(
      "åge ærbøl mosevej 7 9901",
    );
  });
});

describe("search words", () => {
  it("splits a query into lower-case words", () => {
    expect(searchWords("  Ole   ØSTERGAARD ")).toEqual(["ole", "østergaard"]);
  });

  it("escapes LIKE metacharacters so they match literally", () => {
    expect(searchWords("50% a_b c\\d")).toEqual(["50\\%", "a\\_b", "c\\\\d"]);
  });

  it("uses at most eight words", () => {
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
  });

  it("gives no words for a blank query", () => {
    expect(searchWords("   ")).toEqual([]);
  });
});
