/**
 * Evaluation (issue 6): the outcome questionnaire a course schedules at baseline and again after
 * some months. The answers are screenings (same engine, same versioned questionnaires); this
 * table says which screening is which course's baseline or follow-up, and when each is due.
 */
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { OUTCOME_PHASES } from "../../../domain/vocabulary/reports.js";
import { citizens } from "./citizens.js";
import { courses } from "./courses.js";
import { screenings } from "./detection.js";
import { municipalities } from "./tenancy.js";

export const outcomeMeasurements = pgTable(
  "outcome_measurements",
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
    phase: text("phase", { enum: OUTCOME_PHASES }).notNull(),
    /** The questionnaire's key at scheduling (T-ILS by default; configurable per municipality). */
    questionnaireKey: text("questionnaire_key").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** Set when answered. */
    screeningId: uuid("screening_id").references(() => screenings.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** A follow-up answered outside its window (recorded after confirmation): never paired as "6 months". */
    outOfWindow: boolean("out_of_window").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outcome_measurements_course_phase_uq").on(t.courseId, t.phase),
    index("outcome_measurements_due_idx").on(t.municipalityId, t.dueOn),
    index("outcome_measurements_answered_idx").on(t.municipalityId, t.answeredAt),
  ],
);
