/**
 * Restart safety of the job queue (issue 13, decision 0094): a process that began a job is killed
 * with SIGKILL mid-job; a new process runs the job again and completes it, and its effect is
 * applied exactly once. On PostgreSQL the new process's maintenance fails the cut-off try once its
 * expireIn has passed; on PGlite (a data folder, one process at a time) the new process knows at
 * start that an active job was cut off. Both then retry it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { type Database, openDatabase, rawRows } from "../../src/server/db/client.js";
import { JOB_SCHEMA } from "../../src/server/platform/jobs.js";
import { type TestDatabase, openTestDatabase } from "../support/test-db.js";
import { type Started, runScript } from "./processes.js";

const onPostgres = process.env.TEST_DB === "postgres";
const CHILD = "test/process/job-child.ts";

async function waitFor(started: Started, pattern: RegExp, timeoutMs = 150_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = pattern.exec(started.output());
    if (m) return m;
    if (started.child.exitCode !== null) throw new Error(`child exited early:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${started.output()}`);
}

async function outcome(database: Database, jobId: string) {
  const attempts = await rawRows<{ pid: number }>(
    database.db,
    sql`select pid from job_test_attempts where job_id = ${jobId} order by at`,
  );
  const effects = await rawRows<{ times: number }>(
    database.db,
    sql`select times from job_test_effects where job_id = ${jobId}`,
  );
  const [job] = await rawRows<{ state: string; retry_count: number }>(
    database.db,
    sql`select state, retry_count from ${sql.raw(JOB_SCHEMA)}.job where id = ${jobId}`,
  );
  return { attempts: attempts.map((a) => a.pid), effects: effects.map((e) => e.times), job };
}

/** Child 1 enqueues and begins the job and is killed; child 2 completes it and stops on SIGTERM. */
async function killMidJobThenRestart(
  env: Record<string, string>,
): Promise<{ jobId: string; pids: number[] }> {
  const first = runScript(CHILD, { ...env, JOB_ENQUEUE: "1", JOB_HANG: "1" });
  const [, jobId] = await waitFor(first, /started ([0-9a-f-]{36})/);
  first.child.kill("SIGKILL");
  await first.exited;
  expect(first.output()).not.toContain("completed");

  const second = runScript(CHILD, env);
  await waitFor(second, new RegExp(`completed ${jobId}`));
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);
  return { jobId: jobId!, pids: [first.child.pid!, second.child.pid!] };
}

let testDb: TestDatabase | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "broen-jobs-"));
afterAll(async () => {
  await testDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it.runIf(onPostgres)(
  "PostgreSQL: a job killed mid-run is completed by the next process, exactly once",
  async () => {
    testDb = await openTestDatabase();
    const { jobId, pids } = await killMidJobThenRestart({ DATABASE_URL: testDb.url! });
    const o = await outcome(testDb.database, jobId);
    expect(o.attempts).toEqual(pids);
    expect(o.effects).toEqual([1]);
    expect(o.job).toEqual({ state: "completed", retry_count: 1 });
  },
  360_000,
);

it.runIf(!onPostgres)(
  "PGlite (a data folder): a job killed mid-run is completed after restart, exactly once",
  async () => {
    const { jobId, pids } = await killMidJobThenRestart({ DATA_DIR: dataDir });
    const database = await openDatabase({ dataDir });
    try {
      const o = await outcome(database, jobId);
      expect(o.attempts).toEqual(pids);
      expect(o.effects).toEqual([1]);
      expect(o.job).toEqual({ state: "completed", retry_count: 1 });
    } finally {
      await database.close();
    }
  },
  360_000,
);
