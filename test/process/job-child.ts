/**
 * A Broen-like process for the restart test (jobs-restart.int.test.ts): it opens the database the
 * environment names (DATABASE_URL, or the PGlite folder DATA_DIR under Broen's lock), starts the
 * job queue with workers, and runs one job kind, "test.restart", whose handler notes each try and
 * then applies its effect once, keyed by the job's id. JOB_ENQUEUE=1 enqueues one such job;
 * JOB_HANG=1 makes the handler stop after noting its try (the test kills the process there).
 * It prints "ready", "started <id>" and "completed <id>"; SIGTERM stops it as main.ts does.
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/server/db/client.js";
import { lockDataDir } from "../../src/server/db/lock.js";
import { defineJob, openJobQueue } from "../../src/server/platform/jobs.js";

const url = process.env.DATABASE_URL || undefined;
const dataDir = url ? undefined : process.env.DATA_DIR;
const release = dataDir ? await lockDataDir(dataDir) : async () => undefined;
const database = await openDatabase({ url, dataDir, poolSize: 3 });
await database.db.execute(
  sql`create table if not exists job_test_attempts (job_id uuid not null, pid int not null, at timestamptz not null default now())`,
);
await database.db.execute(
  sql`create table if not exists job_test_effects (job_id uuid primary key, times int not null)`,
);

const restart = defineJob({
  name: "test.restart",
  retryLimit: 3,
  retryDelaySeconds: 1,
  retryBackoff: false,
  // Short, so PostgreSQL's maintenance notices the killed try within seconds.
  expireInSeconds: 3,
  async handler(job) {
    await job.db.execute(sql`insert into job_test_attempts (job_id, pid) values (${job.id}, ${process.pid})`);
    process.stdout.write(`started ${job.id}\n`);
    if (process.env.JOB_HANG === "1") await new Promise((r) => setTimeout(r, 60_000));
    // The effect, keyed by the job: a second completed run would count 2.
    await job.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into job_test_effects (job_id, times) values (${job.id}, 1)
            on conflict (job_id) do update set times = job_test_effects.times + 1`,
      );
    });
    process.stdout.write(`completed ${job.id}\n`);
  },
});

const queue = await openJobQueue(database, [restart], {
  workers: true,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
});
if (process.env.JOB_ENQUEUE === "1") await queue.enqueue("test.restart", {});
process.stdout.write("ready\n");

process.on("SIGTERM", () => {
  void (async () => {
    await queue.stop();
    await database.close();
    await release();
    process.exit(0);
  })();
});
