/**
 * The referral (advis) state machine. A referral arrives as "new" in the
 * coordinators' inbox; the coordinator accepts it (which opens a course, in
 * the course stage), asks for more information, or rejects it with a reason
 * that goes back to the referrer's organisation. Nothing is ever deleted: a
 * referral ends accepted or rejected, and each step is kept with who and when.
 */
export const REFERRAL_STATUS = ["new", "info_requested", "accepted", "rejected"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUS)[number];

export const REFERRAL_ACTIONS = ["accept", "request_info", "reject", "info_received"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

const TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralAction, ReferralStatus>>> = {
  new: { accept: "accepted", request_info: "info_requested", reject: "rejected" },
  info_requested: { info_received: "new", accept: "accepted", reject: "rejected" },
  accepted: {},
  rejected: {},
};

export type TransitionResult = { ok: true; to: ReferralStatus } | { ok: false; reason: "not_allowed" | "message_required" };

/** A rejection and a request for information must say why/what: the referrer reads it. */
export function transition(from: ReferralStatus, action: ReferralAction, message: string | null | undefined): TransitionResult {
  const to = TRANSITIONS[from][action];
  if (!to) return { ok: false, reason: "not_allowed" };
  if ((action === "reject" || action === "request_info") && !message?.trim()) return { ok: false, reason: "message_required" };
  return { ok: true, to };
}

export function allowedActions(from: ReferralStatus): ReferralAction[] {
  return Object.keys(TRANSITIONS[from]) as ReferralAction[];
}

export function isOpen(status: ReferralStatus): boolean {
  return status === "new" || status === "info_requested";
}

/** Whole days a referral has waited, from its arrival to `now` (for "waiting more than N days"). */
export function daysWaiting(createdAt: Date, now: Date): number {
  return Math.floor((now.getTime() - createdAt.getTime()) / 86_400_000);
}
