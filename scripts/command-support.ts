/**
 * What the installation's commands (`npm run create-admin`, `npm run create-platform-admin`) share:
 * one failure line and exit 1, questions on a terminal (a password without echo, asked twice) for
 * what the environment does not give, and the database opened as the server opens it (config.ts:
 * DATABASE_URL or the PGlite folder DATA_DIR, migrated first) — on PGlite refused while the server
 * runs on the same folder, since PGlite allows one process and writing beside it would lose data.
 */
import { createInterface } from "node:readline";
import { ConfigError, loadConfig, redactUrl } from "../src/server/config.js";
import { type Database, openDatabase } from "../src/server/db/client.js";
import { DataDirLockedError, lockDataDir } from "../src/server/db/lock.js";

/** Writes `<command>: <message>` to stderr and exits 1. */
export function failer(command: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`${command}: ${message}\n`);
    process.exit(1);
  };
}

function ask(question: string, hidden = false): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    if (hidden) {
      // Echo nothing of what is typed (the question itself is written before muting).
      const muted = rl as unknown as { _writeToOutput: (s: string) => void };
      process.stdout.write(question);
      muted._writeToOutput = () => undefined;
      rl.question("", (answer) => {
        rl.close();
        process.stdout.write("\n");
        resolve(answer);
      });
    } else {
      rl.question(question, (answer) => {
        rl.close();
        resolve(answer.trim());
      });
    }
  });
}

export interface Field<T> {
  key: keyof T & string;
  env: string;
  question: string;
  /** A password: asked without echo, and asked twice when typed. */
  hidden?: boolean;
}

/** Each field from its environment variable, else asked on a terminal; without a terminal a missing one fails. */
export async function readFields<T extends { [K in keyof T]: string }>(
  fields: readonly Field<T>[],
  fail: (message: string) => never,
): Promise<T> {
  const input = {} as Record<string, string>;
  const interactive = Boolean(process.stdin.isTTY);
  for (const f of fields) {
    const value = process.env[f.env] ?? "";
    if (value) input[f.key] = value;
    else if (interactive) {
      input[f.key] = await ask(f.question, f.hidden);
      if (f.hidden && (await ask("Gentag adgangskoden: ", true)) !== input[f.key])
        fail("de to adgangskoder er forskellige; intet er ændret.");
    } else fail(`${f.env} mangler (sæt den, eller kør kommandoen i en terminal for at blive spurgt).`);
  }
  return input as T;
}

/** The configuration, or one clear line. */
export function configOrFail(fail: (message: string) => never): ReturnType<typeof loadConfig> {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`ugyldig konfiguration: ${err.message}`);
    throw err;
  }
}

/**
 * Opens and migrates the database, runs `work` with it and a description of where it is, and
 * closes it. An error of `refusal` (the command's own "nothing changed" error) fails with its message.
 */
export async function withDatabase(
  config: ReturnType<typeof loadConfig>,
  fail: (message: string) => never,
  refusal: new (...args: never[]) => Error,
  work: (database: Database, where: string) => Promise<void>,
): Promise<void> {
  let release: () => Promise<void> = async () => undefined;
  if (!config.databaseUrl) {
    try {
      release = await lockDataDir(config.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError)
        fail(
          `Broen-serveren kører på ${config.dataDir}. Stop den først, og kør så kommandoen igen (eller brug PostgreSQL, hvor det kan ske mens serveren kører).`,
        );
      throw err;
    }
  }
  const where = config.databaseUrl
    ? `PostgreSQL på ${redactUrl(config.databaseUrl)}`
    : `den indbyggede database i ${config.dataDir}`;
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  }).catch(async (err: unknown) => {
    await release();
    fail(`${where} svarer ikke (${(err as Error).message}).`);
  });
  try {
    await database.migrate();
    await work(database, where);
  } catch (err) {
    if (err instanceof refusal) {
      await database.close().catch(() => undefined);
      await release();
      fail(`${err.message}.`);
    }
    throw err;
  } finally {
    await database.close().catch(() => undefined);
    await release().catch(() => undefined);
  }
}
