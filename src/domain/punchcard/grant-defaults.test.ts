import { describe, expect, it } from "vitest";
import { grantDefaults, onlyKind } from "./grant-defaults.js";
import type { Grant } from "./policy.js";

const grant = (g: Partial<Grant>): Grant => ({
  kind: "accompaniment",
  clips: 1,
  minutesPerClip: 60,
  grantedOn: "2026-01-05",
  ...g,
});

describe("what the grant form starts with", () => {
  it("offers every kind without defaults when the frame is fully flexible", () => {
    const d = grantDefaults({}, []);
    expect(d.map((k) => k.kind)).toEqual([
      "detection",
      "conversation",
      "accompaniment",
      "participation",
      "follow_up",
    ]);
    expect(d.every((k) => k.clips === null && k.minutesPerClip === null)).toBe(true);
    expect(onlyKind(d)).toBeNull();
  });

  it("splits a course total into clips of equal length (Favrskov: 10 clips = 10 hours)", () => {
    const d = grantDefaults({ totalPerCourse: { maxClips: 10, maxMinutes: 600 } }, [grant({ clips: 3 })]);
    expect(d.find((k) => k.kind === "accompaniment")).toEqual({
      kind: "accompaniment",
      clips: 7,
      minutesPerClip: 60,
    });
  });

  it("uses the kind's clip length and cap, and preselects the only allowed kind (Holstebro)", () => {
    const policy = {
      perKind: {
        detection: { maxClips: 0 },
        conversation: { maxClips: 2, minClipMinutes: 30, maxClipMinutes: 30 },
        accompaniment: { maxClips: 0 },
        participation: { maxClips: 0 },
        follow_up: { maxClips: 0 },
      },
    };
    const d = grantDefaults(policy, []);
    expect(d).toEqual([{ kind: "conversation", clips: 2, minutesPerClip: 30 }]);
    expect(onlyKind(d)).toBe("conversation");
  });

  it("suggests no number of clips when the card is used up", () => {
    const d = grantDefaults({ perKind: { conversation: { maxClips: 2, maxClipMinutes: 30 } } }, [
      grant({ kind: "conversation", clips: 2, minutesPerClip: 30 }),
    ]);
    expect(d.find((k) => k.kind === "conversation")).toEqual({
      kind: "conversation",
      clips: null,
      minutesPerClip: 30,
    });
  });

  it("uses the frame's usual values, never more clips than are left (the shipped frame)", () => {
    const policy = {
      totalPerCourse: { maxClips: 12 },
      perKind: {
        conversation: { maxClips: 2, minClipMinutes: 15, maxClipMinutes: 60, defaultClipMinutes: 30 },
        accompaniment: { maxClips: 10, minClipMinutes: 30, maxClipMinutes: 180, defaultClips: 3 },
      },
    };
    const d = grantDefaults(policy, []);
    expect(d.find((k) => k.kind === "conversation")).toEqual({
      kind: "conversation",
      clips: 2,
      minutesPerClip: 30,
    });
    // A range without a usual length suggests no length.
    expect(d.find((k) => k.kind === "accompaniment")).toEqual({
      kind: "accompaniment",
      clips: 3,
      minutesPerClip: null,
    });
    const later = grantDefaults(policy, [grant({ clips: 8, minutesPerClip: 60 })]);
    expect(later.find((k) => k.kind === "accompaniment")?.clips).toBe(2);
  });

  it("bounds the clips by the minutes left of the course total", () => {
    const d = grantDefaults(
      {
        totalPerCourse: { maxClips: 10, maxMinutes: 300 },
        perKind: { accompaniment: { maxClipMinutes: 60 } },
      },
      [grant({ clips: 1, minutesPerClip: 120 })],
    );
    expect(d.find((k) => k.kind === "accompaniment")).toMatchObject({ clips: 3, minutesPerClip: 60 });
  });
});
