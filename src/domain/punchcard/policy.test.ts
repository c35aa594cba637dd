import { describe, expect, it } from "vitest";
import {
  type Grant,
  type PunchCardPolicy,
  allowanceBalance,
  evaluateGrant,
  mayGrantException,
  remainingByKind,
} from "./policy.js";

const start = "2026-01-05"; // a Monday
const grant = (kind: Grant["kind"], clips: number, minutesPerClip: number, grantedOn = start): Grant => ({
  kind,
  clips,
  minutesPerClip,
  grantedOn,
});

describe("punch-card frames from the seeds", () => {
  it("Struer: fully flexible — 279 accompaniment clips are fine", () => {
    const struer: PunchCardPolicy = {};
    expect(
      evaluateGrant(struer, start, [grant("accompaniment", 278, 60)], grant("accompaniment", 1, 60)),
    ).toEqual({ ok: true });
  });

  it("Favrskov: 10 clips per course — the tenth fits, the eleventh is refused with the rule named", () => {
    const favrskov: PunchCardPolicy = { totalPerCourse: { maxClips: 10, maxMinutes: 600 } };
    const nine = [grant("conversation", 2, 60), grant("accompaniment", 7, 60)];
    expect(evaluateGrant(favrskov, start, nine, grant("accompaniment", 1, 60))).toEqual({ ok: true });
    expect(
      evaluateGrant(favrskov, start, [...nine, grant("accompaniment", 1, 60)], grant("follow_up", 1, 60)),
    ).toEqual({
      ok: false,
      violations: [
        { rule: "total_clips", limit: 10, wouldBe: 11 },
        { rule: "total_minutes", limit: 600, wouldBe: 660 },
      ],
    });
  });

  it("Favrskov: 10 hours — longer clips run out of minutes before clips", () => {
    const favrskov: PunchCardPolicy = { totalPerCourse: { maxClips: 10, maxMinutes: 600 } };
    expect(
      evaluateGrant(favrskov, start, [grant("accompaniment", 4, 120)], grant("accompaniment", 1, 180)),
    ).toEqual({
      ok: false,
      violations: [{ rule: "total_minutes", limit: 600, wouldBe: 660 }],
    });
  });

  it("Holstebro: two conversation clips of 30 minutes — a third, or a longer one, is refused", () => {
    const holstebro: PunchCardPolicy = {
      perKind: { conversation: { maxClips: 2, minClipMinutes: 30, maxClipMinutes: 30 } },
    };
    expect(evaluateGrant(holstebro, start, [], grant("conversation", 2, 30))).toEqual({ ok: true });
    expect(
      evaluateGrant(holstebro, start, [grant("conversation", 2, 30)], grant("conversation", 1, 30)),
    ).toEqual({
      ok: false,
      violations: [{ rule: "kind_clips", kind: "conversation", limit: 2, wouldBe: 3 }],
    });
    expect(evaluateGrant(holstebro, start, [], grant("conversation", 1, 45))).toEqual({
      ok: false,
      violations: [{ rule: "clip_too_long", kind: "conversation", limit: 30, wouldBe: 45 }],
    });
  });

  it("Nyborg: accompaniment clips of 2–3 hours — the edges fit, outside them does not", () => {
    const nyborg: PunchCardPolicy = {
      perKind: { accompaniment: { minClipMinutes: 120, maxClipMinutes: 180 } },
    };
    expect(evaluateGrant(nyborg, start, [], grant("accompaniment", 1, 120))).toEqual({ ok: true });
    expect(evaluateGrant(nyborg, start, [], grant("accompaniment", 1, 180))).toEqual({ ok: true });
    expect(evaluateGrant(nyborg, start, [], grant("accompaniment", 1, 119))).toMatchObject({
      ok: false,
      violations: [{ rule: "clip_too_short", limit: 120 }],
    });
    expect(evaluateGrant(nyborg, start, [], grant("accompaniment", 1, 181))).toMatchObject({
      ok: false,
      violations: [{ rule: "clip_too_long", limit: 180 }],
    });
  });

  it("Roskilde: about three accompaniment clips — other kinds are not limited by that cap", () => {
    const roskilde: PunchCardPolicy = { perKind: { accompaniment: { maxClips: 3 } } };
    expect(
      evaluateGrant(roskilde, start, [grant("accompaniment", 3, 90)], grant("conversation", 5, 30)),
    ).toEqual({ ok: true });
    expect(
      evaluateGrant(roskilde, start, [grant("accompaniment", 3, 90)], grant("accompaniment", 1, 90)),
    ).toMatchObject({ ok: false, violations: [{ rule: "kind_clips", limit: 3, wouldBe: 4 }] });
  });

  it("Sønderborg: 45 minutes a week, saved up to a month's worth", () => {
    const soenderborg: PunchCardPolicy = { weeklyAllowance: { minutesPerWeek: 45, maxSavedMinutes: 180 } };
    // First week: 45 minutes available.
    expect(evaluateGrant(soenderborg, start, [], grant("accompaniment", 1, 45, "2026-01-07"))).toEqual({
      ok: true,
    });
    expect(evaluateGrant(soenderborg, start, [], grant("accompaniment", 1, 60, "2026-01-07"))).toEqual({
      ok: false,
      violations: [{ rule: "weekly_allowance", limit: 45, wouldBe: 60 }],
    });
    // Saved for four weeks: a half day (180 minutes) in week four.
    expect(evaluateGrant(soenderborg, start, [], grant("accompaniment", 1, 180, "2026-01-26"))).toEqual({
      ok: true,
    });
    // Never more than the saving limit, however long it waits.
    expect(allowanceBalance(soenderborg.weeklyAllowance!, start, [], "2026-06-01")).toBe(180);
    expect(evaluateGrant(soenderborg, start, [], grant("accompaniment", 1, 181, "2026-06-01"))).toMatchObject(
      { ok: false, violations: [{ rule: "weekly_allowance", limit: 180 }] },
    );
  });

  it("Sønderborg: what was spent is gone, and saving starts again", () => {
    const allowance = { minutesPerWeek: 45, maxSavedMinutes: 180 };
    const spent = [grant("accompaniment", 1, 180, "2026-01-26")];
    expect(allowanceBalance(allowance, start, spent, "2026-01-26")).toBe(0);
    expect(allowanceBalance(allowance, start, spent, "2026-02-02")).toBe(45);
  });

  it("counts only the kinds the allowance pays for", () => {
    const allowance = { minutesPerWeek: 45, maxSavedMinutes: 180, kinds: ["accompaniment" as const] };
    const policy: PunchCardPolicy = { weeklyAllowance: allowance };
    expect(evaluateGrant(policy, start, [], grant("conversation", 4, 60, "2026-01-07"))).toEqual({
      ok: true,
    });
    expect(
      allowanceBalance(allowance, start, [grant("conversation", 4, 60, "2026-01-07")], "2026-01-07"),
    ).toBe(45);
  });
});

describe("exceptions and what is left", () => {
  it("allows an exception only to the roles the policy names", () => {
    const policy: PunchCardPolicy = { totalPerCourse: { maxClips: 10 }, exceptionRoles: ["team_leader"] };
    expect(mayGrantException(policy, "team_leader")).toBe(true);
    expect(mayGrantException(policy, "community_coordinator")).toBe(false);
    expect(mayGrantException({}, "team_leader")).toBe(false);
  });

  it("shows the clips left per kind under the tighter of the kind cap and the course total", () => {
    const policy: PunchCardPolicy = {
      totalPerCourse: { maxClips: 10 },
      perKind: { accompaniment: { maxClips: 3 } },
    };
    const left = remainingByKind(policy, [grant("conversation", 6, 30), grant("accompaniment", 1, 60)]);
    expect(left.find((k) => k.kind === "accompaniment")).toEqual({
      kind: "accompaniment",
      grantedClips: 1,
      grantedMinutes: 60,
      remainingClips: 2,
    });
    expect(left.find((k) => k.kind === "follow_up")!.remainingClips).toBe(3);
    expect(remainingByKind({}, [grant("conversation", 6, 30)])[0]!.remainingClips).toBeNull();
  });
});
