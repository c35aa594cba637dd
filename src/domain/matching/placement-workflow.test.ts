import { describe, expect, it } from "vitest";
import { allowedPlacementMoves, isActivePlacement, movePlacement } from "./placement-workflow.js";

describe("placement lifecycle", () => {
  it("moves forward one step at a time without a reason", () => {
    expect(movePlacement("suggested", "contacted")).toEqual({ ok: true, to: "contacted" });
    expect(movePlacement("contacted", "trial_visit")).toEqual({ ok: true, to: "trial_visit" });
    expect(movePlacement("trial_visit", "participating")).toEqual({ ok: true, to: "participating" });
  });

  it("lets a placement skip forward when the citizen turned up straight away", () => {
    expect(movePlacement("suggested", "participating")).toEqual({ ok: true, to: "participating" });
  });

  it("refuses going back: a second try is a new placement", () => {
    expect(movePlacement("trial_visit", "contacted")).toEqual({ ok: false, refusal: "not_allowed" });
    expect(movePlacement("participating", "suggested")).toEqual({ ok: false, refusal: "not_allowed" });
  });

  it("asks for a reason to stop, from any active step", () => {
    expect(movePlacement("contacted", "stopped")).toEqual({ ok: false, refusal: "reason_required" });
    expect(movePlacement("contacted", "stopped", "   ")).toEqual({ ok: false, refusal: "reason_required" });
    expect(movePlacement("suggested", "stopped", "Ønskede ikke")).toEqual({ ok: true, to: "stopped" });
    expect(movePlacement("participating", "stopped", "Kemien passede ikke")).toEqual({
      ok: true,
      to: "stopped",
    });
  });

  it("never moves a stopped placement again", () => {
    expect(movePlacement("stopped", "participating")).toEqual({ ok: false, refusal: "stopped" });
    expect(movePlacement("stopped", "stopped", "igen")).toEqual({ ok: false, refusal: "stopped" });
    expect(allowedPlacementMoves("stopped")).toEqual([]);
  });

  it("refuses a move to the status it already has", () => {
    expect(movePlacement("contacted", "contacted")).toEqual({ ok: false, refusal: "same_status" });
  });

  it("lists the later steps and stopping as the allowed moves", () => {
    expect(allowedPlacementMoves("suggested")).toEqual([
      "contacted",
      "trial_visit",
      "participating",
      "stopped",
    ]);
    expect(allowedPlacementMoves("trial_visit")).toEqual(["participating", "stopped"]);
    expect(allowedPlacementMoves("participating")).toEqual(["stopped"]);
  });

  it("counts every status but stopped as active", () => {
    expect(isActivePlacement("participating")).toBe(true);
    expect(isActivePlacement("stopped")).toBe(false);
  });
});
