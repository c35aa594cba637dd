/**
 * API of the citizen's course (forløb): lifecycle, conversations, interventions, follow-up,
 * closing, caseload and timeline. The punch card's own requests are in `punch-card.ts`.
 */
import { z } from "zod";
import {
  CITIZEN_VIEWS,
  CLOSING_REASONS,
  CONVERSATION_KINDS,
  CONVERSATION_STATUSES,
  COURSE_STAGES,
  FOLLOW_UP_RESULTS,
  INTERVENTION_KINDS,
  LONELINESS_TYPES,
  SEVERITIES,
  TIMELINE_KINDS,
} from "../../domain/course/vocabulary.js";
import { LIMITS } from "../../domain/limits.js";
import { IdRef, isoDate, optionalText, requiredText, uuid } from "./common.js";
import { CardLine } from "./punch-card.js";

export const CourseStage = z.enum(COURSE_STAGES);
export type CourseStage = z.infer<typeof CourseStage>;
export const InterventionKind = z.enum(INTERVENTION_KINDS);
export const LonelinessType = z.enum(LONELINESS_TYPES);
export const FollowUpResult = z.enum(FOLLOW_UP_RESULTS);
export const ClosingReason = z.enum(CLOSING_REASONS);
export const Severity = z.literal(SEVERITIES);

const Version = z.int().min(1);
const EntryIdList = z
  .array(
    z
      .string()
      .max(64)
      .regex(/^[a-z0-9][a-z0-9_]*$/),
  )
  .max(60);

// ---- requests ----

export const MoveStageBody = z.strictObject({
  to: CourseStage,
  reason: optionalText(LIMITS.note),
  version: Version,
});
export type MoveStageBody = z.infer<typeof MoveStageBody>;

export const PauseBody = z.strictObject({ reason: optionalText(LIMITS.note), version: Version });
export type PauseBody = z.infer<typeof PauseBody>;

export const ReassignBody = z.strictObject({
  coordinatorUserId: uuid,
  reason: optionalText(LIMITS.note),
  version: Version,
});
export type ReassignBody = z.infer<typeof ReassignBody>;

export const ConversationKind = z.enum(CONVERSATION_KINDS);

export const BookConversationBody = z.strictObject({
  kind: ConversationKind,
  /** ISO date-time with offset, e.g. 2026-11-24T10:00:00+01:00. */
  scheduledAt: z.iso.datetime({ offset: true }),
});
export type BookConversationBody = z.infer<typeof BookConversationBody>;

export const Agreement = z.strictObject({
  who: requiredText(LIMITS.shortText),
  what: requiredText(LIMITS.shortText),
  due: isoDate.nullable().optional(),
});
export const Goal = z.strictObject({
  goal: requiredText(LIMITS.shortText),
  agreements: z.array(Agreement).max(10).default([]),
});
export type Goal = z.infer<typeof Goal>;

export const RecordConversationBody = z.strictObject({
  /** The booked visit this records; omitted for a conversation that was not booked in Broen. */
  conversationId: uuid.nullable().optional(),
  kind: ConversationKind,
  /** The guide (a stored definition id) the conversation followed. */
  guideId: uuid.nullable().optional(),
  heldAt: z.iso.datetime({ offset: true }).nullable().optional(),
  themeNotes: z.record(z.string().max(64), optionalText(LIMITS.note)).default({}),
  lonelinessType: LonelinessType.nullable().optional(),
  /**
   * The citizen's profile after this conversation. Left out, each carries over from the current
   * profile (the conversation recorded last): a conversation starts from what is known and edits it.
   */
  interests: EntryIdList.optional(),
  barriers: EntryIdList.optional(),
  wishes: optionalText(LIMITS.note),
  goals: z.array(Goal).max(10).default([]),
  /** FSIII Følelsesfunktioner; recorded as a new row of the condition's history. */
  condition: z
    .strictObject({ severity: Severity, citizenView: z.enum(CITIZEN_VIEWS).nullable().optional() })
    .nullable()
    .optional(),
});
export type RecordConversationBody = z.infer<typeof RecordConversationBody>;

export const CreateInterventionBody = z.strictObject({
  kind: InterventionKind,
  providerOrganisationId: uuid,
  description: optionalText(LIMITS.shortText),
  /**
   * The day the work started, when it is entered afterwards (seed 000: interventions "kan oprettes
   * bagudrettet"). Not after today, not before the course opened; today when left out.
   */
  startedOn: isoDate.optional(),
});
export type CreateInterventionBody = z.infer<typeof CreateInterventionBody>;

export const Closing = z.strictObject({
  reason: ClosingReason,
  /** Erfaringsopsamling: the citizen's own account of the course, in their words. */
  citizenAccount: requiredText(LIMITS.note),
  /** The summary note handed back to the citizen's home-care staff. */
  summary: requiredText(LIMITS.note),
});
export type Closing = z.infer<typeof Closing>;

export const CloseCourseBody = Closing.extend({ version: Version });
export type CloseCourseBody = z.infer<typeof CloseCourseBody>;

export const FollowUpBody = z.strictObject({
  result: FollowUpResult,
  stillParticipating: z.boolean().nullable().optional(),
  note: optionalText(LIMITS.note),
  nextFollowUpOn: isoDate.nullable().optional(),
  /** Required when result is E3 (afsluttes). */
  closing: Closing.nullable().optional(),
  version: Version,
});
export type FollowUpBody = z.infer<typeof FollowUpBody>;

export const CaseloadQuery = z.strictObject({
  /** Managers: another coordinator's caseload; "all" for every coordinator's open courses. */
  coordinator: z.union([uuid, z.literal("all")]).optional(),
});
export type CaseloadQuery = z.infer<typeof CaseloadQuery>;

export const TimelineQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(200) });

// ---- responses ----

export const CourseSummary = z.object({
  id: uuid,
  citizen: z.object({ id: uuid, name: z.string(), address: z.string() }),
  coordinator: IdRef,
  stage: CourseStage,
  paused: z.boolean(),
  daysInStage: z.number().int(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  nextClip: z.object({ date: z.string(), start: z.string().nullable(), kind: z.string() }).nullable(),
  clipsLeft: z.number().int(),
  cardWarning: z.boolean(),
  nextFollowUpOn: z.string().nullable(),
  followUpOverdue: z.boolean(),
});
export type CourseSummary = z.infer<typeof CourseSummary>;

export const CourseEvent = z.object({
  kind: z.string(),
  fromStage: CourseStage.nullable(),
  toStage: CourseStage.nullable(),
  reason: z.string().nullable(),
  fromUser: IdRef.nullable(),
  toUser: IdRef.nullable(),
  actor: IdRef,
  at: z.string(),
});

export const Conversation = z.object({
  id: uuid,
  kind: ConversationKind,
  status: z.enum(CONVERSATION_STATUSES),
  scheduledAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  guide: z.object({ id: uuid, key: z.string(), version: z.number().int(), title: z.string() }).nullable(),
  themeNotes: z.record(z.string(), z.string().nullable()),
  lonelinessType: LonelinessType.nullable(),
  interests: z.array(z.string()),
  barriers: z.array(z.string()),
  wishes: z.string().nullable(),
  goals: z.array(
    z.object({
      goal: z.string(),
      agreements: z.array(
        z.object({ who: z.string(), what: z.string(), due: z.string().nullable().optional() }),
      ),
    }),
  ),
  recordedBy: IdRef,
  createdAt: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

export const Intervention = z.object({
  id: uuid,
  kind: InterventionKind,
  provider: IdRef,
  description: z.string().nullable(),
  /** The Copenhagen day the work started (may be before createdAt, the day it was entered). */
  startedOn: isoDate,
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type Intervention = z.infer<typeof Intervention>;

export const ConditionAssessment = z.object({
  id: uuid,
  conditionCode: z.string(),
  severity: z.number().int(),
  citizenView: z.string().nullable(),
  assessedBy: IdRef,
  assessedAt: z.string(),
});

export const FollowUp = z.object({
  id: uuid,
  result: FollowUpResult,
  stillParticipating: z.boolean().nullable(),
  note: z.string().nullable(),
  nextFollowUpOn: z.string().nullable(),
  performedBy: IdRef,
  performedAt: z.string(),
});

export const CourseDetail = CourseSummary.extend({
  version: z.number().int(),
  referralId: uuid.nullable(),
  closingReason: ClosingReason.nullable(),
  citizenAccount: z.string().nullable(),
  allowedMoves: z.array(CourseStage),
  events: z.array(CourseEvent),
  conversations: z.array(Conversation),
  interventions: z.array(Intervention),
  conditionHistory: z.array(ConditionAssessment),
  followUps: z.array(FollowUp),
  card: z.array(CardLine),
  policy: z.object({ id: uuid, version: z.number().int(), description: z.string() }),
  /** The citizen's current profile: the held conversation recorded last (in any course); the next one starts from it. */
  profile: z
    .object({
      conversationId: uuid,
      interests: z.array(z.string()),
      barriers: z.array(z.string()),
      wishes: z.string().nullable(),
      recordedAt: z.string().nullable(),
    })
    .nullable(),
});
export type CourseDetail = z.infer<typeof CourseDetail>;

/** The citizen's courses, newest first: the open one (if any) and closed ones with their history. */
export const CitizenCourses = z.object({ open: CourseDetail.nullable(), closed: z.array(CourseSummary) });

/** One line of the citizen's timeline; `code` + `params` are translated by the web app. */
export const TimelineEntry = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  actor: IdRef.nullable(),
  courseId: uuid.nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const CaseloadCount = z.object({
  coordinator: IdRef,
  openCourses: z.number().int(),
  overdueFollowUps: z.number().int(),
});
export const Coordinators = z.array(CaseloadCount);

export const OpenCourseForCitizenBody = z.strictObject({
  coordinatorUserId: uuid.optional(),
  reason: requiredText(LIMITS.note),
});
