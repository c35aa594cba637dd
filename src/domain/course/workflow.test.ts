import { describe, expect, it } from "vitest";
import {
  allowedMoves,
  mayRecordFollowUp,
  mayUseClips,
  moveCourse,
  moveNeedsReason,
  pauseCourse,
  resumeCourse,
  stageAfterFollowUp,
} from "./workflow.js";

const open = (stage: Parameters<typeof moveCourse>[0]["stage"], paused = false) => ({ stage, paused });

describe("course stages", () => {
  it("moves forward one stage without a reason", () => {
    expect(moveCourse(open("clarification"), "guidance")).toEqual({ ok: true, to: "guidance" });
    expect(moveCourse(open("guidance"), "trial")).toEqual({ ok: true, to: "trial" });
    expect(moveCourse(open("trial"), "follow_up")).toEqual({ ok: true, to: "follow_up" });
  });

  it("skips forward only with a reason (a citizen who already knows what to try)", () => {
    expect(moveCourse(open("clarification"), "trial")).toEqual({ ok: false, refusal: "reason_required" });
    expect(moveCourse(open("clarification"), "trial", "   ")).toEqual({
      ok: false,
      refusal: "reason_required",
    });
    expect(moveCourse(open("clarification"), "trial", "Vil gerne prøve strikkeklubben")).toEqual({
      ok: true,
      to: "trial",
    });
  });

  it("goes back from follow-up to clarification, guidance or trial with a reason (the circular model)", () => {
    for (const to of ["clarification", "guidance", "trial"] as const) {
      expect(moveCourse(open("follow_up"), to)).toEqual({ ok: false, refusal: "reason_required" });
      expect(moveCourse(open("follow_up"), to, "Ny afklaring")).toEqual({ ok: true, to });
    }
  });

  it("refuses going back from any stage but follow-up", () => {
    expect(moveCourse(open("trial"), "clarification", "fordi")).toEqual({
      ok: false,
      refusal: "not_allowed",
    });
    expect(moveCourse(open("guidance"), "clarification", "fordi")).toEqual({
      ok: false,
      refusal: "not_allowed",
    });
  });

  it("closes from any open stage, with a reason", () => {
    for (const from of ["clarification", "guidance", "trial", "follow_up"] as const) {
      expect(moveCourse(open(from), "closed")).toEqual({ ok: false, refusal: "reason_required" });
      expect(moveCourse(open(from), "closed", "goal_reached")).toEqual({ ok: true, to: "closed" });
    }
  });

  it("never moves a closed course, nor a paused one, nor to the stage it is in", () => {
    expect(moveCourse(open("closed"), "clarification", "igen")).toEqual({ ok: false, refusal: "closed" });
    expect(moveCourse(open("guidance", true), "trial")).toEqual({ ok: false, refusal: "paused" });
    expect(moveCourse(open("guidance"), "guidance")).toEqual({ ok: false, refusal: "same_stage" });
  });

  it("lists the allowed moves, none while paused or closed", () => {
    expect(allowedMoves(open("clarification"))).toEqual(["guidance", "trial", "follow_up", "closed"]);
    expect(allowedMoves(open("follow_up"))).toEqual(["clarification", "guidance", "trial", "closed"]);
    expect(allowedMoves(open("trial", true))).toEqual([]);
    expect(allowedMoves(open("closed"))).toEqual([]);
  });

  it("needs a reason exactly for skips, turns back and closing", () => {
    expect(moveNeedsReason("clarification", "guidance")).toBe(false);
    expect(moveNeedsReason("clarification", "follow_up")).toBe(true);
    expect(moveNeedsReason("follow_up", "trial")).toBe(true);
    expect(moveNeedsReason("trial", "closed")).toBe(true);
  });
});

describe("pause and resume", () => {
  it("pauses an open course and resumes a paused one", () => {
    expect(pauseCourse(open("trial"))).toEqual({ ok: true, paused: true });
    expect(resumeCourse(open("trial", true))).toEqual({ ok: true, paused: false });
  });

  it("refuses to pause twice, resume a running course, or touch a closed one", () => {
    expect(pauseCourse(open("trial", true))).toEqual({ ok: false, refusal: "already_paused" });
    expect(resumeCourse(open("trial"))).toEqual({ ok: false, refusal: "not_paused" });
    expect(pauseCourse(open("closed"))).toEqual({ ok: false, refusal: "closed" });
    expect(resumeCourse(open("closed"))).toEqual({ ok: false, refusal: "closed" });
  });
});

describe("follow-up", () => {
  it("maps FSIII results to the next stage: E1 trial, E2 guidance, E3 closed, E4 clarification", () => {
    expect(["E1", "E2", "E3", "E4"].map((r) => stageAfterFollowUp(r as "E1"))).toEqual([
      "trial",
      "guidance",
      "closed",
      "clarification",
    ]);
  });

  it("is recorded after clarification on a running course only", () => {
    expect(mayRecordFollowUp(open("clarification"))).toBe(false);
    expect(mayRecordFollowUp(open("guidance"))).toBe(true);
    expect(mayRecordFollowUp(open("follow_up"))).toBe(true);
    expect(mayRecordFollowUp(open("follow_up", true))).toBe(false);
    expect(mayRecordFollowUp(open("closed"))).toBe(false);
  });

  it("lets clips be used on open, running courses only", () => {
    expect(mayUseClips(open("clarification"))).toBe(true);
    expect(mayUseClips(open("trial", true))).toBe(false);
    expect(mayUseClips(open("closed"))).toBe(false);
  });
});
