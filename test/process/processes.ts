/**
 * The process tests' one way to run Broen's own entry points (the server, create-admin) as child
 * processes, wait for the server, log in over HTTP, and kill what is left when a file ends.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll } from "vitest";

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

/**
 * Runs an entry point: TypeScript with tsx, or the compiled JavaScript of scripts/build-server.mjs
 * as `npm start` does; stdout and stderr are collected together.
 */
export function runScript(script: string, env: Record<string, string>): Started {
  const args = script.endsWith(".ts") ? ["--import", "tsx", script] : ["--enable-source-maps", script];
  const child = spawn(process.execPath, args, {
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

/** Until /ready answers. Generous: a first start builds the demo municipality, and CI machines are often busy. */
export async function waitReady(port: number, started: Started, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`server exited early:\n${started.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready:\n${started.output()}`);
}

export async function loginOver(
  port: number,
  username: string,
  password: string,
): Promise<{ status: number; cookie: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, cookie: res.headers.get("set-cookie")?.split(";")[0] ?? null };
}
