/**
 * Reading an activity's schedule for matching: which times of day it touches and whether a
 * dated activity still lies ahead. Times are wall-clock "HH:MM" in Europe/Copenhagen, so no
 * time zone arithmetic is needed.
 */
import type { ActivitySchedule, TimeOfDay } from "./types.js";

/** "HH:MM", 00:00–23:59 (24:00 is written 23:59 — HSDS and RFC 5545 have no 24:00 either). */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Minutes after midnight of an "HH:MM"; NaN when malformed. */
export function minutesOf(time: string): number {
  if (!TIME_PATTERN.test(time)) return Number.NaN;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Slots as half-open minute ranges. Noon and 17:00 are the lines Danish activity centres draw
 * (formiddag / eftermiddag / aften); "aften" matters because dark winter evenings keep many
 * elderly citizens at home.
 */
const SLOTS: readonly { time: TimeOfDay; from: number; to: number }[] = [
  { time: "morning", from: 0, to: 12 * 60 },
  { time: "afternoon", from: 12 * 60, to: 17 * 60 },
  { time: "evening", from: 17 * 60, to: 24 * 60 },
];

/**
 * The times of day an activity touches: every slot its [start, end) overlaps, so 11:00–13:00 is
 * both morning and afternoon. `by_arrangement` has none (it fits any time: the caller says so).
 * A malformed or empty range counts as its start time only.
 */
export function timesOfDay(schedule: ActivitySchedule): TimeOfDay[] {
  if (schedule.kind === "by_arrangement") return [];
  const start = minutesOf(schedule.startTime);
  if (Number.isNaN(start)) return [];
  let end = minutesOf(schedule.endTime);
  if (Number.isNaN(end) || end <= start) end = start + 1;
  return SLOTS.filter((s) => start < s.to && end > s.from).map((s) => s.time);
}

/** False only for a dated activity whose every date lies before `today` (YYYY-MM-DD). */
export function hasUpcomingDate(schedule: ActivitySchedule, today: string): boolean {
  // ISO dates compare correctly as strings.
  return schedule.kind !== "dates" || schedule.dates.some((d) => d >= today);
}
