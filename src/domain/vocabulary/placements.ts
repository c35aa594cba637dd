/**
 * The words of Afprøv beyond the catalog (issue 5): referrals to the volunteer centre and what
 * the citizen consents to share with it, and small communities of 2–5 citizens. A placement's
 * statuses are in matching/placement-workflow.ts with their moves.
 */

/**
 * What a citizen can agree to share with the volunteer centre, one by one. Nothing else ever
 * leaves: no CPR, no notes, no health data beyond what a chosen field itself says ("mobility").
 */
export const CONSENT_FIELDS = [
  "firstName",
  "lastName",
  "phone",
  "address",
  "ageGroup",
  "interests",
  "wishes",
  "availability",
  "mobility",
] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** What "mobility" may say: derived from the recorded barriers, only when the citizen agreed. */
export const MOBILITY_NEEDS = ["rollator_or_wheelchair", "cannot_leave_home"] as const;
export type MobilityNeed = (typeof MOBILITY_NEEDS)[number];

/**
 * "withdrawn": the citizen withdrew consent to sharing (GDPR art. 7(3), issue 13): the shared data
 * is gone, the volunteer centre sees only that the referral ended, and nothing more can be answered.
 */
export const VOLUNTEER_REFERRAL_STATUSES = [
  "sent",
  "matched",
  "no_match",
  "too_complex",
  "withdrawn",
] as const;
export type VolunteerReferralStatus = (typeof VOLUNTEER_REFERRAL_STATUSES)[number];

/** The volunteer centre's answers: every status but "sent". */
export const VOLUNTEER_REFERRAL_ANSWERS = [
  "matched",
  "no_match",
  "too_complex",
] as const satisfies readonly VolunteerReferralStatus[];
export type VolunteerReferralAnswer = (typeof VOLUNTEER_REFERRAL_ANSWERS)[number];

/** What a match is: an activity, a visiting friend or a phone friend. */
export const MATCH_KINDS = ["activity", "visiting_friend", "phone_friend"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const SMALL_COMMUNITY_STATUSES = ["proposed", "active", "ended"] as const;
export type SmallCommunityStatus = (typeof SMALL_COMMUNITY_STATUSES)[number];
