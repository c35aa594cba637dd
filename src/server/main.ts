/**
 * config → database (lock, open) → migrate → demo seed (empty DB only) → app (job queue opened)
 * → listen → job workers.
 * SIGTERM/SIGINT: stop accepting, finish requests in flight and running jobs, close the database,
 * release the lock.
 */
import { buildApp } from "./app.js";
import { type Config, ConfigError, loadConfig, redactUrl } from "./config.js";
import { type Database, openDatabase } from "./db/client.js";
import { DataDirLockedError, lockDataDir } from "./db/lock.js";
import { installShippedDefaultsEverywhere } from "./seed/defaults.js";
import { DEMO_PASSWORD, DEMO_USERS, hasDemoUsers, isEmpty, seedDemo } from "./seed/demo.js";

function fail(message: string): never {
  process.stderr.write(`Broen kan ikke starte: ${message}\n`);
  process.exit(1);
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
}

async function openAndMigrate(config: Config): Promise<{ database: Database; release: () => Promise<void> }> {
  let release: () => Promise<void> = async () => undefined;
  if (!config.databaseUrl) {
    try {
      release = await lockDataDir(config.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError) fail(err.message);
      throw err;
    }
  }
  const where = config.databaseUrl
    ? `PostgreSQL på ${redactUrl(config.databaseUrl)}`
    : `den indbyggede database i ${config.dataDir}`;
  let database: Database;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    await database.ping();
  } catch (err) {
    await release();
    fail(`${where} svarer ikke (${describe(err)}).`);
  }
  try {
    await database.migrate();
  } catch (err) {
    await database.close().catch(() => undefined);
    await release();
    fail(`migrering af ${where} mislykkedes (${describe(err)}); intet er ændret.`);
  }
  return { database, release };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`ugyldig konfiguration: ${err.message}`);
    throw err;
  }
  const { database, release } = await openAndMigrate(config);

  let seeded = false;
  if (config.seedDemo && (await isEmpty(database.db))) {
    await seedDemo(database.db);
    seeded = true;
  }
  // Municipalities created before a release that ships new defaults get them now (never overwritten).
  await installShippedDefaultsEverywhere(database.db);

  const app = await buildApp({
    database,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    loginRateLimit: config.loginRateLimit,
    sessionIdleMs: config.sessionIdleMinutes * 60_000,
    logger: {
      level: config.logLevel,
      // Headers may carry session cookies; bodies are never logged.
      redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
    },
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "stopping: finishing requests in flight");
    try {
      await app.close();
    } finally {
      await database.close().catch(() => undefined);
      await release().catch(() => undefined);
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  // The job queue's workers, cron and maintenance (decision 0094), once the server answers: their
  // first polls are not added to the start. app.close() stops them gracefully (running jobs finish).
  await app.jobs.startWorkers();
  const url = `http://${config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host}:${config.port}`;
  // "klar efter" counts from the process's start, loading the code included: what an operator waits.
  const lines = [
    "",
    `Broen kører på ${url}  (database: ${database.kind === "pglite" ? `PGlite i ${config.dataDir}` : "PostgreSQL"}, klar efter ${Math.round(process.uptime() * 1000)} ms)`,
    `API-dokumentation: ${url}/api/docs`,
  ];
  if (seeded) lines.push('Demo-kommunen "Fjordby Kommune" er oprettet (fiktive data).');
  // Only where the demo users exist: a database filled otherwise must not advertise logins it lacks.
  if (config.seedDemo && (await hasDemoUsers(database.db))) {
    lines.push(`Demo-logins (adgangskode for alle: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.username.padEnd(16)} ${u.description}`);
    lines.push(`  ${"sundby-admin".padEnd(16)} Administrator i nabokommunen Sundby Kommune (demo)`);
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

main().catch((err) => fail(describe(err)));
