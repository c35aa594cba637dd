import { describe, expect, it } from "vitest";
import { startDayProblem } from "./start-day.js";

describe("a day recorded on a course", () => {
  it("accepts the day the course opened and today", () => {
    expect(startDayProblem("2026-03-01", "2026-03-01", "2026-03-10")).toBeNull();
    expect(startDayProblem("2026-03-10", "2026-03-01", "2026-03-10")).toBeNull();
  });
  it("refuses the day before the course opened, naming that day", () => {
    expect(startDayProblem("2026-02-28", "2026-03-01", "2026-03-10")).toEqual({
      reason: "before_course_opened",
      limit: "2026-03-01",
    });
  });
  it("refuses tomorrow, naming today, unless the day may lie ahead", () => {
    expect(startDayProblem("2026-03-11", "2026-03-01", "2026-03-10")).toEqual({
      reason: "in_future",
      limit: "2026-03-10",
    });
    expect(startDayProblem("2026-03-11", "2026-03-01", "2026-03-10", true)).toBeNull();
  });
});
