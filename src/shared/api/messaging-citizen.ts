/**
 * The coordinator's message to a citizen (issue 16, part "citizenMessage"): chosen from a template,
 * optionally with the coordinator's own words, queued on the citizen's channel; and the list of what
 * was sent to the citizen (reminders too), with its status.
 */
import { z } from "zod";
import { OUTBOX_CHANNEL_VALUES, OUTBOX_KIND_VALUES, OUTBOX_STATUS_VALUES } from "./messaging-outbox.js";
import { IdRef, text, uuid } from "./common.js";
import { TEMPLATE_BODY_MAX } from "./messaging-templates.js";

export const CITIZEN_MESSAGE_TEMPLATE_KEYS = [
  "citizen.motivation",
  "citizen.appointment",
  "citizen.general",
] as const;

export const CitizenMessageBody = z.strictObject({
  templateKey: z.enum(CITIZEN_MESSAGE_TEMPLATE_KEYS),
  /**
   * The coordinator's own text, in place of the template's body (variables are still filled in);
   * absent or empty = the template's text as it is.
   */
  text: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    text(TEMPLATE_BODY_MAX).optional(),
  ),
});
export type CitizenMessageBody = z.infer<typeof CitizenMessageBody>;

export const CitizenMessagePreviewBody = CitizenMessageBody;

export const SentMessage = z.object({
  id: uuid,
  kind: z.enum(OUTBOX_KIND_VALUES),
  channel: z.enum(OUTBOX_CHANNEL_VALUES),
  recipientKind: z.enum(["citizen", "relative", "user"]),
  /** The phone number or e-mail address it went (or goes) to. */
  toAddress: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  templateKey: z.string().nullable(),
  status: z.enum(OUTBOX_STATUS_VALUES),
  notBefore: z.string(),
  sentAt: z.string().nullable(),
  createdBy: IdRef.nullable(),
  createdAt: z.string(),
});
export type SentMessage = z.infer<typeof SentMessage>;

export const CitizenMessagePreview = z.object({
  /** Whether it can be sent: "yes", or why not (the send is refused with 409 then). */
  reachable: z.enum(["yes", "no_consent", "no_channel"]),
  channel: z.enum(OUTBOX_CHANNEL_VALUES).nullable(),
  toAddress: z.string().nullable(),
  subject: z.string().nullable(),
  /** The text as the citizen would get it. */
  body: z.string(),
  /** The template's text with its variables, to start the coordinator's own words from. */
  templateBody: z.string(),
});
export type CitizenMessagePreview = z.infer<typeof CitizenMessagePreview>;
