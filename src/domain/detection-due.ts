/**
 * Due lists for detection (Opspor): who should be screened now.
 * - New in home care and never screened: home care began within the
 *   municipality's "new" window and no screening exists.
 * - Re-screening due: the last screening is older than the municipality's
 *   interval (default 6 months, the evaluation's follow-up rhythm).
 * Dates are calendar days (YYYY-MM-DD) in Europe/Copenhagen.
 */
import { addMonths, differenceInCalendarDays, format, parseISO } from "date-fns";
import type { DueReason } from "./vocabulary/detection.js";

export interface DueInput {
  homeCareSince: string | null;
  lastScreenedOn: string | null;
  inTargetGroup: boolean;
}

export interface DueSettings {
  rescreenIntervalMonths: number;
  newInHomeCareDays: number;
}

export function rescreenDueOn(lastScreenedOn: string, intervalMonths: number): string {
  // format(), not toISOString(): parseISO gives local midnight, and UTC could be the day before.
  return format(addMonths(parseISO(lastScreenedOn), intervalMonths), "yyyy-MM-dd");
}

/** Why a citizen is due for screening on `today`, or null. Citizens outside the target group are never due. */
export function dueReason(input: DueInput, today: string, settings: DueSettings): DueReason | null {
  if (!input.inTargetGroup) return null;
  if (!input.lastScreenedOn) {
    if (
      input.homeCareSince &&
      differenceInCalendarDays(parseISO(today), parseISO(input.homeCareSince)) <= settings.newInHomeCareDays
    ) {
      return "never_screened_new";
    }
    return "never_screened";
  }
  return rescreenDueOn(input.lastScreenedOn, settings.rescreenIntervalMonths) <= today
    ? "rescreen_due"
    : null;
}
