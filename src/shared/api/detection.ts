import { z } from "zod";
import { CLIP_STATUSES } from "../../domain/course/vocabulary.js";
import { LIMITS } from "../../domain/limits.js";
import {
  COLOUR_SOURCES,
  CONSENTS,
  DUE_REASONS,
  EXCLUSION_REASONS,
  JOURNAL_NOTE_KINDS,
  RISK_COLOURS,
  TRIAGE_DECISIONS,
  TRIAGE_FILTERS,
} from "../../domain/vocabulary/detection.js";
import { IdRef, isoDate, optionalText, requiredText, uuid } from "./common.js";
import { AccompanimentForm, ClipKind } from "./punch-card.js";
import type { QuestionnaireDefinition } from "./questionnaires.js";

export const Consent = z.enum(CONSENTS);
export const ExclusionReason = z.enum(EXCLUSION_REASONS);
export const RiskColour = z.enum(RISK_COLOURS);
export const TriageDecision = z.enum(TRIAGE_DECISIONS);
export const JournalNoteKind = z.enum(JOURNAL_NOTE_KINDS);
const ClipStatus = z.enum(CLIP_STATUSES);

/** itemId → optionId (or true/false for a checklist item). */
export const ScreeningAnswers = z.record(z.string().max(64), z.union([z.string().max(64), z.boolean()]));

export const SubmitScreeningBody = z.strictObject({
  /** The exact definition version the worker filled in. */
  questionnaireId: uuid,
  /**
   * Every item answered — or none at all (omitted or {}) when the citizen is excluded before the
   * questions (dementia, terminal, moved, declines): such a form is filled and excluded, not answered.
   */
  answers: ScreeningAnswers.optional().describe("All items, or none when `exclusion` is given"),
  consent: Consent,
  consentNote: optionalText(LIMITS.note),
  exclusion: z
    .strictObject({ reason: ExclusionReason, note: optionalText(LIMITS.note) })
    .nullable()
    .optional(),
  /** What the worker observed, written on the journal as an observation tagged "ensomhed". */
  observation: optionalText(LIMITS.note),
  /** The opsporingsklip this conversation used; it is marked done with the screening. */
  detectionClipId: uuid.nullable().optional(),
  /**
   * When the worker filled the form, sent by a phone that kept it without a signal (issue 17): the
   * screening is dated then. At most 25 hours back; a time ahead of the server's (a phone clock
   * running fast) is taken as now.
   */
  filledAt: z.iso.datetime({ offset: true }).optional(),
});
export type SubmitScreeningBody = z.infer<typeof SubmitScreeningBody>;

export const ScreeningResult = z.object({
  id: uuid,
  citizenId: uuid,
  questionnaire: z.object({ id: uuid, key: z.string(), version: z.number().int(), title: z.string() }),
  /** Null for an exclusion recorded without answers. */
  scores: z.record(z.string(), z.number()).nullable(),
  outcome: z
    .object({ key: z.string(), label: z.string(), colour: z.string(), positive: z.boolean() })
    .nullable(),
  consent: Consent,
  exclusionReason: ExclusionReason.nullable(),
  performedBy: IdRef,
  performedAt: z.string(),
  referral: z.object({ id: uuid, receiptNumber: z.string() }).nullable(),
});
export type ScreeningResult = z.infer<typeof ScreeningResult>;

export const JournalNote = z.object({
  id: uuid,
  kind: JournalNoteKind,
  tags: z.array(z.string()),
  title: z.string(),
  body: z.string(),
  active: z.boolean(),
  author: IdRef,
  organisation: IdRef,
  createdAt: z.string(),
});
export type JournalNote = z.infer<typeof JournalNote>;

export const CreateJournalNoteBody = z.strictObject({
  kind: JournalNoteKind,
  title: requiredText(LIMITS.shortText),
  body: requiredText(LIMITS.note),
  tags: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  active: z.boolean().default(false),
});
export type CreateJournalNoteBody = z.infer<typeof CreateJournalNoteBody>;

export const UpdateJournalNoteBody = z.strictObject({ active: z.boolean() });

export const TargetGroupBody = z.strictObject({
  inTargetGroup: z.boolean(),
  reason: ExclusionReason.or(z.literal("included")),
  note: optionalText(LIMITS.note),
});

export const DetectionClip = z.object({
  id: uuid,
  citizen: z.object({ id: uuid, name: z.string(), address: z.string() }),
  worker: IdRef,
  plannedDate: isoDate,
  minutes: z.number().int(),
  status: ClipStatus,
  screeningId: uuid.nullable(),
});
export type DetectionClip = z.infer<typeof DetectionClip>;

export const GrantDetectionClipBody = z.strictObject({
  workerUserId: uuid,
  plannedDate: isoDate,
  minutes: z.number().int().min(5).max(180),
});

export const DetectionClipQuery = z.strictObject({
  workerUserId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: ClipStatus.optional(),
});

/** The largest "show more" of a due list: beyond it the team is better served by the district filter. */
export const DUE_LIST_LIMIT_MAX = 1000;

export const DueQuery = z.strictObject({
  districtId: uuid.optional(),
  referralWaitDays: z.coerce.number().int().min(0).max(365).optional(),
  /**
   * At most this many rows of each list, most overdue first ("Vis flere" asks for more; issue 17.4).
   * Without it every row, as before. The totals are in `totals` either way.
   */
  limit: z.coerce.number().int().min(1).max(DUE_LIST_LIMIT_MAX).optional(),
});
export type DueQuery = z.infer<typeof DueQuery>;

export const DueCitizen = z.object({
  citizen: z.object({
    id: uuid,
    name: z.string(),
    address: z.string(),
    district: IdRef.nullable(),
    provider: IdRef.nullable(),
  }),
  reason: z.enum(DUE_REASONS),
  lastScreenedOn: isoDate.nullable(),
  homeCareSince: isoDate.nullable(),
});

export const DueLists = z.object({
  settings: z.object({
    rescreenIntervalMonths: z.number().int(),
    referralWaitDays: z.number().int(),
    newInHomeCareDays: z.number().int(),
  }),
  /** How many each list holds in all (the lists themselves may be cut at `limit`). */
  totals: z.object({
    neverScreenedNew: z.number().int(),
    rescreenDue: z.number().int(),
    referralsWaiting: z.number().int(),
  }),
  neverScreenedNew: z.array(DueCitizen),
  rescreenDue: z.array(DueCitizen),
  referralsWaiting: z.array(
    z.object({
      id: uuid,
      receiptNumber: z.string(),
      citizenName: z.string().nullable(),
      daysWaiting: z.number().int(),
      status: z.string(),
    }),
  ),
});

export const DetectionSettings = z.object({
  rescreenIntervalMonths: z.number().int().min(1).max(36),
  referralWaitDays: z.number().int().min(1).max(90),
  newInHomeCareDays: z.number().int().min(1).max(365),
  /**
   * Hours a worker's phone keeps the day's tasks and unsent registrations (issue 17). At most a
   * day: a registration sent later than the server keeps its stored answer (idempotency_purge, at
   * least one day) could be saved twice.
   */
  offlineHours: z.number().int().min(1).max(24),
});
export const UpdateDetectionSettingsBody = DetectionSettings.partial().strict();

export const TriageQuery = z.strictObject({
  districtId: uuid.optional(),
  filter: z.enum(TRIAGE_FILTERS).default("all"),
});

export const TriageRow = z.object({
  citizen: z.object({ id: uuid, name: z.string(), address: z.string(), provider: IdRef.nullable() }),
  colour: RiskColour.nullable(),
  colourSource: z.enum(COLOUR_SOURCES).nullable(),
  colourDate: isoDate.nullable(),
  lastScreenedOn: isoDate.nullable(),
  decision: TriageDecision.nullable(),
  meetingColour: RiskColour.nullable(),
  /**
   * At a meeting only: the latest colour from before this meeting's own decisions (`colour` includes
   * them). The page groups the citizens to discuss by it, so a row stays in its group while the team
   * sets a colour.
   */
  colourBefore: RiskColour.nullable().optional(),
});
export type TriageRow = z.infer<typeof TriageRow>;

export const TriageMeeting = z.object({
  id: uuid,
  district: IdRef,
  heldOn: isoDate,
  rows: z.array(TriageRow),
});
export type TriageMeeting = z.infer<typeof TriageMeeting>;

export const OpenTriageMeetingBody = z.strictObject({ districtId: uuid, heldOn: isoDate });
export const TriageDecisionBody = z.strictObject({
  colour: RiskColour.nullable().optional(),
  decision: TriageDecision.nullable().optional(),
});

/**
 * One task on the worker's day. A citizen appears once in `MyDay.citizens` with all of them
 * (issue 11 point 10): punch-card clips planned today, opsporingsklip (overdue ones too), a
 * screening that is due, being the citizen's contact person.
 */
export const MyDayTask = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("clip"),
    clip: z.object({
      id: uuid,
      courseId: uuid,
      kind: ClipKind,
      accompanimentForm: AccompanimentForm.nullable(),
      status: ClipStatus,
      plannedStart: z.string().nullable(),
      plannedMinutes: z.number().int().nullable(),
    }),
  }),
  z.object({
    kind: z.literal("detection_clip"),
    clip: z.object({ id: uuid, plannedDate: isoDate, minutes: z.number().int(), overdue: z.boolean() }),
  }),
  z.object({
    kind: z.literal("screening_due"),
    reason: z.enum(DUE_REASONS).exclude(["never_screened"]),
    lastScreenedOn: isoDate.nullable(),
  }),
  z.object({ kind: z.literal("contact_person") }),
]);
export type MyDayTask = z.infer<typeof MyDayTask>;

export const MyDay = z.object({
  today: isoDate,
  citizens: z.array(
    z.object({
      citizen: z.object({ id: uuid, name: z.string(), address: z.string() }),
      tasks: z.array(MyDayTask),
    }),
  ),
});
export type MyDay = z.infer<typeof MyDay>;

export const StoredQuestionnaire = z.object({
  id: uuid,
  key: z.string(),
  version: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  // A response cannot be "encoded" through the input schema's trims and defaults, so it is described
  // loosely here; its shape is QuestionnaireDefinition (the body of POST /questionnaires).
  definition: z
    .record(z.string(), z.unknown())
    .describe("QuestionnaireDefinition, as in the body of POST /questionnaires"),
});
export type StoredQuestionnaire = Omit<z.infer<typeof StoredQuestionnaire>, "definition"> & {
  definition: QuestionnaireDefinition;
};

/**
 * What a worker's phone keeps for a day without a signal (issue 17, decision 0108): the day's
 * citizens and tasks exactly as "Mine borgere i dag" shows them (name, address, tasks — no CPR
 * number, no note), the screening instruments to fill the detection form with, and how long the
 * phone may keep it all.
 */
export const OfflineDay = z.object({
  day: MyDay,
  questionnaires: z.array(StoredQuestionnaire),
  /** The municipality's offlineHours: the app deletes the day and unsent registrations after this. */
  keepHours: z.number().int(),
  fetchedAt: z.string().describe("When the server answered (ISO 8601)"),
});
export type OfflineDay = Omit<z.infer<typeof OfflineDay>, "questionnaires"> & {
  questionnaires: StoredQuestionnaire[];
};
