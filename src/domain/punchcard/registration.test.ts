import { describe, expect, it } from "vitest";
import type { PunchCardPolicy } from "./policy.js";
import { clipDateProblem, evaluateClipMinutes, findClash } from "./registration.js";

describe("the day of a registered clip", () => {
  it("accepts today and the day the course opened", () => {
    expect(clipDateProblem("2026-03-10", "2026-03-01", "2026-03-10", "done")).toBeNull();
    expect(clipDateProblem("2026-03-01", "2026-03-01", "2026-03-10", "done")).toBeNull();
  });
  it("refuses tomorrow for a performed clip, naming today as the limit", () => {
    expect(clipDateProblem("2026-03-11", "2026-03-01", "2026-03-10", "done")).toEqual({
      field: "performedOn",
      reason: "in_future",
      limit: "2026-03-10",
    });
    // Across a month and a year end too.
    expect(clipDateProblem("2027-01-01", "2026-03-01", "2026-12-31", "done")).toMatchObject({
      reason: "in_future",
    });
  });
  it("lets the citizen cancel a visit ahead of its day", () => {
    expect(clipDateProblem("2026-03-12", "2026-03-01", "2026-03-10", "citizen_cancelled")).toBeNull();
  });
  it("refuses the day before the course opened, performed or cancelled", () => {
    expect(clipDateProblem("2026-02-28", "2026-03-01", "2026-03-10", "done")).toEqual({
      field: "performedOn",
      reason: "before_course_opened",
      limit: "2026-03-01",
    });
    expect(clipDateProblem("2026-02-28", "2026-03-01", "2026-03-10", "citizen_cancelled")).toMatchObject({
      reason: "before_course_opened",
    });
  });
});

describe("actual minutes against the grant and the frame", () => {
  const frame: PunchCardPolicy = { perKind: { accompaniment: { maxClipMinutes: 180 } } };
  it("accepts up to the grant's minutes per clip", () => {
    expect(evaluateClipMinutes(frame, "accompaniment", 60, [60])).toEqual({ ok: true });
  });
  it("names the grant's minutes one minute beyond", () => {
    expect(evaluateClipMinutes(frame, "accompaniment", 61, [60])).toEqual({
      ok: false,
      violations: [{ rule: "clip_beyond_grant", kind: "accompaniment", limit: 60, wouldBe: 61 }],
    });
  });
  it("measures against the most generous grant of the kind", () => {
    expect(evaluateClipMinutes(frame, "accompaniment", 90, [60, 90])).toEqual({ ok: true });
  });
  it("names the frame's maximum, also when the grant allows more (a grant made as an exception)", () => {
    expect(evaluateClipMinutes(frame, "accompaniment", 180, [240])).toEqual({ ok: true });
    expect(evaluateClipMinutes(frame, "accompaniment", 181, [240])).toEqual({
      ok: false,
      violations: [{ rule: "clip_too_long", kind: "accompaniment", limit: 180, wouldBe: 181 }],
    });
    expect(evaluateClipMinutes(frame, "accompaniment", 200, [60])).toMatchObject({
      ok: false,
      violations: [{ rule: "clip_beyond_grant" }, { rule: "clip_too_long" }],
    });
  });
  it("has nothing to measure against without a limit or a grant", () => {
    expect(evaluateClipMinutes({}, "conversation", 720, [])).toEqual({ ok: true });
  });
});

describe("two planned clips of one worker", () => {
  const other = { id: "b", day: "2026-03-10", start: "10:00", minutes: 60 };
  it("clash when they overlap by a minute", () => {
    expect(findClash({ day: "2026-03-10", start: "10:59", minutes: 30 }, [other])).toBe(other);
    expect(findClash({ day: "2026-03-10", start: "09:31", minutes: 30 }, [other])).toBe(other);
    expect(findClash({ day: "2026-03-10", start: "10:15", minutes: 15 }, [other])).toBe(other);
  });
  it("do not clash end to end", () => {
    expect(findClash({ day: "2026-03-10", start: "11:00", minutes: 30 }, [other])).toBeNull();
    expect(findClash({ day: "2026-03-10", start: "09:30", minutes: 30 }, [other])).toBeNull();
  });
  it("clash across midnight", () => {
    expect(findClash({ day: "2026-03-09", start: "23:30", minutes: 720 }, [other])).toBe(other);
    expect(
      findClash({ day: "2026-03-09", start: "23:30", minutes: 30 }, [
        { day: "2026-03-10", start: "00:00", minutes: 30 },
      ]),
    ).toBeNull();
  });
  it("measure real time across the change to summer time (02:00 → 03:00 on 29 March 2026)", () => {
    // 01:30 + 60 minutes is 03:30 on the wall clock that night.
    expect(
      findClash({ day: "2026-03-29", start: "01:30", minutes: 60 }, [
        { day: "2026-03-29", start: "03:15", minutes: 30 },
      ]),
    ).not.toBeNull();
    expect(
      findClash({ day: "2026-03-29", start: "01:30", minutes: 60 }, [
        { day: "2026-03-29", start: "03:30", minutes: 30 },
      ]),
    ).toBeNull();
  });
  it("never clash with themselves", () => {
    expect(findClash({ id: "b", day: "2026-03-10", start: "10:00", minutes: 60 }, [other])).toBeNull();
  });
});
