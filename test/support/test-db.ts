/**
 * A fresh, migrated database per API test file, on the engine TEST_DB names:
 *  - pglite (default): the global setup migrates ONE in-memory PGlite and dumps it to a file under
 *    .tmp/; each file loads that dump (≈0.5 s) instead of running initdb + migrations (≈6 s). The
 *    dump is an uncompressed tar (≈40 MB): unpacking a gzipped one took another ≈0.5 s per file.
 *  - postgres: TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) names a server and
 *    a database we may connect to for administration. The global setup creates a migrated template
 *    database; each file gets `CREATE DATABASE … TEMPLATE …` and drops it afterwards. A fresh
 *    database rather than a fresh schema, because drizzle-kit's migrations name "public" explicitly.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase, pgliteOf } from "../../src/server/db/client.js";
import { JOB_DEFINITIONS } from "../../src/server/job-list.js";
import { installJobSchema } from "../../src/server/platform/jobs.js";

export type TestDbKind = "pglite" | "postgres";

export interface TestDbTemplate {
  kind: TestDbKind;
  /** pglite: path of the dumped data dir. */
  dumpFile?: string;
  /** postgres: the server's admin URL and the template database's name. */
  adminUrl?: string;
  templateName?: string;
}

declare module "vitest" {
  interface ProvidedContext {
    testDbTemplate: TestDbTemplate;
  }
}

export function testDbKind(env: NodeJS.ProcessEnv = process.env): TestDbKind {
  const kind = env.TEST_DB ?? "pglite";
  if (kind !== "pglite" && kind !== "postgres")
    throw new Error(`TEST_DB must be "pglite" or "postgres", got "${kind}"`);
  return kind;
}

function adminUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      "TEST_DB=postgres needs TEST_DATABASE_URL, e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test " +
        "(a server and a database the tests may connect to; they create and drop their own databases beside it).",
    );
  }
  return url;
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Global setup side: build the template once per run.

const DUMP_DIR = resolve(".tmp/test-db");

/** Dumps left by runs that were killed before their dispose ran (≈40 MB each): their process is gone. */
function removeOrphanedDumps(): void {
  for (const name of readdirSync(DUMP_DIR)) {
    const pid = Number(/^template-(\d+)-/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ESRCH") rmSync(join(DUMP_DIR, name), { force: true });
    }
  }
}

export async function createTemplate(): Promise<{ template: TestDbTemplate; dispose: () => Promise<void> }> {
  const kind = testDbKind();
  if (kind === "pglite") {
    const database = await openDatabase({});
    try {
      await database.migrate();
      // pg-boss's own schema and the app's queues (decision 0094), so no test file creates them again.
      await installJobSchema(database, JOB_DEFINITIONS);
      const dump = await pgliteOf(database)!.dumpDataDir("none");
      mkdirSync(DUMP_DIR, { recursive: true });
      removeOrphanedDumps();
      const dumpFile = join(DUMP_DIR, `template-${process.pid}-${randomBytes(4).toString("hex")}.tar`);
      writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
      return { template: { kind, dumpFile }, dispose: async () => rmSync(dumpFile, { force: true }) };
    } finally {
      await database.close();
    }
  }

  const adminUrl = adminUrlFromEnv();
  const templateName = `broen_template_${process.pid}_${randomBytes(4).toString("hex")}`;
  try {
    await adminQuery(adminUrl, `create database ${quoteIdent(templateName)}`);
  } catch (err) {
    throw new Error(`cannot create a test database on TEST_DATABASE_URL (${(err as Error).message})`, {
      cause: err,
    });
  }
  const database = await openDatabase({ url: withDatabase(adminUrl, templateName), poolSize: 1 });
  try {
    await database.migrate();
    await installJobSchema(database, JOB_DEFINITIONS);
  } finally {
    // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
    await database.close();
  }
  return {
    template: { kind, adminUrl, templateName },
    dispose: () => adminQuery(adminUrl, `drop database if exists ${quoteIdent(templateName)} with (force)`),
  };
}

// ---------------------------------------------------------------------------------------------
// Test file side: one fresh database from the template.

export interface TestDatabase {
  database: Database;
  kind: TestDbKind;
  /** postgres: the URL of this file's database (e.g. to open a second pool on it). */
  url?: string;
  /** Closes the database; on PostgreSQL also drops it. */
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const template = inject("testDbTemplate");
  if (!template)
    throw new Error("the test database template is missing: run API tests through `vitest --project api`");
  if (template.kind === "pglite") {
    const database = await openDatabase({ loadDataDir: new Blob([readFileSync(template.dumpFile!)]) });
    return { database, kind: "pglite", close: () => database.close() };
  }
  const adminUrl = template.adminUrl!;
  const name = `broen_t_${randomBytes(6).toString("hex")}`;
  await createFromTemplate(adminUrl, name, template.templateName!);
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ url, poolSize: 5 });
  return {
    database,
    kind: "postgres",
    url,
    close: async () => {
      await database.close().catch(() => undefined);
      await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
    },
  };
}

/** Two files may clone the template at the same moment; PostgreSQL can refuse one while the other copies. */
async function createFromTemplate(adminUrl: string, name: string, templateName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, `create database ${quoteIdent(name)} template ${quoteIdent(templateName)}`);
      return;
    } catch (err) {
      if (attempt >= 10 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
