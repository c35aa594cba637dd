/**
 * What every benchmark shares: a database (a fresh PGlite folder, or DATABASE_URL — an empty
 * database there is seeded), the app in-process (app.inject: no network in the numbers), logins
 * of demo users, a timer, and percentiles printed next to the raw SQL of the same work.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/server/app.js";
import { openDatabase } from "../src/server/db/client.js";
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../src/server/seed/demo.js";

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
