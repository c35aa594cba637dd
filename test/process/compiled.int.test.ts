/**
 * What `npm start` runs in production: the server and create-admin compiled by
 * scripts/build-server.mjs (decision 0087). The bundle must find what it reads at run time (the
 * migrations beside it, the packages in node_modules, argon2's native binary), create the first
 * administrator, start on the data it left, let the administrator in and stop on SIGTERM; a second
 * --if-stale build of unchanged sources builds nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { loginOver, runScript, waitReady } from "./processes.js";

const onPglite = (process.env.TEST_DB ?? "pglite") === "pglite";

describe.runIf(onPglite)("the compiled server", () => {
  // Inside the project, so the bundle finds node_modules the way dist/server does.
  mkdirSync(".tmp", { recursive: true });
  const outRoot = mkdtempSync(join(".tmp", "compiled-"));
  const out = join(outRoot, "server");
  const dataDir = mkdtempSync(join(tmpdir(), "broen-compiled-"));
  afterAll(() => {
    rmSync(outRoot, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const build = () =>
    spawnSync(process.execPath, ["scripts/build-server.mjs", "--if-stale", "--outdir", out], {
      encoding: "utf8",
    });

  it("builds, creates the first administrator, starts, lets them in and stops", async () => {
    const first = build();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("Bygger serveren");
    const second = build();
    expect(second.status).toBe(0);
    expect(second.stdout).toBe("");

    const env = { SEED_DEMO: "false", DATA_DIR: dataDir };
    const admin = runScript(join(out, "create-admin.js"), {
      ...env,
      BROEN_ADMIN_MUNICIPALITY: "Prøvested Kommune",
      BROEN_ADMIN_MUNICIPALITY_CODE: "0987",
      BROEN_ADMIN_USERNAME: "forste.admin",
      BROEN_ADMIN_DISPLAY_NAME: "Første Administrator",
      BROEN_ADMIN_PASSWORD: "Kvist-Lygte-Hav-4471",
    });
    expect(await admin.exited, admin.output()).toBe(0);

    const port = await freePort();
    const server = runScript(join(out, "main.js"), { ...env, PORT: String(port) });
    await waitReady(port, server);
    expect(server.output()).toMatch(/klar efter \d+ ms/);
    expect((await loginOver(port, "forste.admin", "Kvist-Lygte-Hav-4471")).status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 300_000);
});
