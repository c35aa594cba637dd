import { afterEach, describe, expect, it, vi } from "vitest";
import {
  calendarDaysBetween,
  copenhagenDate,
  copenhagenDateTime,
  copenhagenInstant,
  copenhagenToday,
} from "./time.js";

const intlDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

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

describe("copenhagenDate", () => {
  it("gives Intl's Copenhagen day for every minute around midnight and both clock changes, asked twice", () => {
    // Summer time starts 29 March 2026 01:00 UTC and ends 25 October 2026 01:00 UTC.
    const spans = [
      ["2026-03-28T21:00:00Z", "2026-03-29T04:00:00Z"],
      ["2026-10-24T20:00:00Z", "2026-10-25T04:00:00Z"],
      ["2026-06-30T20:00:00Z", "2026-07-01T01:00:00Z"],
      ["2026-12-31T21:00:00Z", "2027-01-01T02:00:00Z"],
    ] as const;
    for (const [from, to] of spans)
      for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 60_000)
        for (let round = 0; round < 2; round++) expect(copenhagenDate(new Date(ms))).toBe(intlDay.format(ms));
  });

  it("agrees with Intl on instants across fifty years, and before 1970", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5_000; i++) {
      const ms = Date.parse("1950-01-01T00:00:00Z") + Math.floor(next() * 80 * 365.25 * 86_400_000);
      expect(copenhagenDate(new Date(ms))).toBe(intlDay.format(ms));
    }
    expect(copenhagenDate(new Date("1969-12-31T23:30:00Z"))).toBe("1970-01-01");
  });

  it("throws on an invalid date, as Intl does", () => {
    expect(() => copenhagenDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("calendarDaysBetween", () => {
  it("counts calendar days, across month ends, leap days and clock changes", () => {
    expect(calendarDaysBetween("2026-12-07", "2026-12-07")).toBe(0);
    expect(calendarDaysBetween("2026-12-06", "2026-12-07")).toBe(1);
    expect(calendarDaysBetween("2026-12-07", "2026-12-06")).toBe(-1);
    expect(calendarDaysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(calendarDaysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(calendarDaysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(calendarDaysBetween("2025-12-31", "2026-12-31")).toBe(365);
  });
});
