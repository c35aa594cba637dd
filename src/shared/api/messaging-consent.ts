/**
 * The citizen's consent to be reached (issue 16, part "consent"): how, where, whether reminders
 * come, and a relative's copy. Each change is kept; the newest row is in force. Phone numbers and
 * e-mail addresses are checked by the server (domain/messaging/consent.ts) so the refusal names
 * the field; here only their length and type.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { MESSAGE_CHANNEL_VALUES } from "./messaging-templates.js";
import { IdRef, text, uuid } from "./common.js";

export const MessageChannel = z.enum(MESSAGE_CHANNEL_VALUES);
export type MessageChannel = z.infer<typeof MessageChannel>;
export const RelativeChannel = z.enum(["email", "sms"]);
export const MessageLang = z.enum(["da", "en"]);

/** Empty text is "none" (a form sends ""). */
const address = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  text(LIMITS.shortText).nullable(),
);

export const MessagingConsentBody = z.strictObject({
  consent: z.boolean(),
  channel: MessageChannel.nullable(),
  phone: address,
  email: address,
  remindersEnabled: z.boolean(),
  relativeContactId: uuid.nullable(),
  relativeChannel: RelativeChannel.nullable(),
  relativePhone: address,
  relativeEmail: address,
  lang: MessageLang,
});
export type MessagingConsentBody = z.infer<typeof MessagingConsentBody>;

export const MessagingConsentRecord = z.object({
  id: uuid,
  consent: z.boolean(),
  channel: MessageChannel.nullable(),
  /** E.164 (+45…). */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  remindersEnabled: z.boolean(),
  /** The relative (one of the citizen's contacts); null name when the contact was removed since. */
  relative: z.object({ id: uuid.nullable(), name: z.string().nullable() }).nullable(),
  relativeChannel: RelativeChannel.nullable(),
  relativePhone: z.string().nullable(),
  relativeEmail: z.string().nullable(),
  lang: MessageLang,
  recordedBy: IdRef.nullable(),
  recordedAt: z.string(),
});
export type MessagingConsentRecord = z.infer<typeof MessagingConsentRecord>;

export const MessagingConsent = z.object({
  citizenId: uuid,
  /** The row in force; null = nothing recorded yet (no message is sent). */
  current: MessagingConsentRecord.nullable(),
  /** Every row, newest first (the current one included). */
  history: z.array(MessagingConsentRecord),
  /** Whether a reminder or a coordinator's message can reach the citizen now, and if not why. */
  reachable: z.enum(["yes", "no_consent", "no_channel"]),
});
export type MessagingConsent = z.infer<typeof MessagingConsent>;
