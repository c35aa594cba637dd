/**
 * The administrator's retention routes (issue 13 points 4 and 6) under /api/privacy/retention.
 * Everything here is counts and settings: no route names a citizen, so none audits a citizen; the
 * changes (a rule, a run started, confirmed or cancelled) are on the audit trail as the
 * administrator's acts.
 */
import { z } from "zod";
import {
  DeletionRecordsPage,
  DeletionRecordsQuery,
  RetentionPreview,
  RetentionPreviewQuery,
  RetentionRuleList,
  RetentionRuleUpdate,
  RetentionRuleView,
  RetentionRunView,
  RetentionRunsPage,
  RetentionRunsQuery,
} from "../../../shared/api/privacy-retention.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { RETENTION_RUN_JOB } from "./retention-jobs.js";
import { listRetentionRules, updateRetentionRule } from "./retention-rules-store.js";
import {
  type EnqueueRun,
  decideRun,
  listDeletionRecords,
  listRetentionRuns,
  previewRetention,
  startManualRun,
} from "./retention-service.js";

const TAGS = ["privacy"] as const;
const COUNTS_ONLY = "settings and counts of the municipality's data; names no citizen";

export async function retentionRoutes(app: App): Promise<void> {
  // The run's job goes into the route's own transaction: it exists exactly when the run row commits.
  const enqueue: EnqueueRun = (tx, runId, municipalityId) =>
    app.jobs.enqueue(RETENTION_RUN_JOB, { runId, municipalityId }, { tx });

  declareRoute(app, {
    method: "GET",
    url: "/privacy/retention/rules",
    tags: TAGS,
    summary: "The municipality's retention rules with their period, legal basis, last run and pending run",
    access: { action: "retention.read" },
    audit: { none: COUNTS_ONLY },
    response: RetentionRuleList,
    handler: ({ tx, ctx }) => listRetentionRules(tx, ctx),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/privacy/retention/rules/:id",
    tags: TAGS,
    summary:
      "Change a rule's period, switch it on or off, or set its confirmation share (optimistic concurrency)",
    description:
      "`version` is the rule's version the change started from; another version answers 409 version_conflict. " +
      "A period outside the kind's limits answers 422 retention_period_out_of_range with minKeepDays and maxKeepDays.",
    access: { action: "retention.manage" },
    audit: { records: [{ action: "update", entity: "retention_rule" }] },
    params: IdParams,
    body: RetentionRuleUpdate,
    response: RetentionRuleView,
    handler: ({ tx, ctx, params, body }) => updateRetentionRule(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/privacy/retention/rules/:id/preview",
    tags: TAGS,
    summary:
      "What a run of the rule would do now (or as of `asOf`, or with another period): counts per category",
    description:
      "For citizen rules the number of citizens and of their courses, screenings, notes, referrals and contacts; " +
      "whether a run would wait for confirmation. Never names anyone.",
    access: { action: "retention.read" },
    audit: { none: COUNTS_ONLY },
    params: IdParams,
    querystring: RetentionPreviewQuery,
    response: RetentionPreview,
    handler: ({ tx, ctx, params, query }) => previewRetention(tx, ctx, params.id, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/privacy/retention/rules/:id/runs",
    tags: TAGS,
    summary: "Start a run of the rule now (through the job queue); answers the queued run",
    description:
      "409 retention_rule_disabled for a rule that is off, 409 retention_run_pending while a run of the rule is queued, " +
      "running or awaiting confirmation. A run that would touch more than the rule's share of citizens waits for confirmation.",
    access: { action: "retention.manage" },
    audit: { records: [{ action: "create", entity: "retention_run" }] },
    params: IdParams,
    body: z.strictObject({}).optional(),
    response: RetentionRunView,
    status: 202,
    handler: ({ tx, ctx, params }) => startManualRun(tx, ctx, params.id, enqueue),
  });

  declareRoute(app, {
    method: "POST",
    url: "/privacy/retention/runs/:id/confirm",
    tags: TAGS,
    summary: "Confirm a run that waits because it would touch more than the rule's share of citizens",
    access: { action: "retention.manage" },
    audit: { records: [{ action: "update", entity: "retention_run" }] },
    params: IdParams,
    body: z.strictObject({}).optional(),
    response: RetentionRunView,
    status: 202,
    handler: ({ tx, ctx, params }) => decideRun(tx, ctx, params.id, true, enqueue),
  });

  declareRoute(app, {
    method: "POST",
    url: "/privacy/retention/runs/:id/cancel",
    tags: TAGS,
    summary:
      "Cancel a run that waits for confirmation; it does nothing, and the schedule evaluates the rule again tomorrow",
    access: { action: "retention.manage" },
    audit: { records: [{ action: "update", entity: "retention_run" }] },
    params: IdParams,
    body: z.strictObject({}).optional(),
    response: RetentionRunView,
    handler: ({ tx, ctx, params }) => decideRun(tx, ctx, params.id, false, enqueue),
  });

  declareRoute(app, {
    method: "GET",
    url: "/privacy/retention/runs",
    tags: TAGS,
    summary: "The runs of the municipality's retention rules, newest first",
    access: { action: "retention.read" },
    audit: { none: COUNTS_ONLY },
    querystring: RetentionRunsQuery,
    response: RetentionRunsPage,
    handler: ({ tx, ctx, query }) => listRetentionRuns(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/privacy/deletion-records",
    tags: TAGS,
    summary:
      "The records of deletions and anonymisations: what category, how many, when, by which rule or by whom",
    access: { action: "retention.read" },
    audit: { none: "the deletion records hold counts and categories, never a citizen" },
    querystring: DeletionRecordsQuery,
    response: DeletionRecordsPage,
    handler: ({ tx, ctx, query }) => listDeletionRecords(tx, ctx, query),
  });
}
