/**
 * A bad configuration value stops the real `src/server/main.ts` before it touches any database:
 * one line on stderr naming the variable, exit code 1 — never a silent default.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "broen-config-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  child.stdout.on("data", (d) => (stdout += String(d)));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    }),
  );
}

describe("configuration at start", () => {
  it.each([
    ["LOGIN_RATE_LIMIT", "abc"],
    ["DATABASE_URL", "not a url"],
    ["PORT", "x"],
    ["SEED_DEMO", "maybe"],
  ])(
    "%s=%s: one clear line naming the variable and exit 1",
    async (variable, value) => {
      const { code, stderr, stdout } = await run({ [variable]: value });
      expect(code).toBe(1);
      const lines = stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^Broen kan ikke starte: ugyldig konfiguration: ${variable}: .*"${value}"`),
      );
      expect(stdout).toBe("");
    },
    90_000,
  );
});
