/**
 * The one writer of the target-group history (issue 11, point 3). Every path that changes what
 * membership depends on — the citizen form's "i målgruppen" checkbox, an exclusion on a detection
 * form, taking a citizen back in, home care starting or ending (home care since set or cleared),
 * registering a citizen — calls this with the facts before and after, in the same transaction.
 * It writes exactly one row when membership changed and none when it did not (excluding a
 * citizen already outside is not a change), so the status report's entered/left can count rows
 * as crossings.
 */
import { type MembershipFacts, isTargetGroupMember } from "../../../domain/reporting/target-group.js";
import type { ExclusionReason } from "../../../domain/vocabulary/detection.js";
import type { DbOrTx } from "../../db/client.js";
import { targetGroupChanges } from "../../db/schema/index.js";
import type { AnonymousCaller } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";

export interface MembershipCause {
  /** Why the citizen was taken out, when the change is an exclusion. */
  exclusionReason?: ExclusionReason | undefined;
  note?: string | null | undefined;
  screeningId?: string | null | undefined;
}

/** One citizen's facts before and after a change, for recordMembershipChanges. */
export interface MembershipTransition {
  citizenId: string;
  before: MembershipFacts | null;
  after: MembershipFacts;
  cause?: MembershipCause;
}

/**
 * Writes the history row for a change of membership; returns whether membership changed. `ctx` is
 * a person's request, or Broen itself (a scheduled care-record import, issue 14: changed_by null).
 */
export async function recordMembershipChange(
  tx: DbOrTx,
  ctx: Ctx | AnonymousCaller,
  citizenId: string,
  before: MembershipFacts | null,
  after: MembershipFacts,
  cause: MembershipCause = {},
): Promise<boolean> {
  const [changed] = await recordMembershipChanges(tx, ctx, [{ citizenId, before, after, cause }]);
  return changed!;
}

/**
 * The same rule for many citizens at once, written in one insert (the care-record import registers
 * up to 130,000 citizens in one apply, issue 14); answers, per transition, whether membership changed.
 */
export async function recordMembershipChanges(
  tx: DbOrTx,
  ctx: Ctx | AnonymousCaller,
  transitions: readonly MembershipTransition[],
): Promise<boolean[]> {
  const rows: (typeof targetGroupChanges.$inferInsert)[] = [];
  const changed = transitions.map(({ citizenId, before, after, cause = {} }) => {
    const was = before ? isTargetGroupMember(before) : false;
    const is = isTargetGroupMember(after);
    if (was === is) return false;
    const homeCareChanged =
      (before?.homeCareSince ?? null) !== after.homeCareSince &&
      (before?.inTargetGroup ?? true) === after.inTargetGroup;
    const reason = is
      ? homeCareChanged
        ? "home_care_started"
        : "included"
      : homeCareChanged
        ? "home_care_ended"
        : (cause.exclusionReason ?? "other");
    rows.push({
      municipalityId: ctx.actor ? ctx.actor.municipalityId : ctx.municipalityId,
      citizenId,
      inTargetGroup: is,
      reason,
      note: cause.note ?? null,
      screeningId: cause.screeningId ?? null,
      changedBy: ctx.actor?.userId ?? null,
    });
    return true;
  });
  for (let i = 0; i < rows.length; i += 2000)
    await tx.insert(targetGroupChanges).values(rows.slice(i, i + 2000));
  return changed;
}
