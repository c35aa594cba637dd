/**
 * The words of the course (forløb) as closed sets, shared by the database schema, the API and
 * the web app. Seeds: 003 "Overblik over det typiske forløb" (the stages, circular), 000
 * INDSATS 1–6 (the interventions), 003 "Ledsagelse" (the four forms of accompaniment),
 * FSIII (follow-up results E1–E4).
 */
export { CLIP_KINDS, type ClipKind } from "../punchcard/policy.js";

/** Afklar → Vejled og motivér → Afprøv → Følg op → (afsluttet); opfølgning may go back to afklaring. */
export const COURSE_STAGES = ["clarification", "guidance", "trial", "follow_up", "closed"] as const;
export type CourseStage = (typeof COURSE_STAGES)[number];

export const INTERVENTION_KINDS = [
  "detection",
  "screening_conversation",
  "guidance_motivation",
  "accompaniment",
  "group_activity",
  "follow_up",
] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/** Til/fra; til/fra/under; inden afgang (help out of the door); mod og motivation (one-to-one). */
export const ACCOMPANIMENT_FORMS = ["to_from", "to_from_during", "before_departure", "courage_motivation"] as const;
export type AccompanimentForm = (typeof ACCOMPANIMENT_FORMS)[number];

export const LONELINESS_TYPES = ["social", "emotional", "both"] as const;
export type LonelinessType = (typeof LONELINESS_TYPES)[number];

/** What an activity's place offers; a barrier names the features it needs (matching). */
export const ACCESSIBILITY_FEATURES = ["step_free", "wheelchair_rollator", "accessible_toilet", "hearing_loop", "transport_offered"] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** FSIII "Opfølgning" results: E1 fortsættes, E2 ændres inden for rammen, E3 afsluttes, E4 revisitation. */
export const FOLLOW_UP_RESULTS = ["E1", "E2", "E3", "E4"] as const;
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];

export const CLOSING_REASONS = ["goal_reached", "citizen_declined", "no_suitable_offer", "health_worsened", "moved", "died", "other"] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/** FSIII "Funktionsevne skalering": 0 none … 4 total limitation, 9 not relevant. */
export const SEVERITIES = [0, 1, 2, 3, 4, 9] as const;
export type Severity = (typeof SEVERITIES)[number];
