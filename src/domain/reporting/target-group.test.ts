import { describe, expect, it } from "vitest";
import { type MembershipHistory, crossingsIn, isTargetGroupMember, memberBefore } from "./target-group.js";

const d = (day: string) => new Date(`${day}T00:00:00Z`);
const h = (registered: string, current: boolean, changes: [string, boolean][]): MembershipHistory => ({
  registeredAt: d(registered),
  current,
  changes: changes.map(([at, inTargetGroup]) => ({ at: d(at), inTargetGroup })),
});

describe("isTargetGroupMember", () => {
  it("needs home care and no exclusion", () => {
    expect(isTargetGroupMember({ inTargetGroup: true, homeCareSince: "2026-01-01" })).toBe(true);
    expect(isTargetGroupMember({ inTargetGroup: true, homeCareSince: null })).toBe(false);
    expect(isTargetGroupMember({ inTargetGroup: false, homeCareSince: "2026-01-01" })).toBe(false);
  });
});

describe("memberBefore (membership on a date)", () => {
  const history = h("2026-01-01", true, [
    ["2026-01-01", true],
    ["2026-03-01", false],
    ["2026-05-01", true],
  ]);
  it("is the state of the last change before the instant, not today's", () => {
    expect(memberBefore(history, d("2026-02-01"))).toBe(true);
    expect(memberBefore(history, d("2026-04-01"))).toBe(false);
    expect(memberBefore(history, d("2026-06-01"))).toBe(true);
  });
  it("excludes a change exactly at the instant (the period's end is exclusive)", () => {
    expect(memberBefore(history, d("2026-03-01"))).toBe(true);
    expect(memberBefore(history, d("2026-03-02"))).toBe(false);
  });
  it("is outside before the citizen was registered", () => {
    expect(memberBefore(history, d("2025-12-01"))).toBe(false);
    expect(memberBefore(h("2026-06-01", true, []), d("2026-05-01"))).toBe(false);
  });
  it("reads a citizen without history as their present state since registration", () => {
    expect(memberBefore(h("2026-01-01", true, []), d("2026-02-01"))).toBe(true);
    expect(memberBefore(h("2026-01-01", false, []), d("2026-02-01"))).toBe(false);
  });
  it("takes the state before the first row as the opposite of that row (legacy exclusions)", () => {
    const legacy = h("2026-01-01", false, [["2026-03-01", false]]);
    expect(memberBefore(legacy, d("2026-02-01"))).toBe(true);
    expect(memberBefore(legacy, d("2026-04-01"))).toBe(false);
  });
  it("orders changes by time whatever order they come in, and never puts registration after history", () => {
    const seeded = h("2026-09-01", false, [
      ["2026-05-01", false],
      ["2026-02-01", true],
    ]);
    expect(memberBefore(seeded, d("2026-03-01"))).toBe(true);
    expect(memberBefore(seeded, d("2026-06-01"))).toBe(false);
  });
});

describe("crossingsIn", () => {
  const from = d("2026-03-01");
  const to = d("2026-04-01");
  it("counts a citizen registered into the group in the period as entered", () => {
    expect(crossingsIn(h("2026-03-10", true, [["2026-03-10", true]]), from, to)).toEqual({
      entered: true,
      left: false,
    });
    expect(crossingsIn(h("2026-03-10", true, []), from, to)).toEqual({ entered: true, left: false });
  });
  it("does not count a citizen registered outside the group", () => {
    expect(crossingsIn(h("2026-03-10", false, []), from, to)).toEqual({ entered: false, left: false });
  });
  it("counts an exclusion in the period as left, once, however many rows repeat it", () => {
    const twice = h("2026-01-01", false, [
      ["2026-01-01", true],
      ["2026-03-05", false],
      ["2026-03-20", false],
    ]);
    expect(crossingsIn(twice, from, to)).toEqual({ entered: false, left: true });
  });
  it("does not count a second exclusion of a citizen already outside before the period", () => {
    const already = h("2026-01-01", false, [
      ["2026-01-01", true],
      ["2026-02-01", false],
      ["2026-03-05", false],
    ]);
    expect(crossingsIn(already, from, to)).toEqual({ entered: false, left: false });
  });
  it("counts both directions when a citizen leaves and comes back in the period", () => {
    const both = h("2026-01-01", true, [
      ["2026-01-01", true],
      ["2026-03-05", false],
      ["2026-03-20", true],
    ]);
    expect(crossingsIn(both, from, to)).toEqual({ entered: true, left: true });
  });
  it("takes from as inclusive and to as exclusive", () => {
    const atFrom = h("2026-01-01", false, [
      ["2026-01-01", true],
      ["2026-03-01", false],
    ]);
    expect(crossingsIn(atFrom, from, to).left).toBe(true);
    const atTo = h("2026-01-01", false, [
      ["2026-01-01", true],
      ["2026-04-01", false],
    ]);
    expect(crossingsIn(atTo, from, to).left).toBe(false);
  });
  it("ignores changes outside the period", () => {
    const outside = h("2026-01-01", true, [
      ["2026-01-01", true],
      ["2026-02-01", false],
      ["2026-02-15", true],
      ["2026-05-01", false],
    ]);
    expect(crossingsIn(outside, from, to)).toEqual({ entered: false, left: false });
  });
});
