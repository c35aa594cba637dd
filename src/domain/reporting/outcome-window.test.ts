import { describe, expect, it } from "vitest";
import { detectionServesAsBaseline, followUpWindow, isWithin } from "./outcome-window.js";

const DEFAULT = { fromMonths: 5, toMonths: 8 };

describe("the follow-up's window", () => {
  it("runs from 5 to 8 months after the baseline by default, both ends included", () => {
    const w = followUpWindow("2026-01-15", DEFAULT);
    expect(w).toEqual({ from: "2026-06-15", to: "2026-09-15" });
    expect(isWithin("2026-06-14", w)).toBe(false);
    expect(isWithin("2026-06-15", w)).toBe(true);
    expect(isWithin("2026-09-15", w)).toBe(true);
    expect(isWithin("2026-09-16", w)).toBe(false);
  });
  it("ends a month on its last day when the baseline's day does not exist there", () => {
    expect(followUpWindow("2026-01-31", DEFAULT)).toEqual({ from: "2026-06-30", to: "2026-09-30" });
    expect(followUpWindow("2025-08-31", { fromMonths: 6, toMonths: 6 })).toEqual({
      from: "2026-02-28",
      to: "2026-02-28",
    });
  });
  it("crosses a year", () => {
    expect(followUpWindow("2026-09-01", DEFAULT)).toEqual({ from: "2027-02-01", to: "2027-05-01" });
  });
  it("follows the municipality's settings", () => {
    expect(followUpWindow("2026-01-15", { fromMonths: 3, toMonths: 4 })).toEqual({
      from: "2026-04-15",
      to: "2026-05-15",
    });
  });
});

describe("a detection form as the baseline", () => {
  it("serves when answered on the day the course opened or up to N days before", () => {
    expect(detectionServesAsBaseline("2026-03-10", "2026-03-10", 14)).toBe(true);
    expect(detectionServesAsBaseline("2026-02-24", "2026-03-10", 14)).toBe(true);
  });
  it("does not serve when older than N days", () => {
    expect(detectionServesAsBaseline("2026-02-23", "2026-03-10", 14)).toBe(false);
  });
  it("does not serve when answered after the course opened", () => {
    expect(detectionServesAsBaseline("2026-03-11", "2026-03-10", 14)).toBe(false);
  });
  it("never serves when the setting is 0 days, except on the opening day", () => {
    expect(detectionServesAsBaseline("2026-03-09", "2026-03-10", 0)).toBe(false);
    expect(detectionServesAsBaseline("2026-03-10", "2026-03-10", 0)).toBe(true);
  });
});
