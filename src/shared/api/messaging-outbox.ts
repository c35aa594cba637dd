/**
 * The messaging core (issue 16, decision 0105): the municipality's channels (SMTP server, SMS
 * gateway) and quiet hours, a test message, and the outbox every message passes through.
 * Secrets (the SMTP password, the gateway's token) are write-only: an answer says whether one is
 * stored, never what it is.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { CLOCK_PATTERN } from "../../domain/messaging/quiet-hours.js";
import { Page, PageQuery, text, uuid } from "./common.js";

export const OUTBOX_STATUS_VALUES = ["queued", "sending", "sent", "failed", "cancelled"] as const;
export const OutboxStatus = z.enum(OUTBOX_STATUS_VALUES);
export type OutboxStatus = z.infer<typeof OutboxStatus>;
export const OUTBOX_KIND_VALUES = ["reminder", "citizen_message", "staff_digest"] as const;
export const OutboxKind = z.enum(OUTBOX_KIND_VALUES);
export type OutboxKind = z.infer<typeof OutboxKind>;
export const OUTBOX_CHANNEL_VALUES = ["email", "sms"] as const;
export const OutboxChannel = z.enum(OUTBOX_CHANNEL_VALUES);
export type OutboxChannel = z.infer<typeof OutboxChannel>;
export const OutboxRecipient = z.enum(["citizen", "relative", "user"]);

/** Why a channel cannot send now: ready, switched off, or on without what it needs. */
export const ChannelState = z.enum(["ready", "disabled", "not_configured"]);
export type ChannelState = z.infer<typeof ChannelState>;

const At = z.iso.datetime({ offset: true });

const EmailAddress = z.string().trim().max(LIMITS.shortText).pipe(z.email());
/** A host name or IP address, no scheme, no port, no spaces. */
const Host = text(253).pipe(
  z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9a-fA-F:]+\]$/),
);
/** An http(s) address without credentials in it (the token goes in smsToken). */
const GatewayUrl = text(500).pipe(
  z.string().refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
      } catch {
        return false;
      }
    },
    { params: { reason: "invalid_format" } },
  ),
);
/** "HH:MM", local (Europe/Copenhagen). */
export const Clock = z.string().regex(CLOCK_PATTERN);
/** What the citizen's phone shows as sender: a name of at most 11 letters/digits, or a number. */
const SmsSender = z
  .string()
  .trim()
  .regex(/^([A-Za-z0-9ÆØÅæøå .-]{1,11}|\+?[0-9]{3,15})$/);
/** Write-only: absent keeps the stored one, null removes it, a string replaces it. */
const Secret = z.string().min(1).max(4000).nullable().optional();

export const MessagingSettingsView = z.object({
  emailEnabled: z.boolean(),
  smtpHost: z.string().nullable(),
  smtpPort: z.number().int().nullable(),
  /** true = TLS from the start (port 465); false = STARTTLS when the server offers it. */
  smtpSecure: z.boolean(),
  smtpUser: z.string().nullable(),
  hasSmtpPassword: z.boolean(),
  emailFrom: z.string().nullable(),
  emailState: ChannelState,
  smsEnabled: z.boolean(),
  smsProvider: z.enum(["generic_http"]),
  smsUrl: z.string().nullable(),
  hasSmsToken: z.boolean(),
  smsSender: z.string().nullable(),
  smsState: ChannelState,
  quietFrom: z.string().nullable(),
  quietTo: z.string().nullable(),
  digestHour: z.number().int(),
  maxAttempts: z.number().int(),
  /** 0 while the municipality has saved nothing (the defaults are shown). */
  version: z.number().int(),
  updatedAt: At.nullable(),
});
export type MessagingSettingsView = z.infer<typeof MessagingSettingsView>;

export const MessagingSettingsUpdate = z.strictObject({
  /** The version the change started from (0 when nothing is saved yet); another answers 409. */
  version: z.number().int().min(0),
  emailEnabled: z.boolean(),
  smtpHost: Host.nullable(),
  smtpPort: z.number().int().min(1).max(65535).nullable(),
  smtpSecure: z.boolean(),
  smtpUser: text(LIMITS.shortText).nullable(),
  smtpPassword: Secret,
  emailFrom: EmailAddress.nullable(),
  smsEnabled: z.boolean(),
  smsUrl: GatewayUrl.nullable(),
  smsToken: Secret,
  smsSender: SmsSender.nullable(),
  quietFrom: Clock.nullable(),
  quietTo: Clock.nullable(),
  digestHour: z.number().int().min(0).max(23),
  maxAttempts: z.number().int().min(1).max(20),
});
export type MessagingSettingsUpdate = z.infer<typeof MessagingSettingsUpdate>;

export const TestMessageRequest = z.strictObject({
  channel: OutboxChannel,
  /** An e-mail address, or a phone number (+45 12345678 or 8 digits). */
  to: z.string().trim().min(3).max(LIMITS.shortText),
});
export type TestMessageRequest = z.infer<typeof TestMessageRequest>;

export const TestMessageResult = z.object({
  sent: z.boolean(),
  /** An error code such as smtp_unreachable, smtp_refused_550 or sms_http_503; null when sent. */
  error: z.string().nullable(),
  providerMessageId: z.string().nullable(),
});
export type TestMessageResult = z.infer<typeof TestMessageResult>;

export const OutboxItem = z.object({
  id: uuid,
  kind: OutboxKind,
  channel: OutboxChannel,
  recipientKind: OutboxRecipient,
  citizenId: uuid.nullable(),
  /** The citizen's name (showing it is on the citizen's audit trail); null for staff messages. */
  citizenName: z.string().nullable(),
  userId: uuid.nullable(),
  userName: z.string().nullable(),
  /** The e-mail address or phone number; empty when the citizen was anonymised. */
  toAddress: z.string(),
  subject: z.string().nullable(),
  status: OutboxStatus,
  notBefore: At,
  attempts: z.number().int(),
  /** An error code (smtp_unreachable, sms_http_503, email_not_configured …), never a server's text. */
  lastError: z.string().nullable(),
  lastAttemptAt: At.nullable(),
  sentAt: At.nullable(),
  cancelledAt: At.nullable(),
  createdAt: At,
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxMessage = OutboxItem.extend({
  body: z.string(),
  templateKey: z.string().nullable(),
  templateVersion: z.number().int().nullable(),
  providerMessageId: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxQuery = z.strictObject({
  ...PageQuery,
  status: OutboxStatus.optional(),
  kind: OutboxKind.optional(),
  channel: OutboxChannel.optional(),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxCounts = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});
export type OutboxCounts = z.infer<typeof OutboxCounts>;

export const OutboxPage = Page(OutboxItem).extend({ counts: OutboxCounts });
export type OutboxPage = z.infer<typeof OutboxPage>;
