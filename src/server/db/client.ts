/**
 * The one database client: PGlite (embedded, ./data) or a PostgreSQL server
 * when DATABASE_URL is set. Both speak the same SQL through Drizzle.
 */
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type AnyColumn, Placeholder, type SQL, is, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { markConnectError } from "./unavailable.js";

/*
 * Without Drizzle's relational query API (`db.query.…`, unused here): given the schema, every
 * transaction built a query builder per table before its first statement (issue 19, decision 0092).
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; services accept `Db | Tx` where they can run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** The rows of a raw query, on PGlite and node-postgres alike (both answer { rows }). */
export async function rawRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs the queries one after another and answers their results as a tuple, like Promise.all.
 * A transaction is one connection: node-postgres only queues concurrent queries on it (deprecated;
 * an error in pg 9) and PGlite serialises them anyway, so Promise.all on one tx gains nothing.
 * Each step is a function, so a query is only started when the one before it has answered.
 */
export async function inSequence<T extends readonly (() => PromiseLike<unknown>)[]>(
  steps: readonly [...T],
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/**
 * `column = any($1::uuid[])`: a list of ids as one array parameter. Drizzle's inArray sends one
 * parameter per id, and building, checking and sending them cost more CPU than the query itself for
 * a caseload's few hundred ids (issue 19, decision 0092). An empty list matches nothing. In a
 * statement built once (built-once.ts) the list is a placeholder.
 */
export function inIds(column: AnyColumn, ids: readonly string[] | Placeholder): SQL {
  return sql`${column} = any(${is(ids, Placeholder) ? ids : sql.param([...(ids as readonly string[])])}::uuid[])`;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  /** A cheap round trip, for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

export interface DatabaseOptions {
  /** postgres://… — when set, a PostgreSQL server is used. */
  url?: string | undefined;
  /** PGlite data folder; undefined means in memory. */
  dataDir?: string | undefined;
  /** PGlite: start from a dump (tests load a migrated template this way). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  return openPglite(opts.dataDir, opts.loadDataDir);
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: Error | boolean) => void,
) => void;

/**
 * node-postgres' Pool for a server that may vanish under us (terminated backends, a restart, a cut
 * network). pg emits 'error' on a client whose socket dies — also one checked out for a transaction,
 * where pg-pool listens no more — and an 'error' event nobody listens to ends the process. So:
 *  - every client gets a listener for its whole life; an idle one is also dropped by pg-pool;
 *  - a checked-out client whose connection dies is released at once WITH the error, so pg-pool
 *    destroys it instead of reusing it and its slot frees even if the caller never releases it
 *    (Drizzle's transaction() does not when BEGIN fails); the caller's later release() is a no-op
 *    and its further queries fail as "not queryable";
 *  - an error while connecting is marked, so the error handler answers 503 whatever its SQLSTATE
 *    (55000 for ALLOW_CONNECTIONS false, 53300, 3D000, …).
 * The pool opens fresh connections on the next checkout, so Broen recovers by itself when the
 * database is back.
 */
class ResilientPool extends pg.Pool {
  /** The per-checkout "connection lost" handler of each checked-out client. */
  private readonly onLost = new WeakMap<pg.PoolClient, (err: Error) => void>();

  constructor(config: pg.PoolConfig) {
    super(config);
    this.on("error", () => undefined);
    this.on("connect", (client) => client.on("error", (err: Error) => this.onLost.get(client)?.(err)));
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    // pool.query() checks out with a callback and releases with the error itself.
    if (callback)
      return super.connect((err, client, done) => callback(err ? markConnectError(err) : err, client, done));
    return super.connect().then(
      (client) => this.guard(client),
      (err: unknown) => Promise.reject(markConnectError(err)),
    );
  }

  private guard(client: pg.PoolClient): pg.PoolClient {
    const release = client.release;
    let released = false;
    client.release = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      this.onLost.delete(client);
      release(err);
    };
    this.onLost.set(client, (err) => client.release(err));
    return client;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // keepAlive: an idle connection to a server that vanished without a word is noticed by TCP, not by the next request.
  const pool = new ResilientPool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    // PostgreSQL's JIT compiles a plan once its estimated cost passes jit_above_cost; for Broen's
    // short indexed statements at national scale that compilation took 90–250 ms of a 100 ms query
    // (the caseload, trend and punch-card reports; decisions 0088, 0089). No query here runs long
    // enough to win it back.
    options: "-c jit=off",
  });
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => pool.end(),
  };
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | File | undefined,
): Promise<Database> {
  const client = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    // The migrations create these (citizen search's trigram index, decision 0088; the catalog's
    // nearest-first index, decision 0090); PGlite ships them apart.
    extensions: { pg_trgm, btree_gin, cube },
  });
  await client.waitReady;
  const db = drizzlePglite({ client }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
    // dumpDataDir is reached through pgliteOf() by the test template builder.
    ...{ pglite: client },
  } as Database;
}

/** The PGlite instance behind a Database, for dumping a test template. */
export function pgliteOf(database: Database): PGlite | undefined {
  return (database as Database & { pglite?: PGlite }).pglite;
}
