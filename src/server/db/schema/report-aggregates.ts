/**
 * Figures kept ready for the reports (issue 19, point 3; decision 0089, amended).
 *
 * clip_use_months: the clips of each course summed per month of their day (performed on, or
 * planned for) and per kind, status, carrying organisation and accompaniment form — what
 * punch-card use groups by. It is derived data: triggers on `clips` (migration 0024) write it in the
 * same transaction as every insert, update or delete of a clip, whoever makes it (the app, the
 * seeds, a retention run), so in any snapshot it is exactly the sum of the clips.
 *
 * The triggers only ever INSERT: a write adds a row holding the change (+1 or −1 clip and its
 * minutes) instead of updating the key's row. So two registrations never wait for each other here
 * and nothing can deadlock, and a reader just sums the rows of a key. The job
 * `reports.clip-use-compact` (nightly) merges each key's rows into one and drops keys that sum to
 * zero; the answers are the same before and after. A deleted clip's course is merged at once, so
 * no row names an erased course or citizen.
 *
 * No foreign keys: the rows follow the clips' own keys, and their only writers are the triggers
 * and the compaction. No primary key either: a key may have several rows until it is merged.
 */
import { date, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ACCOMPANIMENT_FORMS, CLIP_KINDS, CLIP_STATUSES } from "../../../domain/course/vocabulary.js";

export const clipUseMonths = pgTable(
  "clip_use_months",
  {
    municipalityId: uuid("municipality_id").notNull(),
    /** The first day of the month of the clips' day, coalesce(performed_on, planned_on). */
    month: date("month", { mode: "string" }).notNull(),
    courseId: uuid("course_id").notNull(),
    citizenId: uuid("citizen_id").notNull(),
    kind: text("kind", { enum: CLIP_KINDS }).notNull(),
    status: text("status", { enum: CLIP_STATUSES }).notNull(),
    providerOrganisationId: uuid("provider_organisation_id").notNull(),
    accompanimentForm: text("accompaniment_form", { enum: ACCOMPANIMENT_FORMS }),
    /** Clips (a change row: +1 or −1 per clip, summed per statement). */
    clips: integer("clips").notNull(),
    /** Their actual minutes (null counts as 0). */
    minutes: integer("minutes").notNull(),
  },
  (t) => [
    // Punch-card use reads a municipality's months from this index alone (index-only: every
    // column is in it, as key columns since Drizzle cannot write INCLUDE).
    index("clip_use_months_report_idx").on(
      t.municipalityId,
      t.month,
      t.citizenId,
      t.courseId,
      t.kind,
      t.status,
      t.providerOrganisationId,
      t.accompanimentForm,
      t.clips,
      t.minutes,
    ),
  ],
);
