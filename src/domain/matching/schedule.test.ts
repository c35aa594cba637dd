import { describe, expect, it } from "vitest";
import { hasUpcomingDate, minutesOf, timesOfDay } from "./schedule.js";

describe("timesOfDay", () => {
  const weekly = (startTime: string, endTime: string) => ({
    kind: "weekly" as const,
    weekdays: [1],
    startTime,
    endTime,
  });

  it("draws the lines at noon and 17:00, with the end exclusive", () => {
    expect(timesOfDay(weekly("09:00", "12:00"))).toEqual(["morning"]);
    expect(timesOfDay(weekly("12:00", "17:00"))).toEqual(["afternoon"]);
    expect(timesOfDay(weekly("17:00", "19:00"))).toEqual(["evening"]);
  });

  it("counts every slot an activity overlaps", () => {
    expect(timesOfDay(weekly("10:00", "18:00"))).toEqual(["morning", "afternoon", "evening"]);
  });

  it("falls back to the start for an empty or reversed range, and to nothing when malformed", () => {
    expect(timesOfDay(weekly("14:00", "14:00"))).toEqual(["afternoon"]);
    expect(timesOfDay(weekly("11:59", "08:00"))).toEqual(["morning"]);
    expect(timesOfDay(weekly("25:00", "26:00"))).toEqual([]);
    expect(timesOfDay({ kind: "by_arrangement" })).toEqual([]);
  });
});

describe("minutesOf and hasUpcomingDate", () => {
  it("reads HH:MM and refuses anything else", () => {
    expect(minutesOf("07:05")).toBe(425);
    expect(minutesOf("7:05")).toBeNaN();
  });

  it("keeps a dated activity while one date is today or later; other schedules always", () => {
    const dates = {
      kind: "dates" as const,
      dates: ["2026-01-10", "2026-02-10"],
      startTime: "10:00",
      endTime: "12:00",
    };
    expect(hasUpcomingDate(dates, "2026-02-10")).toBe(true);
    expect(hasUpcomingDate(dates, "2026-02-11")).toBe(false);
    expect(hasUpcomingDate({ kind: "by_arrangement" }, "2099-01-01")).toBe(true);
  });
});
