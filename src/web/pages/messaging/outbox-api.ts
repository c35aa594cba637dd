/** The messaging core's calls (issue 16, decision 0105): channels and quiet hours, test message, outbox. */
import type {
  MessagingSettingsUpdate,
  MessagingSettingsView,
  OutboxChannel,
  OutboxKind,
  OutboxMessage,
  OutboxPage,
  OutboxStatus,
  TestMessageRequest,
  TestMessageResult,
} from "../../../shared/api/messaging-outbox";
import { api, query } from "../../api/client";

export interface OutboxFilter {
  status: OutboxStatus | "";
  kind: OutboxKind | "";
  channel: OutboxChannel | "";
}

export const outboxKeys = {
  all: ["messaging", "core"] as const,
  settings: ["messaging", "core", "settings"] as const,
  outbox: (f: OutboxFilter, page: number) =>
    ["messaging", "core", "outbox", f.status, f.kind, f.channel, page] as const,
  message: (id: string) => ["messaging", "core", "message", id] as const,
};

export const OUTBOX_PAGE_SIZE = 20;

export const outboxApi = {
  settings: (signal?: AbortSignal) => api.get<MessagingSettingsView>("/messaging/settings", signal),
  saveSettings: (body: MessagingSettingsUpdate, key: string) =>
    api.put<MessagingSettingsView>("/messaging/settings", body, key),
  test: (body: TestMessageRequest, key: string) =>
    api.post<TestMessageResult>("/messaging/settings/test", body, key),
  outbox: (f: OutboxFilter, page: number, signal?: AbortSignal) =>
    api.get<OutboxPage>(`/messaging/outbox${query({ ...f, page, pageSize: OUTBOX_PAGE_SIZE })}`, signal),
  message: (id: string, signal?: AbortSignal) => api.get<OutboxMessage>(`/messaging/outbox/${id}`, signal),
  retry: (id: string, key: string) => api.post<OutboxMessage>(`/messaging/outbox/${id}/retry`, {}, key),
  cancel: (id: string, key: string) => api.post<OutboxMessage>(`/messaging/outbox/${id}/cancel`, {}, key),
};
