/**
 * Afprøv: the activity catalog (aktivitetskatalog) and what the course does with it — placements
 * of a citizen in an activity, referrals to the volunteer centre (with only what the citizen
 * consented to share), and small communities of 2–5 citizens.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { PLACEMENT_STATUS_ORDER } from "../../../domain/matching/placement-workflow.js";
import {
  COLLABORATION_AGREEMENTS,
  COST_KINDS,
  COST_PERIODS,
  GROUP_SIZES,
  ORGANISATION_KINDS,
  PLACE_KINDS,
} from "../../../domain/matching/types.js";
import { CATALOG_CHANGE_ACTIONS, CATALOG_ENTITY_TYPES } from "../../../domain/vocabulary/catalog.js";
import {
  MATCH_KINDS,
  SMALL_COMMUNITY_STATUSES,
  VOLUNTEER_REFERRAL_STATUSES,
} from "../../../domain/vocabulary/placements.js";
import { citizens } from "./citizens.js";
import { courses } from "./courses.js";
import { municipalities, organisations } from "./tenancy.js";
import { users } from "./users.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
/** Text compared byte by byte (COLLATE "C"), whatever the database's collation: the Danish key sorts itself. */
const textC = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });
/** A point of the cube extension; here (x, y, z) on the unit sphere. Never read back. */
const cube = customType<{ data: string }>({ dataType: () => "cube" });

export const catalogOrganisations = pgTable(
  "catalog_organisations",
  {
    /** Also the HSDS organization id, so a re-import matches instead of duplicating. */
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    description: text("description").notNull().default(""),
    addressLine: text("address_line"),
    postalCode: text("postal_code"),
    city: text("city"),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    /** Who the organisation can receive (its own inclusion criteria). */
    inclusionCriteria: text("inclusion_criteria"),
    collaborationAgreement: text("collaboration_agreement", { enum: COLLABORATION_AGREEMENTS })
      .notNull()
      .default("none"),
    /** The volunteer centre whose staff keep this entry up to date. */
    managedByOrganisationId: uuid("managed_by_organisation_id").references(() => organisations.id),
    lastVerifiedOn: date("last_verified_on", { mode: "string" }),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("catalog_organisations_municipality_idx").on(t.municipalityId, t.active)],
);

export const catalogActivities = pgTable(
  "catalog_activities",
  {
    /** Also the HSDS service id. */
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => catalogOrganisations.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    themes: text("themes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    interests: text("interests")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    placeKind: text("place_kind", { enum: PLACE_KINDS }).notNull(),
    placeName: text("place_name"),
    addressLine: text("address_line"),
    postalCode: text("postal_code"),
    city: text("city"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    remoteChannels: text("remote_channels")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** ActivitySchedule (domain/matching/types.ts); weekdays and timesOfDay below are derived for filters. */
    schedule: jsonb("schedule").notNull(),
    weekdays: integer("weekdays")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    timesOfDay: text("times_of_day")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    accessibility: text("accessibility")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    costKind: text("cost_kind", { enum: COST_KINDS }).notNull().default("free"),
    costAmountDkk: integer("cost_amount_dkk"),
    costPer: text("cost_per", { enum: COST_PERIODS }),
    groupSize: text("group_size", { enum: GROUP_SIZES }).notNull(),
    /** { name, phone, email } */
    contact: jsonb("contact"),
    lastVerifiedOn: date("last_verified_on", { mode: "string" }),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    /**
     * The municipality's catalog_versions.version this row was last written under — set by the
     * trigger catalog_activity_stamp on every insert and update, whoever writes (migration 0016).
     * Matching's cache reads the rows above the version it holds (placements/candidates.ts).
     */
    catalogVersion: bigint("catalog_version", { mode: "number" }).notNull().default(0),
    // Danish stemming for "strik" → "strikkeklub" (queried with prefix matching, see catalog/queries.ts).
    search: tsvector("search").generatedAlwaysAs(
      sql`to_tsvector('danish', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(place_name, '') || ' ' || coalesce(city, ''))`,
    ),
    /** danishOrder(title) (catalog/queries.ts) stored: the title order reads an index, not 20,000 translate() calls. */
    titleKey: textC("title_key").generatedAlwaysAs(
      sql`translate(replace(translate(lower(translate(title, 'ÆØÅÄÖÜÉÈÊÁÀÓÍÚ', 'æøåäöüéèêáàóíú')), 'äöüéèêáàóíú', 'æøyeeeaaoiu'), 'aa', 'å'), 'æøå', '{|}')`,
    ),
    /**
     * The place as a point on the unit sphere: the straight-line distance between two such points
     * grows with the great-circle distance, so a GiST index hands out the nearest first (KNN).
     */
    spherePoint: cube("sphere_point").generatedAlwaysAs(
      sql`case when lat is null or lon is null then null else cube(array[cos(radians(lat)) * cos(radians(lon)), cos(radians(lat)) * sin(radians(lon)), sin(radians(lat))]) end`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("catalog_activities_search_idx").using("gin", t.search),
    index("catalog_activities_municipality_idx").on(t.municipalityId, t.active),
    index("catalog_activities_organisation_idx").on(t.organisationId),
    index("catalog_activities_themes_idx").using("gin", t.themes),
    // Matching's cache: the rows changed since the version it holds.
    index("catalog_activities_catalog_version_idx").on(t.municipalityId, t.catalogVersion),
    // Catalog search in title order (and its ties): the first page without sorting the catalog.
    index("catalog_activities_title_idx").on(t.municipalityId, t.active, t.titleKey, t.id),
    // Catalog search nearest first: `sphere_point <-> origin` walks this index in distance order.
    index("catalog_activities_sphere_point_idx").using("gist", t.spherePoint),
  ],
);

/**
 * One row per municipality: a counter bumped once by every transaction that inserts or updates
 * the municipality's catalog_activities (triggers of migration 0016), so a process can tell from
 * this one row whether its copy of the catalog is current and read only the rows changed since.
 * reset_version is the version of the last change that cannot be read as changed rows (a
 * deletion, an activity moved to another municipality): a copy older than it is reloaded. epoch
 * is new whenever the row is (a TRUNCATE empties this table too).
 */
export const catalogVersions = pgTable("catalog_versions", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  resetVersion: bigint("reset_version", { mode: "number" }).notNull().default(0),
  epoch: uuid("epoch").notNull().defaultRandom(),
});

/** Every change to the catalog: who changed what, when (catalog upkeep, imports). */
export const catalogChanges = pgTable(
  "catalog_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    entityType: text("entity_type", { enum: CATALOG_ENTITY_TYPES }).notNull(),
    entityId: uuid("entity_id").notNull(),
    action: text("action", { enum: CATALOG_CHANGE_ACTIONS }).notNull(),
    /** { field: { from, to } } */
    changes: jsonb("changes").notNull().default({}),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("catalog_changes_entity_idx").on(t.entityId, t.at)],
);

/** A citizen's placement in an activity: foreslået → kontaktet → prøvebesøg → deltager → stoppet. */
export const placements = pgTable(
  "placements",
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
    activityId: uuid("activity_id")
      .notNull()
      .references(() => catalogActivities.id),
    status: text("status", { enum: PLACEMENT_STATUS_ORDER }).notNull().default("suggested"),
    stopReason: text("stop_reason"),
    /** The matching's reasons when it was suggested (codes), kept as they were. */
    reasons: jsonb("reasons").notNull().default([]),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("placements_course_idx").on(t.courseId),
    index("placements_activity_idx").on(t.activityId, t.status),
  ],
);

export const placementEvents = pgTable(
  "placement_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    placementId: uuid("placement_id")
      .notNull()
      .references(() => placements.id),
    fromStatus: text("from_status", { enum: PLACEMENT_STATUS_ORDER }),
    toStatus: text("to_status", { enum: PLACEMENT_STATUS_ORDER }).notNull(),
    reason: text("reason"),
    actorUserId: uuid("actor_user_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("placement_events_placement_idx").on(t.placementId, t.at),
    index("placement_events_municipality_idx").on(t.municipalityId, t.at),
  ],
);

/**
 * A referral to the volunteer centre. `shared` holds only the fields the citizen consented to
 * share (never health data); the volunteer centre's staff read this row and nothing else.
 */
export const volunteerReferrals = pgTable(
  "volunteer_referrals",
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
    toOrganisationId: uuid("to_organisation_id")
      .notNull()
      .references(() => organisations.id),
    consentFields: text("consent_fields").array().notNull(),
    shared: jsonb("shared").notNull(),
    status: text("status", { enum: VOLUNTEER_REFERRAL_STATUSES }).notNull().default("sent"),
    matchKind: text("match_kind", { enum: MATCH_KINDS }),
    matchedActivityId: uuid("matched_activity_id").references(() => catalogActivities.id),
    /** The volunteer centre's answer (what was arranged, or why not). */
    answer: text("answer"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** When the match was recorded, and when it ended ("for kompleks"): what "matched" counts (issue 11 point 4). */
    matchedAt: timestamp("matched_at", { withTimezone: true }),
    matchEndedAt: timestamp("match_ended_at", { withTimezone: true }),
    /** The citizen withdrew consent to sharing (issue 13 point 3): `shared` is emptied, the centre sees only that it ended. */
    consentWithdrawnAt: timestamp("consent_withdrawn_at", { withTimezone: true }),
    consentWithdrawnBy: uuid("consent_withdrawn_by").references(() => users.id),
    /**
     * The status the referral had when consent was withdrawn (`status` is then "withdrawn"): the
     * answer the volunteer centre gave stays counted as it was (no_match, too_complex…), so the
     * figures of past periods do not change when a citizen later withdraws.
     */
    withdrawnFromStatus: text("withdrawn_from_status", { enum: VOLUNTEER_REFERRAL_STATUSES }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("volunteer_referrals_matched_idx").on(t.municipalityId, t.matchedAt),
    index("volunteer_referrals_inbox_idx").on(t.toOrganisationId, t.status, t.createdAt),
    index("volunteer_referrals_course_idx").on(t.courseId),
    index("volunteer_referrals_municipality_idx").on(t.municipalityId, t.createdAt),
  ],
);

/** Guidepost 4: a small community of 2–5 citizens, a host worker for the first meetings. */
export const smallCommunities = pgTable(
  "small_communities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    status: text("status", { enum: SMALL_COMMUNITY_STATUSES }).notNull().default("proposed"),
    meetingPlace: text("meeting_place"),
    hostUserId: uuid("host_user_id").references(() => users.id),
    endReason: text("end_reason"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("small_communities_municipality_idx").on(t.municipalityId, t.status)],
);

export const smallCommunityMembers = pgTable(
  "small_community_members",
  {
    communityId: uuid("community_id")
      .notNull()
      .references(() => smallCommunities.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp("left_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.courseId] }),
    index("small_community_members_citizen_idx").on(t.citizenId),
  ],
);

export const smallCommunityMeetings = pgTable(
  "small_community_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    communityId: uuid("community_id")
      .notNull()
      .references(() => smallCommunities.id),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    place: text("place"),
    note: text("note"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("small_community_meetings_idx").on(t.communityId, t.heldOn)],
);
