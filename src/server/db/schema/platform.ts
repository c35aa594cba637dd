import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { municipalities } from "./tenancy.js";
import { users } from "./users.js";

/**
 * Who did what to which citizen's data, from where. Written in the same
 * transaction as the work, so a change without its audit row cannot exist.
 * Never holds note texts or CPR numbers: `criterion` is redacted first.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    // No foreign key: the trail must outlive the citizen row it speaks of.
    citizenId: uuid("citizen_id"),
    criterion: jsonb("criterion"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_citizen_idx").on(t.citizenId, t.at),
    index("audit_municipality_idx").on(t.municipalityId, t.at),
  ],
);

/**
 * The security log (issue 18.9): logins, failed logins, lock-outs, logouts, password changes and
 * resets, unlocks. Written by recordSecurityEvent() (platform/security-log.ts), read by
 * administrators. Never a password; the username as typed, the user when known.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    municipalityId: uuid("municipality_id").references(() => municipalities.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    username: text("username"),
    userId: uuid("user_id").references(() => users.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("security_events_municipality_idx").on(t.municipalityId, t.at),
    index("security_events_user_idx").on(t.userId, t.at),
  ],
);

/**
 * A write's first result, keyed by the client's Idempotency-Key. The row is
 * inserted in the write's own transaction, so a concurrent repeat waits on
 * the key's lock and then sees the stored response.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code").notNull(),
    responseBody: jsonb("response_body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
