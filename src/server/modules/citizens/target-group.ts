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
import type { Ctx } from "../../platform/context.js";

export interface MembershipCause {
  /** Why the citizen was taken out, when the change is an exclusion. */
  exclusionReason?: ExclusionReason | undefined;
  note?: string | null | undefined;
  screeningId?: string | null | undefined;
}

/** Writes the history row for a change of membership; returns whether membership changed. */
export async function recordMembershipChange(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  before: MembershipFacts | null,
  after: MembershipFacts,
  cause: MembershipCause = {},
): Promise<boolean> {
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
  await tx.insert(targetGroupChanges).values({
    municipalityId: ctx.actor.municipalityId,
    citizenId,
    inTargetGroup: is,
    reason,
    note: cause.note ?? null,
    screeningId: cause.screeningId ?? null,
    changedBy: ctx.actor.userId,
  });
  return true;
}
