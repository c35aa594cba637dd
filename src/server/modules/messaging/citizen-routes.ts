/**
 * Routes of the citizen's side of messaging (issue 16): consent with history, templates as
 * versioned data, the coordinator's message and what was sent to the citizen.
 */
import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
import {
  CitizenMessageBody,
  CitizenMessagePreview,
  SentMessage,
} from "../../../shared/api/messaging-citizen.js";
import { MessagingConsent, MessagingConsentBody } from "../../../shared/api/messaging-consent.js";
import {
  MessageTemplate,
  TemplateBody,
  TemplateHistory,
  TemplateParams,
} from "../../../shared/api/messaging-templates.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { listMessages, previewMessage, sendMessage } from "./citizen-messages.js";
import { getConsent, recordConsent } from "./consent.js";
import { listTemplates, saveTemplate, templateHistory } from "./templates.js";

const tags = ["messaging"];
const templatesAudit = { none: "message texts of the municipality, no citizen" } as const;

export async function citizenMessagingRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/messaging-consent",
    tags,
    summary: "The citizen's consent to be reached by SMS or e-mail: the row in force and its history",
    access: { action: "citizen.messagingConsent" },
    audit: { records: [{ action: "read", entity: "citizen" }] },
    params: IdParams,
    response: MessagingConsent,
    handler: ({ tx, ctx, params }) => getConsent(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/citizens/:id/messaging-consent",
    tags,
    summary: "Record the citizen's consent (a new row in the history; reminders follow at once)",
    description:
      "Phone numbers: 8 Danish digits or with a country prefix, stored as E.164 (+45…); 400 names the field (invalid_phone, invalid_email, required). Consent false keeps the rest but stops every message and cancels queued reminders.",
    access: { action: "citizen.messagingConsent" },
    audit: { records: [{ action: "update", entity: "citizen" }] },
    params: IdParams,
    body: MessagingConsentBody,
    response: MessagingConsent,
    handler: ({ tx, ctx, params, body }) => recordConsent(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/messaging/templates",
    tags,
    summary:
      "Every message template key and language with the text in force (Broen's or the municipality's version)",
    access: { action: "messaging.configure" },
    audit: templatesAudit,
    response: z.array(MessageTemplate),
    handler: ({ tx, ctx }) => listTemplates(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/messaging/templates/:key/:lang",
    tags,
    summary: "Save a new version of a template text",
    description:
      "Refused (400, field named) when the text holds a CPR number, a variable its key does not fill in, or an open brace.",
    access: { action: "messaging.configure" },
    audit: templatesAudit,
    params: TemplateParams,
    body: TemplateBody,
    response: MessageTemplate,
    status: 201,
    handler: ({ tx, ctx, params, body }) => saveTemplate(tx, ctx, params.key, params.lang, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/messaging/templates/:key/:lang/history",
    tags,
    summary: "A template's versions, newest first, and Broen's shipped text",
    access: { action: "messaging.configure" },
    audit: templatesAudit,
    params: TemplateParams,
    response: TemplateHistory,
    handler: ({ tx, ctx, params }) => templateHistory(tx, ctx, params.key, params.lang),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/messages/preview",
    tags,
    summary: "The coordinator's message as the citizen would get it, and whether it can be sent",
    access: { action: "citizen.message" },
    audit: { records: [{ action: "read", entity: "citizen" }] },
    readOnly: "a preview stores nothing; the text stays out of the URL",
    params: IdParams,
    body: CitizenMessageBody,
    response: CitizenMessagePreview,
    handler: ({ tx, ctx, params, body }) => previewMessage(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/messages",
    tags,
    summary: "Send the citizen a short message from a template (queued on the citizen's channel)",
    description:
      "409 messaging_no_consent / messaging_no_channel when the citizen has not consented or has no SMS or e-mail channel. Send an Idempotency-Key: a repeat answers the first message.",
    access: { action: "citizen.message" },
    audit: { records: [{ action: "create", entity: "citizen_message" }] },
    params: IdParams,
    body: CitizenMessageBody,
    response: SentMessage,
    status: 201,
    handler: ({ tx, ctx, params, body }) => sendMessage(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/messages",
    tags,
    summary: "What was sent (or waits) to the citizen and their relative, with its status",
    access: { action: "citizen.message" },
    audit: { records: [{ action: "read", entity: "citizen" }] },
    params: IdParams,
    response: z.array(SentMessage),
    handler: ({ tx, ctx, params }) => listMessages(tx, ctx, params.id),
  });
}
