/**
 * Reaching people off the screen (issue 16): the municipality's channels and quiet hours, the
 * message templates as versioned data, the citizen's consent to be reached (with its history),
 * each staff member's digest choices, and the outbox every message passes through.
 *
 * The outbox row is written in the same transaction as the event that causes it (a planned clip,
 * a coordinator's message, the day's digest) and delivered by the job queue. Its `dedupeKey` is
 * unique per municipality, so a retried request or a repeated job never queues a second copy, and
 * its id travels with the message (the e-mail's Message-ID, the SMS gateway's reference) so a
 * delivery repeated after a crash can be recognised by the receiving side.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { citizenContacts, citizens } from "./citizens.js";
import { clips, conversations } from "./courses.js";
import { municipalities } from "./tenancy.js";
import { users } from "./users.js";

export const MESSAGE_CHANNELS = ["email", "sms", "letter"] as const;
export const OUTBOX_CHANNELS = ["email", "sms"] as const;
export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed", "cancelled"] as const;
export const OUTBOX_RECIPIENTS = ["citizen", "relative", "user"] as const;
export const OUTBOX_KINDS = [
  /** The day before a planned accompaniment (a clip) or conversation. */
  "reminder",
  /** A coordinator's short message to a citizen, from a template. */
  "citizen_message",
  /** A staff member's daily digest. */
  "staff_digest",
] as const;
export const SMS_PROVIDERS = ["generic_http"] as const;

/**
 * One row per municipality: where e-mail and SMS go out, and when they may not. Secrets are
 * write-only through the API. Quiet hours are local time (Europe/Copenhagen); a message due inside
 * them waits until they end — never dropped.
 */
export const messagingSettings = pgTable("messaging_settings", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  emailEnabled: boolean("email_enabled").notNull().default(false),
  smtpHost: text("smtp_host"),
  smtpPort: integer("smtp_port"),
  /** true = TLS from the start (465); false = STARTTLS when offered. */
  smtpSecure: boolean("smtp_secure").notNull().default(false),
  smtpUser: text("smtp_user"),
  smtpPassword: text("smtp_password"),
  emailFrom: text("email_from"),
  smsEnabled: boolean("sms_enabled").notNull().default(false),
  smsProvider: text("sms_provider", { enum: SMS_PROVIDERS }).notNull().default("generic_http"),
  /** The gateway's endpoint (documented interface in docs/MESSAGING.md). */
  smsUrl: text("sms_url"),
  smsToken: text("sms_token"),
  /** Sender name or number shown on the citizen's phone (max 11 characters for a name). */
  smsSender: text("sms_sender"),
  /** "HH:MM" local; null both = no quiet hours. */
  quietFrom: text("quiet_from").default("20:00"),
  quietTo: text("quiet_to").default("08:00"),
  /** Local hour at which staff digests are made. */
  digestHour: integer("digest_hour").notNull().default(7),
  /** How many delivery attempts before a message is shown as failed. */
  maxAttempts: integer("max_attempts").notNull().default(6),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Message templates as versioned data: an edit adds a version, never changes one, so the outbox can
 * say which text a message was made from. Broen ships a default for every key and language
 * (modules/messaging); a municipality's newest active version overrides it.
 */
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** e.g. "reminder.accompaniment", "citizen.general". */
    key: text("key").notNull(),
    lang: text("lang", { enum: ["da", "en"] }).notNull(),
    version: integer("version").notNull(),
    /** E-mail subject; null for SMS-only texts. */
    subject: text("subject"),
    body: text("body").notNull(),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("message_templates_version_uq").on(t.municipalityId, t.key, t.lang, t.version)],
);

/**
 * The citizen's consent to be reached, and how: each change is a new row (the history); the newest
 * row is in force. No reminder or message is queued without a row whose `consent` is true.
 * A relative (one of the citizen's contacts) receives a copy only when the citizen wishes it.
 */
export const citizenMessagingConsents = pgTable(
  "citizen_messaging_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    consent: boolean("consent").notNull(),
    /** "letter" = the citizen wants paper only: no SMS or e-mail. */
    channel: text("channel", { enum: MESSAGE_CHANNELS }),
    /** E.164 (+45…). */
    phone: text("phone"),
    email: text("email"),
    remindersEnabled: boolean("reminders_enabled").notNull().default(true),
    relativeContactId: uuid("relative_contact_id").references(() => citizenContacts.id, {
      onDelete: "set null",
    }),
    relativeChannel: text("relative_channel", { enum: OUTBOX_CHANNELS }),
    relativePhone: text("relative_phone"),
    relativeEmail: text("relative_email"),
    lang: text("lang", { enum: ["da", "en"] })
      .notNull()
      .default("da"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("citizen_messaging_consents_citizen_idx").on(t.citizenId, t.recordedAt)],
);

/** What a staff member receives in the daily digest; no row = the role's defaults. */
export const staffNotificationPreferences = pgTable("staff_notification_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  municipalityId: uuid("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  /** Where the digest goes; null = no digest. */
  email: text("email"),
  digestEnabled: boolean("digest_enabled").notNull().default(true),
  /** Topic keys switched off (e.g. "referrals.waiting"); the rest of the role's topics are on. */
  mutedTopics: text("muted_topics")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** The digest's language; Danish unless the user chose English (Broen's UI languages). */
  lang: text("lang", { enum: ["da", "en"] })
    .notNull()
    .default("da"),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every message Broen sends, from queued to sent (or failed, or cancelled). */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    recipientKind: text("recipient_kind", { enum: OUTBOX_RECIPIENTS }).notNull(),
    citizenId: uuid("citizen_id").references(() => citizens.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** The e-mail address or E.164 phone number it goes to. */
    toAddress: text("to_address").notNull(),
    subject: text("subject"),
    /** The rendered text: time, place, who comes — never a CPR number, diagnosis, score or note. */
    body: text("body").notNull(),
    templateKey: text("template_key"),
    /** The municipality's template version it was made from; null = Broen's shipped default. */
    templateVersion: integer("template_version"),
    clipId: uuid("clip_id").references(() => clips.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    /** Unique per municipality: "reminder:clip:<id>:<plannedOn>:<recipient>", "digest:<user>:<day>", a request's key … */
    dedupeKey: text("dedupe_key").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("queued"),
    /** Not sent before this moment (the day before; after quiet hours). */
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    /** The id the SMTP server or gateway gave the message. */
    providerMessageId: text("provider_message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outbox_messages_dedupe_uq").on(t.municipalityId, t.dedupeKey),
    index("outbox_messages_due_idx")
      .on(t.notBefore)
      .where(sql`${t.status} = 'queued'`),
    index("outbox_messages_list_idx").on(t.municipalityId, t.createdAt),
    index("outbox_messages_citizen_idx").on(t.citizenId),
    index("outbox_messages_clip_idx").on(t.clipId),
  ],
);
