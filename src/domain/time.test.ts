import { describe, expect, it } from "vitest";
import { copenhagenDate, copenhagenInstant } from "./time.js";

describe("copenhagenInstant", () => {
  it("is one hour ahead of UTC in winter", () => {
    expect(copenhagenInstant("2026-11-24", "09:30").toISOString()).toBe("2026-11-24T08:30:00.000Z");
  });

  it("is two hours ahead of UTC in summer", () => {
    expect(copenhagenInstant("2026-07-01", "14:00").toISOString()).toBe("2026-07-01T12:00:00.000Z");
  });

  it("handles the day summer time starts (02:00 → 03:00 on 29 March 2026)", () => {
    expect(copenhagenInstant("2026-03-29", "01:30").toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(copenhagenInstant("2026-03-29", "03:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("round-trips to the same Copenhagen calendar day late in the evening", () => {
    expect(copenhagenDate(copenhagenInstant("2026-11-24", "23:45"))).toBe("2026-11-24");
  });
});
