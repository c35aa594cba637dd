/**
 * Clips that cannot be (issue 11 point 7), as pure rules the punch-card service applies under
 * the course row lock:
 *  - a performed clip is dated no later than today (Copenhagen) and not before its course opened;
 *  - its actual minutes stay within the grant's minutes per clip and the frame's maximum for the
 *    kind, or it is a recorded exception — the same rule and the same roles as a grant beyond
 *    the frame (policy.ts);
 *  - a planned clip does not overlap another planned clip of the same worker.
 */
import { startDayProblem } from "../course/start-day.js";
import type { ClipOutcome } from "../course/vocabulary.js";
import { copenhagenInstant } from "../time.js";
import type { ClipKind, PunchCardPolicy, Violation } from "./policy.js";

export type ClipDateProblem = {
  field: "performedOn";
  reason: "in_future" | "before_course_opened";
  limit: string;
};

/** What is wrong with the day a clip is registered for, or null. Days are YYYY-MM-DD, Copenhagen. */
export function clipDateProblem(
  performedOn: string,
  courseOpenedOn: string,
  today: string,
  outcome: ClipOutcome,
): ClipDateProblem | null {
  // A citizen may cancel a visit ahead of its day; a clip cannot have been performed tomorrow.
  const problem = startDayProblem(performedOn, courseOpenedOn, today, outcome !== "done");
  return problem ? { field: "performedOn", ...problem } : null;
}

export type ClipMinutesDecision = { ok: true } | { ok: false; violations: Violation[] };

/**
 * Actual minutes against the card: beyond the minutes per clip of every grant the clip can be
 * under (the most generous one counts), or beyond the frame's maximum for the kind.
 */
export function evaluateClipMinutes(
  policy: PunchCardPolicy,
  kind: ClipKind,
  actualMinutes: number,
  grantMinutesPerClip: readonly number[],
): ClipMinutesDecision {
  const violations: Violation[] = [];
  if (grantMinutesPerClip.length > 0) {
    const granted = Math.max(...grantMinutesPerClip);
    if (actualMinutes > granted)
      violations.push({ rule: "clip_beyond_grant", kind, limit: granted, wouldBe: actualMinutes });
  }
  const max = policy.perKind?.[kind]?.maxClipMinutes;
  if (max !== undefined && actualMinutes > max)
    violations.push({ rule: "clip_too_long", kind, limit: max, wouldBe: actualMinutes });
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

export interface PlannedSlot {
  id?: string;
  /** Copenhagen day and wall-clock start ("HH:MM"). */
  day: string;
  start: string;
  minutes: number;
}

/** [start, end) as instants: a slot across midnight or a change of summer time is still measured right. */
function span(s: PlannedSlot): [number, number] {
  const from = copenhagenInstant(s.day, s.start).getTime();
  return [from, from + s.minutes * 60_000];
}

/** The first of `others` that overlaps `slot` (touching ends do not overlap), or null. */
export function findClash<T extends PlannedSlot>(slot: PlannedSlot, others: readonly T[]): T | null {
  const [a0, a1] = span(slot);
  for (const o of others) {
    if (o.id !== undefined && o.id === slot.id) continue;
    const [b0, b1] = span(o);
    if (a0 < b1 && b0 < a1) return o;
  }
  return null;
}
