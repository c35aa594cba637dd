/** The retention rules, their previews and runs, and the deletion records (issue 13 points 4–6). */
import type {
  DeletionRecordsPage,
  RetentionPreview,
  RetentionRuleList,
  RetentionRuleUpdate,
  RetentionRuleView,
  RetentionRunView,
} from "../../../shared/api/privacy-retention";
import { api, query } from "../../api/client";

export const retentionKeys = {
  all: ["privacy", "retention"] as const,
  rules: ["privacy", "retention", "rules"] as const,
  records: (page: number) => ["privacy", "retention", "deletion-records", page] as const,
};

export const retentionApi = {
  rules: (signal?: AbortSignal) => api.get<RetentionRuleList>("/privacy/retention/rules", signal),
  preview: (ruleId: string, keepDays?: number, signal?: AbortSignal) =>
    api.get<RetentionPreview>(`/privacy/retention/rules/${ruleId}/preview${query({ keepDays })}`, signal),
  update: (ruleId: string, body: RetentionRuleUpdate, idempotencyKey: string) =>
    api.patch<RetentionRuleView>(`/privacy/retention/rules/${ruleId}`, body, idempotencyKey),
  run: (ruleId: string, idempotencyKey: string) =>
    api.post<RetentionRunView>(`/privacy/retention/rules/${ruleId}/runs`, {}, idempotencyKey),
  confirm: (runId: string, idempotencyKey: string) =>
    api.post<RetentionRunView>(`/privacy/retention/runs/${runId}/confirm`, {}, idempotencyKey),
  cancel: (runId: string, idempotencyKey: string) =>
    api.post<RetentionRunView>(`/privacy/retention/runs/${runId}/cancel`, {}, idempotencyKey),
  records: (page: number, signal?: AbortSignal) =>
    api.get<DeletionRecordsPage>(`/privacy/deletion-records${query({ page, pageSize: 25 })}`, signal),
};
