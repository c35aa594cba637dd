/**
 * Message templates as versioned data (issue 16, part "templates"): Broen ships a text for every
 * key and language; a municipality's newest version overrides it. Variables in braces
 * ({fornavn}, {dato}, …: domain/messaging/templates.ts).
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { TEMPLATE_VARIABLES } from "../../domain/messaging/templates.js";
import { IdRef, text, uuid } from "./common.js";

export const MESSAGE_CHANNEL_VALUES = ["email", "sms", "letter"] as const;

/** Every template key Broen knows: reminders, and the coordinator's messages to a citizen. */
export const TEMPLATE_KEYS = [
  "reminder.accompaniment",
  "reminder.conversation",
  "citizen.motivation",
  "citizen.appointment",
  "citizen.general",
] as const;
export const TemplateKey = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof TemplateKey>;
/** The keys a coordinator picks from when writing to a citizen. */
export const CITIZEN_MESSAGE_KEYS = TEMPLATE_KEYS.filter((k) => k.startsWith("citizen."));
export const TemplateLang = z.enum(["da", "en"]);
export type TemplateLang = z.infer<typeof TemplateLang>;
export const TemplateVariable = z.enum(TEMPLATE_VARIABLES);

/** An SMS is kept short; an e-mail body may be a few paragraphs. */
export const TEMPLATE_BODY_MAX = 1000;

export const MessageTemplate = z.object({
  key: TemplateKey,
  lang: TemplateLang,
  /** null = Broen's shipped text (no municipal version yet). */
  version: z.number().int().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  /** The variables the text may use (those of its key). */
  variables: z.array(TemplateVariable),
  createdBy: IdRef.nullable(),
  createdAt: z.string().nullable(),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const TemplateParams = z.strictObject({ key: TemplateKey, lang: TemplateLang });

export const TemplateBody = z.strictObject({
  subject: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    text(LIMITS.shortText).nullable(),
  ),
  body: text(TEMPLATE_BODY_MAX).pipe(z.string().min(1)),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const TemplateVersion = z.object({
  id: uuid.nullable(),
  version: z.number().int().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  createdBy: IdRef.nullable(),
  createdAt: z.string().nullable(),
});
export const TemplateHistory = z.object({
  key: TemplateKey,
  lang: TemplateLang,
  /** Broen's shipped text, which applies while no version exists. */
  shipped: z.object({ subject: z.string().nullable(), body: z.string() }),
  /** The municipality's versions, newest first. */
  versions: z.array(TemplateVersion),
});
export type TemplateHistory = z.infer<typeof TemplateHistory>;
