import { describe, expect, it } from "vitest";
import { DAY_MS, RETENTION_DEFAULTS, RETENTION_KINDS, retentionDefault } from "./retention-defaults.js";
import {
  describePeriod,
  isDue,
  keepDaysProblem,
  needsConfirmation,
  retentionCutoff,
} from "./retention-rules.js";

const asOf = new Date("2031-03-30T10:00:00.000Z");

describe("retention: when a row is due", () => {
  it("is due exactly when the period has passed, to the millisecond", () => {
    const started = new Date(asOf.getTime() - 90 * DAY_MS);
    expect(isDue(started, asOf, 90)).toBe(true);
    expect(isDue(new Date(started.getTime() + 1), asOf, 90)).toBe(false);
    expect(isDue(new Date(started.getTime() - 1), asOf, 90)).toBe(true);
  });

  it("keeps a row a day inside its period and removes one a day past it", () => {
    expect(isDue(new Date(asOf.getTime() - 89 * DAY_MS), asOf, 90)).toBe(false);
    expect(isDue(new Date(asOf.getTime() - 91 * DAY_MS), asOf, 90)).toBe(true);
  });

  it("with a period of 0 days, anything that has started is due, nothing in the future", () => {
    expect(isDue(asOf, asOf, 0)).toBe(true);
    expect(isDue(new Date(asOf.getTime() + 1), asOf, 0)).toBe(false);
  });

  it("never removes a row without a starting event (an open course has no closing)", () => {
    expect(isDue(null, asOf, 0)).toBe(false);
  });

  it("counts 24-hour days across the switch to summer time (30 March 2031 in Copenhagen)", () => {
    // A calendar day of 23 hours must not make the cut-off an hour early or late.
    expect(retentionCutoff(asOf, 1).toISOString()).toBe("2031-03-29T10:00:00.000Z");
    expect(retentionCutoff(asOf, 365).toISOString()).toBe("2030-03-30T10:00:00.000Z");
  });

  it("refuses a negative or fractional period rather than deleting on a guess", () => {
    expect(() => retentionCutoff(asOf, -1)).toThrow(RangeError);
    expect(() => retentionCutoff(asOf, 1.5)).toThrow(RangeError);
  });
});

describe("retention: confirmation above the share", () => {
  it("allows exactly the share and asks above it", () => {
    expect(needsConfirmation(5, 100, 5)).toBe(false);
    expect(needsConfirmation(6, 100, 5)).toBe(true);
    expect(needsConfirmation(1, 20, 5)).toBe(false);
    expect(needsConfirmation(2, 20, 5)).toBe(true);
  });

  it("uses no rounding at the edge (1 of 21 is under 5 %; 2 of 39 is over)", () => {
    expect(needsConfirmation(1, 21, 5)).toBe(false);
    expect(needsConfirmation(2, 39, 5)).toBe(true);
    expect(needsConfirmation(2, 40, 5)).toBe(false);
  });

  it("never asks about nothing, and a share of 100 % never asks", () => {
    expect(needsConfirmation(0, 100, 0)).toBe(false);
    expect(needsConfirmation(100, 100, 100)).toBe(false);
  });

  it("a share of 0 % asks for every run that touches anyone", () => {
    expect(needsConfirmation(1, 100_000, 0)).toBe(true);
  });

  it("asks when the municipality's count is unknown or zero", () => {
    expect(needsConfirmation(1, 0, 5)).toBe(true);
  });
});

describe("retention: the periods an administrator may set", () => {
  it("accepts the shipped default of every kind", () => {
    for (const d of RETENTION_DEFAULTS) expect(keepDaysProblem(d.kind, d.keepDays)).toBeNull();
  });

  it("refuses below the minimum and above the maximum, and accepts both limits", () => {
    const d = retentionDefault("audit_trail_erase");
    expect(keepDaysProblem(d.kind, d.minKeepDays)).toBeNull();
    expect(keepDaysProblem(d.kind, d.maxKeepDays)).toBeNull();
    expect(keepDaysProblem(d.kind, d.minKeepDays - 1)).toBe("too_short");
    expect(keepDaysProblem(d.kind, d.maxKeepDays + 1)).toBe("too_long");
    expect(keepDaysProblem(d.kind, 200.5)).toBe("not_whole_days");
  });

  it("guards the citizen rules against a period typed in years (5 instead of 1825)", () => {
    expect(keepDaysProblem("closed_course_anonymise", 5)).toBe("too_short");
    expect(keepDaysProblem("inactive_citizen_erase", 5)).toBe("too_short");
  });

  it("has one default per kind, a legal basis in both languages, and a DPO caveat", () => {
    expect(RETENTION_DEFAULTS.map((d) => d.kind)).toEqual([...RETENTION_KINDS]);
    for (const d of RETENTION_DEFAULTS) {
      expect(d.minKeepDays).toBeLessThanOrEqual(d.keepDays);
      expect(d.keepDays).toBeLessThanOrEqual(d.maxKeepDays);
      expect(d.da.legalBasis).toMatch(/databeskyttelsesrådgiver/);
      expect(d.en.legalBasis).toMatch(/DPO/);
      expect(d.scope === "citizen").toBe(
        d.operation !== "purge" && d.kind !== "unmatched_public_referral_erase",
      );
    }
  });
});

describe("retention: how a period reads", () => {
  it("shows whole years as years and anything else as days", () => {
    expect(describePeriod(1825)).toEqual({ unit: "years", count: 5 });
    expect(describePeriod(365)).toEqual({ unit: "years", count: 1 });
    expect(describePeriod(366)).toEqual({ unit: "days", count: 366 });
    expect(describePeriod(90)).toEqual({ unit: "days", count: 90 });
    expect(describePeriod(0)).toEqual({ unit: "days", count: 0 });
  });
});
