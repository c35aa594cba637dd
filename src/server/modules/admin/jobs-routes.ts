/**
 * GET /api/admin/jobs: the scheduled jobs' status for administrators (issue 13, decision 0094) —
 * per queue its counts by state and the recent runs, read in the route's transaction by
 * platform/jobs-status.ts. Never a job's data.
 */
import { JobsStatus } from "../../../shared/api/jobs.js";
import type { App } from "../../platform/app-type.js";
import { authorize } from "../../platform/authz.js";
import { readJobsStatus } from "../../platform/jobs-status.js";
import { declareRoute } from "../../platform/route.js";

export async function jobRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/admin/jobs",
    tags: ["administration"],
    summary:
      "The scheduled jobs: per queue its counts by state, and the recent runs with their error's class and code (administrators)",
    description:
      "Job data is never shown. Jobs of another municipality (data.municipalityId) are left out; jobs for the whole installation are shown.",
    access: { action: "job.status" },
    audit: { none: "job names, states and times: no citizen, no job data" },
    response: JobsStatus,
    handler: async ({ tx, ctx, request }) => {
      authorize(ctx, { kind: "job.status" });
      return readJobsStatus(tx, ctx.actor.municipalityId, request.server.jobs.workersRunning);
    },
  });
}
