/**
 * The arithmetic of evaluation (issue 6), pure so every figure a report prints can be unit-tested:
 * shares with their denominators, distributions (median, quartiles, max — Struer ranged 1–279
 * accompaniment clips per course), outcome pairs (baseline → 6 months) and small-number
 * suppression. The funnel is a cohort: funnel.ts.
 */

/** A share as a report prints it: the numerator, the denominator and the percentage (one decimal). */
export interface Share {
  count: number;
  of: number;
  /** null when the denominator is 0: "no one answered" is not 0 %. */
  percent: number | null;
}

export function share(count: number, of: number): Share {
  return { count, of, percent: of === 0 ? null : Math.round((count / of) * 1000) / 10 };
}

export interface Distribution {
  n: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  mean: number | null;
}

/** Quantile by linear interpolation between closest ranks (the "R-7" rule spreadsheets use). */
function quantile(sorted: number[], p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0)
    return { n: 0, min: null, q1: null, median: null, q3: null, max: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: round1(quantile(sorted, 0.25)),
    median: round1(quantile(sorted, 0.5)),
    q3: round1(quantile(sorted, 0.75)),
    max: sorted.at(-1)!,
    mean: round1(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

export interface OutcomePair {
  baseline: number;
  followUp: number;
  baselineLonely: boolean;
  followUpLonely: boolean;
}

export interface OutcomeSummary {
  pairs: number;
  meanBaseline: number | null;
  meanFollowUp: number | null;
  /** followUp − baseline; negative = less lonely on a scale where higher means lonelier (T-ILS). */
  meanChange: number | null;
  lonelyAtBaseline: number;
  /** Of those lonely at baseline, how many were not lonely at follow-up. */
  movedOutOfLoneliness: Share;
  /** True when there are fewer pairs than the threshold: the report says the numbers mean little. */
  tooFewToConclude: boolean;
}

export function summariseOutcomes(pairs: readonly OutcomePair[], minimumPairs: number): OutcomeSummary {
  const mean = (xs: number[]) =>
    xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
  const lonely = pairs.filter((p) => p.baselineLonely);
  return {
    pairs: pairs.length,
    meanBaseline: mean(pairs.map((p) => p.baseline)),
    meanFollowUp: mean(pairs.map((p) => p.followUp)),
    meanChange: mean(pairs.map((p) => p.followUp - p.baseline)),
    lonelyAtBaseline: lonely.length,
    movedOutOfLoneliness: share(lonely.filter((p) => !p.followUpLonely).length, lonely.length),
    tooFewToConclude: pairs.length < minimumPairs,
  };
}

/** A count that may be hidden: below the threshold (but above 0) it is suppressed, never rounded. */
export type Suppressible = { value: number; suppressed: false } | { value: null; suppressed: true };

/**
 * Small-number suppression (default threshold 5 citizens): counts 1 … threshold−1 are hidden so
 * a reader cannot single out a person; 0 is shown (no one is revealed by "none").
 */
export function suppress(count: number, threshold: number): Suppressible {
  return count > 0 && count < threshold
    ? { value: null, suppressed: true }
    : { value: count, suppressed: false };
}
