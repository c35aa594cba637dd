import { describe, expect, it } from "vitest";
import { distribution, share, summariseOutcomes, suppress } from "./statistics.js";

describe("share", () => {
  it("prints Holstebro's 42 of 205 as 20.5 % and 27 of 36 as 75 %", () => {
    expect(share(42, 205)).toEqual({ count: 42, of: 205, percent: 20.5 });
    expect(share(27, 36)).toEqual({ count: 27, of: 36, percent: 75 });
  });

  it("has no percentage when nobody is in the denominator", () => {
    expect(share(0, 0).percent).toBeNull();
  });
});

describe("distribution", () => {
  it("gives median, quartiles and max (Struer's 1–279 clips)", () => {
    expect(distribution([1, 3, 5, 8, 279])).toEqual({
      n: 5,
      min: 1,
      q1: 3,
      median: 5,
      q3: 8,
      max: 279,
      mean: 59.2,
    });
  });

  it("interpolates quartiles between ranks", () => {
    expect(distribution([1, 2, 3, 4])).toMatchObject({ q1: 1.8, median: 2.5, q3: 3.3 });
  });

  it("is empty, not zero, without data", () => {
    expect(distribution([])).toEqual({
      n: 0,
      min: null,
      q1: null,
      median: null,
      q3: null,
      max: null,
      mean: null,
    });
  });
});

describe("outcomes", () => {
  const pair = (baseline: number, followUp: number, threshold = 6) => ({
    baseline,
    followUp,
    baselineLonely: baseline >= threshold,
    followUpLonely: followUp >= threshold,
  });

  it("gives the mean change and the share who moved from lonely to not lonely, with the number of pairs", () => {
    const s = summariseOutcomes([pair(7, 5), pair(8, 7), pair(4, 4), pair(9, 5)], 3);
    expect(s).toMatchObject({
      pairs: 4,
      meanBaseline: 7,
      meanFollowUp: 5.25,
      meanChange: -1.75,
      lonelyAtBaseline: 3,
      tooFewToConclude: false,
    });
    expect(s.movedOutOfLoneliness).toEqual({ count: 2, of: 3, percent: 66.7 });
  });

  it("says when there are too few pairs to mean anything", () => {
    expect(summariseOutcomes([pair(7, 5)], 5).tooFewToConclude).toBe(true);
    expect(summariseOutcomes([], 5)).toMatchObject({ pairs: 0, meanChange: null, tooFewToConclude: true });
  });
});

describe("small-number suppression", () => {
  it("hides 1–4 with the default threshold 5, shows 0 and 5", () => {
    expect([0, 1, 4, 5, 12].map((n) => suppress(n, 5))).toEqual([
      { value: 0, suppressed: false },
      { value: null, suppressed: true },
      { value: null, suppressed: true },
      { value: 5, suppressed: false },
      { value: 12, suppressed: false },
    ]);
  });
});
