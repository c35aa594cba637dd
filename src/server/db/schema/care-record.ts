/**
 * Exchange with the care record (issue 14): imports of the home-care population (CSV, FHIR files,
 * a FHIR server pulled on a schedule), the system clients of the FHIR read API, and the push of
 * the punch-card work to a configured FHIR endpoint. Written by modules/care-record.
 */
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
 * One import of the home-care population. A run is computed as a preview (its rows below) and
 * applied later — or discarded. Applying writes the register and the target-group history in one
 * transaction and is idempotent: a second apply of the same run answers the first result.
 */
export const careRecordImportRuns = pgTable(
  "care_record_import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** csv | fhir_bundle | fhir_ndjson | fhir_server */
    source: text("source").notNull(),
    /**
     * complete: the file is the whole home-care population, so a citizen in home care who is not in
     * it has left home care. changes: only what the file names changes (a server's _lastUpdated pull).
     */
    scope: text("scope").notNull(),
    /** preview | applied | discarded | failed */
    status: text("status").notNull(),
    /** The uploaded file's name as the administrator chose it (never shown outside the admin pages). */
    fileName: text("file_name"),
    /** Counts per outcome: { new, changed, ended, unchanged, unmatched }. */
    counts: jsonb("counts").notNull(),
    /** Why a run failed: an error code and the failure's class, never a citizen's data. */
    failure: text("failure"),
    /** The user who uploaded; null for a scheduled pull. */
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    appliedBy: uuid("applied_by").references(() => users.id),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    /** The applied result (counts written), repeated to a second apply. */
    result: jsonb("result"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("care_record_import_runs_municipality_idx").on(t.municipalityId, t.createdAt)],
);

/**
 * One row of a run's preview. `record` is the normalised source row (CPR included: apply needs
 * it), so the rows are personal data: they are cleared when the run is applied or discarded, and
 * a retention job clears previews left standing.
 */
export const careRecordImportRows = pgTable(
  "care_record_import_rows",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => careRecordImportRuns.id, { onDelete: "cascade" }),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** The row's place in the source (line of a CSV or NDJSON file, entry of a Bundle), 1-based. */
    rowNo: integer("row_no").notNull(),
    /** new | changed | ended | unchanged | unmatched */
    outcome: text("outcome").notNull(),
    /** The register's citizen this row matched (changed, ended, unchanged). */
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "cascade" }),
    record: jsonb("record"),
    /** For changed rows: { field: [old, new] }. */
    changes: jsonb("changes"),
    /** For unmatched rows: a reason code and the field it concerns. */
    reason: text("reason"),
    field: text("field"),
  },
  (t) => [index("care_record_import_rows_run_idx").on(t.runId, t.outcome, t.rowNo)],
);

/** The municipality's FHIR server, searched on a schedule for changed home-care citizens. */
export const careRecordSources = pgTable("care_record_sources", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  baseUrl: text("base_url").notNull(),
  /** none | bearer | client_credentials */
  authKind: text("auth_kind").notNull(),
  tokenUrl: text("token_url"),
  clientId: text("client_id"),
  /** The secret or bearer token for the source; write-only through the API, never answered. */
  secret: text("secret"),
  scheduleEnabled: boolean("schedule_enabled").notNull().default(false),
  /** Apply a scheduled pull's preview at once when it has no unmatched row. */
  autoApply: boolean("auto_apply").notNull().default(false),
  /** The newest meta.lastUpdated seen: the next pull searches _lastUpdated=gt this. */
  cursor: timestamp("cursor", { withTimezone: true }),
  lastPulledAt: timestamp("last_pulled_at", { withTimezone: true }),
  lastRunId: uuid("last_run_id"),
  lastFailure: text("last_failure"),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A system client of the FHIR read API (the care record, the data warehouse). Each has a service
 * user (role system_client) so its reads are authorised by the one policy and land on the audit
 * trail like any user's; revoking deactivates that user and drops its tokens.
 */
export const fhirClients = pgTable(
  "fhir_clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    /** Public identifier sent with the secret to the token endpoint. */
    clientId: text("client_id").notNull(),
    /** argon2 hash of the secret, which is shown once when issued. */
    secretHash: text("secret_hash").notNull(),
    /** SMART-style scopes, e.g. system/Patient.read. */
    scopes: text("scopes").array().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("fhir_clients_client_id_uq").on(t.clientId),
    index("fhir_clients_municipality_idx").on(t.municipalityId),
  ],
);

/** Access tokens issued to system clients (client credentials grant): only their SHA-256 is kept. */
export const fhirAccessTokens = pgTable(
  "fhir_access_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => fhirClients.id, { onDelete: "cascade" }),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    scopes: text("scopes").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("fhir_access_tokens_client_idx").on(t.clientId)],
);

/** Where the punch-card work is pushed (optional per municipality). */
export const careRecordPushTargets = pgTable("care_record_push_targets", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  baseUrl: text("base_url").notNull(),
  /** none | bearer | client_credentials */
  authKind: text("auth_kind").notNull(),
  tokenUrl: text("token_url"),
  clientId: text("client_id"),
  secret: text("secret"),
  enabled: boolean("enabled").notNull().default(false),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The delivery of one citizen's CareDeliveryReport to the push target. One row per citizen: its
 * status, tries and the hash of what was last sent, so an unchanged citizen is not sent again.
 */
export const careRecordDeliveries = pgTable(
  "care_record_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    /** queued | sending | sent | failed */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** An error code and HTTP status, never the body (it could echo a citizen's data). */
    lastError: text("last_error"),
    /** SHA-256 of the last bundle sent successfully. */
    sentHash: text("sent_hash"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("care_record_deliveries_citizen_uq").on(t.citizenId),
    index("care_record_deliveries_status_idx").on(t.municipalityId, t.status),
  ],
);
