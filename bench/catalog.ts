/**
 * Issue 5 budget: catalog search over 20,000 activities < 50 ms server time at p95, on PGlite and
 * PostgreSQL. The demo municipality gets generateScaleCatalog(20000) on top of its own catalog;
 * each search runs through the app in-process (app.inject as the coordinator: session,
 * validation, transaction, presenter, serialisation) and as raw SQL: exactly the statements the
 * search service sends for it, recorded once in a rolled-back transaction and sent again straight
 * to the driver in one transaction (record.ts) — with the ratio (issue 19, point 6). Ten
 * warm-up rounds of both come first; then the two alternate.
 *
 *   npx tsx bench/catalog.ts [iterations]          (a fresh PGlite)
 *   DATABASE_URL=postgres://… npx tsx bench/catalog.ts
 */
import { count, eq, sql } from "drizzle-orm";
import { ActivitySearchQuery } from "../src/shared/api/catalog.js";
import { catalogActivities, municipalities } from "../src/server/db/schema/index.js";
import { currentTaxonomy, searchActivities } from "../src/server/modules/catalog/index.js";
import { fitToTaxonomy, insertCatalog } from "../src/server/seed/catalog-demo.js";
import { generateScaleCatalog } from "../src/server/seed/catalog-demo-data.js";
import { DEMO_MUNICIPALITY } from "../src/server/seed/demo.js";
import { ctxOf, record, replay } from "./record.js";
import { expectStatus as ok, openBench, pct, ratio, time, timingLine as line } from "./support.js";

const SCALE = 20_000;
/** Not the demo catalog's seed: the same seed would give the same UUIDs as the demo's own entries. */
const SCALE_SEED = 5_000_020;
const BUDGET_MS = 50;
const iterations = Number(process.argv[2] ?? 200);
const { app, database, session, close } = await openBench();
const db = database.db;

const [m] = await db
  .select({ id: municipalities.id })
  .from(municipalities)
  .where(eq(municipalities.code, DEMO_MUNICIPALITY.code));
const municipalityId = m!.id;
const [existing] = await db
  .select({ n: count() })
  .from(catalogActivities)
  .where(eq(catalogActivities.municipalityId, municipalityId));
if ((existing?.n ?? 0) < SCALE) {
  const started = Date.now();
  const catalog = fitToTaxonomy(
    generateScaleCatalog(SCALE, SCALE_SEED),
    await currentTaxonomy(db, municipalityId),
  );
  await db.transaction((tx) => insertCatalog(tx, municipalityId, catalog));
  await db.execute(sql`analyze catalog_activities`);
  await db.execute(sql`analyze catalog_organisations`);
  console.log(
    `inserted ${catalog.organisations.length} organisations and ${catalog.activities.length} activities in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
const [{ n: total } = { n: 0 }] = await db
  .select({ n: count() })
  .from(catalogActivities)
  .where(eq(catalogActivities.municipalityId, municipalityId));
const coordinator = await session("koordinator");
const ctx = await ctxOf(db, "koordinator");

const CASES: { name: string; url: string }[] = [
  { name: 'text "strik"', url: "/api/catalog/activities?q=strik" },
  { name: 'text "sang kirke"', url: "/api/catalog/activities?q=sang%20kirke" },
  {
    name: 'text "kaffe" + weekday, free, step-free',
    url: "/api/catalog/activities?q=kaffe&weekday=2,4&free=true&accessibility=step_free",
  },
  { name: "theme + time of day, by title", url: "/api/catalog/activities?theme=music&timeOfDay=afternoon" },
  { name: "distance ≤ 10 km, nearest first", url: "/api/catalog/activities?near=56.1,10.1&maxKm=10" },
  {
    name: 'text "gymnastik" ≤ 25 km by distance',
    url: "/api/catalog/activities?q=gymnastik&near=55.7,12.0&maxKm=25&sort=distance",
  },
  { name: "everything, nearest first (no max)", url: "/api/catalog/activities?near=56.1,10.1" },
  { name: "everything, by title (page 1)", url: "/api/catalog/activities" },
  { name: "everything, by title (page 40)", url: "/api/catalog/activities?page=40" },
];

console.log(
  `Broen catalog search, on ${database.kind}, ${total} activities in the municipality, ${iterations} runs each`,
);
let allWithin = true;
for (const c of CASES) {
  const res = (await ok(app.inject({ method: "GET", url: c.url, headers: coordinator }))) as {
    total: number;
  };
  // Exactly what the route's service sends for this search (its query parsed as the route does).
  const query = ActivitySearchQuery.parse(Object.fromEntries(new URL(c.url, "http://x").searchParams));
  const statements = await record(database, ctx.actor.municipalityId, (tx) =>
    searchActivities(tx, ctx, query),
  );
  for (let i = 0; i < 10; i++) {
    await app.inject({ method: "GET", url: c.url, headers: coordinator });
    await replay(database, statements);
  }
  const broen: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < iterations; i++) {
    broen.push(await time(() => ok(app.inject({ method: "GET", url: c.url, headers: coordinator }))));
    rawTimes.push(await time(() => replay(database, statements)));
  }
  const p95 = pct(broen, 95);
  allWithin &&= p95 < BUDGET_MS;
  console.log(
    `${line(`${c.name} (${res.total} hits)`, broen).padEnd(90)} raw (${statements.length} statements) p50 ${pct(rawTimes, 50).toFixed(1).padStart(5)} p95 ${pct(rawTimes, 95).toFixed(1).padStart(5)} ms   ratio ${ratio(broen, rawTimes)}   ${p95 < BUDGET_MS ? "OK" : "OVER"}`,
  );
}
console.log(`budget: every search p95 < ${BUDGET_MS} ms ${allWithin ? "OK" : "OVER"}`);

await close();
