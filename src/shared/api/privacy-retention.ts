/**
 * Retention rules as data (issue 13 points 4 and 6): each rule of the caller's municipality with its
 * period and legal basis, a preview of what a run would do, the runs and the deletion records.
 * Counts only — never a citizen's name or id: the preview tells "214 citizens", not who.
 */
import { z } from "zod";
import { RETENTION_KINDS } from "../../domain/privacy/retention-defaults.js";
import { Page, PageQuery, uuid } from "./common.js";

export const RetentionKind = z.enum(RETENTION_KINDS);

/**
 * queued → (awaiting_confirmation → confirmed →) running → succeeded | partly_failed | failed;
 * a run awaiting confirmation may instead be cancelled by the administrator.
 */
export const RETENTION_RUN_STATUSES = [
  "queued",
  "awaiting_confirmation",
  "confirmed",
  "running",
  "succeeded",
  "partly_failed",
  "failed",
  "cancelled",
] as const;
export const RetentionRunStatus = z.enum(RETENTION_RUN_STATUSES);
export type RetentionRunStatus = z.infer<typeof RetentionRunStatus>;

const At = z.iso.datetime({ offset: true });
const Person = z.object({ id: uuid, displayName: z.string() }).nullable();

export const RetentionRunView = z.object({
  id: uuid,
  ruleId: uuid,
  kind: RetentionKind,
  trigger: z.enum(["schedule", "manual"]),
  status: RetentionRunStatus,
  /** The "now" the rule was evaluated against. */
  asOf: At,
  /** Citizens (citizen rules) or rows (the others) that were due when the run began. */
  candidates: z.number().int(),
  processed: z.number().int(),
  failed: z.number().int(),
  /** Why citizens failed, by error code (never who): e.g. { "erasure_reason_required": 1 }. */
  failures: z.record(z.string(), z.number().int()),
  startedAt: At,
  finishedAt: At.nullable(),
  startedBy: Person,
});
export type RetentionRunView = z.infer<typeof RetentionRunView>;

export const RetentionRuleView = z.object({
  id: uuid,
  kind: RetentionKind,
  operation: z.enum(["anonymise", "erase", "purge"]),
  /** "citizen": whole citizens, one transaction each, confirmation above the share; "rows": rows in batches. */
  scope: z.enum(["citizen", "rows"]),
  title: z.string(),
  startingEvent: z.string(),
  action: z.string(),
  legalBasis: z.string(),
  keepDays: z.number().int(),
  defaultKeepDays: z.number().int(),
  minKeepDays: z.number().int(),
  maxKeepDays: z.number().int(),
  enabled: z.boolean(),
  confirmAbovePercent: z.number().int(),
  version: z.number().int(),
  updatedAt: At,
  updatedBy: Person,
  lastRun: RetentionRunView.nullable(),
  /** A run not finished yet: queued, running or waiting for confirmation. */
  pendingRun: RetentionRunView.nullable(),
});
export type RetentionRuleView = z.infer<typeof RetentionRuleView>;

export const RetentionRuleList = z.object({
  rules: z.array(RetentionRuleView),
  /** The municipality's citizens not anonymised: the base of the confirmation share. */
  citizensInMunicipality: z.number().int(),
});
export type RetentionRuleList = z.infer<typeof RetentionRuleList>;

export const RetentionRuleUpdate = z.strictObject({
  version: z.number().int().min(1),
  keepDays: z.number().int().min(0).max(36_500).optional(),
  enabled: z.boolean().optional(),
  confirmAbovePercent: z.number().int().min(0).max(100).optional(),
});
export type RetentionRuleUpdate = z.infer<typeof RetentionRuleUpdate>;

export const RetentionPreviewQuery = z.strictObject({
  /** Evaluate as of this instant (default now): "what would this rule do on 1 January?". Only counts. */
  asOf: At.optional(),
  /** Preview another period than the rule's (an administrator trying a change before saving it). */
  keepDays: z.coerce.number().int().min(0).max(36_500).optional(),
});
export type RetentionPreviewQuery = z.infer<typeof RetentionPreviewQuery>;

export const RetentionPreview = z.object({
  ruleId: uuid,
  kind: RetentionKind,
  asOf: At,
  keepDays: z.number().int(),
  /** Starting events at or before this instant are due. */
  cutoff: At,
  /** What a run would process: citizens for citizen rules, rows for the others. */
  candidates: z.number().int(),
  /** What would be removed or anonymised, by category (citizens, courses, notes… or the table's rows). */
  categories: z.record(z.string(), z.number().int()),
  /** Due but kept: citizens whose processing is restricted (art. 18) are never touched by a rule. */
  heldBackRestricted: z.number().int(),
  citizensInMunicipality: z.number().int(),
  confirmAbovePercent: z.number().int(),
  /** A run now would wait for an administrator's confirmation. */
  needsConfirmation: z.boolean(),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;

export const RetentionRunsQuery = z.strictObject({ ...PageQuery, ruleId: uuid.optional() });
export type RetentionRunsQuery = z.infer<typeof RetentionRunsQuery>;

export const RetentionRunsPage = Page(RetentionRunView);
export type RetentionRunsPage = z.infer<typeof RetentionRunsPage>;

export const DeletionRecordsQuery = z.strictObject({ ...PageQuery, runId: uuid.optional() });
export type DeletionRecordsQuery = z.infer<typeof DeletionRecordsQuery>;

export const DeletionRecordView = z.object({
  id: z.number().int(),
  at: At,
  operation: z.enum(["anonymise", "erase", "purge"]),
  category: z.string(),
  count: z.number().int(),
  /** The rule's kind when a retention run did it; null for an administrator's erasure. */
  kind: RetentionKind.nullable(),
  runId: uuid.nullable(),
  actor: Person,
  reason: z.string().nullable(),
});
export type DeletionRecordView = z.infer<typeof DeletionRecordView>;

export const DeletionRecordsPage = Page(DeletionRecordView);
export type DeletionRecordsPage = z.infer<typeof DeletionRecordsPage>;
