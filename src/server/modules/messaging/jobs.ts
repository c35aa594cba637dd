/**
 * The messaging module's jobs on the queue (platform/jobs.ts, decision 0094):
 *  - "messaging.deliver-due" (every minute, and at once after a settings save or a retry): one
 *    delivery round (delivery.ts). Safe to repeat and to run beside another round (two processes on
 *    PostgreSQL): each message is claimed FOR UPDATE SKIP LOCKED in its own committed transaction
 *    before it is sent, and a round that dies leaves rows the next round sees. Not "stately": a round
 *    cut off by kill -9 stays active in pg-boss until its expireIn, and a stately queue would let no
 *    other round start meanwhile — the outbox would stall for that long.
 */
import { type JobDefinition, defineJob } from "../../platform/jobs.js";
import { DELIVER_JOB, deliverDueMessages } from "./delivery.js";

export const deliverDueJob = defineJob({
  name: DELIVER_JOB,
  schedule: { cron: "* * * * *", data: {} },
  // The next minute's round is the retry; per-message retries are the outbox's own (backoff).
  retryLimit: 0,
  // A round claims for at most 5 minutes (delivery.ts), each send bounded by the transports' timeouts.
  expireInSeconds: 10 * 60,
  async handler(job) {
    await deliverDueMessages(job.db, { log: job.log });
  },
});

export const deliveryJobs: readonly JobDefinition[] = [deliverDueJob];
