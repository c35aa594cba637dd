/**
 * When an outcome questionnaire counts (issue 11 point 6). The follow-up ("after 6 months") is
 * only comparable with the baseline when it is answered within a window around that time —
 * by default 5 to 8 months after the baseline. One answered outside is recorded only after the
 * coordinator confirms it, marked out of window, and never paired as the follow-up in a report.
 *
 * A loneliness questionnaire answered at detection shortly before the course opened serves as
 * the baseline, so the citizen is not asked the same questions twice in a week.
 * Days are YYYY-MM-DD in Copenhagen.
 */
import { addDays, addMonths, formatISO, parseISO } from "date-fns";

export interface OutcomeWindowSettings {
  /** The follow-up is accepted from this many months after the baseline … */
  fromMonths: number;
  /** … up to and including this many months after it. */
  toMonths: number;
}

export interface DayWindow {
  from: string;
  to: string;
}

const isoDay = (d: Date) => formatISO(d, { representation: "date" });

/** The days on which a follow-up to a baseline answered on `baselineOn` is in its window. */
export function followUpWindow(baselineOn: string, s: OutcomeWindowSettings): DayWindow {
  const base = parseISO(baselineOn);
  return { from: isoDay(addMonths(base, s.fromMonths)), to: isoDay(addMonths(base, s.toMonths)) };
}

export function isWithin(day: string, w: DayWindow): boolean {
  return day >= w.from && day <= w.to;
}

/**
 * Whether a detection form answered on `answeredOn` can serve as the baseline of a course opened
 * on `courseOpenedOn`: on the same instrument (checked by the caller), answered (not an exclusion
 * without answers), at most `days` days before the course opened and not after it.
 */
export function detectionServesAsBaseline(answeredOn: string, courseOpenedOn: string, days: number): boolean {
  return answeredOn <= courseOpenedOn && answeredOn >= isoDay(addDays(parseISO(courseOpenedOn), -days));
}
