/**
 * The job queue (platform/jobs.ts, decision 0094) on this run's engine: due jobs run through
 * pg-boss, an enqueue in a transaction lives and dies with it, a failing handler is retried with a
 * growing delay and then lands as failed with its class and code only, a "stately" queue keeps one
 * waiting job per key, cron schedules are stored in Copenhagen time, and stop() lets a running
 * handler finish. On PostgreSQL: two queues on two pools run N jobs, each exactly once.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, rawRows } from "../db/client.js";
import { AppError } from "./errors.js";
import { failureOf } from "./jobs-adapter.js";
import { JOB_SCHEMA, type JobQueue, defineJob, openJobQueue } from "./jobs.js";
import { type TestDatabase, openTestDatabase } from "../../../test/support/test-db.js";

let testDb: TestDatabase;
let database: Database;

const ran: { id: string; data: Record<string, unknown>; retryCount: number }[] = [];
const echo = defineJob<{ n: number }>({
  name: "test.echo",
  async handler(job) {
    ran.push({ id: job.id, data: job.data, retryCount: job.retryCount });
  },
});
const failing = defineJob({
  name: "test.failing",
  retryLimit: 2,
  retryDelaySeconds: 30,
  retryBackoff: true,
  async handler() {
    // A message that names someone: it must not reach the stored job.
    throw new AppError("citizen_not_found", 404, { name: "Anna Testesen" });
  },
});
const perRule = defineJob<{ ruleId: string }>({
  name: "test.per-rule",
  policy: "stately",
  async handler() {},
});
const nightly = defineJob({ name: "test.nightly", schedule: { cron: "15 2 * * *" }, async handler() {} });

async function jobRow(id: string) {
  const [row] = await rawRows<{ state: string; retry_count: number; output: unknown; start_after: Date }>(
    database.db,
    sql`select state, retry_count, output, start_after from ${sql.raw(JOB_SCHEMA)}.job where id = ${id}`,
  );
  return row!;
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  database = testDb.database;
});
afterAll(async () => {
  await testDb.close();
});

describe("the job queue", () => {
  let queue: JobQueue;
  beforeAll(async () => {
    queue = await openJobQueue(database, [echo, failing, perRule, nightly]);
  });
  afterAll(async () => {
    await queue.stop();
  });

  it("runs due jobs through pg-boss and marks them completed", async () => {
    const id = await queue.enqueue("test.echo", { n: 1 });
    const later = await queue.enqueue("test.echo", { n: 2 }, { startAfter: 3600 });
    expect(await queue.runDueJobs("test.echo")).toEqual({ completed: [id], failed: [] });
    expect(ran.map((r) => r.data)).toEqual([{ n: 1 }]);
    expect((await jobRow(id!)).state).toBe("completed");
    // Not due for an hour; the clock set forward runs it without waiting.
    expect((await jobRow(later!)).state).toBe("created");
    expect(await queue.runDueJobs("test.echo", { includeDelayed: true })).toEqual({
      completed: [later],
      failed: [],
    });
    await expect(queue.enqueue("test.unknown", {})).rejects.toThrow(/no job is defined/);
  });

  it("enqueues inside the caller's transaction: rolled back, the job is gone too", async () => {
    const before = ran.length;
    await expect(
      database.db.transaction(async (tx) => {
        await queue.enqueue("test.echo", { n: 3 }, { tx });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    let kept: string | null = null;
    await database.db.transaction(async (tx) => {
      kept = await queue.enqueue("test.echo", { n: 4 }, { tx });
    });
    expect((await queue.runDueJobs("test.echo")).completed).toEqual([kept]);
    expect(ran.slice(before).map((r) => r.data)).toEqual([{ n: 4 }]);
  });

  it("retries a failing handler with a growing delay, then keeps it as failed with class and code only", async () => {
    const id = (await queue.enqueue("test.failing", {}))!;
    expect(await queue.runDueJobs("test.failing")).toEqual({ completed: [], failed: [id] });
    const first = await jobRow(id);
    expect(first.state).toBe("retry");
    // Backoff: the first retry waits 30–60 s (retryDelay · 2^1 / 2, plus jitter); nothing is due now.
    const wait1 = new Date(first.start_after).getTime() - Date.now();
    expect(wait1).toBeGreaterThan(20_000);
    expect(await queue.runDueJobs("test.failing")).toEqual({ completed: [], failed: [] });

    await queue.runDueJobs("test.failing", { includeDelayed: true });
    const second = await jobRow(id);
    expect(second).toMatchObject({ state: "retry", retry_count: 1 });
    const wait2 = new Date(second.start_after).getTime() - Date.now();
    expect(wait2).toBeGreaterThan(50_000); // 60–120 s: doubled

    await queue.runDueJobs("test.failing", { includeDelayed: true });
    const last = await jobRow(id);
    expect(last).toMatchObject({ state: "failed", retry_count: 2 });
    expect(last.output).toEqual({ error: "AppError", code: "citizen_not_found" });
    expect(JSON.stringify(last.output)).not.toContain("Anna");
    // Nothing left to run.
    expect(await queue.runDueJobs("test.failing", { includeDelayed: true })).toEqual({
      completed: [],
      failed: [],
    });
  });

  it("a stately queue keeps one waiting job per key", async () => {
    const a = await queue.enqueue("test.per-rule", { ruleId: "a" }, { singletonKey: "a" });
    expect(a).toEqual(expect.any(String));
    expect(await queue.enqueue("test.per-rule", { ruleId: "a" }, { singletonKey: "a" })).toBeNull();
    expect(await queue.enqueue("test.per-rule", { ruleId: "b" }, { singletonKey: "b" })).toEqual(
      expect.any(String),
    );
    expect((await queue.runDueJobs("test.per-rule")).completed).toHaveLength(2);
    // Run: the key is free again.
    expect(await queue.enqueue("test.per-rule", { ruleId: "a" }, { singletonKey: "a" })).toEqual(
      expect.any(String),
    );
  });

  it("stores cron schedules in Copenhagen time and removes one a definition no longer has", async () => {
    // The template database holds the app's own queues and schedules too: only this file's are looked at.
    const mine = async () => (await queue.boss.getSchedules()).filter((s) => s.name.startsWith("test."));
    expect(await mine()).toEqual([
      expect.objectContaining({ name: "test.nightly", cron: "15 2 * * *", timezone: "Europe/Copenhagen" }),
    ]);
    const without = await openJobQueue(database, [{ ...nightly, schedule: undefined }]);
    await without.stop();
    expect(await mine()).toEqual([]);
  });

  it("keeps no message of an error: class and code, also a driver's code under Drizzle's wrapper", () => {
    expect(failureOf(new TypeError("Anna"))).toEqual({ error: "TypeError" });
    const wrapped = Object.assign(new Error("Failed query: … Anna"), { cause: { code: "23505" } });
    expect(failureOf(wrapped)).toEqual({ error: "Error", code: "23505" });
  });
});

describe("workers", () => {
  it("run enqueued jobs in the background, and stop() lets a running handler finish", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    let finished = 0;
    const slow = defineJob({
      name: "test.slow",
      async handler() {
        started++;
        await gate;
        finished++;
      },
    });
    const queue = await openJobQueue(database, [slow], { workers: true, pollingIntervalSeconds: 0.5 });
    const id = (await queue.enqueue("test.slow", {}))!;
    await expect.poll(() => started, { timeout: 10_000 }).toBe(1);
    const stopping = queue.stop();
    setTimeout(release, 300);
    await stopping;
    expect(finished).toBe(1);
    await expect.poll(async () => (await jobRow(id)).state, { timeout: 5_000 }).toBe("completed");
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("stopping while a fetch is in flight (PostgreSQL)", () => {
  // pg-boss hands a job fetched during its stop to the handler afterwards; stop() must wait for it
  // and its completion, or they meet a closed database (decision 0094, "Stopping").
  it("stop() returns only after the job that fetch brings has run and been completed", async () => {
    let finished = 0;
    const held = defineJob({
      name: "test.held",
      async handler() {
        await new Promise((r) => setTimeout(r, 300));
        finished++;
      },
    });
    const queue = await openJobQueue(database, [held], { pollingIntervalSeconds: 0.5 });
    const id = (await queue.enqueue("test.held", {}))!;
    // Another connection holds the queue's partition of the job table, so the workers' first fetch
    // waits in the database.
    const [queueRow] = await rawRows<{ partition: string }>(
      database.db,
      sql`select partition_name as partition from ${sql.raw(JOB_SCHEMA)}.queue where name = 'test.held'`,
    );
    const locker = await openDatabase({ url: testDb.url!, poolSize: 1 });
    let unlock: () => void = () => undefined;
    const unlocked = new Promise<void>((r) => (unlock = r));
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = locker.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`lock table ${JOB_SCHEMA}."${queueRow!.partition}" in share mode`));
      locked();
      await unlocked;
    });
    try {
      await isLocked;
      const starting = queue.startWorkers();
      await expect
        .poll(
          async () =>
            (
              await rawRows<{ n: number }>(
                database.db,
                sql`select count(*)::int as n from pg_stat_activity
                    where wait_event_type = 'Lock' and query ilike '%skip locked%'`,
              )
            )[0]!.n,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
      const stopping = queue.stop();
      setTimeout(unlock, 300);
      await stopping;
      await starting;
      expect(finished).toBe(1);
      expect((await jobRow(id)).state).toBe("completed");
    } finally {
      unlock();
      await holding;
      await locker.close();
    }
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("several processes on one PostgreSQL database", () => {
  it("two queues on two pools run N jobs, each exactly once", async () => {
    await database.db.execute(sql`create table job_test_runs (job_id uuid not null, worker text not null)`);
    const N = 30;
    const definitionFor = (worker: string) =>
      defineJob({
        name: "test.shared",
        async handler(job) {
          await job.db.execute(sql`insert into job_test_runs (job_id, worker) values (${job.id}, ${worker})`);
        },
      });
    const second = await openDatabase({ url: testDb.url!, poolSize: 3 });
    const enqueuer = await openJobQueue(database, [definitionFor("none")]);
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push((await enqueuer.enqueue("test.shared", { i }))!);
    await enqueuer.stop();

    const opts = { workers: true, pollingIntervalSeconds: 0.5 };
    const [a, b] = await Promise.all([
      openJobQueue(database, [definitionFor("a")], opts),
      openJobQueue(second, [definitionFor("b")], opts),
    ]);
    try {
      await expect
        .poll(async () => (await rawRows(database.db, sql`select 1 from job_test_runs`)).length, {
          timeout: 20_000,
        })
        .toBeGreaterThanOrEqual(N);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await second.close();
    }
    const runs = await rawRows<{ job_id: string; worker: string }>(
      database.db,
      sql`select job_id, worker from job_test_runs`,
    );
    expect(runs.map((r) => r.job_id).sort()).toEqual([...ids].sort());
    const states = await rawRows<{ state: string; n: number }>(
      database.db,
      sql`select state, count(*)::int as n from ${sql.raw(JOB_SCHEMA)}.job where name = 'test.shared' group by state`,
    );
    expect(states).toEqual([{ state: "completed", n: N }]);
  });
});
