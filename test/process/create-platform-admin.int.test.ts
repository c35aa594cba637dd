/**
 * `npm run create-platform-admin` as a process (issue 15 point 3): creates a platform administrator
 * from the environment, refuses a weak password, a missing value and a taken username, and the
 * server then lets them in at /api/platform/login — and nowhere else.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { runScript, waitReady } from "./processes.js";

const onPglite = (process.env.TEST_DB ?? "pglite") === "pglite";
const PLATFORM = {
  BROEN_PLATFORM_USERNAME: "Drift.Admin",
  BROEN_PLATFORM_DISPLAY_NAME: "Drift Administrator",
  BROEN_PLATFORM_PASSWORD: "Tang-Klint-Mose-5820",
};

async function createPlatformAdmin(env: Record<string, string>) {
  const p = runScript("scripts/create-platform-admin.ts", { SEED_DEMO: "false", ...env });
  const code = await p.exited;
  return { code, output: p.output() };
}

describe.runIf(onPglite)("create-platform-admin on the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "broen-platform-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates a platform administrator who logs in to the platform only", async () => {
    const env = { DATA_DIR: dataDir, ...PLATFORM };
    const weak = await createPlatformAdmin({ ...env, BROEN_PLATFORM_PASSWORD: "password1234" });
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(
      /^create-platform-admin: adgangskoden er for almindelig; intet er ændret\.\n$/,
    );
    const missing = await createPlatformAdmin({ ...env, BROEN_PLATFORM_PASSWORD: "" });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("BROEN_PLATFORM_PASSWORD mangler");

    const created = await createPlatformAdmin(env);
    expect(created.output).toContain('Platformadministratoren "drift.admin" er oprettet');
    expect(created.code).toBe(0);
    const again = await createPlatformAdmin(env);
    expect(again.code).toBe(1);
    expect(again.output).toContain('platformadministratoren "drift.admin" findes allerede');

    const port = await freePort();
    const server = runScript("src/server/main.ts", {
      SEED_DEMO: "false",
      PORT: String(port),
      DATA_DIR: dataDir,
    });
    await waitReady(port, server);
    const post = (path: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` },
        body: JSON.stringify({ username: "drift.admin", password: PLATFORM.BROEN_PLATFORM_PASSWORD }),
      });
    expect((await post("/api/auth/login")).status).toBe(401);
    const login = await post("/api/platform/login");
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const list = await fetch(`http://127.0.0.1:${port}/api/platform/municipalities`, { headers: { cookie } });
    expect(await list.json()).toEqual({ municipalities: [] });
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 240_000);
});
