/**
 * What every benchmark shares: a database (a fresh PGlite folder, or DATABASE_URL — an empty
 * database there is seeded), the app in-process (app.inject: no network in the numbers), logins
 * of demo users, a timer, and percentiles printed next to the raw SQL of the same work.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/server/app.js";
import { openDatabase } from "../src/server/db/client.js";
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../src/server/seed/demo.js";
import type { Database } from "../src/server/db/client.js";
import { planFresh } from "./http/fresh.js";
import { type Statement, driverOf } from "./http/recorder.js";

export async function openBench(opts: { seed?: boolean } = {}) {
  const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), "broen-bench-"));
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir });
  await database.migrate();
  if (opts.seed !== false && (await isEmpty(database.db))) await seedDemo(database.db);
  const app = await buildApp({ database, webDir: null, loginRateLimit: 1_000_000 });
  await app.ready();
  return {
    app,
    database,
    /** Headers of a logged-in demo user. */
    async session(username: string): Promise<Record<string, string>> {
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username, password: DEMO_PASSWORD },
      });
      const cookie = login.cookies.find((c) => c.name === "broen_session");
      if (!cookie) throw new Error(`login as ${username} failed: ${login.statusCode} ${login.body}`);
      return { cookie: `broen_session=${cookie.value}`, "content-type": "application/json" };
    },
    async close() {
      await app.close();
      await database.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds the work took. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The response's JSON, or an error naming the status and body. */
export async function expectStatus(
  res: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status = 200,
): Promise<unknown> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
}

export function timingLine(name: string, v: number[]): string {
  return `${name.padEnd(40)} p50 ${pct(v, 50).toFixed(1).padStart(6)} ms   p95 ${pct(v, 95).toFixed(1).padStart(6)} ms`;
}

export function ratio(broen: number[], raw: number[]): string {
  return (pct(broen, 95) / pct(raw, 95)).toFixed(1);
}

export interface RouteRecording {
  statements: Statement[];
  /** Statements sent, and of those the route's data statements (the rest is its fixed frame). */
  count: { all: number; data: number };
  /** Every statement again as the route sent it (pool-level alone, its transaction on one connection). */
  replay(): Promise<void>;
  /** Only the data statements, one after the other on one connection, without a transaction. */
  data(): Promise<void>;
}

/**
 * A route's whole request as the database saw it (issue 19, point 6): one app.inject with every
 * statement recorded at the driver — session lookup, BEGIN, data, audit, idempotency row, COMMIT
 * (bench/http/recorder.ts). A write gets an Idempotency-Key, and its replay a fresh key and fresh
 * generated ids per run (bench/http/fresh.ts), so it does the same work again instead of colliding.
 */
export async function recordRoute(
  database: Database,
  app: Awaited<ReturnType<typeof buildApp>>,
  request: { method: "GET" | "POST"; url: string; headers: Record<string, string>; payload?: object },
  status = 200,
): Promise<RouteRecording> {
  const driver = driverOf(database);
  const key = request.method === "GET" ? undefined : `bench-${randomUUID()}`;
  const stop = driver.record();
  let res: Awaited<ReturnType<typeof app.inject>>;
  let statements: Statement[];
  try {
    res = await app.inject({
      ...request,
      headers: { ...request.headers, ...(key ? { "idempotency-key": key } : {}) },
    });
  } finally {
    statements = stop();
  }
  if (res.statusCode !== status)
    throw new Error(`${request.url}: expected ${status}, got ${res.statusCode}: ${res.body}`);
  const plan = planFresh(statements, {
    input: `${request.url} ${JSON.stringify(request.payload ?? null)}`,
    idempotencyKey: key,
  });
  const sent = statements.filter((s) => !s.marker);
  return {
    statements,
    count: { all: sent.length, data: sent.filter((s) => s.role === "data").length },
    replay: () => driver.replay(statements, plan.binder()),
    data: () => driver.data(statements, plan.binder()),
  };
}
