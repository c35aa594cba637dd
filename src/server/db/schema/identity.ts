/**
 * Municipal login and provisioning (issue 15): a municipality's OpenID Connect identity provider and
 * how its claims map to Broen, the short-lived state of a login under way, the SCIM tokens the
 * identity provider provisions users with, and the platform administrators who run an installation
 * of several municipalities. Written by modules/auth (OIDC), modules/provisioning (SCIM) and
 * modules/platform.
 */
import {
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
import { municipalities } from "./tenancy.js";
import { users } from "./users.js";

/**
 * One OpenID Connect identity provider per municipality (Entra ID, AD FS, KOMBIT's context handler).
 * `roleMap` maps a value of `roleClaim` (a group id, an app role) to a Broen role; `unitMap` maps a
 * value of `unitClaim` to `{ organisationId, districtId? }`. A user whose claims map to no role is
 * refused.
 */
export const identityProviders = pgTable("identity_providers", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  /** Shown on the login button: "Log ind med <displayName>". */
  displayName: text("display_name").notNull(),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  /** Write-only through the API; never answered. */
  clientSecret: text("client_secret"),
  scopes: text("scopes").notNull().default("openid profile email"),
  roleClaim: text("role_claim").notNull().default("roles"),
  roleMap: jsonb("role_map").notNull().default({}),
  unitClaim: text("unit_claim"),
  unitMap: jsonb("unit_map").notNull().default({}),
  /** The claim whose value becomes the user's display name (default `name`). */
  nameClaim: text("name_claim").notNull().default("name"),
  enabled: boolean("enabled").notNull().default(false),
  /** Whether staff of this municipality may still log in with a local password. */
  localLoginEnabled: boolean("local_login_enabled").notNull().default(true),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A login under way: state, nonce and PKCE verifier until the provider redirects back. Only the
 * SHA-256 of the state is kept; the row is deleted by the callback, so a replayed callback finds
 * nothing, and rows older than their expiry are ignored and cleared.
 */
export const oidcLoginStates = pgTable(
  "oidc_login_states",
  {
    stateHash: text("state_hash").primaryKey(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    codeVerifier: text("code_verifier").notNull(),
    nonce: text("nonce").notNull(),
    /** Where in Broen the user was going (a path, checked to be local). */
    returnTo: text("return_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("oidc_login_states_expires_idx").on(t.expiresAt)],
);

/** A user as the identity provider knows them: (issuer, subject) is stable where usernames are not. */
export const externalIdentities = pgTable(
  "external_identities",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    /** SCIM's externalId, when the user was provisioned through SCIM. */
    scimExternalId: text("scim_external_id"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("external_identities_subject_uq").on(t.municipalityId, t.issuer, t.subject)],
);

/** Bearer tokens for the SCIM endpoint, issued by the municipality's administrator: only the SHA-256 is kept. */
export const scimTokens = pgTable(
  "scim_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("scim_tokens_hash_uq").on(t.tokenHash)],
);

/**
 * Platform administrators (issue 15 point 3): above the municipalities, created by a command at
 * installation. They create municipalities and see their size and health — never a citizen: they
 * have no user row in any municipality and their own sessions.
 */
export const platformAdmins = pgTable("platform_admins", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const platformSessions = pgTable(
  "platform_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    adminId: uuid("admin_id")
      .notNull()
      .references(() => platformAdmins.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("platform_sessions_admin_idx").on(t.adminId)],
);
