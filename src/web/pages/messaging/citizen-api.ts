/**
 * Typed calls of the citizen's side of messaging (issue 16): consent, templates, the coordinator's
 * message. Types only from src/shared, so no schema code lands in a page's bundle.
 */
import type {
  CitizenMessageBody,
  CitizenMessagePreview,
  SentMessage,
} from "../../../shared/api/messaging-citizen";
import type { MessagingConsent, MessagingConsentBody } from "../../../shared/api/messaging-consent";
import type {
  MessageTemplate,
  TemplateBody,
  TemplateHistory,
  TemplateKey,
  TemplateLang,
} from "../../../shared/api/messaging-templates";
import { api } from "../../api/client";

export type { CitizenMessagePreview, MessageTemplate, MessagingConsent, SentMessage, TemplateHistory };

export const citizenMessagingKeys = {
  consent: (citizenId: string) => ["citizen", citizenId, "messaging-consent"] as const,
  messages: (citizenId: string) => ["citizen", citizenId, "messages"] as const,
  templates: ["messaging", "templates"] as const,
  templateHistory: (key: string, lang: string) => ["messaging", "templates", key, lang] as const,
};

const tpl = (key: TemplateKey, lang: TemplateLang) =>
  `/messaging/templates/${encodeURIComponent(key)}/${encodeURIComponent(lang)}`;

export const citizenMessagingApi = {
  consent: (citizenId: string, signal?: AbortSignal) =>
    api.get<MessagingConsent>(`/citizens/${citizenId}/messaging-consent`, signal),
  recordConsent: (citizenId: string, body: MessagingConsentBody, key: string) =>
    api.put<MessagingConsent>(`/citizens/${citizenId}/messaging-consent`, body, key),
  messages: (citizenId: string, signal?: AbortSignal) =>
    api.get<SentMessage[]>(`/citizens/${citizenId}/messages`, signal),
  preview: (citizenId: string, body: CitizenMessageBody) =>
    api.post<CitizenMessagePreview>(`/citizens/${citizenId}/messages/preview`, body),
  send: (citizenId: string, body: CitizenMessageBody, key: string) =>
    api.post<SentMessage>(`/citizens/${citizenId}/messages`, body, key),
  templates: (signal?: AbortSignal) => api.get<MessageTemplate[]>("/messaging/templates", signal),
  templateHistory: (key: TemplateKey, lang: TemplateLang, signal?: AbortSignal) =>
    api.get<TemplateHistory>(`${tpl(key, lang)}/history`, signal),
  saveTemplate: (key: TemplateKey, lang: TemplateLang, body: TemplateBody, idempotencyKey: string) =>
    api.post<MessageTemplate>(tpl(key, lang), body, idempotencyKey),
};
