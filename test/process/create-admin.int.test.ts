/**
 * `npm run create-admin` as a process (issue 18.3): with SEED_DEMO=false no one exists; the command
 * creates the municipality, its administration and the first administrator from the environment,
 * refuses a weak password, a missing value and a taken username, refuses to write beside a running
 * server on the same PGlite folder (PostgreSQL may be written while it runs), and the server then
 * lets the administrator in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.js";
import { loginOver, runScript, waitReady } from "./processes.js";

const onPglite = (process.env.TEST_DB ?? "pglite") === "pglite";
const ADMIN = {
  BROEN_ADMIN_MUNICIPALITY: "Prøvested Kommune",
  BROEN_ADMIN_MUNICIPALITY_CODE: "0987",
  BROEN_ADMIN_USERNAME: "Forste.Admin",
  BROEN_ADMIN_DISPLAY_NAME: "Første Administrator",
  BROEN_ADMIN_PASSWORD: "Kvist-Lygte-Hav-4471",
};

const run = (script: string, env: Record<string, string>) =>
  runScript(script, { SEED_DEMO: "false", ...env });

async function createAdmin(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const p = run("scripts/create-admin.ts", env);
  const code = await p.exited;
  return { code, output: p.output() };
}

/** Logs in as the created administrator and reads what an administrator needs at first. */
async function expectAdminGetsIn(port: number) {
  const { status, cookie } = await loginOver(port, "forste.admin", ADMIN.BROEN_ADMIN_PASSWORD);
  expect(status).toBe(200);
  const me = (await (
    await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { cookie: cookie! } })
  ).json()) as Record<string, unknown>;
  expect(me).toMatchObject({
    role: "administrator",
    displayName: "Første Administrator",
    mustChangePassword: false,
    municipality: { name: "Prøvested Kommune" },
    organisation: { kind: "administration" },
  });
  const log = (await (
    await fetch(`http://127.0.0.1:${port}/api/admin/security-events`, { headers: { cookie: cookie! } })
  ).json()) as { items: { kind: string }[] };
  expect(log.items.map((e) => e.kind)).toEqual(["login_succeeded", "user_created"]);
  const users = (await (
    await fetch(`http://127.0.0.1:${port}/api/users`, { headers: { cookie: cookie! } })
  ).json()) as unknown[];
  expect(users).toHaveLength(1);
}

describe.runIf(onPglite)("create-admin on the embedded database", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "broen-admin-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates the first administrator of an empty installation, refuses bad input and a running server's folder", async () => {
    const env = { DATA_DIR: dataDir, ...ADMIN };
    const weak = await createAdmin({ ...env, BROEN_ADMIN_PASSWORD: "password1234" });
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/^create-admin: adgangskoden er for almindelig; intet er ændret\.\n$/);
    const missing = await createAdmin({ ...env, BROEN_ADMIN_PASSWORD: "" });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("BROEN_ADMIN_PASSWORD mangler");

    const created = await createAdmin(env);
    expect(created.output).toContain(
      'Administratoren "forste.admin" er oprettet sammen med Prøvested Kommune',
    );
    expect(created.code).toBe(0);
    const again = await createAdmin(env);
    expect(again.code).toBe(1);
    expect(again.output).toContain('brugernavnet "forste.admin" findes allerede');

    const port = await freePort();
    const server = run("src/server/main.ts", { PORT: String(port), DATA_DIR: dataDir });
    await waitReady(port, server);
    expect(server.output()).not.toContain("Demo-logins");
    const beside = await createAdmin({ ...env, BROEN_ADMIN_USERNAME: "anden.admin" });
    expect(beside.code).toBe(1);
    expect(beside.output).toMatch(/Broen-serveren kører på .* Stop den først/);
    await expectAdminGetsIn(port);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 240_000);
});

describe.runIf(!onPglite)("create-admin on PostgreSQL", () => {
  it("creates the first administrator, also while the server runs", async () => {
    const root = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await root.connect();
    const name = `broen_admin_${process.pid}_${Date.now()}`;
    await root.query(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      const env = { DATABASE_URL: url.toString(), ...ADMIN };
      const created = await createAdmin(env);
      expect(created.output).toContain("er oprettet");
      expect(created.code).toBe(0);
      const port = await freePort();
      const server = run("src/server/main.ts", { PORT: String(port), DATABASE_URL: url.toString() });
      await waitReady(port, server);
      await expectAdminGetsIn(port);
      // PostgreSQL takes a second writer: a colleague's account while the server runs, in the same municipality.
      const second = await createAdmin({
        ...env,
        BROEN_ADMIN_USERNAME: "anden.admin",
        BROEN_ADMIN_PASSWORD: "Spejl-Birk-Flod-9034",
      });
      expect(second.output).not.toContain("sammen med");
      expect(second.code).toBe(0);
      expect((await loginOver(port, "anden.admin", "Spejl-Birk-Flod-9034")).status).toBe(200);
      expect((await createAdmin(env)).code).toBe(1);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    } finally {
      await root.query(`drop database if exists ${name} with (force)`);
      await root.end();
    }
  }, 240_000);
});
