/**
 * The staff's daily digest (issue 16 point 2): each user's own choices — where it goes, on or off,
 * and which of their role's topics they do not want. The topics a role can receive come from the
 * domain rule (domain/messaging/digest.ts); the web app shows each by its i18n key.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { DIGEST_TOPICS } from "../../domain/messaging/digest.js";

export const DigestTopic = z.enum(DIGEST_TOPICS);
/** The digest's language: Broen's two UI languages, Danish by default. */
export const DigestLang = z.enum(["da", "en"]);
export type DigestTopicKey = z.infer<typeof DigestTopic>;

/** One topic the caller's role can receive, and whether the caller switched it off. */
export const NotificationTopic = z.object({
  key: DigestTopic,
  /** The web app's i18n key of the topic's label, namespace first (Danish and English). */
  labelKey: z.string(),
  muted: z.boolean(),
});

export const NotificationPreferences = z.object({
  /** Where the digest goes; null = no address yet (no digest). */
  email: z.string().nullable(),
  digestEnabled: z.boolean(),
  /** The language the digest is written in ("da" until the user chooses English). */
  lang: DigestLang,
  /** Every topic the caller's role can receive, in the digest's order. */
  topics: z.array(NotificationTopic),
  /** The local hour (Europe/Copenhagen) at which the municipality's digests are made. */
  digestHour: z.number().int(),
  /** 0 until the caller first saves (the role's defaults: every topic on). */
  version: z.number().int(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

const EmailAddress = z.string().trim().max(LIMITS.shortText).pipe(z.email());

export const UpdateNotificationPreferencesBody = z
  .object({
    /** null or absent removes the address (no digest is sent without one). */
    email: EmailAddress.nullable(),
    digestEnabled: z.boolean(),
    /** Topics switched off; a topic the role cannot receive is refused (the field named). */
    mutedTopics: z.array(DigestTopic).max(DIGEST_TOPICS.length),
    /** Absent keeps the stored language (Danish before the first save), so an older client loses no choice. */
    lang: DigestLang.optional(),
    /** The version the edit started from (0 before the first save); a stale one is 409. */
    version: z.number().int().min(0),
  })
  .strict();
export type UpdateNotificationPreferencesBody = z.infer<typeof UpdateNotificationPreferencesBody>;
