/**
 * Durable scheduled work (issue 13, decision 0094): a job queue in the database, pg-boss 10, on
 * PGlite and on PostgreSQL alike. pg-boss keeps its own tables in the schema `pgboss` and creates
 * and migrates them itself (versioned). It runs over Broen's own connection (jobs-adapter.ts):
 * on PostgreSQL several processes each fetch with FOR UPDATE SKIP LOCKED, so a job runs in one of
 * them; on PGlite its statements wait for an open app transaction, so a route must enqueue
 * through its own `tx` (enqueue's option), never beside it.
 *
 * A module defines its jobs with defineJob() and exports them from its front door; job-list.ts
 * names them all. Handlers MUST be safe to repeat: a job whose process was killed (kill -9), that
 * ran past expireIn, or whose try failed runs again. Key effects by the job's id, or make them
 * idempotent (an anonymisation of an already anonymised citizen changes nothing).
 *
 * What a failed try leaves in pg-boss's table is the error's class and code, never its message,
 * which could hold a citizen's name (jobs-adapter.ts, failureOf).
 *
 * Two pg-boss instances on the same connection: the queue's own (enqueue, runDueJobs; opened by
 * buildApp, cheap) and, once startWorkers() is called — by main.ts after it listens, so a start is
 * not made slower — one that polls, keeps the cron and runs the maintenance.
 */
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Database, Db, DbOrTx } from "../db/client.js";
import { closableQueueDb, failureOf, queueAdapter, txAdapter } from "./jobs-adapter.js";

/** The error summary a failed try keeps (class and code), for modules that record failures themselves. */
export { failureOf };

/** pg-boss's schema; its tables are the library's, migrated by it (decision 0094). */
export const JOB_SCHEMA = "pgboss";
/** Cron schedules are read in the municipalities' time zone (daylight saving included). */
export const JOB_TIME_ZONE = "Europe/Copenhagen";

export type JobData = Record<string, unknown>;

/** What a handler is given for one job. */
export interface JobRun<T extends JobData> {
  /** pg-boss's id (uuid): stable across retries and restarts, so effects can be keyed by it. */
  id: string;
  name: string;
  data: T;
  /** 0 on the first try. */
  retryCount: number;
  /** Broen's database: the handler runs its own transactions (one per citizen, say). */
  db: Db;
  log: JobLogger;
  /** Enqueues follow-up work (pass `tx` when inside a transaction of `db`); see JobQueue.enqueue. */
  enqueue(name: string, data?: JobData, opts?: EnqueueOptions): Promise<string | null>;
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface JobDefinition<T extends JobData = JobData> {
  /** The queue's name, "<module>.<job>": lower-case letters, digits, dots, dashes, underscores. */
  name: string;
  /** Retries after the first try (default 3). */
  retryLimit?: number;
  /** Seconds before a retry (default 60); with retryBackoff it doubles per try, with jitter. */
  retryDelaySeconds?: number;
  /** Default true. */
  retryBackoff?: boolean;
  /**
   * Seconds a try may run (default 900). A job still active after that — its process was killed —
   * is failed by the maintenance and retried: set it near the job's real longest run.
   */
  expireInSeconds?: number;
  /**
   * "standard" (default), or "stately": at most one waiting and one running job per singletonKey
   * (enqueue answers null for a second waiting one) — for "run this rule now" pressed twice.
   */
  policy?: "standard" | "stately";
  /** A cron expression read in Europe/Copenhagen, e.g. "15 2 * * *" (02:15 every night). */
  schedule?: { cron: string; data?: T };
  handler(job: JobRun<T>): Promise<void>;
}

/** Typing help for a module's definitions; answers the definition itself. */
export function defineJob<T extends JobData = JobData>(def: JobDefinition<T>): JobDefinition<T> {
  return def;
}

export interface EnqueueOptions {
  /** With policy "stately": at most one waiting job per key; pg-boss keeps it otherwise. */
  singletonKey?: string;
  /** Not before this instant, or this many seconds from now. */
  startAfter?: Date | number;
  /**
   * The caller's transaction: the job is inserted in it, so it exists exactly when the caller's
   * work commits. A route handler MUST pass its `tx` (on PGlite a statement beside an open
   * transaction waits for it forever).
   */
  tx?: DbOrTx;
}

export interface RunDueOptions {
  /**
   * Also the jobs whose start or retry lies in the future: the clock set forward past them, once
   * (tests; no waiting). A job that fails in this call is retried in a later call, not this one.
   */
  includeDelayed?: boolean;
}

export interface RunDueResult {
  completed: string[];
  failed: string[];
}

export interface JobQueue {
  enqueue(name: string, data?: JobData, opts?: EnqueueOptions): Promise<string | null>;
  /** Fetches the due jobs of one queue (or of every defined one) and runs them here and now, until none is due. */
  runDueJobs(name?: string, opts?: RunDueOptions): Promise<RunDueResult>;
  /** Starts the workers, the cron and the maintenance in this process (once; main.ts after listen). */
  startWorkers(): Promise<void>;
  /** Whether this process runs workers. */
  readonly workersRunning: boolean;
  readonly definitions: readonly JobDefinition[];
  /** pg-boss itself (the queue's instance), for the queue's own tests. */
  readonly boss: PgBoss;
  /** Graceful: running handlers may finish (up to the timeout); what is left is failed and retried later. */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /** Start the workers at once (a test that wants them); main.ts calls startWorkers() after listen. */
  workers?: boolean;
  log?: JobLogger;
  /** Seconds between a worker's polls when idle (default 2, pg-boss's own; at least 0.5). */
  pollingIntervalSeconds?: number;
  /** Seconds between maintenance runs: expiry of killed jobs, archiving (default 60). */
  maintenanceIntervalSeconds?: number;
  /** How long stop() lets running handlers finish (default 20 s, inside a 30 s stop grace). */
  stopTimeoutMs?: number;
}

const DEFAULTS = { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 900 };
const QUIET: JobLogger = { info: () => undefined, warn: () => undefined };

/**
 * Installs or migrates pg-boss's schema and creates the queues of these definitions (the test
 * template does this once, so no test file pays for it; openJobQueue does it too).
 */
export async function installJobSchema(
  database: Database,
  definitions: readonly JobDefinition[] = [],
): Promise<void> {
  const boss = new PgBoss({
    db: queueAdapter(database),
    schema: JOB_SCHEMA,
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => undefined);
  await boss.start();
  await syncQueues(boss, definitions);
  await grantQueueToTenantRole(database);
  await boss.stop({ graceful: false, close: false });
}

/**
 * A staff route enqueues in its own transaction, which runs as the row-level-security role
 * broen_tenant (tenant-isolation.ts, decision 0106): it needs pg-boss's tables too. pg-boss creates
 * its schema after the migrations, so the rights are given here, once per table (privileges on a
 * partitioned table cover its partitions). Each grant is checked first, and a concurrent start's
 * identical grant ("tuple concurrently updated") is harmless: the next start checks again.
 */
async function grantQueueToTenantRole(database: Database): Promise<void> {
  await database.db.execute(
    sql.raw(`DO $$
    DECLARE t text;
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'broen_tenant') THEN RETURN; END IF;
      IF NOT has_schema_privilege('broen_tenant', '${JOB_SCHEMA}', 'USAGE') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO broen_tenant';
      END IF;
      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '${JOB_SCHEMA}' LOOP
        IF NOT has_table_privilege('broen_tenant', format('${JOB_SCHEMA}.%I', t), 'INSERT') THEN
          EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ${JOB_SCHEMA}.%I TO broen_tenant', t);
        END IF;
      END LOOP;
    EXCEPTION WHEN internal_error THEN NULL;
    END $$`),
  );
}

type PgBossJob = PgBoss.JobWithMetadata<JobData>;

export async function openJobQueue(
  database: Database,
  definitions: readonly JobDefinition[],
  opts: JobQueueOptions = {},
): Promise<JobQueue> {
  const log = opts.log ?? QUIET;
  const byName = new Map(definitions.map((d) => [d.name, d]));
  if (byName.size !== definitions.length) throw new Error("two job definitions share a name");
  // pg-boss reports trouble of its own loops as 'error' events (unheard, one would end the
  // process). Only class and code: a driver's message can quote a row.
  const onError = (err: unknown) => log.warn({ job: failureOf(err) }, "job queue error");

  // The queue's own instance: installs or migrates pg-boss's schema and syncs the queues. A database
  // that cannot be reached while the app is built must not keep the app from starting to answer (503
  // database_unavailable, /health): then the first use opens it. On PGlite it is always open before
  // the first route runs, so an enqueue in a route's transaction never waits for the open.
  let boss: PgBoss | null = null;
  // Both instances share one connection, which stop() drains and closes (jobs-adapter.ts).
  const connection = closableQueueDb(queueAdapter(database));
  let opening: Promise<PgBoss> | null = null;
  const open = (): Promise<PgBoss> => {
    opening ??= (async () => {
      const b = new PgBoss({
        db: connection,
        schema: JOB_SCHEMA,
        migrate: true,
        supervise: false,
        schedule: false,
      });
      b.on("error", onError);
      await b.start();
      await syncQueues(b, definitions);
      await grantQueueToTenantRole(database);
      boss = b;
      return b;
    })().catch((err: unknown) => {
      opening = null;
      throw err;
    });
    return opening;
  };
  try {
    await open();
  } catch (err) {
    log.warn({ job: failureOf(err) }, "job queue not opened; its first use tries again");
  }

  const enqueue: JobQueue["enqueue"] = async (name, data = {}, o = {}) => {
    if (!byName.has(name)) throw new Error(`no job is defined with the name ${name}`);
    const send: PgBoss.SendOptions = {};
    if (o.singletonKey !== undefined) send.singletonKey = o.singletonKey;
    if (o.startAfter !== undefined) send.startAfter = o.startAfter;
    if (o.tx) send.db = txAdapter(o.tx);
    return (await open()).send(name, data, send);
  };

  const run = async (def: JobDefinition, job: PgBossJob): Promise<void> => {
    try {
      await def.handler({
        id: job.id,
        name: job.name,
        data: (job.data ?? {}) as JobData,
        retryCount: job.retryCount ?? 0,
        db: database.db,
        log,
        enqueue,
      });
    } catch (err) {
      const failure = failureOf(err);
      log.warn({ job: { id: job.id, name: job.name, retryCount: job.retryCount, ...failure } }, "job failed");
      // pg-boss stores a thrown plain object as the job's output, as it is.
      throw failure;
    }
  };

  let worker: PgBoss | null = null;
  let starting: Promise<void> | null = null;
  const startWorkers = async (): Promise<void> => {
    await open();
    const w = new PgBoss({
      db: connection,
      schema: JOB_SCHEMA,
      migrate: false,
      // Maintenance: expiring jobs whose process died (then retried), archiving, deleting old ones.
      supervise: true,
      maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
      // The cron: each schedule's job is sent once a minute-slot, by whichever process is first.
      schedule: true,
      pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2,
    });
    w.on("error", onError);
    await w.start();
    if (database.kind === "pglite") await recoverInterrupted(w, definitions, log);
    for (const def of definitions) {
      // One job per fetch, so expireIn times one handler; while jobs are due the worker is told to
      // fetch again at once (notifyWorker), else it polls every pollingIntervalSeconds.
      let workerId = "";
      workerId = await w.work<JobData>(def.name, { includeMetadata: true, batchSize: 1 }, ([job]) =>
        connection.track(
          (async () => {
            if (!job) return;
            await run(def, job);
            if (workerId) w.notifyWorker(workerId);
          })(),
        ),
      );
    }
    worker = w;
  };

  let stopped = false;
  const queue: JobQueue = {
    get workersRunning() {
      return worker !== null;
    },
    definitions,
    get boss() {
      if (!boss) throw new Error("the job queue is not open");
      return boss;
    },
    enqueue,
    startWorkers() {
      starting ??= startWorkers();
      return starting;
    },
    async runDueJobs(name, o = {}) {
      const boss = await open();
      const result: RunDueResult = { completed: [], failed: [] };
      const names = name ? [name] : definitions.map((d) => d.name);
      for (const n of names) {
        const def = byName.get(n);
        if (!def) throw new Error(`no job is defined with the name ${n}`);
        // The clock set forward, once: every job waiting now becomes due. A retry this call causes
        // lies after that, so a failing job runs once per call, like a worker would on that day.
        // A second back: pg-boss fetches `start_after < now()`, and PGlite's clock can give the
        // next statement the same millisecond (the job would stay waiting).
        if (o.includeDelayed)
          await boss
            .getDb()
            .executeSql(
              `UPDATE ${JOB_SCHEMA}.job SET start_after = now() - interval '1 second' WHERE name = $1 AND state < 'active' AND start_after > now()`,
              [n],
            );
        for (;;) {
          const [job] = await boss.fetch<JobData>(n, { includeMetadata: true, batchSize: 1 });
          if (!job) break;
          try {
            await run(def, job);
            await boss.complete(n, job.id);
            result.completed.push(job.id);
          } catch (failure) {
            await boss.fail(n, job.id, failure as object);
            result.failed.push(job.id);
          }
        }
      }
      return result;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await starting?.catch(() => undefined);
      const timeout = opts.stopTimeoutMs ?? 20_000;
      const deadline = Date.now() + timeout;
      try {
        if (worker) await worker.stop({ graceful: true, close: false, timeout });
        await opening?.catch(() => undefined);
        if (boss) await boss.stop({ graceful: true, close: false, timeout });
        await connection.drain(deadline);
      } finally {
        connection.close();
      }
    },
  };
  if (opts.workers) await queue.startWorkers();
  return queue;
}

/** Creates the defined queues, brings their options up to date and sets (or removes) their cron. */
async function syncQueues(boss: PgBoss, definitions: readonly JobDefinition[]): Promise<void> {
  const existing = new Map((await boss.getQueues()).map((q) => [q.name, q]));
  for (const def of definitions) {
    const want = {
      name: def.name,
      policy: def.policy ?? "standard",
      retryLimit: def.retryLimit ?? DEFAULTS.retryLimit,
      retryDelay: def.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
      retryBackoff: def.retryBackoff ?? DEFAULTS.retryBackoff,
      expireInSeconds: def.expireInSeconds ?? DEFAULTS.expireInSeconds,
    } as const;
    const have = existing.get(def.name);
    if (!have) await boss.createQueue(def.name, want);
    else if (
      have.policy !== want.policy ||
      have.retryLimit !== want.retryLimit ||
      have.retryDelay !== want.retryDelay ||
      have.retryBackoff !== want.retryBackoff ||
      have.expireInSeconds !== want.expireInSeconds
    )
      await boss.updateQueue(def.name, want);
  }
  const schedules = await boss.getSchedules();
  for (const def of definitions) {
    const current = schedules.find((s) => s.name === def.name);
    if (!def.schedule) {
      if (current) await boss.unschedule(def.name);
    } else if (
      current?.cron !== def.schedule.cron ||
      (current as { timezone?: string }).timezone !== JOB_TIME_ZONE ||
      JSON.stringify(current.data ?? {}) !== JSON.stringify(def.schedule.data ?? {})
    ) {
      await boss.schedule(def.name, def.schedule.cron, def.schedule.data ?? {}, { tz: JOB_TIME_ZONE });
    }
  }
}

/**
 * PGlite: one process holds the data folder (db/lock.ts), so a job still "active" when workers
 * start was cut off by the last process's death. It is failed now — retried after its retry delay,
 * within its retry limit — instead of only after expireIn. (On PostgreSQL another process may be
 * running it: there the maintenance fails it once expireIn has passed.)
 */
async function recoverInterrupted(boss: PgBoss, definitions: readonly JobDefinition[], log: JobLogger) {
  const { rows } = await boss
    .getDb()
    .executeSql(`SELECT name, id FROM ${JOB_SCHEMA}.job WHERE state = 'active' AND name = ANY($1::text[])`, [
      definitions.map((d) => d.name),
    ]);
  for (const def of definitions) {
    const ids = (rows as { name: string; id: string }[]).filter((r) => r.name === def.name).map((r) => r.id);
    if (ids.length === 0) continue;
    for (const id of ids) await boss.fail(def.name, id, { error: "Interrupted" });
    log.warn({ job: { name: def.name, count: ids.length } }, "jobs interrupted by the last stop are retried");
  }
}
