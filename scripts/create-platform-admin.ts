/**
 * `npm run create-platform-admin` — a platform administrator of the installation (issue 15 point 3,
 * decision 0103): someone who creates municipalities and sees their size and health at /platform,
 * never a citizen. Reads BROEN_PLATFORM_USERNAME, BROEN_PLATFORM_DISPLAY_NAME and
 * BROEN_PLATFORM_PASSWORD; on a terminal it asks for what is missing (the password without echo).
 * Opens the database as the server does (config.ts, DATABASE_URL or the PGlite folder DATA_DIR); on
 * PGlite it refuses while the server runs on the same folder.
 */
import { createInterface } from "node:readline";
import { ConfigError, loadConfig, redactUrl } from "../src/server/config.js";
import { openDatabase } from "../src/server/db/client.js";
import { DataDirLockedError, lockDataDir } from "../src/server/db/lock.js";
import {
  CreatePlatformAdminError,
  type NewPlatformAdmin,
  checkPlatformAdmin,
  createPlatformAdmin,
} from "../src/server/modules/platform-admin/index.js";

function fail(message: string): never {
  process.stderr.write(`create-platform-admin: ${message}\n`);
  process.exit(1);
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

const FIELDS: { key: keyof NewPlatformAdmin; env: string; question: string; hidden?: boolean }[] = [
  { key: "username", env: "BROEN_PLATFORM_USERNAME", question: "Brugernavn: " },
  { key: "displayName", env: "BROEN_PLATFORM_DISPLAY_NAME", question: "Fulde navn: " },
  {
    key: "password",
    env: "BROEN_PLATFORM_PASSWORD",
    question: "Adgangskode (mindst 12 tegn, vises ikke): ",
    hidden: true,
  },
];

async function readInput(): Promise<NewPlatformAdmin> {
  const input = {} as NewPlatformAdmin;
  const interactive = Boolean(process.stdin.isTTY);
  for (const f of FIELDS) {
    const value = process.env[f.env] ?? "";
    if (value) input[f.key] = value;
    else if (interactive) input[f.key] = await ask(f.question, f.hidden);
    else fail(`${f.env} mangler (sæt den, eller kør kommandoen i en terminal for at blive spurgt).`);
  }
  if (
    interactive &&
    !process.env.BROEN_PLATFORM_PASSWORD &&
    (await ask("Gentag adgangskoden: ", true)) !== input.password
  )
    fail("de to adgangskoder er forskellige; intet er ændret.");
  return input;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`ugyldig konfiguration: ${err.message}`);
    throw err;
  }
  const input = await readInput();
  try {
    checkPlatformAdmin(input);
  } catch (err) {
    if (err instanceof CreatePlatformAdminError) fail(`${err.message}; intet er ændret.`);
    throw err;
  }
  let release: () => Promise<void> = async () => undefined;
  if (!config.databaseUrl) {
    try {
      release = await lockDataDir(config.dataDir);
    } catch (err) {
      // PGlite allows one process: writing beside a running server would lose data.
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
    await createPlatformAdmin(database.db, input);
    process.stdout.write(
      `Platformadministratoren "${input.username.toLowerCase()}" er oprettet i ${where}. Log ind på /platform/log-ind.\n`,
    );
  } catch (err) {
    if (err instanceof CreatePlatformAdminError) {
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

main().catch((err: unknown) => fail((err as Error).message ?? String(err)));
