/**
 * The server as a process: first start seeds, a second start keeps the data, a second
 * process on the same ./data refuses to start, SIGTERM stops cleanly, and an unreachable
 * database is one clear line and a non-zero exit; after kill -9 the next start is not refused. Runs the real `src/server/main.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { loginOver, runScript, waitReady } from "./processes.js";

const onPglite = (process.env.TEST_DB ?? "pglite") === "pglite";
const startServer = (env: Record<string, string>) => runScript("src/server/main.ts", env);

async function citizenTotal(port: number): Promise<number> {
  const { status, cookie } = await loginOver(port, "koordinator", "broen-demo-2026");
  expect(status).toBe(200);
  const list = await fetch(`http://127.0.0.1:${port}/api/citizens?pageSize=1`, {
    headers: { cookie: cookie! },
  });
  return ((await list.json()) as { total: number }).total;
}

describe.runIf(onPglite)("the server on the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "broen-life-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("seeds the demo municipality on first start, refuses a second process on the same data, stops on SIGTERM and keeps the data", async () => {
    const port = await freePort();
    const first = startServer({ PORT: String(port), DATA_DIR: dataDir });
    await waitReady(port, first);
    expect(first.output()).toContain("Demo-logins");
    expect(await citizenTotal(port)).toBe(350);

    const second = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Broen kan ikke starte: en anden Broen-proces bruger allerede/);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const again = startServer({ PORT: String(port), DATA_DIR: dataDir });
    await waitReady(port, again);
    expect(again.output()).not.toContain("er oprettet");
    expect(await citizenTotal(port)).toBe(350);

    // kill -9 leaves the lock behind; its owner is gone, so the next start takes it over at once
    // instead of refusing until the lock goes stale (issue 18 point 2).
    again.child.kill("SIGKILL");
    await again.exited;
    const afterCrash = startServer({ PORT: String(port), DATA_DIR: dataDir });
    await waitReady(port, afterCrash);
    expect(afterCrash.output()).not.toMatch(/en anden Broen-proces/);
    expect(await citizenTotal(port)).toBe(350);
    // …and still refuses a second process while that owner lives.
    const rival = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await rival.exited).toBe(1);
    afterCrash.child.kill("SIGINT");
    expect(await afterCrash.exited).toBe(0);
  }, 300_000);
});

describe.runIf(!onPglite)("the server on PostgreSQL", () => {
  it("migrates and seeds an empty PostgreSQL database, and a second start keeps the data", async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `broen_life_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      const port = await freePort();
      const first = startServer({ PORT: String(port), DATABASE_URL: url.toString() });
      await waitReady(port, first);
      expect(await citizenTotal(port)).toBe(350);
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      const again = startServer({ PORT: String(port), DATABASE_URL: url.toString() });
      await waitReady(port, again);
      expect(await citizenTotal(port)).toBe(350);
      again.child.kill("SIGTERM");
      expect(await again.exited).toBe(0);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 300_000);

  it("exits with one clear line when the database cannot be reached", async () => {
    const started = startServer({
      PORT: String(await freePort()),
      DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/none",
    });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Broen kan ikke starte: PostgreSQL på postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none svarer ikke \(ECONNREFUSED\)\.$/,
    );
  }, 30_000);
});
