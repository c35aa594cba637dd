/**
 * The referral (advis) state machine. A referral arrives as "new" in the
 * coordinators' inbox; the coordinator accepts it (which opens a course, in
 * the course stage), asks for more information, or rejects it with a reason
 * that goes back to the referrer's organisation. The referrer answers a
 * question with a reply, which puts the referral back among the new ones in
 * the inbox. Nothing is ever deleted: a referral ends accepted or rejected,
 * and each step is kept with who and when.
 */
import type { ReferralAction, ReferralStatus, ReferralStep } from "./vocabulary/referrals.js";

const TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralStep, ReferralStatus>>> = {
  new: { accept: "accepted", request_info: "info_requested", reject: "rejected" },
  // "info_received" is the coordinator noting an answer that came another way (phone);
  // "reply" is the referrer answering in Broen. Both put it back among the new ones.
  info_requested: { info_received: "new", reply: "new", accept: "accepted", reject: "rejected" },
  accepted: {},
  rejected: {},
};

export type TransitionResult =
  { ok: true; to: ReferralStatus } | { ok: false; reason: "not_allowed" | "message_required" };

/** A rejection and a request for information must say why/what (the referrer reads it); a reply must answer. */
export function transition(
  from: ReferralStatus,
  action: ReferralStep,
  message: string | null | undefined,
): TransitionResult {
  const to = TRANSITIONS[from][action];
  if (!to) return { ok: false, reason: "not_allowed" };
  if ((action === "reject" || action === "request_info" || action === "reply") && !message?.trim())
    return { ok: false, reason: "message_required" };
  return { ok: true, to };
}

/** The coordinators' decisions open from this status (the referrer's reply is not theirs to take). */
export function allowedActions(from: ReferralStatus): ReferralAction[] {
  return (Object.keys(TRANSITIONS[from]) as ReferralStep[]).filter((a): a is ReferralAction => a !== "reply");
}

/** Whether the referrer can answer now: only while the coordinators wait for information. */
export function canReply(from: ReferralStatus): boolean {
  return TRANSITIONS[from].reply !== undefined;
}

export function isOpen(status: ReferralStatus): boolean {
  return status === "new" || status === "info_requested";
}

/** Whole days a referral has waited, from its arrival to `now` (for "waiting more than N days"). */
export function daysWaiting(createdAt: Date, now: Date): number {
  return Math.floor((now.getTime() - createdAt.getTime()) / 86_400_000);
}
