/**
 * The exchange's jobs on the queue (issue 14, decision 0100; platform/jobs.ts):
 *  - "care-record.pull-due" (every 15 minutes): a pull for each municipality whose source has the
 *    schedule on;
 *  - "care-record.pull": one municipality's pull (stately per municipality: one waits, one runs);
 *    a failure another try may cure throws, so the queue retries it with backoff;
 *  - "care-record.push-scan" (every 10 minutes): queues the citizens whose bundle changed;
 *  - "care-record.push": one citizen's bundle to the target (stately per citizen), retried with backoff.
 * Every handler is safe to repeat: the pull's cursor moves only with its stored run, the push is a
 * PUT by a stable id and is skipped when the target already has the same bundle.
 */
import { type JobDefinition, defineJob } from "../../platform/jobs.js";
import { PULL_DUE_JOB, PULL_JOB, enqueueDuePulls, runPull } from "./pull-service.js";
import { PUSH_JOB, PUSH_RETRIES, PUSH_SCAN_JOB, pushCitizen, scanForPush } from "./push-service.js";

const PULL_RETRIES = 4;

export const pullDueJob = defineJob({
  name: PULL_DUE_JOB,
  schedule: { cron: "*/15 * * * *", data: {} },
  retryLimit: 1,
  expireInSeconds: 5 * 60,
  async handler(job) {
    await enqueueDuePulls(job.db, (tx, name, data, singletonKey) =>
      job.enqueue(name, data, { tx, ...(singletonKey ? { singletonKey } : {}) }),
    );
  },
});

export const pullJob = defineJob<{ municipalityId: string }>({
  name: PULL_JOB,
  policy: "stately",
  retryLimit: PULL_RETRIES,
  retryDelaySeconds: 60,
  retryBackoff: true,
  // A first pull of a large municipality reads ~130,000 Patients and their CarePlans.
  expireInSeconds: 60 * 60,
  async handler(job) {
    await runPull(job.db, job.data.municipalityId, job.log);
  },
});

export const pushScanJob = defineJob({
  name: PUSH_SCAN_JOB,
  schedule: { cron: "*/10 * * * *", data: {} },
  retryLimit: 1,
  expireInSeconds: 60 * 60,
  async handler(job) {
    await scanForPush(job.db, (tx, name, data, singletonKey) =>
      job.enqueue(name, data, { tx, ...(singletonKey ? { singletonKey } : {}) }),
    );
  },
});

export const pushJob = defineJob<{ municipalityId: string; citizenId: string }>({
  name: PUSH_JOB,
  policy: "stately",
  retryLimit: PUSH_RETRIES,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 5 * 60,
  async handler(job) {
    await pushCitizen(job.db, job.data.municipalityId, job.data.citizenId, {
      lastTry: job.retryCount >= PUSH_RETRIES,
      log: job.log,
    });
  },
});

export const exchangeJobs: readonly JobDefinition[] = [pullDueJob, pullJob, pushScanJob, pushJob];
