/**
 * Every scheduled or queued job the app runs (platform/jobs.ts, decision 0094): one line per
 * module, taken from its front door. buildApp() hands the list to the job queue, which creates
 * each job's queue and cron schedule at start.
 */
import { careRecordJobs } from "./modules/care-record/index.js";
import { messagingJobs } from "./modules/messaging/index.js";
import { retentionJobs } from "./modules/privacy/index.js";
import { reportJobs } from "./modules/reports/index.js";
import type { JobDefinition } from "./platform/jobs.js";

export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  ...retentionJobs,
  ...careRecordJobs,
  ...reportJobs,
  ...messagingJobs,
];
