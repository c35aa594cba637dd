/**
 * The citizen's data over time (issue 13): restriction of processing, the history of corrections,
 * retention rules as data, their runs, and the record of every deletion. Written by
 * modules/privacy; the job queue's own tables belong to the queue library (platform/jobs.ts).
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { citizens } from "./citizens.js";
import { municipalities } from "./tenancy.js";
import { users } from "./users.js";

/**
 * Restriction of processing (GDPR art. 18): while a row has no `lifted_at` the citizen's data is
 * kept but not processed. `citizens.restricted_at` mirrors the open row so lists can filter cheaply;
 * this table is the history a DPO reads (who restricted, why, who lifted it).
 */
export const citizenRestrictions = pgTable(
  "citizen_restrictions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    restrictedAt: timestamp("restricted_at", { withTimezone: true }).notNull().defaultNow(),
    restrictedBy: uuid("restricted_by").references(() => users.id),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
    liftedBy: uuid("lifted_by").references(() => users.id),
    liftReason: text("lift_reason"),
  },
  (t) => [
    index("citizen_restrictions_citizen_idx").on(t.citizenId, t.restrictedAt),
    // At most one open restriction per citizen.
    uniqueIndex("citizen_restrictions_open_uq")
      .on(t.citizenId)
      .where(sql`${t.liftedAt} is null`),
  ],
);

/**
 * Rectification (art. 16) keeps history: the values a correction replaced, one row per change of
 * the register data. Personal data itself, so anonymisation and erasure clear it too.
 */
export const citizenRevisions = pgTable(
  "citizen_revisions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    /** The citizen's version the change replaced. */
    version: integer("version").notNull(),
    /** Field name → the value before the change (only the fields that changed). */
    previous: jsonb("previous").notNull(),
    reason: text("reason"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    changedBy: uuid("changed_by").references(() => users.id),
  },
  (t) => [index("citizen_revisions_citizen_idx").on(t.citizenId, t.changedAt)],
);

/**
 * One retention rule of one municipality (issue 13 point 4): what kind of data, how long it is kept,
 * and the legal basis written beside it. Shipped defaults come from src/domain/privacy/.
 */
export const retentionRules = pgTable(
  "retention_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    kind: text("kind").notNull(),
    /** Kept this many days after the rule's starting event (closing, last use, creation…). */
    keepDays: integer("keep_days").notNull(),
    legalBasis: text("legal_basis").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** A run that would touch more than this percentage of the municipality's citizens waits for confirmation. */
    confirmAbovePercent: integer("confirm_above_percent").notNull().default(5),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [uniqueIndex("retention_rules_kind_uq").on(t.municipalityId, t.kind)],
);

/** A run of a retention rule: when, started by whom or by the schedule, and what it did. */
export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => retentionRules.id),
    kind: text("kind").notNull(),
    trigger: text("trigger").notNull(),
    status: text("status").notNull(),
    /** The moment the rule was evaluated against ("now" of the run; a clock set forward in tests). */
    asOf: timestamp("as_of", { withTimezone: true }).notNull(),
    candidates: integer("candidates").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    jobId: text("job_id"),
  },
  (t) => [index("retention_runs_rule_idx").on(t.ruleId, t.startedAt)],
);

/**
 * The record of a deletion: what category, how many, when, by which rule or by whom and why — never
 * the content, and no link to the citizen (a record of erasure must not keep the erased identity).
 */
export const deletionRecords = pgTable(
  "deletion_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** "anonymise" | "erase" | "purge". */
    operation: text("operation").notNull(),
    category: text("category").notNull(),
    count: integer("count").notNull(),
    ruleId: uuid("rule_id").references(() => retentionRules.id),
    runId: uuid("run_id").references(() => retentionRuns.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    reason: text("reason"),
  },
  (t) => [index("deletion_records_municipality_idx").on(t.municipalityId, t.at)],
);
