/**
 * Referrals (advis / henvisning) to the coordinators' unit. A referral never
 * disappears: every state change is a row in referral_events with who and when.
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  REFERRAL_CHANNELS,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  REFERRAL_STEPS,
} from "../../../domain/vocabulary/referrals.js";
import { citizens } from "./citizens.js";
import { screenings } from "./detection.js";
import { municipalities, organisations } from "./tenancy.js";
import { users } from "./users.js";

export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** Shown to the referrer as the receipt, e.g. "H-2026-0042". */
    receiptNumber: text("receipt_number").notNull(),
    /** Null until a coordinator links a referral from outside to a citizen of the register. */
    citizenId: uuid("citizen_id").references(() => citizens.id),
    source: text("source", { enum: REFERRAL_SOURCES }).notNull(),
    channel: text("channel", { enum: REFERRAL_CHANNELS }).notNull(),
    /** The unit that receives it ("Aktivitet Fællesskab"). */
    toOrganisationId: uuid("to_organisation_id")
      .notNull()
      .references(() => organisations.id),
    fromOrganisationId: uuid("from_organisation_id").references(() => organisations.id),
    referrerName: text("referrer_name"),
    referrerContact: text("referrer_contact"),
    /** What the referrer says about the person when they are not (yet) linked to a citizen. */
    subjectName: text("subject_name"),
    subjectAddress: text("subject_address"),
    subjectPhone: text("subject_phone"),
    /** Optional CPR given on the public form; only used to link the referral to a citizen, never echoed. */
    subjectCpr: text("subject_cpr"),
    reason: text("reason").notNull(),
    screeningId: uuid("screening_id").references(() => screenings.id),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("new"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("referrals_receipt_uq").on(t.municipalityId, t.receiptNumber),
    index("referrals_inbox_idx").on(t.municipalityId, t.status, t.createdAt),
    index("referrals_citizen_idx").on(t.citizenId),
    index("referrals_municipality_created_idx").on(t.municipalityId, t.createdAt),
  ],
);

export const referralEvents = pgTable(
  "referral_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    fromStatus: text("from_status", { enum: REFERRAL_STATUSES }),
    toStatus: text("to_status", { enum: REFERRAL_STATUSES }).notNull(),
    /** Which step made the change (a coordinator's decision or the referrer's reply); null for the first event and for events recorded before issue 11. */
    action: text("action", { enum: REFERRAL_STEPS }),
    /** Reason for a rejection or the question asked (sent back to the referrer's organisation), or the referrer's reply. */
    message: text("message"),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("referral_events_referral_idx").on(t.referralId, t.at)],
);
