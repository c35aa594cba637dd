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
export const ACCOMPANIMENT_FORMS = [
  "to_from",
  "to_from_during",
  "before_departure",
  "courage_motivation",
] as const;
export type AccompanimentForm = (typeof ACCOMPANIMENT_FORMS)[number];

export const LONELINESS_TYPES = ["social", "emotional", "both"] as const;
export type LonelinessType = (typeof LONELINESS_TYPES)[number];

/** What an activity's place offers; a barrier names the features it needs (matching). */
export const ACCESSIBILITY_FEATURES = [
  "step_free",
  "wheelchair_rollator",
  "accessible_toilet",
  "hearing_loop",
  "transport_offered",
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** FSIII "Opfølgning" results: E1 fortsættes, E2 ændres inden for rammen, E3 afsluttes, E4 revisitation. */
export const FOLLOW_UP_RESULTS = ["E1", "E2", "E3", "E4"] as const;
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];

export const CLOSING_REASONS = [
  "goal_reached",
  "citizen_declined",
  "no_suitable_offer",
  "health_worsened",
  "moved",
  "died",
  "other",
] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/** FSIII "Funktionsevne skalering": 0 none … 4 total limitation, 9 not relevant. */
export const SEVERITIES = [0, 1, 2, 3, 4, 9] as const;
export type Severity = (typeof SEVERITIES)[number];

/** FSIII "Betydning", the citizen's own view: D1 experiences no limitations, D2 experiences limitations. */
export const CITIZEN_VIEWS = ["D1", "D2"] as const;
export type CitizenView = (typeof CITIZEN_VIEWS)[number];

/** The course's configuration documents, versioned per municipality (shared/api/course-definitions.ts). */
export const DEFINITION_KINDS = [
  "conversation_guide",
  "barrier_catalogue",
  "interest_taxonomy",
  "punch_card_policy",
] as const;
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];

/** What happened to a course (course_events). */
export const COURSE_EVENT_KINDS = [
  "opened",
  "stage_changed",
  "paused",
  "resumed",
  "reassigned",
  "closed",
] as const;
export type CourseEventKind = (typeof COURSE_EVENT_KINDS)[number];

/** The conversations of the stages they belong to. */
export const CONVERSATION_KINDS = ["clarification", "guidance", "follow_up"] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const CONVERSATION_STATUSES = ["booked", "held", "cancelled"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** A clip — a punch-card clip or an opsporingsklip — is planned, then done or cancelled. */
export const CLIP_STATUSES = ["planned", "done", "cancelled"] as const;
export type ClipStatus = (typeof CLIP_STATUSES)[number];

/** What a registered clip was: performed, or cancelled by the citizen. */
export const CLIP_OUTCOMES = ["done", "citizen_cancelled"] as const;
export type ClipOutcome = (typeof CLIP_OUTCOMES)[number];

/** The kinds of line on the citizen's timeline (what each line is about). */
export const TIMELINE_KINDS = [
  "screening",
  "referral",
  "course",
  "conversation",
  "condition",
  "intervention",
  "grant",
  "clip",
  "follow_up",
  "note",
  "placement",
  "volunteer_referral",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
