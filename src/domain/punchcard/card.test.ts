import { describe, expect, it } from "vitest";
import { type CardClip, cardLines, cardLinesFromTotals, mayUseClip } from "./card.js";

const grant = (clips: number, minutesPerClip = 60) => ({
  kind: "accompaniment" as const,
  clips,
  minutesPerClip,
});
const clip = (status: CardClip["status"], actualMinutes: number | null = null): CardClip => ({
  kind: "accompaniment",
  status,
  plannedMinutes: 60,
  actualMinutes,
});
const line = (lines: ReturnType<typeof cardLines>) => lines.find((l) => l.kind === "accompaniment")!;

describe("the punch card's lines", () => {
  it("are the same from the clips' totals (the caseload counts in SQL) as from the clips", () => {
    const clips = [clip("done", 55), clip("done", 40), clip("planned"), clip("cancelled")];
    const totals = [
      { kind: "accompaniment" as const, plannedClips: 1, usedClips: 2, usedMinutes: 95, cancelledClips: 1 },
    ];
    expect(cardLinesFromTotals([grant(5)], totals, 2)).toEqual(cardLines([grant(5)], clips, 2));
  });

  it("shows 2 left of 3 granted accompaniment clips after one is used", () => {
    const l = line(cardLines([grant(3)], [clip("done", 55)], 1));
    expect(l).toMatchObject({
      grantedClips: 3,
      grantedMinutes: 180,
      usedClips: 1,
      usedMinutes: 55,
      plannedClips: 0,
      remainingClips: 2,
      warn: false,
    });
  });

  it("counts planned clips against what is left", () => {
    expect(line(cardLines([grant(3)], [clip("planned"), clip("done", 60)], 0)).remainingClips).toBe(1);
  });

  it("gives a cancelled clip back to the card", () => {
    const l = line(cardLines([grant(2)], [clip("cancelled")], 0));
    expect(l).toMatchObject({ remainingClips: 2, cancelledClips: 1 });
  });

  it("adds up several grants of a kind", () => {
    expect(line(cardLines([grant(2), grant(3, 30)], [], 0))).toMatchObject({
      grantedClips: 5,
      grantedMinutes: 210,
    });
  });

  it("warns when the remaining clips reach the policy's level, and not for kinds never granted", () => {
    const lines = cardLines([grant(2)], [clip("done", 60)], 1);
    expect(line(lines).warn).toBe(true);
    expect(lines.find((l) => l.kind === "conversation")!.warn).toBe(false);
  });

  it("never shows a negative remainder", () => {
    expect(line(cardLines([grant(1)], [clip("done", 60), clip("done", 60)], 0)).remainingClips).toBe(0);
  });
});

describe("using a clip", () => {
  it("refuses a kind the card does not have", () => {
    expect(mayUseClip(cardLines([grant(2)], [], 0), "conversation")).toEqual({
      ok: false,
      refusal: "kind_not_on_card",
    });
  });

  it("refuses when nothing is left, allows while something is", () => {
    expect(mayUseClip(cardLines([grant(1)], [clip("planned")], 0), "accompaniment")).toEqual({
      ok: false,
      refusal: "no_clips_left",
    });
    expect(mayUseClip(cardLines([grant(2)], [clip("planned")], 0), "accompaniment")).toEqual({ ok: true });
  });
});
