import { sql } from "drizzle-orm";
import { ORGANISATION_KINDS } from "../../../domain/vocabulary/organisation.js";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const municipalities = pgTable("municipalities", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** The municipality's official four-digit code; demo municipalities use 09xx. */
  code: text("code").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    /** The organisation's SOR code (Sundhedsvæsenets Organisationsregister): the care record names a citizen's provider by it (issue 14). */
    sorCode: text("sor_code"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_name_uq").on(t.municipalityId, sql`lower(${t.name})`),
    uniqueIndex("organisations_sor_uq").on(t.municipalityId, t.sorCode),
  ],
);

export const districts = pgTable(
  "districts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("districts_name_uq").on(t.municipalityId, sql`lower(${t.name})`),
    index("districts_municipality_idx").on(t.municipalityId),
  ],
);
