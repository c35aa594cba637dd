/**
 * Issue 5 budget: matching over a catalog of 20,000 activities < 50 ms server time at p95, on
 * PGlite and on PostgreSQL. Runs the app in-process (app.inject: no network in the numbers) on a
 * fresh PGlite with the demo municipality, or on PostgreSQL with DATABASE_URL (an empty database
 * is seeded); adds 20,000 activities across Denmark to the demo municipality
 * (generateScaleCatalog), puts a demo course's citizen at home in the middle of them, and prints
 * p50/p95 of GET /api/courses/:id/matches next to the raw SQL that loads the candidates (venues
 * within reach and every in-home and phone offer) — what the route would read without its cache
 * (modules/placements/candidates.ts) — and the signature query it does read on every request.
 *
 *   npx tsx bench/matching.ts [iterations]
 */
import { eq, sql } from "drizzle-orm";
import { timesOfDay } from "../src/domain/matching/schedule.js";
import type { CatalogActivity } from "../src/domain/matching/types.js";
import { catalogActivities, catalogOrganisations, citizens, courses } from "../src/server/db/schema/index.js";
import { CANDIDATE_RADIUS_FACTOR } from "../src/server/modules/placements/index.js";
import { generateScaleCatalog } from "../src/server/seed/catalog-demo-data.js";
import { expectStatus as ok, openBench, pct, ratio, time, timingLine as line } from "./support.js";

const iterations = Number(process.argv[2] ?? 200);
const ACTIVITIES = 20_000;
/** Mid-Jutland: inside the area generateScaleCatalog spreads its places over (lat 54.9–57.4, lon 8.2–12.4). */
const HOME = { lat: 56.15, lon: 10.2 };

const { app, database, session, close } = await openBench();
const db = database.db;
const coordinator = await session("koordinator");

const caseload = (await ok(
  app.inject({ method: "GET", url: "/api/courses/caseload", headers: coordinator }),
)) as { id: string; citizen: { id: string } }[];
const course = caseload[0];
if (!course) throw new Error("no open demo course found");
const [{ municipalityId } = { municipalityId: "" }] = await db
  .select({ municipalityId: courses.municipalityId })
  .from(courses)
  .where(eq(courses.id, course.id));
await db.update(citizens).set({ lat: HOME.lat, lon: HOME.lon }).where(eq(citizens.id, course.citizen.id));

// 20,000 activities and their organisations, inserted straight (the catalog's import is not what is measured).
const weekdaysOf = (s: CatalogActivity["schedule"]): number[] =>
  s.kind === "weekly"
    ? s.weekdays
    : s.kind === "monthly"
      ? [s.weekday]
      : s.kind === "dates"
        ? [...new Set(s.dates.map((d) => new Date(`${d}T12:00:00Z`).getUTCDay() || 7))]
        : [];
const started = Date.now();
// Its own seed: the demo catalog (DEMO_CATALOG_SEED) may already be in the demo municipality with the same ids.
const scale = generateScaleCatalog(ACTIVITIES, 5_000_020);
for (let i = 0; i < scale.organisations.length; i += 1000) {
  await db.insert(catalogOrganisations).values(
    scale.organisations.slice(i, i + 1000).map((o) => ({
      id: o.id,
      municipalityId,
      name: o.name,
      kind: o.kind,
      description: o.description,
      addressLine: o.address?.line ?? null,
      postalCode: o.address?.postalCode ?? null,
      city: o.address?.city ?? null,
      inclusionCriteria: o.inclusionCriteria,
      collaborationAgreement: o.collaborationAgreement,
      lastVerifiedOn: o.lastVerifiedOn,
    })),
  );
}
for (let i = 0; i < scale.activities.length; i += 1000) {
  await db.insert(catalogActivities).values(
    scale.activities.slice(i, i + 1000).map((a) => ({
      id: a.id,
      municipalityId,
      organisationId: a.organisationId,
      title: a.title,
      description: a.description,
      themes: a.themes,
      interests: a.interests,
      placeKind: a.place.kind,
      ...(a.place.kind === "venue"
        ? {
            placeName: a.place.name,
            addressLine: a.place.address.line,
            postalCode: a.place.address.postalCode,
            city: a.place.address.city,
            lat: a.place.lat,
            lon: a.place.lon,
          }
        : {}),
      remoteChannels: a.place.kind === "remote" ? a.place.channels : [],
      schedule: a.schedule,
      weekdays: weekdaysOf(a.schedule),
      timesOfDay: timesOfDay(a.schedule),
      accessibility: a.accessibility,
      costKind: a.cost.kind,
      costAmountDkk: a.cost.kind === "paid" ? a.cost.amountDkk : null,
      costPer: a.cost.kind === "paid" ? a.cost.per : null,
      groupSize: a.groupSize,
      contact: a.contact,
      lastVerifiedOn: a.lastVerifiedOn,
      active: a.active,
    })),
  );
}
await db.execute(sql`analyze catalog_activities`);
console.log(
  `inserted ${scale.organisations.length} organisations and ${scale.activities.length} activities in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

/** The candidates as one SQL query: venues in a box around the home, every in-home and phone offer. */
function rawCandidates(maxKm: number, requires: string[]) {
  const r = maxKm * CANDIDATE_RADIUS_FACTOR;
  const dLat = r / 111.195;
  const dLon = r / (111.195 * Math.cos((HOME.lat * Math.PI) / 180));
  const features = sql.raw(`'{${requires.join(",")}}'::text[]`);
  return db.execute(sql`
    select id, organisation_id, title, themes, interests, place_kind, lat, lon, remote_channels, schedule, accessibility,
           cost_kind, cost_amount_dkk, cost_per, group_size, active
    from catalog_activities
    where municipality_id = ${municipalityId} and active
      and (place_kind <> 'venue' or lat is null or lon is null
           or (lat between ${HOME.lat - dLat} and ${HOME.lat + dLat} and lon between ${HOME.lon - dLon} and ${HOME.lon + dLon}))
      ${requires.length > 0 ? sql`and (place_kind <> 'venue' or accessibility @> ${features})` : sql``}`);
}

const signature = () =>
  db.execute(sql`
    select count(*)::int, coalesce(sum(version), 0)::text, max(updated_at)::text from catalog_activities where municipality_id = ${municipalityId}`);

const matches = () =>
  ok(
    app.inject({ method: "GET", url: `/api/courses/${course!.id}/matches?limit=25`, headers: coordinator }),
  ) as Promise<{ suggestions: unknown[] }>;
const cold = await time(matches);
console.log(`first request (loads the catalog into the cache): ${cold.toFixed(1)} ms`);

async function scenario(
  name: string,
  conversation: { interests: string[]; barriers: string[] },
  requires: string[],
) {
  await ok(
    app.inject({
      method: "POST",
      url: `/api/courses/${course!.id}/conversations`,
      headers: coordinator,
      payload: { kind: "guidance", ...conversation },
    }),
    201,
  );
  const route: number[] = [];
  const raw: number[] = [];
  const sig: number[] = [];
  let shown = 0;
  for (let i = 0; i < iterations; i++) {
    route.push(await time(async () => (shown = (await matches()).suggestions.length)));
    raw.push(await time(() => rawCandidates(10, requires)));
    sig.push(await time(signature));
  }
  const candidates =
    ((await rawCandidates(10, requires)) as unknown as { rows?: unknown[] }).rows?.length ?? 0;
  console.log(line(`matches, ${name} (${route.length}×)`, route));
  console.log(line(`raw SQL: ${candidates} candidates`, raw));
  console.log(line("raw SQL: the cache's signature", sig));
  console.log(`ratio matches/raw candidates p95: ${ratio(route, raw)}; ${shown} suggestions shown`);
  return route;
}

console.log(`Broen matching over ${ACTIVITIES} activities, on ${database.kind}`);
const plain = await scenario(
  "knitting, no barriers",
  { interests: ["knitting_needlework", "coffee_club"], barriers: [] },
  [],
);
const rollator = await scenario(
  "knitting, rollator",
  { interests: ["knitting_needlework", "coffee_club"], barriers: ["mobility_aid"] },
  ["step_free", "wheelchair_rollator"],
);
const housebound = await scenario(
  "housebound, visiting friend",
  { interests: ["visiting_friend"], barriers: ["housebound"] },
  [],
);
const worst = Math.max(pct(plain, 95), pct(rollator, 95), pct(housebound, 95));
console.log(`budget: matching p95 < 50 ms ${worst < 50 ? "OK" : "OVER"} (worst p95 ${worst.toFixed(1)} ms)`);

await close();
