/**
 * The citizen's course (forløb) and its punch card: configuration documents, courses and their
 * history, conversations, FSIII condition assessments, interventions, grants, clips, follow-ups,
 * unit hour budgets and workers' calendar feeds.
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
import {
  ACCOMPANIMENT_FORMS,
  CITIZEN_VIEWS,
  CLIP_KINDS,
  CLIP_STATUSES,
  CLOSING_REASONS,
  CONVERSATION_KINDS,
  CONVERSATION_STATUSES,
  COURSE_EVENT_KINDS,
  COURSE_STAGES,
  DEFINITION_KINDS,
  FOLLOW_UP_RESULTS,
  INTERVENTION_KINDS,
  LONELINESS_TYPES,
} from "../../../domain/course/vocabulary.js";
import { citizens } from "./citizens.js";
import { referrals } from "./referrals.js";
import { districts, municipalities, organisations } from "./tenancy.js";
import { users } from "./users.js";

/** Versioned configuration per municipality; a row is never changed once something points at it. */
export const courseDefinitions = pgTable(
  "course_definitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    kind: text("kind", { enum: DEFINITION_KINDS }).notNull(),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("course_definitions_version_uq").on(t.municipalityId, t.kind, t.key, t.version)],
);

export const courses = pgTable(
  "courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    referralId: uuid("referral_id").references(() => referrals.id),
    coordinatorUserId: uuid("coordinator_user_id")
      .notNull()
      .references(() => users.id),
    stage: text("stage", { enum: COURSE_STAGES }).notNull().default("clarification"),
    stageSince: timestamp("stage_since", { withTimezone: true }).notNull().defaultNow(),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    nextFollowUpOn: date("next_follow_up_on", { mode: "string" }),
    closingReason: text("closing_reason", { enum: CLOSING_REASONS }),
    /** Erfaringsopsamling: the citizen's own account of the course, asked for at closing. */
    citizenAccount: text("citizen_account"),
    /** What matching needs beyond the conversation: isolation, preferred times and group size, max distance. */
    matchingProfile: jsonb("matching_profile"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Optimistic concurrency for stage moves from two screens. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // At most one open course per citizen, enforced by the database so two accepts cannot race.
    uniqueIndex("courses_one_open_uq")
      .on(t.citizenId)
      .where(sql`${t.stage} <> 'closed'`),
    index("courses_coordinator_idx").on(t.municipalityId, t.coordinatorUserId, t.stage),
    // A coordinator's caseload: the open courses only, not the years of closed ones beside them.
    index("courses_open_coordinator_idx")
      .on(t.municipalityId, t.coordinatorUserId)
      .where(sql`${t.stage} <> 'closed'`),
    index("courses_citizen_idx").on(t.citizenId, t.openedAt),
    // Reports count by municipality and period (issue 6).
    index("courses_municipality_opened_idx").on(t.municipalityId, t.openedAt),
  ],
);

export const courseEvents = pgTable(
  "course_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    kind: text("kind", { enum: COURSE_EVENT_KINDS }).notNull(),
    fromStage: text("from_stage", { enum: COURSE_STAGES }),
    toStage: text("to_stage", { enum: COURSE_STAGES }),
    reason: text("reason"),
    fromUserId: uuid("from_user_id").references(() => users.id),
    toUserId: uuid("to_user_id").references(() => users.id),
    actorUserId: uuid("actor_user_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("course_events_course_idx").on(t.courseId, t.at)],
);

/** A visit booked and, once held, recorded from a conversation guide. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    kind: text("kind", { enum: CONVERSATION_KINDS }).notNull(),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull(),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    heldAt: timestamp("held_at", { withTimezone: true }),
    guideDefinitionId: uuid("guide_definition_id").references(() => courseDefinitions.id),
    /** Notes per guide theme: { [themeId]: text }. */
    themeNotes: jsonb("theme_notes").notNull().default({}),
    lonelinessType: text("loneliness_type", { enum: LONELINESS_TYPES }),
    interests: text("interests")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    barriers: text("barriers")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The barrier catalogue and interest taxonomy versions the ids above refer to. */
    barrierDefinitionId: uuid("barrier_definition_id").references(() => courseDefinitions.id),
    interestDefinitionId: uuid("interest_definition_id").references(() => courseDefinitions.id),
    wishes: text("wishes"),
    /** [{ goal, agreements: [{ who, what, due }] }] */
    goals: jsonb("goals").notNull().default([]),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    /**
     * When the result was recorded (held). The citizen's current profile is the result of the
     * conversation recorded last (issue 11 point 8): each one starts from the profile before it.
     */
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("conversations_course_idx").on(t.courseId, t.createdAt),
    index("conversations_citizen_recorded_idx").on(t.citizenId, t.recordedAt),
  ],
);

/** FSIII condition Følelsesfunktioner (J4.5) kept as a history: each assessment is a new row. */
export const conditionAssessments = pgTable(
  "condition_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    courseId: uuid("course_id").references(() => courses.id),
    conversationId: uuid("conversation_id").references(() => conversations.id),
    conditionCode: text("condition_code").notNull(),
    severity: integer("severity").notNull(),
    citizenView: text("citizen_view", { enum: CITIZEN_VIEWS }),
    assessedBy: uuid("assessed_by")
      .notNull()
      .references(() => users.id),
    assessedAt: timestamp("assessed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("condition_assessments_citizen_idx").on(t.citizenId, t.assessedAt)],
);

export const interventions = pgTable(
  "interventions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    kind: text("kind", { enum: INTERVENTION_KINDS }).notNull(),
    /** Who carries it out: public or private home care, the coordinator unit, the volunteer centre. */
    providerOrganisationId: uuid("provider_organisation_id")
      .notNull()
      .references(() => organisations.id),
    description: text("description"),
    /**
     * The Copenhagen day the work started — may lie before the day it was entered (seed 000:
     * "kan oprettes bagudrettet"); reports and the timeline use it, never created_at.
     */
    startedOn: date("started_on", { mode: "string" }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("interventions_course_idx").on(t.courseId)],
);

/** Hours split between home-care units whose team leaders grant from them (seed 003). */
export const hourBudgets = pgTable(
  "hour_budgets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    districtId: uuid("district_id").references(() => districts.id),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    minutes: integer("minutes").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("hour_budgets_unit_idx").on(t.municipalityId, t.organisationId, t.periodStart)],
);

export const clipGrants = pgTable(
  "clip_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    interventionId: uuid("intervention_id").references(() => interventions.id),
    kind: text("kind", { enum: CLIP_KINDS }).notNull(),
    clips: integer("clips").notNull(),
    minutesPerClip: integer("minutes_per_clip").notNull(),
    /** The frame version the grant was evaluated under: a later policy never rewrites it. */
    policyDefinitionId: uuid("policy_definition_id")
      .notNull()
      .references(() => courseDefinitions.id),
    /** A grant beyond the frame, allowed by a role the policy names; the broken rules are kept. */
    exception: boolean("exception").notNull().default(false),
    exceptionReason: text("exception_reason"),
    violations: jsonb("violations").notNull().default([]),
    budgetId: uuid("budget_id").references(() => hourBudgets.id),
    grantedBy: uuid("granted_by")
      .notNull()
      .references(() => users.id),
    grantedOn: date("granted_on", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The municipality second, for row-level security's condition (decision 0109).
    index("clip_grants_course_idx").on(t.courseId, t.municipalityId),
    index("clip_grants_budget_idx").on(t.budgetId),
    index("clip_grants_municipality_idx").on(t.municipalityId, t.createdAt),
  ],
);

/** One clip: planned on a worker's day, then registered as done or cancelled. */
export const clips = pgTable(
  "clips",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    interventionId: uuid("intervention_id").references(() => interventions.id),
    providerOrganisationId: uuid("provider_organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind", { enum: CLIP_KINDS }).notNull(),
    accompanimentForm: text("accompaniment_form", { enum: ACCOMPANIMENT_FORMS }),
    status: text("status", { enum: CLIP_STATUSES }).notNull(),
    plannedOn: date("planned_on", { mode: "string" }),
    /** "HH:MM" local time (Europe/Copenhagen) on plannedOn. */
    plannedStart: text("planned_start"),
    plannedMinutes: integer("planned_minutes"),
    workerUserId: uuid("worker_user_id").references(() => users.id),
    plannedBy: uuid("planned_by").references(() => users.id),
    performedOn: date("performed_on", { mode: "string" }),
    actualMinutes: integer("actual_minutes"),
    note: text("note"),
    cancelledByCitizen: boolean("cancelled_by_citizen").notNull().default(false),
    cancelReason: text("cancel_reason"),
    /**
     * Actual minutes beyond the grant's minutes per clip or the frame's maximum: allowed only as
     * a recorded exception (like a grant beyond the frame), with the broken rules kept.
     */
    exception: boolean("exception").notNull().default(false),
    exceptionReason: text("exception_reason"),
    violations: jsonb("violations").notNull().default([]),
    registeredBy: uuid("registered_by").references(() => users.id),
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The punch card and the caseload count a course's clips per kind and status, with the last
    // registration and the next planned clip, from this index alone (an index-only scan; decision 0088).
    // municipality_id last: under row-level security the policy reads it too, and the scan stays
    // index-only (decision 0109).
    index("clips_course_card_idx").on(
      t.courseId,
      t.kind,
      t.status,
      t.plannedOn,
      t.plannedStart,
      t.registeredAt,
      t.actualMinutes,
      t.municipalityId,
    ),
    index("clips_worker_day_idx").on(t.workerUserId, t.plannedOn),
    index("clips_municipality_day_idx").on(t.municipalityId, t.plannedOn),
    // The timeline reads a citizen's newest clips first. The municipality second: the policy's
    // condition is then part of this index's, and the planner does not AND it with a scan of the
    // whole municipality's clips (decision 0109).
    index("clips_citizen_created_idx").on(t.citizenId, t.municipalityId, t.createdAt),
    index("clips_municipality_performed_idx").on(t.municipalityId, t.performedOn),
    // Punch-card use puts a clip in the period by the day it happened, or was planned for, and
    // the trend counts the clips performed in a month. The index covers every column both read
    // (also the two days the expression is made of), so at national scale (5M clips, those of
    // one municipality scattered over the table) they read the index alone, ~100,000 entries in
    // ~2,000 pages instead of a heap page for most clips (decision 0089). The day is a CASE, not
    // coalesce(): under row-level security PostgreSQL uses no index on a COALESCE (it counts as a
    // function that might leak), decision 0109; reports' clipDay is the same expression.
    index("clips_report_day_idx").on(
      t.municipalityId,
      sql`(case when ${t.performedOn} is not null then ${t.performedOn} else ${t.plannedOn} end)`,
      t.citizenId,
      t.courseId,
      t.kind,
      t.status,
      t.providerOrganisationId,
      t.accompanimentForm,
      t.actualMinutes,
      t.performedOn,
      t.plannedOn,
    ),
  ],
);

export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    result: text("result", { enum: FOLLOW_UP_RESULTS }).notNull(),
    /** "Is the citizen still taking part?" — null when the citizen has not tried anything yet. */
    stillParticipating: boolean("still_participating"),
    note: text("note"),
    nextFollowUpOn: date("next_follow_up_on", { mode: "string" }),
    performedBy: uuid("performed_by")
      .notNull()
      .references(() => users.id),
    performedAt: timestamp("performed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("follow_ups_course_idx").on(t.courseId, t.performedAt),
    index("follow_ups_municipality_idx").on(t.municipalityId, t.performedAt),
  ],
);

/** A worker's personal iCalendar feed; the URL's secret is stored only as its SHA-256. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token_uq").on(t.tokenHash),
    index("calendar_feeds_user_idx").on(t.userId),
  ],
);
