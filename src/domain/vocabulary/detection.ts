/**
 * The words of detection (Opspor): a screening's consent and exclusion, the target group's
 * history, journal notes, the triage meeting's colours and decisions, the due lists. Shared by
 * the database schema, the API schemas (`z.enum(LIST)`), the server and the web app.
 */

/** Did the citizen agree to a referral (asked at the end of a detection form)? */
export const CONSENTS = ["yes", "no", "not_asked"] as const;
export type Consent = (typeof CONSENTS)[number];

/** A detection form, or an outcome questionnaire a course scheduled (baseline / follow-up; issue 6). */
export const SCREENING_PURPOSES = ["detection", "outcome"] as const;
export type ScreeningPurpose = (typeof SCREENING_PURPOSES)[number];

/** Why the worker found the citizen outside the target group. */
export const EXCLUSION_REASONS = ["dementia", "terminal", "declined", "moved", "other"] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Why a citizen's membership of the target group changed: an exclusion, taken back in, or home care starting or ending. */
export const TARGET_GROUP_REASONS = [
  ...EXCLUSION_REASONS,
  "included",
  "home_care_started",
  "home_care_ended",
] as const;
export type TargetGroupReason = (typeof TARGET_GROUP_REASONS)[number];

/** An observation tagged "ensomhed" from a visit, or a professional note (e.g. a refusal saved as active). */
export const JOURNAL_NOTE_KINDS = ["observation", "professional"] as const;
export type JournalNoteKind = (typeof JOURNAL_NOTE_KINDS)[number];

/** The triage colours (a questionnaire outcome may also be grey: domain/questionnaires). */
export const RISK_COLOURS = ["green", "yellow", "red"] as const;
export type RiskColour = (typeof RISK_COLOURS)[number];

/** Where a triage row's colour came from: the latest screening or an earlier meeting. */
export const COLOUR_SOURCES = ["screening", "triage"] as const;
export type ColourSource = (typeof COLOUR_SOURCES)[number];

export const TRIAGE_DECISIONS = ["screen", "refer", "watch", "no_action"] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

/** Which citizens a triage meeting goes through. */
export const TRIAGE_FILTERS = ["all", "yellow_red", "never_screened"] as const;
export type TriageFilter = (typeof TRIAGE_FILTERS)[number];

/** Why a citizen is due for screening (detection-due.ts). */
export const DUE_REASONS = ["never_screened_new", "never_screened", "rescreen_due"] as const;
export type DueReason = (typeof DUE_REASONS)[number];
