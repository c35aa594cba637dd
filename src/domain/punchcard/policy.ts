/**
 * The fællesskabsklippekort's frame as configuration, not code (DOMAIN.md, "The punch card";
 * seed 003, "Fællesskabsklippekortet"). Every frame the seeds describe can be written as a
 * PunchCardPolicy:
 *  - fully flexible: no limits at all (Struer: 1 to 279 accompaniment clips per course);
 *  - a total per course (Favrskov: 10 clips = 10 hours);
 *  - a cap per clip kind (3–10 accompaniment clips; Roskilde about 3; Holstebro 2 conversation
 *    clips of 30 minutes);
 *  - a duration per clip kind (accompaniment 0.5–3 h; Nyborg 2–3 h);
 *  - a weekly allowance that can be saved up to a limit (Sønderborg: 45 min a week, saved to a
 *    half or whole day a month).
 * evaluateGrant() says whether a grant fits and names every rule it breaks, so the caller can
 * refuse it or, for a role the policy names, record it as an exception. Pure: dates are inputs.
 */
import { differenceInCalendarDays, parseISO } from "date-fns";

export const CLIP_KINDS = [
  "detection",
  "conversation",
  "accompaniment",
  "participation",
  "follow_up",
] as const;
export type ClipKind = (typeof CLIP_KINDS)[number];

export interface KindLimit {
  /** At most this many clips of the kind per course. */
  maxClips?: number;
  /** Each clip of the kind lasts at least / at most this many minutes. */
  minClipMinutes?: number;
  maxClipMinutes?: number;
  /** What a grant of the kind usually is ("typisk 3 klip à 30 min"): only the grant form's defaults, never a rule. */
  defaultClips?: number;
  defaultClipMinutes?: number;
}

export interface WeeklyAllowance {
  minutesPerWeek: number;
  /** Unused minutes are saved, but never more than this. */
  maxSavedMinutes: number;
  /** The kinds the allowance pays for; others are outside it. Default: all kinds. */
  kinds?: ClipKind[];
}

export interface PunchCardPolicy {
  totalPerCourse?: { maxClips?: number; maxMinutes?: number };
  perKind?: Partial<Record<ClipKind, KindLimit>>;
  weeklyAllowance?: WeeklyAllowance;
  /** Roles that may grant beyond the frame as a recorded exception. */
  exceptionRoles?: string[];
}

export interface Grant {
  kind: ClipKind;
  clips: number;
  minutesPerClip: number;
  /** Calendar day (YYYY-MM-DD) the grant was made. */
  grantedOn: string;
}

export type Violation =
  | { rule: "total_clips"; limit: number; wouldBe: number }
  | { rule: "total_minutes"; limit: number; wouldBe: number }
  | { rule: "kind_clips"; kind: ClipKind; limit: number; wouldBe: number }
  | { rule: "clip_too_short"; kind: ClipKind; limit: number; wouldBe: number }
  | { rule: "clip_too_long"; kind: ClipKind; limit: number; wouldBe: number }
  /** A performed clip longer than the grant's minutes per clip (issue 11 point 7). */
  | { rule: "clip_beyond_grant"; kind: ClipKind; limit: number; wouldBe: number }
  | { rule: "weekly_allowance"; limit: number; wouldBe: number };

export type GrantDecision = { ok: true } | { ok: false; violations: Violation[] };

const minutesOf = (g: Pick<Grant, "clips" | "minutesPerClip">) => g.clips * g.minutesPerClip;

/**
 * Minutes of the weekly allowance left on `asOf`: every started week since the course began adds
 * minutesPerWeek, the balance never exceeds maxSavedMinutes, and grants spend it in the week made.
 */
export function allowanceBalance(
  allowance: WeeklyAllowance,
  courseStart: string,
  grants: Grant[],
  asOf: string,
): number {
  const weekOf = (day: string) =>
    Math.floor(differenceInCalendarDays(parseISO(day), parseISO(courseStart)) / 7);
  const spentByWeek = new Map<number, number>();
  for (const g of grants) {
    if (allowance.kinds && !allowance.kinds.includes(g.kind)) continue;
    const w = Math.max(0, weekOf(g.grantedOn));
    spentByWeek.set(w, (spentByWeek.get(w) ?? 0) + minutesOf(g));
  }
  let balance = 0;
  for (let w = 0; w <= weekOf(asOf); w++) {
    balance =
      Math.min(balance + allowance.minutesPerWeek, allowance.maxSavedMinutes) - (spentByWeek.get(w) ?? 0);
  }
  return balance;
}

export function evaluateGrant(
  policy: PunchCardPolicy,
  courseStart: string,
  existing: Grant[],
  request: Grant,
): GrantDecision {
  const violations: Violation[] = [];
  const all = [...existing, request];

  const total = policy.totalPerCourse;
  if (total?.maxClips !== undefined) {
    const wouldBe = all.reduce((n, g) => n + g.clips, 0);
    if (wouldBe > total.maxClips) violations.push({ rule: "total_clips", limit: total.maxClips, wouldBe });
  }
  if (total?.maxMinutes !== undefined) {
    const wouldBe = all.reduce((n, g) => n + minutesOf(g), 0);
    if (wouldBe > total.maxMinutes)
      violations.push({ rule: "total_minutes", limit: total.maxMinutes, wouldBe });
  }

  const limit = policy.perKind?.[request.kind];
  if (limit?.maxClips !== undefined) {
    const wouldBe = all.filter((g) => g.kind === request.kind).reduce((n, g) => n + g.clips, 0);
    if (wouldBe > limit.maxClips)
      violations.push({ rule: "kind_clips", kind: request.kind, limit: limit.maxClips, wouldBe });
  }
  if (limit?.minClipMinutes !== undefined && request.minutesPerClip < limit.minClipMinutes) {
    violations.push({
      rule: "clip_too_short",
      kind: request.kind,
      limit: limit.minClipMinutes,
      wouldBe: request.minutesPerClip,
    });
  }
  if (limit?.maxClipMinutes !== undefined && request.minutesPerClip > limit.maxClipMinutes) {
    violations.push({
      rule: "clip_too_long",
      kind: request.kind,
      limit: limit.maxClipMinutes,
      wouldBe: request.minutesPerClip,
    });
  }

  const allowance = policy.weeklyAllowance;
  if (allowance && (!allowance.kinds || allowance.kinds.includes(request.kind))) {
    const before = allowanceBalance(allowance, courseStart, existing, request.grantedOn);
    if (minutesOf(request) > before)
      violations.push({ rule: "weekly_allowance", limit: before, wouldBe: minutesOf(request) });
  }

  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

/** A grant beyond the frame is possible only as an exception by a role the policy names. */
export function mayGrantException(policy: PunchCardPolicy, role: string): boolean {
  return policy.exceptionRoles?.includes(role) ?? false;
}

export interface KindRemaining {
  kind: ClipKind;
  grantedClips: number;
  grantedMinutes: number;
  /** Clips still grantable of this kind under the per-kind and total caps; null = no cap. */
  remainingClips: number | null;
}

/** What is left of the card per kind — the basis of "warn before the frame is exhausted". */
export function remainingByKind(policy: PunchCardPolicy, grants: Grant[]): KindRemaining[] {
  const totalClips = grants.reduce((n, g) => n + g.clips, 0);
  const totalLeft =
    policy.totalPerCourse?.maxClips !== undefined
      ? Math.max(0, policy.totalPerCourse.maxClips - totalClips)
      : null;
  return CLIP_KINDS.map((kind) => {
    const ofKind = grants.filter((g) => g.kind === kind);
    const grantedClips = ofKind.reduce((n, g) => n + g.clips, 0);
    const cap = policy.perKind?.[kind]?.maxClips;
    const kindLeft = cap !== undefined ? Math.max(0, cap - grantedClips) : null;
    const remainingClips =
      kindLeft === null ? totalLeft : totalLeft === null ? kindLeft : Math.min(kindLeft, totalLeft);
    return {
      kind,
      grantedClips,
      grantedMinutes: ofKind.reduce((n, g) => n + minutesOf(g), 0),
      remainingClips,
    };
  });
}
