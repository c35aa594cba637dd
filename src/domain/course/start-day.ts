/**
 * A day recorded on a course — an intervention's start, a performed clip — lies within the course:
 * not before the Copenhagen day it opened, and not after today (work can be entered afterwards,
 * seed 000: "kan oprettes bagudrettet", but not ahead of time). Days are YYYY-MM-DD.
 */
export type CourseDayProblem = { reason: "in_future" | "before_course_opened"; limit: string };

export function startDayProblem(
  day: string,
  courseOpenedOn: string,
  today: string,
  mayBeFuture = false,
): CourseDayProblem | null {
  if (day < courseOpenedOn) return { reason: "before_course_opened", limit: courseOpenedOn };
  if (!mayBeFuture && day > today) return { reason: "in_future", limit: today };
  return null;
}
