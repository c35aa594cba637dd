/**
 * The pure rules of retention: when a row is due, when a run needs an administrator's confirmation,
 * which periods an administrator may set, and how a period reads. The server's runs and previews and
 * the administrator's page use these, so the preview, the run and the page agree.
 */
import { DAY_MS, DAYS_PER_YEAR, type RetentionKind, retentionDefault } from "./retention-defaults.js";

/**
 * The moment a rule's starting event must be at or before for the row to be due: `asOf` minus the
 * period in whole 24-hour days. Computed here, not with SQL `interval '1 day'`, whose length follows
 * the session's time zone across daylight saving; the runs pass this instant to the database.
 */
export function retentionCutoff(asOf: Date, keepDays: number): Date {
  if (!Number.isInteger(keepDays) || keepDays < 0)
    throw new RangeError(`keepDays must be a whole number ≥ 0, got ${keepDays}`);
  return new Date(asOf.getTime() - keepDays * DAY_MS);
}

/**
 * Due when the period has fully passed: the starting event plus `keepDays` days is at or before
 * `asOf`. A row still inside its period (even by a millisecond) stays; no starting event, never due.
 */
export function isDue(startedAt: Date | null, asOf: Date, keepDays: number): boolean {
  if (startedAt === null) return false;
  return startedAt.getTime() <= retentionCutoff(asOf, keepDays).getTime();
}

/**
 * A citizen rule that would touch more than `percent` % of the municipality's citizens waits for an
 * administrator (issue 13, "Bad input and faults"): a wrong period or a bad import must not
 * anonymise half the register overnight. Exactly the share is allowed; 100 % never asks.
 */
export function needsConfirmation(
  candidates: number,
  citizensInMunicipality: number,
  percent: number,
): boolean {
  if (candidates <= 0) return false;
  if (percent >= 100) return false;
  if (citizensInMunicipality <= 0) return true;
  // Integer arithmetic: 5 % of 20 citizens is exactly 1, with no rounding at the edge.
  return candidates * 100 > citizensInMunicipality * percent;
}

export type KeepDaysProblem = "not_whole_days" | "too_short" | "too_long";

/** Why an administrator's period is refused for this kind, or null when it is allowed. */
export function keepDaysProblem(kind: RetentionKind, keepDays: number): KeepDaysProblem | null {
  if (!Number.isInteger(keepDays)) return "not_whole_days";
  const d = retentionDefault(kind);
  if (keepDays < d.minKeepDays) return "too_short";
  if (keepDays > d.maxKeepDays) return "too_long";
  return null;
}

/** How a period reads: whole years when it is a whole number of (365-day) years, otherwise days. */
export function describePeriod(keepDays: number): { unit: "years" | "days"; count: number } {
  if (keepDays >= DAYS_PER_YEAR && keepDays % DAYS_PER_YEAR === 0)
    return { unit: "years", count: keepDays / DAYS_PER_YEAR };
  return { unit: "days", count: keepDays };
}
