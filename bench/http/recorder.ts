/**
 * Records, at the driver, every statement Broen sends for one request, and runs recorded
 * statements again the way Broen ran them. Nothing in Broen is changed: the recorder overrides
 * the driver's methods on the bench's own instances (node-postgres' Pool and the clients it
 * checks out; PGlite's query/exec/transaction) while one request is in flight, and removes the
 * overrides afterwards, so the measured runs go through the untouched prototypes.
 *
 * Where a statement ran matters for a fair replay:
 *  - "pool": sent outside a transaction — node-postgres' pool.query (a checkout per statement),
 *    PGlite's query;
 *  - a number: the transaction it ran in — node-postgres: one checked-out client, BEGIN and COMMIT
 *    sent by Drizzle as statements; PGlite: its transaction(), which sends BEGIN/COMMIT itself
 *    (recorded as markers, replayed by calling transaction() again).
 */
import type { PGlite, QueryOptions, Results, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { type Database, pgliteOf } from "../../src/server/db/client.js";

/** What a statement is for: "data" is the route's own work, the rest is the fixed frame around it. */
export type Role = "session" | "tx" | "tenant" | "audit" | "idempotency" | "data";

export interface Statement {
  via: "pool" | number;
  text: string;
  params: unknown[];
  /** The driver options Broen passed (row mode, type parsers), so the replay parses rows alike. */
  options: unknown;
  role: Role;
  /** The rows answered (for ids a later statement uses, see fresh.ts). */
  rows: unknown[];
  /** PGlite's own BEGIN/COMMIT around transaction(): shown, not sent again. */
  marker?: boolean;
  /** Sent with exec() (PGlite, no parameters). */
  exec?: boolean;
}

/** Gives the parameters of statement i in one run, given the rows of the statements before it. */
export type Binder = (index: number, rows: unknown[][]) => unknown[];

export interface Driver {
  kind: "pglite" | "postgres";
  /** Starts recording; the function answers what was sent since, and stops. */
  record(): () => Statement[];
  /** The statements as Broen ran them (pool-level alone, each transaction on one connection). */
  replay(statements: readonly Statement[], bind: Binder): Promise<void>;
  /** Only the data statements, one after the other on one connection, without a transaction. */
  data(statements: readonly Statement[], bind: Binder): Promise<void>;
  /**
   * Resolves once nobody has used the database for `ms`: a load run's last requests, cut off by
   * autocannon but still being served, would otherwise queue in front of the next run.
   */
  quiet(ms: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const QUIET_LIMIT_MS = 180_000;

export function roleOf(text: string): Role {
  const t = text.trimStart().toLowerCase();
  if (/^(begin|commit|rollback|savepoint|release savepoint|start transaction|set )/.test(t)) return "tx";
  // Entering (or stepping out of) the municipality's row-level security (tenant-isolation.ts) is
  // frame like BEGIN. Counted as data, it was sent by the data route too — which runs as the owner,
  // outside a transaction, where set_config(…, true) changes nothing — one round trip of frame on
  // the side that must have none, flattering every Broen ÷ data ratio.
  if (/\bset_config\('role',/.test(t)) return "tenant";
  if (t.includes('"idempotency_keys"') || t.includes(" idempotency_keys")) return "idempotency";
  if (/^insert into "?audit_events"?/.test(t)) return "audit";
  if (t.includes('"sessions"') || /\bsessions\b/.test(t)) return "session";
  return "data";
}

export function driverOf(database: Database): Driver {
  const lite = pgliteOf(database);
  if (lite) return pgliteDriver(lite);
  return pgDriver((database.db as unknown as { $client: pg.Pool }).$client);
}

type QueryFn = (config: unknown, values?: unknown) => Promise<{ rows: unknown[] }>;

/** Removes own-property overrides so the prototype's method answers again. */
function restore(target: object, names: string[]): void {
  for (const name of names) Reflect.deleteProperty(target, name);
}

function assertPrototypeMethods(target: object, names: string[]): void {
  for (const name of names)
    if (Object.hasOwn(target, name)) throw new Error(`recorder: ${name} is already overridden`);
}

function pgDriver(pool: pg.Pool): Driver {
  const textOf = (config: unknown) =>
    typeof config === "string" ? config : ((config as { text: string }).text ?? "");
  return {
    kind: "postgres",
    async quiet(ms) {
      // pg-pool's own counters: nobody waiting for a connection, none checked out.
      const until = Date.now() + QUIET_LIMIT_MS;
      let since = Date.now();
      while (Date.now() < until) {
        if (pool.waitingCount > 0 || pool.idleCount < pool.totalCount) since = Date.now();
        else if (Date.now() - since >= ms) return;
        await sleep(10);
      }
    },
    record() {
      const statements: Statement[] = [];
      const wrapped: pg.PoolClient[] = [];
      let transactions = 0;
      const recording = (target: object, original: QueryFn, via: "pool" | number): QueryFn =>
        async function (config, values) {
          const params = (values ?? (config as { values?: unknown[] }).values ?? []) as unknown[];
          const text = textOf(config);
          const entry: Statement = {
            via,
            text,
            params: [...params],
            options: config,
            role: roleOf(text),
            rows: [],
          };
          statements.push(entry);
          const result = await original.call(target, config, values);
          entry.rows = result?.rows ?? [];
          return result;
        };
      assertPrototypeMethods(pool, ["query", "connect"]);
      const poolQuery = pool.query.bind(pool) as unknown as QueryFn;
      const poolConnect = pool.connect as unknown as (callback?: unknown) => Promise<pg.PoolClient>;
      Object.assign(pool, {
        query: recording(pool, poolQuery, "pool"),
        connect(this: pg.Pool, callback?: unknown) {
          // pool.query checks out with a callback: its statement is recorded by the query override.
          if (callback) return poolConnect.call(pool, callback);
          return poolConnect.call(pool).then((client: pg.PoolClient) => {
            const via = transactions++;
            if (!Object.hasOwn(client, "query")) wrapped.push(client);
            const original = Object.getPrototypeOf(client).query as QueryFn;
            Object.assign(client, { query: recording(client, original, via) });
            return client;
          });
        },
      });
      return () => {
        restore(pool, ["query", "connect"]);
        for (const client of wrapped) restore(client, ["query"]);
        return statements;
      };
    },
    async replay(statements, bind) {
      const rows: unknown[][] = [];
      for (let i = 0; i < statements.length;) {
        const s = statements[i]!;
        if (s.via === "pool") {
          rows[i] = (await pool.query(s.options as pg.QueryConfig, bind(i, rows))).rows;
          i++;
          continue;
        }
        const end = segmentEnd(statements, i);
        const client = await pool.connect();
        try {
          for (let k = i; k < end; k++) {
            const st = statements[k]!;
            rows[k] = (await client.query(st.options as pg.QueryConfig, bind(k, rows))).rows;
          }
        } finally {
          client.release();
        }
        i = end;
      }
    },
    async data(statements, bind) {
      const rows: unknown[][] = [];
      const client = await pool.connect();
      try {
        for (let k = 0; k < statements.length; k++) {
          const s = statements[k]!;
          if (s.role === "data")
            rows[k] = (await client.query(s.options as pg.QueryConfig, bind(k, rows))).rows;
        }
      } finally {
        client.release();
      }
    },
  };
}

/** The end (exclusive) of the run of statements sent in the same transaction as statements[start]. */
function segmentEnd(statements: readonly Statement[], start: number): number {
  let end = start;
  while (end < statements.length && statements[end]!.via === statements[start]!.via) end++;
  return end;
}

type Sender = {
  query: (text: string, params?: unknown[], options?: QueryOptions) => Promise<Results>;
  exec: (text: string, options?: QueryOptions) => Promise<Results[]>;
};

async function send(target: Sender, s: Statement, params: unknown[]): Promise<unknown[]> {
  if (s.exec) return ((await target.exec(s.text, s.options as QueryOptions)).at(-1)?.rows ?? []) as unknown[];
  return (await target.query(s.text, params, s.options as QueryOptions)).rows as unknown[];
}

function pgliteDriver(lite: PGlite): Driver {
  return {
    kind: "pglite",
    async quiet(ms) {
      // PGlite has no counters: note every call made while waiting (a request still being served
      // sends its next statement within milliseconds), then queue one transaction behind the rest.
      const names = ["query", "exec", "transaction"];
      assertPrototypeMethods(lite, names);
      const proto = Object.getPrototypeOf(lite) as Record<string, (...a: unknown[]) => unknown>;
      let last = Date.now();
      for (const name of names)
        Object.assign(lite, {
          [name]: (...a: unknown[]) => {
            last = Date.now();
            return proto[name]!.apply(lite, a);
          },
        });
      try {
        const until = Date.now() + QUIET_LIMIT_MS;
        while (Date.now() - last < ms && Date.now() < until) await sleep(10);
      } finally {
        restore(lite, names);
      }
      await lite.transaction(async (tx) => {
        await tx.query("select 1");
      });
    },
    record() {
      const statements: Statement[] = [];
      let transactions = 0;
      const names = ["query", "exec", "transaction"];
      assertPrototypeMethods(lite, names);
      const proto = Object.getPrototypeOf(lite) as PGlite;
      const wrap = (target: Sender, via: "pool" | number): Sender => ({
        async query(text, params = [], options) {
          const entry: Statement = { via, text, params: [...params], options, role: roleOf(text), rows: [] };
          statements.push(entry);
          const result = await target.query(text, params, options);
          entry.rows = result.rows as unknown[];
          return result;
        },
        async exec(text, options) {
          const entry: Statement = {
            via,
            text,
            params: [],
            options,
            role: roleOf(text),
            rows: [],
            exec: true,
          };
          statements.push(entry);
          const results = await target.exec(text, options);
          entry.rows = (results.at(-1)?.rows ?? []) as unknown[];
          return results;
        },
      });
      const direct = wrap({ query: proto.query.bind(lite), exec: proto.exec.bind(lite) } as Sender, "pool");
      const marker = (via: number, text: string): Statement => ({
        via,
        text,
        params: [],
        options: undefined,
        role: "tx",
        rows: [],
        marker: true,
      });
      Object.assign(lite, {
        query: direct.query,
        exec: direct.exec,
        transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
          const via = transactions++;
          statements.push(marker(via, "BEGIN"));
          return proto.transaction
            .call(lite, (tx: Transaction) =>
              callback({ ...tx, ...wrap(tx as unknown as Sender, via) } as Transaction),
            )
            .finally(() => statements.push(marker(via, "COMMIT"))) as Promise<T>;
        },
      });
      return () => {
        restore(lite, names);
        return statements;
      };
    },
    async replay(statements, bind) {
      const rows: unknown[][] = [];
      for (let i = 0; i < statements.length;) {
        const s = statements[i]!;
        if (s.via === "pool") {
          rows[i] = await send(lite as unknown as Sender, s, bind(i, rows));
          i++;
          continue;
        }
        const end = segmentEnd(statements, i);
        const start = i;
        await lite.transaction(async (tx) => {
          for (let k = start; k < end; k++) {
            const st = statements[k]!;
            rows[k] = st.marker ? [] : await send(tx as unknown as Sender, st, bind(k, rows));
          }
        });
        i = end;
      }
    },
    async data(statements, bind) {
      const rows: unknown[][] = [];
      for (let k = 0; k < statements.length; k++) {
        const s = statements[k]!;
        if (s.role === "data") rows[k] = await send(lite as unknown as Sender, s, bind(k, rows));
      }
    },
  };
}
