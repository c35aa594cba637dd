/**
 * GET /api/admin/jobs (issue 13, decision 0094): administrators see per queue the counts by state
 * and the recent runs with an error's class and code — never job data, never another
 * municipality's jobs; every other role gets 403. Also: a route enqueues through its own
 * transaction (on PGlite a statement beside it would wait forever) and the job runs on runDueJobs.
 */
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobsStatus } from "../../../shared/api/jobs.js";
import { ACTOR_KEYS } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import type { App } from "../../platform/app-type.js";
import { AppError } from "../../platform/errors.js";
import { defineJob } from "../../platform/jobs.js";
import { declareRoute } from "../../platform/route.js";

const handled: string[] = [];
const reminder = defineJob<{ municipalityId: string; note: string }>({
  name: "test.reminder",
  retryLimit: 1,
  retryDelaySeconds: 10,
  schedule: { cron: "0 7 * * 1-5" },
  async handler(job) {
    handled.push(job.data.note);
    if (job.data.note === "fails") throw new AppError("citizen_not_found", 404);
  },
});
const sweep = defineJob({ name: "test.sweep", async handler() {} });

/** A write that enqueues from inside its transaction, as an administrator's "run now" would. */
function enqueueRoute(app: App): void {
  app.register(
    async (api) => {
      declareRoute(api as App, {
        method: "POST",
        url: "/enqueue",
        tags: ["test"],
        summary: "enqueues a reminder",
        access: { action: "job.status" },
        audit: { none: "a test job" },
        body: z.object({ note: z.string() }),
        response: z.object({ jobId: z.string().nullable() }),
        status: 202,
        handler: async ({ tx, ctx, body, request }) => ({
          jobId: await request.server.jobs.enqueue(
            "test.reminder",
            { municipalityId: ctx.actor.municipalityId, note: body.note },
            { tx },
          ),
        }),
      });
    },
    { prefix: "/api/jobs-test" },
  );
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ app: { jobDefinitions: [reminder, sweep] }, extraRoutes: enqueueRoute });
});
afterAll(() => t?.close());

describe("GET /api/admin/jobs", () => {
  it("shows queues, counts and recent runs with the error's class and code, never job data", async () => {
    const admin = await t.as("administrator");
    // "Anna Testesen" stands for personal data a job could carry: it must not come back.
    const ok = await admin.post("/api/jobs-test/enqueue", { note: "Anna Testesen" });
    expect(ok.statusCode).toBe(202);
    const failing = await admin.post("/api/jobs-test/enqueue", { note: "fails" });
    const jobId = (ok.json() as { jobId: string }).jobId;
    expect(await t.app.jobs.runDueJobs("test.reminder")).toEqual({
      completed: [jobId],
      failed: [(failing.json() as { jobId: string }).jobId],
    });
    expect(handled).toEqual(["Anna Testesen", "fails"]);
    // Another municipality's job, and one for the whole installation.
    await t.app.jobs.enqueue("test.reminder", { municipalityId: t.other.municipality.id, note: "x" });
    await t.app.jobs.enqueue("test.sweep", {});

    const res = await admin.get("/api/admin/jobs");
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("Anna");
    expect(res.body).not.toContain("municipalityId");
    const status = res.json() as JobsStatus;
    expect(status.workersRunning).toBe(false);
    expect(status.timeZone).toBe("Europe/Copenhagen");
    // The app's own queues (from the test template) are listed too; this file looks at its own.
    expect(status.queues.filter((q) => q.name.startsWith("test."))).toEqual([
      {
        name: "test.reminder",
        schedule: "0 7 * * 1-5",
        retryLimit: 1,
        counts: { created: 0, retry: 1, active: 0, completed: 1, cancelled: 0, failed: 0 },
        lastCompletedOn: expect.any(String),
      },
      {
        name: "test.sweep",
        schedule: null,
        retryLimit: 3,
        counts: { created: 1, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 },
        lastCompletedOn: null,
      },
    ]);
    expect(status.recent.map((r) => [r.name, r.state, r.error])).toEqual([
      ["test.sweep", "created", null],
      ["test.reminder", "retry", { class: "AppError", code: "citizen_not_found" }],
      ["test.reminder", "completed", null],
    ]);
    const done = status.recent.find((r) => r.id === jobId)!;
    expect(done).toMatchObject({ retryCount: 0, retryLimit: 1, startedOn: expect.any(String) });
    expect(Date.parse(done.completedOn!)).toBeGreaterThanOrEqual(Date.parse(done.startedOn!));
  });

  it("refuses every other role (403)", async () => {
    for (const actor of ACTOR_KEYS.filter((a) => a !== "administrator")) {
      const res = await (await t.as(actor)).get("/api/admin/jobs");
      expect(res.statusCode, actor).toBe(403);
    }
    expect((await t.anonymous.get("/api/admin/jobs")).statusCode).toBe(401);
  });

  it("is in the API document", async () => {
    const doc = (await t.anonymous.get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(doc.paths["/api/admin/jobs"]).toBeDefined();
  });
});
