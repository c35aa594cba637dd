/**
 * Detection (Opspor): questionnaire definitions as versioned data, screenings,
 * journal notes, target-group decisions, detection clips (opsporingsklip) and
 * the municipality's detection settings.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CLIP_STATUSES } from "../../../domain/course/vocabulary.js";
import {
  CONSENTS,
  EXCLUSION_REASONS,
  JOURNAL_NOTE_KINDS,
  RISK_COLOURS,
  SCREENING_PURPOSES,
  TARGET_GROUP_REASONS,
  TRIAGE_DECISIONS,
} from "../../../domain/vocabulary/detection.js";
import { citizens } from "./citizens.js";
import { districts, municipalities, organisations } from "./tenancy.js";
import { users } from "./users.js";

/** A definition row is never changed once answered: a change is a new version (answers keep theirs). */
export const questionnaireDefinitions = pgTable(
  "questionnaire_definitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("questionnaire_definitions_version_uq").on(t.municipalityId, t.key, t.version)],
);

export const screenings = pgTable(
  "screenings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    definitionId: uuid("definition_id")
      .notNull()
      .references(() => questionnaireDefinitions.id),
    /** Null for an exclusion recorded without answers (dementia, terminal, moved, declined — issue 11). */
    answers: jsonb("answers"),
    scores: jsonb("scores"),
    outcomeKey: text("outcome_key"),
    /** green | yellow | red | grey — the triage colour the outcome gives; null without answers. */
    colour: text("colour"),
    /** False for an exclusion without answers: it is never a positive outcome. */
    positive: boolean("positive").notNull(),
    consent: text("consent", { enum: CONSENTS }).notNull(),
    /** A detection form, or an outcome questionnaire a course scheduled (baseline / follow-up; issue 6). */
    purpose: text("purpose", { enum: SCREENING_PURPOSES }).notNull().default("detection"),
    /** Set when the worker found the citizen outside the target group. */
    exclusionReason: text("exclusion_reason", { enum: EXCLUSION_REASONS }),
    performedBy: uuid("performed_by")
      .notNull()
      .references(() => users.id),
    performedByOrganisationId: uuid("performed_by_organisation_id")
      .notNull()
      .references(() => organisations.id),
    performedAt: timestamp("performed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("screenings_citizen_idx").on(t.citizenId, t.performedAt),
    index("screenings_municipality_idx").on(t.municipalityId, t.performedAt),
    // Covers every column the status report and the funnel read of a detection form, so at
    // national scale (1M forms) PostgreSQL answers them from the index alone (index-only scan).
    index("screenings_detection_report_idx")
      .on(t.municipalityId, t.performedAt, t.citizenId, t.exclusionReason, t.positive, t.consent)
      .where(sql`${t.purpose} = 'detection'`),
  ],
);

/** The citizen's journal: observation notes tagged "ensomhed", professional notes kept active. */
export const journalNotes = pgTable(
  "journal_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    kind: text("kind", { enum: JOURNAL_NOTE_KINDS }).notNull(),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** "Gem som aktiv": stays visible on the citizen's page until someone closes it. */
    active: boolean("active").notNull().default(false),
    screeningId: uuid("screening_id").references(() => screenings.id),
    authorUserId: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    authorOrganisationId: uuid("author_organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("journal_notes_citizen_idx").on(t.citizenId, t.createdAt)],
);

/** History of in/out of the target group (citizens.in_target_group holds the current state). */
export const targetGroupChanges = pgTable(
  "target_group_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    inTargetGroup: boolean("in_target_group").notNull(),
    reason: text("reason", { enum: TARGET_GROUP_REASONS }).notNull(),
    note: text("note"),
    screeningId: uuid("screening_id").references(() => screenings.id),
    /** Null when Broen itself made the change (a scheduled care-record import, issue 14). */
    changedBy: uuid("changed_by").references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("target_group_changes_citizen_idx").on(t.citizenId, t.changedAt),
    index("target_group_changes_municipality_idx").on(t.municipalityId, t.changedAt),
  ],
);

/** Opsporingsklip: time granted for a detection conversation, placed on a worker's day. */
export const detectionClips = pgTable(
  "detection_clips",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    workerUserId: uuid("worker_user_id")
      .notNull()
      .references(() => users.id),
    plannedDate: date("planned_date", { mode: "string" }).notNull(),
    minutes: integer("minutes").notNull(),
    status: text("status", { enum: CLIP_STATUSES }).notNull().default("planned"),
    grantedBy: uuid("granted_by")
      .notNull()
      .references(() => users.id),
    screeningId: uuid("screening_id").references(() => screenings.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("detection_clips_worker_idx").on(t.workerUserId, t.plannedDate),
    index("detection_clips_citizen_idx").on(t.citizenId),
    // Punch-card use reads a municipality's opsporingsklip by period (grants by created_at).
    index("detection_clips_municipality_idx").on(t.municipalityId, t.createdAt),
  ],
);

export const municipalitySettings = pgTable("municipality_settings", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  rescreenIntervalMonths: integer("rescreen_interval_months").notNull().default(6),
  referralWaitDays: integer("referral_wait_days").notNull().default(7),
  /** "New in home care" means home care started within this many days. */
  newInHomeCareDays: integer("new_in_home_care_days").notNull().default(60),
  /**
   * How long a worker's phone keeps the day's tasks and unsent registrations for work without a
   * signal (issue 17); after that the app deletes them, sent or not.
   */
  offlineHours: integer("offline_hours").notNull().default(12),
  /** Evaluation (issue 6): the outcome questionnaire, when it is repeated, and small-number suppression. */
  outcomeQuestionnaireKey: text("outcome_questionnaire_key").notNull().default("t-ils"),
  outcomeFollowUpMonths: integer("outcome_follow_up_months").notNull().default(6),
  /** The follow-up questionnaire is accepted from … to … months after the baseline (issue 11 point 6). */
  outcomeWindowFromMonths: integer("outcome_window_from_months").notNull().default(5),
  outcomeWindowToMonths: integer("outcome_window_to_months").notNull().default(8),
  /** A detection form on the outcome questionnaire this many days before a course opens is its baseline. */
  baselineFromDetectionDays: integer("baseline_from_detection_days").notNull().default(14),
  smallNumberThreshold: integer("small_number_threshold").notNull().default(5),
  /** Secret of the evaluator's stable pseudonyms (HMAC key); made on the first export, never shown. */
  pseudonymKey: text("pseudonym_key"),
  /**
   * Records of processing (GDPR art. 30(1)(a), issue 13): how to reach the controller about data
   * protection, and its data protection officer (name, e-mail, phone). Free text an administrator
   * writes; null until then — the document then says the contact is missing.
   */
  controllerContact: text("controller_contact"),
  dpoContact: text("dpo_contact"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Weekly triage meeting (triageringsmøde) of one district's team; decisions are its minutes. */
export const triageMeetings = pgTable(
  "triage_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("triage_meetings_district_day_uq").on(t.districtId, t.heldOn)],
);

export const triageDecisions = pgTable(
  "triage_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => triageMeetings.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    colour: text("colour", { enum: RISK_COLOURS }),
    decision: text("decision", { enum: TRIAGE_DECISIONS }),
    decidedBy: uuid("decided_by")
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("triage_decisions_meeting_citizen_uq").on(t.meetingId, t.citizenId),
    index("triage_decisions_citizen_idx").on(t.citizenId, t.decidedAt),
  ],
);
