import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CONTACT_KINDS } from "../../../domain/vocabulary/citizens.js";
import { districts, municipalities, organisations } from "./tenancy.js";
import { users } from "./users.js";

export const citizens = pgTable(
  "citizens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** Normalised DDMMYY-SSSS. */
    cpr: text("cpr").notNull(),
    /** Last four digits, kept apart so "search by last four" can use an index. */
    cprLast4: text("cpr_last4").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    addressLine: text("address_line").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    phone: text("phone"),
    providerOrganisationId: uuid("provider_organisation_id").references(() => organisations.id),
    districtId: uuid("district_id").references(() => districts.id),
    homeCareSince: date("home_care_since", { mode: "string" }),
    /** The day home care last ended (care record import, issue 14); cleared when it starts again. */
    homeCareEndedOn: date("home_care_ended_on", { mode: "string" }),
    /** Home coordinates for distance in matching; null when the address is not geocoded. */
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    inTargetGroup: boolean("in_target_group").notNull().default(true),
    /** Lower-cased "first last address postal city" for the register's free-text search. */
    searchText: text("search_text").notNull(),
    /**
     * danish_search_fold(search_text), stored: the trigram index and the search's recheck read it
     * instead of folding every candidate row again (a broad term like "sen" matches ~5,000 citizens of
     * a large municipality; folding them took ~55 ms a search; decision 0088).
     */
    searchFold: text("search_fold")
      .notNull()
      .generatedAlwaysAs(sql`danish_search_fold(search_text)`),
    /** danishSortKey(last first): sorts in Danish order under COLLATE "C" on PGlite and PostgreSQL alike. */
    sortName: text("sort_name").notNull(),
    /** Set while processing is restricted (GDPR art. 18; the history is citizen_restrictions): hidden from lists, no new screenings, no sharing. */
    restrictedAt: timestamp("restricted_at", { withTimezone: true }),
    /** Set when the citizen was anonymised (issue 13): the row keeps only what the reports count. */
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    /** Optimistic concurrency: an edit names the version it started from. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("citizens_cpr_uq").on(t.municipalityId, t.cpr),
    index("citizens_last4_idx").on(t.municipalityId, t.cprLast4),
    // Name and address search: trigrams of the Danish-folded search text within one municipality
    // (btree_gin puts the municipality in the same GIN index; danish_search_fold is an SQL function of
    // the migrations, the same one the query calls — decision 0088).
    index("citizens_search_trgm_idx").using("gin", t.municipalityId, sql`${t.searchFold} gin_trgm_ops`),
    index("citizens_sort_name_idx").on(t.municipalityId, sql`${t.sortName} COLLATE "C"`),
    index("citizens_provider_idx").on(t.municipalityId, t.providerOrganisationId),
    index("citizens_district_idx").on(t.municipalityId, t.districtId),
    // The reports' scope filter and grouping read only these columns: an index-only scan
    // instead of fetching 130,000 wide rows (name, address, search text) at national scale.
    index("citizens_report_idx").on(
      t.municipalityId,
      t.id,
      t.providerOrganisationId,
      t.districtId,
      t.inTargetGroup,
      t.homeCareSince,
    ),
    // The register's plain listing counts the listed citizens (neither anonymised nor restricted,
    // issue 13) apart from its page: an index-only count, as citizens_provider_idx gave it before the
    // filter (8,184 citizens: 0.8 ms instead of 13 ms reading every heap page).
    index("citizens_listed_idx")
      .on(t.municipalityId, t.providerOrganisationId, t.districtId)
      .where(sql`${t.anonymisedAt} is null and ${t.restrictedAt} is null`),
  ],
);

/** Staff contact persons and relatives of one citizen. */
export const citizenContacts = pgTable(
  "citizen_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CONTACT_KINDS }).notNull(),
    /** For a staff contact person: the user, when they have a login. */
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    relation: text("relation"),
    phone: text("phone"),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("citizen_contacts_citizen_idx").on(t.citizenId)],
);
