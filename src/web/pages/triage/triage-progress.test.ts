import { describe, expect, it } from "vitest";
import type { RiskColour, TriageDecision } from "../../../domain/vocabulary/detection";
import { groupOf, isDiscussed, neighbourOf, triageView } from "./triage-progress";

type R = {
  id: string;
  colour: RiskColour | null;
  decision: TriageDecision | null;
  colourBefore?: RiskColour | null;
};
const row = (
  id: string,
  colour: RiskColour | null,
  decision: TriageDecision | null = null,
  colourBefore?: RiskColour | null,
): R => ({
  id,
  colour,
  decision,
  ...(colourBefore !== undefined ? { colourBefore } : {}),
});
const ids = (rows: R[]) => rows.map((r) => r.id);

describe("the triage meeting's default view", () => {
  const rows = [
    row("a", "green"),
    row("b", "red", "refer"),
    row("c", null),
    row("d", "yellow"),
    row("e", "red"),
    row("f", "green", "no_action"),
  ];

  it("shows only the citizens still to discuss, red first and no colour last, in the server's order within a group", () => {
    const view = triageView(rows, false);
    expect(view.groups.map((g) => [g.key, ids(g.rows)])).toEqual([
      ["red", ["e"]],
      ["yellow", ["d"]],
      ["green", ["a"]],
      ["none", ["c"]],
    ]);
  });

  it("counts the progress over every citizen, shown or not", () => {
    const view = triageView(rows, false);
    expect([view.discussed, view.total]).toEqual([2, 6]);
    expect(view.groups.find((g) => g.key === "red")).toMatchObject({ discussed: 1, total: 2 });
  });

  it("shows the discussed too when asked, in their own colour group", () => {
    const view = triageView(rows, true);
    expect(view.groups.map((g) => [g.key, ids(g.rows)])).toEqual([
      ["red", ["b", "e"]],
      ["yellow", ["d"]],
      ["green", ["a", "f"]],
      ["none", ["c"]],
    ]);
    expect([view.discussed, view.total]).toEqual([2, 6]);
  });

  it("leaves out a group whose citizens are all discussed, and has no groups when everyone is", () => {
    expect(
      triageView([row("b", "red", "refer"), row("d", "yellow")], false).groups.map((g) => g.key),
    ).toEqual(["yellow"]);
    const done = triageView([row("b", "red", "refer")], false);
    expect(done.groups).toEqual([]);
    expect([done.discussed, done.total]).toEqual([1, 1]);
    expect(triageView([], false)).toEqual({ total: 0, discussed: 0, groups: [] });
  });

  it("groups by the colour from before the meeting, so setting a colour does not move the citizen", () => {
    expect(groupOf(row("x", "red", null, "green"))).toBe("green");
    expect(groupOf(row("x", "red", null, null))).toBe("none");
    expect(groupOf(row("x", "yellow"))).toBe("yellow"); // an older server without colourBefore
  });

  it("counts a citizen as discussed once a decision is recorded, not for a colour alone", () => {
    expect(isDiscussed(row("x", "red", "watch"))).toBe(true);
    expect(isDiscussed(row("x", "red", null))).toBe(false);
  });

  it("moves focus to the next citizen shown when one is decided, else the one before, else nowhere", () => {
    const view = triageView(rows, false); // e, d, a, c
    const id = (r: R) => r.id;
    expect(neighbourOf(view, id, "e")).toBe("d");
    expect(neighbourOf(view, id, "c")).toBe("a");
    expect(neighbourOf(view, id, "zz")).toBeNull();
    expect(neighbourOf(triageView([row("e", "red")], false), id, "e")).toBeNull();
  });
});
