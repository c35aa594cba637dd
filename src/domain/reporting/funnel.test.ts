import { describe, expect, it } from "vitest";
import { cohortFunnel } from "./funnel.js";

const run = (steps: [string, string[]][]) =>
  cohortFunnel(steps.map(([key, ids]) => ({ key, reached: new Set(ids) }))).map((s) => ({
    key: s.key,
    citizens: [...s.citizens].sort(),
    dropOut: s.dropOut,
    percent: s.percentOfPrevious,
    enteredHere: [...s.enteredHere].sort(),
  }));

describe("cohortFunnel", () => {
  it("keeps each step a subset of the step before", () => {
    const f = run([
      ["noticed", ["a", "b", "c", "d"]],
      ["screened", ["a", "b", "c"]],
      ["lonely", ["a", "b"]],
    ]);
    expect(f.map((s) => s.citizens)).toEqual([
      ["a", "b", "c", "d"],
      ["a", "b", "c"],
      ["a", "b"],
    ]);
    expect(f.map((s) => s.dropOut)).toEqual([null, 1, 1]);
    expect(f.map((s) => s.percent)).toEqual([null, 75, 66.7]);
  });

  it("never lets a later step outgrow the one before: citizens who skip a step entered here (tried 3 → still taking part 31 cannot happen)", () => {
    const f = run([
      ["tried", ["a", "b", "c"]],
      ["stillTakingPart", ["a", ...Array.from({ length: 30 }, (_, i) => `x${i}`)]],
    ]);
    expect(f[1]!.citizens).toEqual(["a"]);
    expect(f[1]!.percent).toBe(33.3);
    expect(f[1]!.dropOut).toBe(2);
    expect(f[1]!.enteredHere).toHaveLength(30);
  });

  it("counts a phone referral without a form as entered at the referral, and a course without a referral as entered at the course", () => {
    const f = run([
      ["noticed", ["form", "phone"]],
      ["screened", ["form"]],
      ["referred", ["form", "phone"]],
      ["courseStarted", ["form", "phone", "direct"]],
    ]);
    expect(f[2]).toMatchObject({ citizens: ["form"], enteredHere: ["phone"] });
    expect(f[3]).toMatchObject({ citizens: ["form"], enteredHere: ["direct"] });
  });

  it("counts a citizen as entered once, at the first step where they entered", () => {
    const f = run([
      ["noticed", []],
      ["referred", ["p"]],
      ["courseStarted", ["p"]],
      ["tried", ["p"]],
    ]);
    expect(f.map((s) => s.enteredHere)).toEqual([[], ["p"], [], []]);
    expect(f.map((s) => s.citizens)).toEqual([[], [], [], []]);
  });

  it("counts someone who dropped out and came back by another route as entered at the later step", () => {
    const f = run([
      ["noticed", ["a"]],
      ["lonely", []],
      ["referred", ["a"]],
    ]);
    expect(f[2]).toMatchObject({ citizens: [], enteredHere: ["a"] });
  });

  it("gives no share after an empty step, and handles an empty funnel", () => {
    expect(
      run([
        ["noticed", []],
        ["screened", []],
      ])[1],
    ).toMatchObject({ percent: null, dropOut: 0 });
    expect(cohortFunnel([])).toEqual([]);
  });
});
