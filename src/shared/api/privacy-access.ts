/**
 * The right of access (GDPR art. 15): everything Broen holds about one citizen, as one document.
 *
 * The answer of `GET /api/citizens/:id/access-export` and the file an administrator hands to the
 * citizen. It is presented, never database rows: values the citizen can read (words, not codes, in
 * the caller's language), instants in Copenhagen time, staff named by name and role (never a user
 * id), and nothing of any other citizen. Field names are stable English, so a program can read it.
 */
import { z } from "zod";
import { uuid } from "./common.js";
import type { Assert, Same } from "./type-check.js";

/** An instant in Copenhagen time with its offset (ISO 8601), e.g. 2026-03-04T14:05:09+01:00. */
const At = z.string().describe("An instant, Copenhagen time with offset (ISO 8601)");
/** A calendar day, YYYY-MM-DD. */
const Day = z.string().describe("A calendar day, YYYY-MM-DD");
/** A word or phrase the citizen reads (the caller's language). */
const Label = z.string().describe("A value in words");

/** A member of staff: their name and role in words. Null where no one is recorded (the public form). */
export const ExportStaff = z.object({ name: z.string(), role: Label }).describe("A member of staff");
export type ExportStaff = z.infer<typeof ExportStaff>;
const Staff = ExportStaff.nullable();

/** One named value, e.g. a corrected field and its former value, or a shared field. */
export const LabelledValue = z.object({ label: Label, value: z.string() });
export type LabelledValue = z.infer<typeof LabelledValue>;

export const ExportCitizen = z.object({
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** In full: the citizen's own number (only this export shows it unmasked without a logged reveal). */
  cpr: z.string(),
  birthDate: Day,
  address: z.object({ line: z.string(), postalCode: z.string(), city: z.string() }),
  phone: z.string().nullable(),
  homeCareProvider: z.string().nullable(),
  district: z.string().nullable(),
  homeCareSince: Day.nullable(),
  inTargetGroup: z.boolean(),
  /** Whether the home address is placed on a map (used for distances in matching); not the coordinates. */
  addressGeocoded: z.boolean(),
  restricted: z.boolean(),
  createdAt: At,
  updatedAt: At,
});
export type ExportCitizen = z.infer<typeof ExportCitizen>;

export const ExportCorrection = z.object({
  at: At,
  by: Staff,
  reason: z.string().nullable(),
  /** Each field the correction changed: the value before and the value it wrote. */
  changes: z.array(z.object({ field: Label, from: z.string(), to: z.string() })),
});
export type ExportCorrection = z.infer<typeof ExportCorrection>;

export const ExportRestriction = z.object({
  restrictedAt: At,
  restrictedBy: Staff,
  reason: z.string(),
  liftedAt: At.nullable(),
  liftedBy: Staff,
  liftReason: z.string().nullable(),
});
export type ExportRestriction = z.infer<typeof ExportRestriction>;

export const ExportContact = z.object({
  kind: Label,
  name: z.string(),
  relation: z.string().nullable(),
  phone: z.string().nullable(),
  organisation: z.string().nullable(),
  primary: z.boolean(),
  createdAt: At,
});
export type ExportContact = z.infer<typeof ExportContact>;

export const ExportTargetGroupChange = z.object({
  at: At,
  inTargetGroup: z.boolean(),
  reason: Label,
  note: z.string().nullable(),
  by: Staff,
});
export type ExportTargetGroupChange = z.infer<typeof ExportTargetGroupChange>;

export const ExportScreening = z.object({
  id: uuid,
  at: At,
  purpose: Label,
  questionnaire: z.string(),
  questionnaireVersion: z.number().int(),
  performedBy: Staff,
  organisation: z.string(),
  consent: Label,
  exclusionReason: Label.nullable(),
  outcome: Label.nullable(),
  colour: Label.nullable(),
  positive: z.boolean(),
  /** Each question as it was worded in that version, with the answer given. */
  answers: z.array(z.object({ question: z.string(), answer: z.string() })),
  scores: z.array(LabelledValue),
});
export type ExportScreening = z.infer<typeof ExportScreening>;

export const ExportJournalNote = z.object({
  at: At,
  kind: Label,
  tags: z.array(z.string()),
  title: z.string(),
  body: z.string(),
  active: z.boolean(),
  author: Staff,
  organisation: z.string(),
});
export type ExportJournalNote = z.infer<typeof ExportJournalNote>;

export const ExportTriageDecision = z.object({
  meetingOn: Day,
  district: z.string(),
  colour: Label.nullable(),
  decision: Label.nullable(),
  decidedBy: Staff,
  at: At,
});
export type ExportTriageDecision = z.infer<typeof ExportTriageDecision>;

export const ExportDetectionClip = z.object({
  plannedOn: Day,
  minutes: z.number().int(),
  status: Label,
  worker: Staff,
  grantedBy: Staff,
  createdAt: At,
  doneAt: At.nullable(),
});
export type ExportDetectionClip = z.infer<typeof ExportDetectionClip>;

export const ExportReferral = z.object({
  receiptNumber: z.string(),
  createdAt: At,
  source: Label,
  channel: Label,
  to: z.string(),
  from: z.string().nullable(),
  /** Where the data came from when not from the citizen (art. 15(1)(g)): the referrer's name. */
  referrerName: z.string().nullable(),
  /** What a referral from outside said about the person before it was linked to the register. */
  subject: z.object({
    name: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    cpr: z.string().nullable(),
  }),
  reason: z.string(),
  status: Label,
  createdBy: Staff,
  events: z.array(
    z.object({
      at: At,
      from: Label.nullable(),
      to: Label,
      step: Label.nullable(),
      message: z.string().nullable(),
      by: Staff,
    }),
  ),
});
export type ExportReferral = z.infer<typeof ExportReferral>;

export const ExportCourse = z.object({
  id: uuid,
  openedAt: At,
  closedAt: At.nullable(),
  stage: Label,
  coordinator: Staff,
  pausedAt: At.nullable(),
  nextFollowUpOn: Day.nullable(),
  closingReason: Label.nullable(),
  /** The citizen's own account of the course, asked for at closing. */
  citizenAccount: z.string().nullable(),
  referralReceipt: z.string().nullable(),
  matchingProfile: z.array(LabelledValue),
  events: z.array(
    z.object({
      at: At,
      kind: Label,
      fromStage: Label.nullable(),
      toStage: Label.nullable(),
      reason: z.string().nullable(),
      fromCoordinator: Staff,
      toCoordinator: Staff,
      by: Staff,
    }),
  ),
});
export type ExportCourse = z.infer<typeof ExportCourse>;

/** Rows that belong to one course name it by `courseId` (the `id` of an entry of `courses`). */
const courseRef = { courseId: uuid };

export const ExportConversation = z.object({
  ...courseRef,
  kind: Label,
  status: Label,
  scheduledAt: At.nullable(),
  heldAt: At.nullable(),
  guide: z.string().nullable(),
  notes: z.array(z.object({ theme: z.string(), note: z.string() })),
  lonelinessType: Label.nullable(),
  interests: z.array(z.string()),
  barriers: z.array(z.string()),
  wishes: z.string().nullable(),
  goals: z.array(
    z.object({
      goal: z.string(),
      agreements: z.array(z.object({ who: z.string(), what: z.string(), due: Day.nullable() })),
    }),
  ),
  recordedBy: Staff,
  recordedAt: At.nullable(),
});
export type ExportConversation = z.infer<typeof ExportConversation>;

export const ExportConditionAssessment = z.object({
  courseId: uuid.nullable(),
  condition: Label,
  severity: Label,
  citizenView: Label.nullable(),
  assessedBy: Staff,
  at: At,
});
export type ExportConditionAssessment = z.infer<typeof ExportConditionAssessment>;

export const ExportIntervention = z.object({
  ...courseRef,
  kind: Label,
  provider: z.string(),
  description: z.string().nullable(),
  startedOn: Day,
  endedAt: At.nullable(),
  createdBy: Staff,
  createdAt: At,
});
export type ExportIntervention = z.infer<typeof ExportIntervention>;

export const ExportGrant = z.object({
  ...courseRef,
  kind: Label,
  clips: z.number().int(),
  minutesPerClip: z.number().int(),
  grantedOn: Day,
  grantedBy: Staff,
  exception: z.boolean(),
  exceptionReason: z.string().nullable(),
  /** The rules of the municipality's frame a grant beyond it broke. */
  rulesBroken: z.array(z.string()),
});
export type ExportGrant = z.infer<typeof ExportGrant>;

export const ExportClip = z.object({
  ...courseRef,
  kind: Label,
  accompanimentForm: Label.nullable(),
  status: Label,
  provider: z.string(),
  plannedOn: Day.nullable(),
  plannedStart: z.string().nullable(),
  plannedMinutes: z.number().int().nullable(),
  worker: Staff,
  plannedBy: Staff,
  performedOn: Day.nullable(),
  actualMinutes: z.number().int().nullable(),
  note: z.string().nullable(),
  cancelledByCitizen: z.boolean(),
  cancelReason: z.string().nullable(),
  exception: z.boolean(),
  exceptionReason: z.string().nullable(),
  rulesBroken: z.array(z.string()),
  registeredBy: Staff,
  registeredAt: At.nullable(),
});
export type ExportClip = z.infer<typeof ExportClip>;

export const ExportFollowUp = z.object({
  ...courseRef,
  result: Label,
  stillParticipating: z.boolean().nullable(),
  note: z.string().nullable(),
  nextFollowUpOn: Day.nullable(),
  performedBy: Staff,
  at: At,
});
export type ExportFollowUp = z.infer<typeof ExportFollowUp>;

export const ExportPlacement = z.object({
  ...courseRef,
  activity: z.string(),
  organisation: z.string(),
  status: Label,
  stopReason: z.string().nullable(),
  /** Why the matching suggested it. */
  reasons: z.array(Label),
  createdBy: Staff,
  createdAt: At,
  events: z.array(
    z.object({ at: At, from: Label.nullable(), to: Label, reason: z.string().nullable(), by: Staff }),
  ),
});
export type ExportPlacement = z.infer<typeof ExportPlacement>;

export const ExportVolunteerReferral = z.object({
  ...courseRef,
  to: z.string(),
  createdAt: At,
  createdBy: Staff,
  /** The fields the citizen consented to share. */
  consentFields: z.array(Label),
  /** Exactly what the volunteer centre was given (empty once consent was withdrawn). */
  shared: z.array(LabelledValue),
  status: Label,
  matchKind: Label.nullable(),
  matchedActivity: z.string().nullable(),
  answer: z.string().nullable(),
  answeredBy: Staff,
  answeredAt: At.nullable(),
  matchedAt: At.nullable(),
  matchEndedAt: At.nullable(),
  consentWithdrawnAt: At.nullable(),
  consentWithdrawnBy: Staff,
});
export type ExportVolunteerReferral = z.infer<typeof ExportVolunteerReferral>;

export const ExportSmallCommunity = z.object({
  ...courseRef,
  name: z.string(),
  status: Label,
  meetingPlace: z.string().nullable(),
  host: Staff,
  joinedAt: At,
  leftAt: At.nullable(),
  endedAt: At.nullable(),
  /** How many other citizens took part — never who (their data is theirs). */
  otherMembers: z.number().int(),
  /** The meetings held while the citizen was a member (the notes are the group's and stay out). */
  meetings: z.array(z.object({ heldOn: Day, place: z.string().nullable() })),
});
export type ExportSmallCommunity = z.infer<typeof ExportSmallCommunity>;

export const ExportOutcomeMeasurement = z.object({
  ...courseRef,
  phase: Label,
  questionnaire: z.string(),
  dueOn: Day,
  answeredAt: At.nullable(),
  outOfWindow: z.boolean(),
  /** The answers: the entry of `screenings` with this id. */
  screeningId: uuid.nullable(),
});
export type ExportOutcomeMeasurement = z.infer<typeof ExportOutcomeMeasurement>;

/**
 * A row of an import of the home-care population from the care record (issue 14) that names the
 * citizen and waits for an administrator to apply or discard it (the rows are cleared then): what
 * the care record said about them and what applying would change in the register.
 */
export const ExportCareRecordImport = z.object({
  at: At,
  source: Label,
  /** Who uploaded the file; null for a scheduled pull from the care record's server. */
  by: Staff,
  outcome: Label,
  /** What the row of the source said about the citizen. */
  record: z.array(LabelledValue),
  /** What applying the row would change in the register. */
  changes: z.array(z.object({ field: Label, from: z.string(), to: z.string() })),
  /** Why the row cannot be applied, and the value it concerns. */
  reason: Label.nullable(),
  field: Label.nullable(),
});
export type ExportCareRecordImport = z.infer<typeof ExportCareRecordImport>;

/**
 * The sending of the citizen's punch-card work (CareDeliveryReport) to the care record (issue 14):
 * a disclosure to a recipient (art. 15(1)(c)).
 */
export const ExportCareRecordDelivery = z.object({
  recipient: Label,
  status: Label,
  queuedAt: At,
  /** When it was last received by the care record. */
  sentAt: At.nullable(),
  attempts: z.number().int(),
  updatedAt: At,
});
export type ExportCareRecordDelivery = z.infer<typeof ExportCareRecordDelivery>;

/**
 * A message Broen sent, or is to send, to the citizen or their relative by SMS or e-mail (issue 16):
 * to whom, what it said, and whether it went out.
 */
export const ExportOutboxMessage = z.object({
  kind: Label,
  channel: Label,
  /** The citizen or their relative. */
  recipient: Label,
  /** The phone number or e-mail address it went to. */
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  status: Label,
  queuedAt: At,
  sentAt: At.nullable(),
  attempts: z.number().int(),
});
export type ExportOutboxMessage = z.infer<typeof ExportOutboxMessage>;

/** One recording of the citizen's consent to be reached by SMS or e-mail (issue 16); the newest is in force. */
export const ExportMessagingConsent = z.object({
  consent: z.boolean(),
  /** SMS, e-mail or letters only; null = none chosen. */
  channel: Label.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  reminders: z.boolean(),
  /** The relative who gets a copy of reminders (one of the citizen's contacts). */
  relative: z.string().nullable(),
  relativeChannel: Label.nullable(),
  relativePhone: z.string().nullable(),
  relativeEmail: z.string().nullable(),
  language: Label,
  recordedAt: At,
  recordedBy: Staff,
});
export type ExportMessagingConsent = z.infer<typeof ExportMessagingConsent>;

export const ExportAuditEntry = z.object({
  at: At,
  /** Null for someone without a login (the public referral form). */
  by: Staff,
  action: Label,
  what: Label,
  /** What was looked for or changed, in words (search terms and IP addresses are left out). */
  details: z.array(LabelledValue),
});
export type ExportAuditEntry = z.infer<typeof ExportAuditEntry>;

/** The categories of the document, in its order (the web page's headings follow it). */
export const ACCESS_EXPORT_CATEGORIES = [
  "citizen",
  "corrections",
  "restrictions",
  "contacts",
  "targetGroupChanges",
  "screenings",
  "journalNotes",
  "triageDecisions",
  "detectionClips",
  "referrals",
  "courses",
  "conversations",
  "conditionAssessments",
  "interventions",
  "grants",
  "clips",
  "followUps",
  "placements",
  "volunteerReferrals",
  "smallCommunities",
  "outcomeMeasurements",
  "careRecordImports",
  "careRecordDeliveries",
  "outboxMessages",
  "messagingConsents",
  "auditTrail",
] as const;
export type AccessExportCategory = (typeof ACCESS_EXPORT_CATEGORIES)[number];

export const AccessExport = z
  .object({
    format: z.literal("broen-access-export"),
    version: z.literal(1),
    producedAt: At,
    producedBy: ExportStaff,
    municipality: z.string(),
    citizen: ExportCitizen,
    corrections: z.array(ExportCorrection),
    restrictions: z.array(ExportRestriction),
    contacts: z.array(ExportContact),
    targetGroupChanges: z.array(ExportTargetGroupChange),
    screenings: z.array(ExportScreening),
    journalNotes: z.array(ExportJournalNote),
    triageDecisions: z.array(ExportTriageDecision),
    detectionClips: z.array(ExportDetectionClip),
    referrals: z.array(ExportReferral),
    courses: z.array(ExportCourse),
    conversations: z.array(ExportConversation),
    conditionAssessments: z.array(ExportConditionAssessment),
    interventions: z.array(ExportIntervention),
    grants: z.array(ExportGrant),
    clips: z.array(ExportClip),
    followUps: z.array(ExportFollowUp),
    placements: z.array(ExportPlacement),
    volunteerReferrals: z.array(ExportVolunteerReferral),
    smallCommunities: z.array(ExportSmallCommunity),
    outcomeMeasurements: z.array(ExportOutcomeMeasurement),
    careRecordImports: z.array(ExportCareRecordImport),
    careRecordDeliveries: z.array(ExportCareRecordDelivery),
    outboxMessages: z.array(ExportOutboxMessage),
    messagingConsents: z.array(ExportMessagingConsent),
    auditTrail: z.array(ExportAuditEntry),
  })
  .describe(
    "Everything Broen holds about one citizen (GDPR art. 15), oldest first in every list, as of one consistent moment",
  );
export type AccessExport = z.infer<typeof AccessExport>;

/** The categories are exactly the document's keys beside its header: checked at compile time. */
type _SameCategories = Assert<
  Same<
    AccessExportCategory,
    Exclude<keyof AccessExport, "format" | "version" | "producedAt" | "producedBy" | "municipality">
  >
>;
