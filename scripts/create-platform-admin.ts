/**
 * `npm run create-platform-admin` — a platform administrator of the installation (issue 15 point 3,
 * decision 0103): someone who creates municipalities and sees their size and health at /platform,
 * never a citizen. Reads BROEN_PLATFORM_USERNAME, BROEN_PLATFORM_DISPLAY_NAME and
 * BROEN_PLATFORM_PASSWORD; on a terminal it asks for what is missing (the password without echo).
 * Opens the database as the server does (config.ts, DATABASE_URL or the PGlite folder DATA_DIR); on
 * PGlite it refuses while the server runs on the same folder.
 */
import {
  CreatePlatformAdminError,
  type NewPlatformAdmin,
  checkPlatformAdmin,
  createPlatformAdmin,
} from "../src/server/modules/platform-admin/index.js";
import { type Field, configOrFail, failer, readFields, withDatabase } from "./command-support.js";

const fail = failer("create-platform-admin");

const FIELDS: Field<NewPlatformAdmin>[] = [
  { key: "username", env: "BROEN_PLATFORM_USERNAME", question: "Brugernavn: " },
  { key: "displayName", env: "BROEN_PLATFORM_DISPLAY_NAME", question: "Fulde navn: " },
  {
    key: "password",
    env: "BROEN_PLATFORM_PASSWORD",
    question: "Adgangskode (mindst 12 tegn, vises ikke): ",
    hidden: true,
  },
];

async function main(): Promise<void> {
  const config = configOrFail(fail);
  const input = await readFields(FIELDS, fail);
  try {
    checkPlatformAdmin(input);
  } catch (err) {
    if (err instanceof CreatePlatformAdminError) fail(`${err.message}; intet er ændret.`);
    throw err;
  }
  await withDatabase(config, fail, CreatePlatformAdminError, async (database, where) => {
    await createPlatformAdmin(database.db, input);
    process.stdout.write(
      `Platformadministratoren "${input.username.toLowerCase()}" er oprettet i ${where}. Log ind på /platform/log-ind.\n`,
    );
  });
}

main().catch((err: unknown) => fail((err as Error).message ?? String(err)));
