/**
 * Who is in the target group on a date, and who crossed its boundary in a period (issue 11,
 * point 3). The target group is the home-care citizens not excluded from it: a citizen is a
 * member while they receive home care (home care since a date) and nobody has taken them out
 * (dementia, terminal, moved, declines …). The history (`target_group_changes`) holds one row per
 * change of membership; these rules read it.
 *
 * Citizens recorded before the history was complete (or written straight into the database, as
 * seeds and test factories do) may have no row, or only rows that leave: the state before the
 * first row is then the opposite of what the first row records (a row is a change), and a citizen
 * without any row has had their present state since they were registered.
 */

/** The two facts membership depends on, as the register holds them. */
export interface MembershipFacts {
  /** The citizen form's "i målgruppen": false once excluded. */
  inTargetGroup: boolean;
  homeCareSince: string | null;
}

export function isTargetGroupMember(f: MembershipFacts): boolean {
  return f.inTargetGroup && f.homeCareSince !== null;
}

export interface MembershipChange {
  at: Date;
  inTargetGroup: boolean;
}

export interface MembershipHistory {
  /** When the citizen was registered. */
  registeredAt: Date;
  /** Membership now (isTargetGroupMember of the register's row). */
  current: boolean;
  /** The history rows, in any order. */
  changes: readonly MembershipChange[];
}

/** The states the citizen has had, in time order, starting with the state they were registered in. */
function timeline(h: MembershipHistory): MembershipChange[] {
  const changes = [...h.changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = changes[0];
  // Seeds may date history before the row was inserted: registration is never after the first change.
  const registeredAt = first && first.at < h.registeredAt ? first.at : h.registeredAt;
  const initial = first ? !first.inTargetGroup : h.current;
  return [{ at: registeredAt, inTargetGroup: initial }, ...changes];
}

/** Membership just before `instant` (a period's end is the start of the day after its last day). */
export function memberBefore(h: MembershipHistory, instant: Date): boolean {
  let state = false;
  for (const c of timeline(h)) {
    if (c.at >= instant) break;
    state = c.inTargetGroup;
  }
  return state;
}

export interface Crossings {
  /** Out → in at least once within [from, to). */
  entered: boolean;
  /** In → out at least once within [from, to). */
  left: boolean;
}

/**
 * Did the citizen cross the boundary within [from, to)? A row that records the state the citizen
 * already had (a second exclusion of a citizen already outside) is no crossing. Not being
 * registered yet counts as outside, so a citizen registered into the group in the period entered.
 */
export function crossingsIn(h: MembershipHistory, from: Date, to: Date): Crossings {
  let state = memberBefore(h, from);
  const result: Crossings = { entered: false, left: false };
  for (const c of timeline(h)) {
    if (c.at < from) continue;
    if (c.at >= to) break;
    if (c.inTargetGroup !== state) {
      if (c.inTargetGroup) result.entered = true;
      else result.left = true;
      state = c.inTargetGroup;
    }
  }
  return result;
}
