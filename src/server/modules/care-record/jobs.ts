/**
 * The care-record module's jobs (issue 14), named in src/server/job-list.ts: the scheduled pull
 * from the FHIR source, the push of changed citizens' bundles, and the clean-up of previews left
 * standing (their rows hold CPR numbers).
 */
import type { JobDefinition } from "../../platform/jobs.js";
import { exchangeJobs } from "./exchange-jobs.js";
import { importCleanupJob } from "./import-jobs.js";

export const careRecordJobs: readonly JobDefinition[] = [...exchangeJobs, importCleanupJob as JobDefinition];
