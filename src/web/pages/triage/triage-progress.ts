/**
 * The triage meeting's default view (issue 17 point 4): the citizens still to discuss, grouped by
 * colour with the most urgent first, and the progress "12 af 31 drøftet". Pure, so it is unit tested
 * and the page only renders what it returns.
 */
import { RISK_COLOURS, type RiskColour } from "../../../domain/vocabulary/detection";
import type { TriageRow } from "../../../shared/api/detection";

/** The groups in the order the meeting takes them: red first, citizens with no colour yet last. */
export const TRIAGE_GROUPS = ["red", "yellow", "green", "none"] as const satisfies readonly (
  RiskColour | "none"
)[];
export type TriageGroupKey = (typeof TRIAGE_GROUPS)[number];

type Row = Pick<TriageRow, "colour" | "decision" | "colourBefore">;

/** A citizen is discussed at this meeting once the team has recorded a decision (the minutes' line). */
export function isDiscussed(row: Row): boolean {
  return row.decision !== null;
}

/**
 * The colour a row is grouped by: the colour from before this meeting when the server sends it, so
 * setting a colour at the meeting does not move the citizen to another group mid-discussion.
 */
export function groupOf(row: Row): TriageGroupKey {
  const colour = row.colourBefore !== undefined ? row.colourBefore : row.colour;
  return colour && (RISK_COLOURS as readonly string[]).includes(colour) ? colour : "none";
}

export interface TriageGroup<R> {
  key: TriageGroupKey;
  /** The rows shown in this group (only those to discuss, unless the discussed are shown too). */
  rows: R[];
  /** How many of the group's citizens are discussed, shown or not. */
  discussed: number;
  /** All the group's citizens, shown or not. */
  total: number;
}

export interface TriageView<R> {
  total: number;
  discussed: number;
  /** Non-empty groups only, in TRIAGE_GROUPS order; rows keep the server's order within a group. */
  groups: TriageGroup<R>[];
}

export function triageView<R extends Row>(rows: readonly R[], showDiscussed: boolean): TriageView<R> {
  const groups = TRIAGE_GROUPS.map((key): TriageGroup<R> => ({ key, rows: [], discussed: 0, total: 0 }));
  let discussed = 0;
  for (const row of rows) {
    const group = groups[TRIAGE_GROUPS.indexOf(groupOf(row))]!;
    const done = isDiscussed(row);
    group.total += 1;
    if (done) {
      group.discussed += 1;
      discussed += 1;
    }
    if (showDiscussed || !done) group.rows.push(row);
  }
  return { total: rows.length, discussed, groups: groups.filter((g) => g.rows.length > 0) };
}

/**
 * Where focus goes when a decided row leaves the list: the next row shown, else the one before, else
 * nothing (the page then focuses the progress line). Keeps keyboard and screen-reader users in place.
 */
export function neighbourOf<R>(view: TriageView<R>, id: (row: R) => string, leaving: string): string | null {
  const order = view.groups.flatMap((g) => g.rows.map(id));
  const at = order.indexOf(leaving);
  if (at === -1) return null;
  return order[at + 1] ?? order[at - 1] ?? null;
}
