/**
 * How pg-boss (platform/jobs.ts, decision 0094) reaches Broen's database, and what it may keep of
 * a failed try.
 *
 * pg-boss accepts a `db` with one method, executeSql(text, values). Broen hands it its own
 * connection instead of letting it open a pool of its own:
 *  - PostgreSQL: Broen's pool (db/client.ts's ResilientPool, which survives a server restart);
 *  - PGlite: the one embedded connection. PGlite runs every query() and exec() behind the lock its
 *    transaction() holds for a whole transaction (Drizzle's PGlite transactions are those), so a
 *    statement of the queue never lands inside an app transaction: it waits until it ends;
 *  - a caller's transaction (enqueue's `tx`): the statement runs in it through Drizzle.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { type SQL, sql } from "drizzle-orm";
import { type Database, type DbOrTx, pgliteOf } from "../db/client.js";

export function queueAdapter(database: Database): PgBoss.Db {
  const lite = pgliteOf(database);
  if (lite) {
    return {
      async executeSql(text, values) {
        // pg-boss sends its schema and maintenance scripts (several statements, BEGIN … COMMIT)
        // without parameters: exec() runs those; query() takes one statement with parameters.
        if (!values || values.length === 0) {
          const results = await lite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }
        return lite.query(text, values);
      },
    };
  }
  // drizzle-orm's node-postgres client is Broen's pool (db/client.ts).
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  return { executeSql: (text, values) => pool.query(text, values) };
}

/** The queue's connection, which stop() drains and then closes (closableQueueDb). */
export interface ClosableQueueDb extends PgBoss.Db {
  /** Runs a job's handler so that drain() waits for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Waits until no statement of the queue and no handler is in flight, or the deadline (Date.now()) passes. */
  drain(deadline: number): Promise<void>;
  /** From now on a statement is not sent: it answers no rows. */
  close(): void;
}

/**
 * pg-boss 10 lets work outlive its own stop(): it does not await a job's complete() or fail()
 * (manager.js, onFetch), and a fetch in flight when stop() is called still hands its job to the
 * handler afterwards (worker.js checks `stopping` only before the next fetch). Once Broen has closed
 * its pool, such a statement fails, and a rejection nobody awaits ends the process with an error
 * instead of a clean stop. So the queue's stop() drains this connection before the database may
 * close — a handler that has begun finishes, a completion is written — and then closes it: what
 * pg-boss still sends after the deadline is not run, and the job it concerns stays active until the
 * maintenance expires it and it is retried, as after a crash (decision 0094).
 */
export function closableQueueDb(db: PgBoss.Db): ClosableQueueDb {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  };
  return {
    executeSql(text, values) {
      if (closed) return Promise.resolve({ rows: [] });
      return track(db.executeSql(text, values));
    },
    track,
    async drain(deadline) {
      for (;;) {
        // A statement that just settled may hand a job to a handler in the microtasks after it:
        // let them run before deciding nothing is left.
        await new Promise((resolve) => setImmediate(resolve));
        const left = deadline - Date.now();
        if (inFlight.size === 0 || left <= 0) return;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((resolve) => (timer = setTimeout(resolve, left))),
        ]);
        clearTimeout(timer);
      }
    },
    close() {
      closed = true;
    },
  };
}

/**
 * pg-boss's statement as a Drizzle query with its parameters in place, to run in the caller's
 * transaction. Its $n may repeat; the statements sent this way (an insert) hold no dollar quoting.
 */
export function asDrizzleSql(text: string, values: readonly unknown[] = []): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${values[Number(m[1]) - 1] ?? null}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

export function txAdapter(tx: DbOrTx): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = (await tx.execute(asDrizzleSql(text, values))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}

/**
 * What is stored of a failed try: the error's class and its code (an AppError's code, a SQLSTATE
 * — also when Drizzle wraps the driver's error), never the message or the stack, which could name
 * a citizen. pg-boss stores a thrown plain object as it is.
 */
export function failureOf(err: unknown): { error: string; code?: string } {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const name = err instanceof Error ? err.constructor.name || err.name : typeof err;
  const code =
    typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  return code ? { error: name, code } : { error: name };
}
