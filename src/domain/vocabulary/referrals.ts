/**
 * The words of referrals (advis / henvisning) to the coordinators' unit: where a referral comes
 * from, how it arrived, its status and the steps that move it (referral-workflow.ts is the state
 * machine over these). Shared by the database schema, the API schemas, the server and the web app.
 */

export const REFERRAL_STATUSES = ["new", "info_requested", "accepted", "rejected"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The coordinators' inbox: the open ones (new and info requested), one status, or all. */
export const REFERRAL_INBOX_FILTERS = ["open", ...REFERRAL_STATUSES, "all"] as const;
export type ReferralInboxFilter = (typeof REFERRAL_INBOX_FILTERS)[number];

/** The coordinators' decisions. */
export const REFERRAL_ACTIONS = ["accept", "request_info", "reject", "info_received"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** A step in a referral's history: a coordinator's decision or the referrer's reply to "bed om flere oplysninger". */
export const REFERRAL_STEPS = [...REFERRAL_ACTIONS, "reply"] as const;
export type ReferralStep = (typeof REFERRAL_STEPS)[number];

/** Who referred: a detection form, home care, a GP, a relative, the citizen, other municipal staff. */
export const REFERRAL_SOURCES = [
  "screening",
  "home_care",
  "gp",
  "relative",
  "citizen",
  "municipal_staff",
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** Who may refer through the public web form. */
export const PUBLIC_REFERRER_ROLES = [
  "gp",
  "relative",
  "citizen",
  "municipal_staff",
] as const satisfies readonly ReferralSource[];
export type PublicReferrerRole = (typeof PUBLIC_REFERRER_ROLES)[number];

/** How a referral arrived. */
export const REFERRAL_CHANNELS = ["broen", "phone", "email", "web_form"] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNELS)[number];

/** The channels of a referral a coordinator registers by hand. */
export const EXTERNAL_REFERRAL_CHANNELS = ["phone", "email"] as const satisfies readonly ReferralChannel[];
export type ExternalReferralChannel = (typeof EXTERNAL_REFERRAL_CHANNELS)[number];
