/**
 * `npm run create-admin` — the first administrator of an installation started with SEED_DEMO=false
 * (issue 18.3). Reads BROEN_ADMIN_MUNICIPALITY, BROEN_ADMIN_MUNICIPALITY_CODE, BROEN_ADMIN_USERNAME,
 * BROEN_ADMIN_DISPLAY_NAME and BROEN_ADMIN_PASSWORD; on a terminal it asks for what is missing (the
 * password without echo). Opens the database as the server does (config.ts, DATABASE_URL or the
 * PGlite folder DATA_DIR); on PGlite it refuses while the server runs on the same folder.
 */
import {
  CreateAdminError,
  type FirstAdmin,
  checkFirstAdmin,
  createFirstAdmin,
} from "../src/server/seed/first-admin.js";
import { type Field, configOrFail, failer, readFields, withDatabase } from "./command-support.js";

const fail = failer("create-admin");

const FIELDS: Field<FirstAdmin>[] = [
  { key: "municipalityName", env: "BROEN_ADMIN_MUNICIPALITY", question: "Kommunens navn: " },
  { key: "municipalityCode", env: "BROEN_ADMIN_MUNICIPALITY_CODE", question: "Kommunekode (fx 0101): " },
  { key: "username", env: "BROEN_ADMIN_USERNAME", question: "Brugernavn: " },
  { key: "displayName", env: "BROEN_ADMIN_DISPLAY_NAME", question: "Fulde navn: " },
  {
    key: "password",
    env: "BROEN_ADMIN_PASSWORD",
    question: "Adgangskode (mindst 12 tegn, vises ikke): ",
    hidden: true,
  },
];

async function main(): Promise<void> {
  const config = configOrFail(fail);
  const input = await readFields(FIELDS, fail);
  try {
    checkFirstAdmin(input);
  } catch (err) {
    if (err instanceof CreateAdminError) fail(`${err.message}; intet er ændret.`);
    throw err;
  }
  await withDatabase(config, fail, CreateAdminError, async (database, where) => {
    const result = await createFirstAdmin(database.db, input);
    process.stdout.write(
      `Administratoren "${input.username.toLowerCase()}" er oprettet${result.createdMunicipality ? ` sammen med ${input.municipalityName.trim()} (kode ${input.municipalityCode})` : ""} i ${where}.\n`,
    );
  });
}

main().catch((err: unknown) => fail((err as Error).message ?? String(err)));
