/**
 * The scheduled jobs' status for administrators (issue 13, decision 0094): per queue its counts by
 * state, and the recent runs — names, states, times, tries and an error's class and code. Never a
 * job's data (it could name a citizen).
 */
import { z } from "zod";
import { uuid } from "./common.js";

export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

const instant = z.iso.datetime({ offset: true });

export const JobQueueStatus = z.object({
  /** The job's name, e.g. "privacy.retention-daily" (the web page has a Danish label per name). */
  name: z.string(),
  /** A cron expression in Europe/Copenhagen time, when the job is scheduled. */
  schedule: z.string().nullable(),
  retryLimit: z.number().int(),
  counts: z.record(JobState, z.number().int()),
  /** When a job of this queue last completed (still in the queue's table: the last 14 days or so). */
  lastCompletedOn: instant.nullable(),
});
export type JobQueueStatus = z.infer<typeof JobQueueStatus>;

export const JobRunRow = z.object({
  id: uuid,
  name: z.string(),
  state: JobState,
  createdOn: instant,
  startedOn: instant.nullable(),
  completedOn: instant.nullable(),
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
  /**
   * Why the last try failed: the error's class and code as the handler threw it (never its message),
   * or "Expired" (still running after its time: its process stopped), "Timeout", "Stopped".
   */
  error: z.object({ class: z.string(), code: z.string().nullable() }).nullable(),
});
export type JobRunRow = z.infer<typeof JobRunRow>;

export const JobsStatus = z.object({
  queues: z.array(JobQueueStatus),
  /** Newest first, at most 50: waiting, running and finished, the archive included. */
  recent: z.array(JobRunRow),
  /** Whether this process runs workers (false: another process must, or jobs wait). */
  workersRunning: z.boolean(),
  timeZone: z.string(),
});
export type JobsStatus = z.infer<typeof JobsStatus>;
