import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ROLES } from "../../../domain/vocabulary/organisation.js";
import { districts, municipalities, organisations } from "./tenancy.js";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    districtId: uuid("district_id").references(() => districts.id),
    /** Stored lower-case; unique across the installation because login has no tenant yet. */
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    /** Work phone, shown to the coordinators on the user's referrals so they can call back (issue 11 point 11). */
    phone: text("phone"),
    role: text("role", { enum: ROLES }).notNull(),
    /**
     * A home-care worker who is a loneliness ambassador (ensomhedsambassadør) for this district: they
     * follow up on screenings and see that every citizen gets screened, so they read its due lists.
     */
    ambassadorDistrictId: uuid("ambassador_district_id").references(() => districts.id),
    passwordHash: text("password_hash").notNull(),
    /** Set by an administrator's reset: the user must choose a new password at next login. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    active: boolean("active").notNull().default(true),
    /**
     * Set on a membership (issue 15 point 4, decision 0104): this row is the person who logs in as
     * `login_user_id`, working in another municipality. It has a role, organisation and district of
     * its own there, but no usable password: it is reached only by switching a session to it.
     */
    loginUserId: uuid("login_user_id").references((): AnyPgColumn => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("users_municipality_idx").on(t.municipalityId, t.role),
    // One membership per person and municipality; also the index the switch and endUserAccess use.
    uniqueIndex("users_login_membership_idx")
      .on(t.loginUserId, t.municipalityId)
      .where(sql`${t.loginUserId} is not null`),
  ],
);

/** The cookie holds a random token; only its SHA-256 is stored, so a leaked table opens no session. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /**
     * For a login through the municipality's identity provider (issue 15): the ID token, sent back
     * as id_token_hint when the user logs out so the provider's session ends too (RP-initiated logout).
     */
    oidcIdToken: text("oidc_id_token"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed logins per username *and* client address, whether or not the user exists, so a delay
 * tells an attacker nothing about which usernames are real, and failures from one address never
 * keep the owner out from another. `lockedUntil` is when the next attempt from that address for
 * that name is allowed (a growing delay, see modules/auth/throttle.ts).
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    username: text("username").notNull(),
    client: text("client").notNull().default(""),
    failures: integer("failures").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.username, t.client] })],
);

/**
 * Request counters of the per-address rate limits (login, the public referral form), in the
 * database so every Broen process counts the same requests. Key: route + client address.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    resetsAt: timestamp("resets_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limit_counters_resets_idx").on(t.resetsAt)],
);
