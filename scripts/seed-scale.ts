/**
 * `npm run seed:scale` — fills the PostgreSQL database at DATABASE_URL with national-scale test
 * data (98 municipalities, ~130,000 citizens, ~1 million questionnaires, ~5 million clips) for
 * `npm run bench`. See src/server/seed/scale.ts and docs/OPERATIONS.md.
 *
 *   DATABASE_URL=postgres://… npm run seed:scale [-- --force] [-- --factor 0.1]
 *
 * --force (or SCALE_RESET=1) empties Broen's tables first; without it a database with data is refused.
 * --factor scales citizens, questionnaires and clips (default 1 = national scale).
 */
import { isFictitiousDemoCpr } from "../src/domain/cpr.js";
import { openDatabase, rawRows } from "../src/server/db/client.js";
import { hashPassword } from "../src/server/platform/passwords.js";
import { SCALE_PASSWORD, hasData, scaleManager, seedScale, truncateBroen } from "../src/server/seed/scale.js";
import { sql } from "drizzle-orm";

const args = process.argv.slice(2);
const force = args.includes("--force") || process.env.SCALE_RESET === "1";
const factorAt = args.indexOf("--factor");
const factor = factorAt >= 0 ? Number(args[factorAt + 1]) : 1;

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "seed:scale needs DATABASE_URL=postgres://… (a PostgreSQL database it may fill; PGlite is not supported at this scale).",
  );
  process.exit(1);
}
if (!(factor > 0 && factor <= 10)) {
  console.error("seed:scale: --factor must be a number above 0 and at most 10.");
  process.exit(1);
}

const started = performance.now();
const database = await openDatabase({ url, poolSize: 2 });
try {
  await database.migrate();
  if (await hasData(database.db)) {
    if (!force) {
      console.error(
        "seed:scale: the database already has data; run with --force (or SCALE_RESET=1) to empty Broen's tables and generate anew.",
      );
      process.exitCode = 1;
    } else {
      console.log("Emptying Broen's tables (--force) …");
      await truncateBroen(database.db);
    }
  }
  if (process.exitCode !== 1) {
    console.log(
      `Generating national-scale data (factor ${factor}) on ${new URL(url).host}${new URL(url).pathname} …`,
    );
    const summary = await seedScale(database.db, await hashPassword(SCALE_PASSWORD), {
      factor,
      log: (line) => console.log(line),
    });

    // Every CPR must be a fictitious demo CPR (1926–1952, failing modulus 11): checked here, in Node, with the domain's own rule.
    const cprs = await rawRows<{ cpr: string }>(database.db, sql`select cpr from citizens`);
    const real = cprs.filter((c) => !isFictitiousDemoCpr(c.cpr));
    if (real.length > 0)
      throw new Error(
        `${real.length} generated CPR numbers are not fictitious demo numbers, e.g. ${real[0]!.cpr}`,
      );

    const [counts] = await rawRows<Record<string, string>>(
      database.db,
      sql`select (select count(*) from municipalities) as municipalities, (select count(*) from citizens) as citizens,
        (select count(*) from screenings) as questionnaires, (select count(*) from screenings where purpose = 'detection') as detection_forms,
        (select count(*) from courses) as courses, (select count(*) from clips) as clips, (select count(*) from users) as users`,
    );
    console.log(
      Object.entries(counts ?? {})
        .map(([k, v]) => `${k} ${Number(v).toLocaleString("en")}`)
        .join(" · "),
    );
    console.log(
      `All ${cprs.length.toLocaleString("en")} CPR numbers are fictitious (1926–1952, failing modulus 11).`,
    );
    console.log(
      `Done in ${((performance.now() - started) / 1000).toFixed(1)} s (generation ${summary.seconds.toFixed(1)} s).`,
    );
    console.log(
      `Log in as ${scaleManager("0901")} (manager of Testkommune 01, the largest) — every user's password is ${SCALE_PASSWORD}. Then: npm run bench`,
    );
  }
} catch (error) {
  const cause = error instanceof Error && error.cause instanceof Error ? ` — ${error.cause.message}` : "";
  console.error(
    `seed:scale failed: ${error instanceof Error ? error.message.slice(0, 2000) : String(error)}${cause}`,
  );
  process.exitCode = 1;
} finally {
  await database.close();
}
