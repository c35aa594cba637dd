/**
 * The server as a process: first start seeds, a second start keeps the data, a second
 * process on the same ./data refuses to start, SIGTERM stops cleanly, and an unreachable
 * database is one clear line and a non-zero exit; after kill -9 the next start is not refused. Runs the real `src/server/main.ts`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const onPglite = (process.env.TEST_DB ?? "pglite") === "pglite";
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: { ...process.env, HOST: "127.0.0.1", LOG_LEVEL: "warn", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d) => (out += String(d)));
  child.stderr?.on("data", (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitReady(port: number, started: Started): Promise<void> {
  // Generous: the first start builds the demo municipality, and CI machines are often busy.
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`server exited early:\n${started.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready:\n${started.output()}`);
}

async function citizenTotal(port: number): Promise<number> {
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "koordinator", password: "broen-demo-2026" }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const list = await fetch(`http://127.0.0.1:${port}/api/citizens?pageSize=1`, { headers: { cookie } });
  return ((await list.json()) as { total: number }).total;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

describe.runIf(onPglite)("the server on the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "broen-life-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("seeds the demo municipality on first start, refuses a second process on the same data, stops on SIGTERM and keeps the data", async () => {
    const port = 3411;
    const first = startServer({ PORT: String(port), DATA_DIR: dataDir });
    await waitReady(port, first);
    expect(first.output()).toContain("Demo-logins");
    expect(await citizenTotal(port)).toBe(350);

    const second = startServer({ PORT: String(port + 1), DATA_DIR: dataDir });
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
    const rival = startServer({ PORT: String(port + 2), DATA_DIR: dataDir });
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
      const port = 3431;
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
    const started = startServer({ PORT: "3421", DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/none" });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Broen kan ikke starte: PostgreSQL på postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none svarer ikke \(ECONNREFUSED\)\.$/);
  }, 30_000);
});
