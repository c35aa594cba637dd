/**
 * "care-record.import-cleanup" (nightly): a preview run left standing for more than
 * PREVIEW_KEEP_DAYS is discarded and its rows — CPR numbers, names, addresses — deleted
 * (decision 0098). Safe to repeat: a discarded run is not found again.
 */
import { defineJob } from "../../platform/jobs.js";
import { discardStalePreviews } from "./import-service.js";

export const IMPORT_CLEANUP_JOB = "care-record.import-cleanup";
export const PREVIEW_KEEP_DAYS = 7;

export const importCleanupJob = defineJob<{ asOf?: string }>({
  name: IMPORT_CLEANUP_JOB,
  schedule: { cron: "40 2 * * *", data: {} },
  retryLimit: 2,
  expireInSeconds: 10 * 60,
  async handler(job) {
    const now = job.data.asOf ? new Date(job.data.asOf) : new Date();
    const cutoff = new Date(now.getTime() - PREVIEW_KEEP_DAYS * 24 * 60 * 60 * 1000);
    const discarded = await job.db.transaction((tx) => discardStalePreviews(tx, cutoff));
    if (discarded > 0) job.log.info({ discarded }, "stale import previews discarded");
  },
});
