import { describe, expect, it } from "vitest";
import { copenhagenDateTime } from "../time.js";
import { retryDelayMinutes, nextAttemptAt } from "./backoff.js";
import { CLOCK_PATTERN, deliverableAt, hasQuietHours, isQuiet } from "./quiet-hours.js";

const local = (d: Date) => copenhagenDateTime(d);
const EVENING = { from: "20:00", to: "08:00" };
const DAY = { from: "12:00", to: "13:30" };

describe("quiet hours", () => {
  it("are absent when either end is null, invalid, or both are the same time", () => {
    expect(hasQuietHours({ from: null, to: null })).toBe(false);
    expect(hasQuietHours({ from: "20:00", to: null })).toBe(false);
    expect(hasQuietHours({ from: "25:00", to: "08:00" })).toBe(false);
    expect(hasQuietHours({ from: "08:00", to: "08:00" })).toBe(false);
    const due = new Date("2026-06-10T21:30:00Z"); // 23:30 local
    expect(deliverableAt(due, { from: null, to: null })).toBe(due);
    expect(deliverableAt(due, { from: "08:00", to: "08:00" })).toBe(due);
  });

  it("span midnight: the evening waits for tomorrow morning, the early morning for this morning", () => {
    // Summer (UTC+2): 21:15 local.
    expect(local(deliverableAt(new Date("2026-06-10T19:15:00Z"), EVENING))).toBe("2026-06-11T08:00:00+02:00");
    // 05:59 local: the same morning.
    expect(local(deliverableAt(new Date("2026-06-11T03:59:00Z"), EVENING))).toBe("2026-06-11T08:00:00+02:00");
    // Winter (UTC+1): 23:59 local on New Year's Eve waits for the new year.
    expect(local(deliverableAt(new Date("2026-12-31T22:59:00Z"), EVENING))).toBe("2027-01-01T08:00:00+01:00");
  });

  it("start inclusive, end exclusive", () => {
    expect(isQuiet(new Date("2026-06-10T18:00:00Z"), EVENING)).toBe(true); // 20:00 local
    expect(isQuiet(new Date("2026-06-10T17:59:00Z"), EVENING)).toBe(false); // 19:59
    expect(isQuiet(new Date("2026-06-11T06:00:00Z"), EVENING)).toBe(false); // 08:00
    expect(isQuiet(new Date("2026-06-11T05:59:00Z"), EVENING)).toBe(true); // 07:59
    const at = new Date("2026-06-10T14:00:00Z"); // 16:00 local: outside
    expect(deliverableAt(at, EVENING)).toBe(at);
  });

  it("within one day (not spanning midnight)", () => {
    expect(local(deliverableAt(new Date("2026-06-10T10:45:00Z"), DAY))).toBe("2026-06-10T13:30:00+02:00");
    expect(isQuiet(new Date("2026-06-10T09:59:00Z"), DAY)).toBe(false); // 11:59
    expect(isQuiet(new Date("2026-06-10T11:30:00Z"), DAY)).toBe(false); // 13:30
    expect(isQuiet(new Date("2026-06-10T21:30:00Z"), DAY)).toBe(false); // 23:30
  });

  it("the night the clocks go forward (29 March 2026) ends at the local time, an hour less after", () => {
    // 22:00 local on the 28th (UTC+1) → 08:00 local on the 29th (UTC+2): 9 hours later, not 10.
    const due = new Date("2026-03-28T21:00:00Z");
    const end = deliverableAt(due, EVENING);
    expect(local(end)).toBe("2026-03-29T08:00:00+02:00");
    expect((end.getTime() - due.getTime()) / 3_600_000).toBe(9);
  });

  it("the night the clocks go back (25 October 2026) ends at the local time, an hour more after", () => {
    const due = new Date("2026-10-24T20:00:00Z"); // 22:00 local (UTC+2)
    const end = deliverableAt(due, EVENING);
    expect(local(end)).toBe("2026-10-25T08:00:00+01:00");
    expect((end.getTime() - due.getTime()) / 3_600_000).toBe(11);
  });

  it("an end inside the skipped spring hour is not before the message was due and not quiet", () => {
    const q = { from: "01:00", to: "02:30" }; // 02:30 does not exist on 29 March 2026
    const due = new Date("2026-03-29T00:15:00Z"); // 01:15 local (UTC+1)
    expect(isQuiet(due, q)).toBe(true);
    const end = deliverableAt(due, q);
    expect(end.getTime()).toBeGreaterThan(due.getTime());
    expect(isQuiet(end, q)).toBe(false);
    expect(local(end)).toBe("2026-03-29T03:30:00+02:00");
  });

  it("in the repeated autumn hour the first 02:30 ends a span to 02:30", () => {
    const q = { from: "01:00", to: "02:30" };
    const due = new Date("2026-10-24T23:10:00Z"); // 01:10 local (UTC+2)
    expect(local(deliverableAt(due, q))).toBe("2026-10-25T02:30:00+02:00");
  });

  it("a whole-night span starting at midnight", () => {
    const q = { from: "00:00", to: "07:00" };
    expect(isQuiet(new Date("2026-06-10T22:00:00Z"), q)).toBe(true); // 00:00 local on the 11th
    expect(local(deliverableAt(new Date("2026-06-10T22:00:00Z"), q))).toBe("2026-06-11T07:00:00+02:00");
    expect(isQuiet(new Date("2026-06-10T21:59:00Z"), q)).toBe(false); // 23:59
  });

  it("the clock pattern takes HH:MM only", () => {
    expect(CLOCK_PATTERN.test("08:00")).toBe(true);
    expect(CLOCK_PATTERN.test("23:59")).toBe(true);
    for (const bad of ["8:00", "24:00", "12:60", "12:00:00", "noon", ""])
      expect(CLOCK_PATTERN.test(bad)).toBe(false);
  });
});

describe("retry backoff", () => {
  it("grows and is capped", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMinutes)).toEqual([1, 5, 15, 60, 180, 360, 360, 360]);
  });
  it("stops at maxAttempts", () => {
    const now = new Date("2026-06-10T10:00:00Z");
    expect(nextAttemptAt(now, 1, 3)?.toISOString()).toBe("2026-06-10T10:01:00.000Z");
    expect(nextAttemptAt(now, 3, 3)).toBeNull();
  });
});
