import { afterEach, describe, expect, it, vi } from "vitest";
import { copenhagenDate, copenhagenDateTime, copenhagenInstant, copenhagenToday } from "./time.js";

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

describe("copenhagenDateTime", () => {
  it("writes Copenhagen wall-clock time with its offset, winter and summer", () => {
    expect(copenhagenDateTime(new Date("2026-11-24T08:30:05.250Z"))).toBe("2026-11-24T09:30:05+01:00");
    expect(copenhagenDateTime(new Date("2026-07-01T22:15:00Z"))).toBe("2026-07-02T00:15:00+02:00");
  });

  it("names the same instant it was given", () => {
    const at = new Date("2026-03-29T01:30:00Z");
    expect(new Date(copenhagenDateTime(at)).getTime()).toBe(at.getTime());
  });
});

describe("copenhagenToday with a fixed clock", () => {
  afterEach(() => vi.useRealTimers());
  const at = (iso: string) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(iso));
    return copenhagenToday();
  };

  // The UTC date (toISOString().slice(0, 10)) is the day before in each "after" case.
  it.each([
    ["winter, just before midnight", "2026-12-01T22:59:00Z", "2026-12-01"],
    ["winter, just after midnight", "2026-12-01T23:01:00Z", "2026-12-02"],
    ["summer, just before midnight", "2026-07-01T21:59:00Z", "2026-07-01"],
    ["summer, just after midnight", "2026-07-01T22:01:00Z", "2026-07-02"],
    [
      "night before summer time starts (29 March 2026), before midnight",
      "2026-03-28T22:59:00Z",
      "2026-03-28",
    ],
    ["night before summer time starts, after midnight", "2026-03-28T23:01:00Z", "2026-03-29"],
    ["summer time's first evening, after midnight", "2026-03-29T22:01:00Z", "2026-03-30"],
    [
      "night before winter time starts (25 October 2026), after midnight",
      "2026-10-24T22:01:00Z",
      "2026-10-25",
    ],
    ["winter time's first evening, before midnight", "2026-10-25T22:59:00Z", "2026-10-25"],
    ["winter time's first evening, after midnight", "2026-10-25T23:01:00Z", "2026-10-26"],
  ])("%s", (_name, instant, day) => {
    expect(at(instant)).toBe(day);
  });

  it("takes an injected instant", () => {
    expect(copenhagenToday(new Date("2026-12-01T23:01:00Z"))).toBe("2026-12-02");
  });
});
