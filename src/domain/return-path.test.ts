import { describe, expect, it } from "vitest";
import { returnPathAfterLogin, safeReturnTo } from "./return-path.js";

describe("the path a login returns to", () => {
  it("keeps a local path with its query and hash", () => {
    expect(safeReturnTo("/borgere?sort=address")).toBe("/borgere?sort=address");
    expect(safeReturnTo("/forloeb/8b0c/registrer-klip#klip")).toBe("/forloeb/8b0c/registrer-klip#klip");
  });

  it("never leads to another site", () => {
    const bad = [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "/a\\b",
      "javascript:alert(1)",
      "borgere",
      "/a\nb",
      "/a\u007fb",
      "",
      null,
      undefined,
    ];
    for (const b of bad) expect(safeReturnTo(b)).toBe("/");
  });

  it("caps a very long path", () => {
    expect(safeReturnTo(`/${"a".repeat(600)}`)).toHaveLength(500);
  });

  it("does not return to the login page itself", () => {
    expect(returnPathAfterLogin("/login")).toBe("/");
    expect(returnPathAfterLogin("/login?next=%2Fborgere")).toBe("/");
    expect(returnPathAfterLogin("/loginside")).toBe("/loginside");
    expect(returnPathAfterLogin("/min-dag")).toBe("/min-dag");
    expect(returnPathAfterLogin("//evil.example")).toBe("/");
  });
});
