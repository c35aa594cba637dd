/**
 * The retention rules' scheduled work on the job queue (platform/jobs.ts):
 *  - "privacy.retention-daily" (02:30 Copenhagen): installs missing shipped rules, then creates one
 *    run per enabled rule per municipality and enqueues its job — at most one scheduled run per rule
 *    per Copenhagen day, and none beside a run still pending (a run awaiting confirmation waits for
 *    the administrator, not for tomorrow's schedule);
 *  - "privacy.retention-run": executes one run (retention-run.ts), safe to repeat.
 * A manual run from the administrator's page enqueues the same run job.
 */
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import type { Db } from "../../db/client.js";
import { retentionRules, retentionRuns } from "../../db/schema/index.js";
import { defineJob } from "../../platform/jobs.js";
import { executeRetentionRun } from "./retention-run.js";
import { installShippedRetentionRulesEverywhere, PENDING_STATUSES } from "./retention-rules-store.js";
import { type EnqueueRun, createRun } from "./retention-service.js";

export const RETENTION_DAILY_JOB = "privacy.retention-daily";
export const RETENTION_RUN_JOB = "privacy.retention-run";
const RUN_RETRIES = 3;

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Creates today's scheduled runs (see the file comment) in one transaction with their jobs, and
 * answers their ids. Two processes' daily jobs take turns on an advisory lock, so the second finds
 * the first one's runs and creates none.
 */
export async function scheduleRetentionRuns(db: Db, asOf: Date, enqueue: EnqueueRun): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('broen.retention-daily'))`);
    await installShippedRetentionRulesEverywhere(tx);
    const day = copenhagenDate(asOf);
    // Every municipality's rules: the schedule is the platform's, not one municipality's request.
    const [rules, busy] = [
      await tx.select().from(retentionRules).where(eq(retentionRules.enabled, true)),
      await tx
        .select({ ruleId: retentionRuns.ruleId })
        .from(retentionRuns)
        .where(
          sql`${inArray(retentionRuns.status, [...PENDING_STATUSES])} or (${and(
            eq(retentionRuns.trigger, "schedule"),
            gte(retentionRuns.asOf, copenhagenInstant(day, "00:00")),
            lt(retentionRuns.asOf, copenhagenInstant(nextDay(day), "00:00")),
          )})`,
        ),
    ];
    const skip = new Set(busy.map((r) => r.ruleId));
    const created: string[] = [];
    for (const rule of rules) {
      if (skip.has(rule.id)) continue;
      const run = await createRun(tx, rule, { trigger: "schedule", asOf, actorUserId: null }, enqueue);
      created.push(run.id);
    }
    return created;
  });
}

export const retentionDailyJob = defineJob<{ asOf?: string }>({
  name: RETENTION_DAILY_JOB,
  schedule: { cron: "30 2 * * *", data: {} },
  expireInSeconds: 15 * 60,
  async handler(job) {
    // The schedule's data is empty: now. A test (or an operator catching up) may name the instant.
    const asOf = typeof job.data.asOf === "string" ? new Date(job.data.asOf) : new Date();
    await scheduleRetentionRuns(job.db, asOf, (tx, runId, municipalityId) =>
      job.enqueue(RETENTION_RUN_JOB, { runId, municipalityId }, { tx }),
    );
  },
});

/** `municipalityId` rides along so the jobs page shows a municipality only its own runs. */
export const retentionRunJob = defineJob<{ runId: string; municipalityId?: string }>({
  name: RETENTION_RUN_JOB,
  retryLimit: RUN_RETRIES,
  // A national audit-trail purge or a large first anonymisation can take a while.
  expireInSeconds: 60 * 60,
  async handler(job) {
    await executeRetentionRun(job.db, job.data.runId, { lastTry: job.retryCount >= RUN_RETRIES });
  },
});

export const retentionJobs = [retentionDailyJob, retentionRunJob];
