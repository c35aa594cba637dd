/**
 * The activities ranking may suggest to one citizen, fast at national scale (20,000 activities in
 * one municipality: p95 < 50 ms), and exactly the suggestions a ranking of the whole catalog gives.
 *
 * 1. A cache, because reading rows is what costs: PGlite spends ~17 µs per row with array and
 *    jsonb columns, so even when a box around the home leaves ~100 venues, the in-home and phone
 *    offers (no place, so always candidates: a third of the national-scale catalog) take 100+ ms
 *    to read. Each process keeps a municipality's active activities in memory and checks them on
 *    EVERY request against a signature read in the request's transaction — row count, sum of
 *    versions, newest updated_at: the catalog module bumps version and updated_at on every change,
 *    inserts and deletions change the count — so a stale list is never ranked. Processes keep
 *    their own copies; nothing is shared but the database, so the app stays stateless.
 * 2. Groups of activities ranking cannot tell apart. Ranking reads an activity's place (kind and
 *    coordinates), interests, themes, schedule, accessibility, cost, group size and active flag;
 *    two activities alike in all of these get the same tier, score, reasons and misfits, and are
 *    ordered by title (Danish) and id. So only the first `limit` of such a group, in that order,
 *    can ever be shown: the rest are never ranked. (The national-scale catalog has 1,300 alike
 *    "Telefonvenner – Ældre Sagen" in other towns.) The order within a group is worked out once
 *    per cache load.
 * 3. Venues further than CANDIDATE_RADIUS_FACTOR × the maximum distance are left out (they could
 *    only come after every venue within reach), and, unless the coordinator asks why something is
 *    not suggested, so are venues without what the citizen's barriers require (rank.ts excludes
 *    them anyway). Venues are kept sorted by latitude, so the band around the home is found by a
 *    binary search.
 *
 * candidates.test.ts checks that ranking the candidates gives what ranking everything gives.
 */
import { sql } from "drizzle-orm";
import { danishCollator } from "../../../domain/danish-text.js";
import { haversineKm } from "../../../domain/matching/distance.js";
import { DEFAULT_MAX_DISTANCE_KM } from "../../../domain/matching/rank.js";
import type { CatalogActivity, CitizenProfile } from "../../../domain/matching/types.js";
import { MAX_MATCHES } from "../../../shared/api/placements.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogActivities } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";
import { rankColumns, toCatalogActivity } from "./queries.js";

/**
 * Venues further away than this many times the maximum distance are not ranked. Between 1× and
 * 2× they are still shown, a tier down and marked too far, so the coordinator sees what is just
 * out of reach.
 */
export const CANDIDATE_RADIUS_FACTOR = 2;
/** Municipalities kept per process (the least recently used goes first). */
const MAX_CACHED = 32;
/** A degree of latitude in kilometres (mean Earth sphere), for the band around the home. */
const KM_PER_DEGREE_LAT = 111.195;

interface Group {
  /** Stands for the group in the filters: all members share what they look at. */
  rep: CatalogActivity;
  /** The first MAX_MATCHES members in ranking's tie order (Danish title, then id). */
  members: CatalogActivity[];
}

export interface MatchingCatalog {
  /** Venues with coordinates, by latitude. */
  venuesByLat: Group[];
  /** In-home and phone offers, and venues without coordinates. */
  others: Group[];
  size: number;
}

const cache = new Map<string, { signature: string; catalog: MatchingCatalog }>();

/** Everything rank.ts reads of an activity but its id and title (see 2. above). */
function rankingKey(a: CatalogActivity): string {
  const place = a.place.kind === "venue" ? ["venue", a.place.lat, a.place.lon] : [a.place.kind];
  return JSON.stringify([
    place,
    a.interests,
    a.themes,
    a.schedule,
    a.accessibility,
    a.cost,
    a.groupSize,
    a.active,
  ]);
}

const tieOrder = (a: CatalogActivity, b: CatalogActivity) =>
  danishCollator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Groups alike activities and sorts venues by latitude. Pure; exported for candidates.test.ts. */
export function buildMatchingCatalog(activities: readonly CatalogActivity[]): MatchingCatalog {
  const byKey = new Map<string, CatalogActivity[]>();
  for (const a of activities) {
    const key = rankingKey(a);
    const list = byKey.get(key);
    if (list) list.push(a);
    else byKey.set(key, [a]);
  }
  const venuesByLat: Group[] = [];
  const others: Group[] = [];
  for (const list of byKey.values()) {
    const members = list.length > 1 ? list.sort(tieOrder).slice(0, MAX_MATCHES) : list;
    const group = { rep: members[0]!, members };
    const place = group.rep.place;
    if (place.kind === "venue" && place.lat !== null && place.lon !== null) venuesByLat.push(group);
    else others.push(group);
  }
  venuesByLat.sort((a, b) => latOf(a) - latOf(b));
  return { venuesByLat, others, size: activities.length };
}

const latOf = (g: Group) => (g.rep.place.kind === "venue" ? g.rep.place.lat! : 0);

/** Changes whenever one of the municipality's activities is inserted, changed or deleted. */
async function signatureOf(tx: DbOrTx, municipalityId: string): Promise<string> {
  const a = catalogActivities;
  const [s] = await tx
    .select({
      rows: sql<number>`count(*)::int`,
      versions: sql<string>`coalesce(sum(${a.version}), 0)::text`,
      updated: sql<string | null>`max(${a.updatedAt})::text`,
    })
    .from(a)
    .where(inTenant(a, municipalityId));
  return `${s!.rows}|${s!.versions}|${s!.updated}`;
}

/** The municipality's active activities as ranking reads them, from the cache when it is current. */
export async function loadMatchingCatalog(tx: DbOrTx, municipalityId: string): Promise<MatchingCatalog> {
  const signature = await signatureOf(tx, municipalityId);
  const hit = cache.get(municipalityId);
  cache.delete(municipalityId);
  if (hit && hit.signature === signature) {
    cache.set(municipalityId, hit);
    return hit.catalog;
  }
  const rows = await tx
    .select(rankColumns)
    .from(catalogActivities)
    .where(sql`${inTenant(catalogActivities, municipalityId)} and ${catalogActivities.active}`);
  const catalog = buildMatchingCatalog(rows.map(toCatalogActivity));
  cache.set(municipalityId, { signature, catalog });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return catalog;
}

/** The activities that can be among the first `limit` suggestions for this citizen (see above). */
export function candidatesFor(
  catalog: MatchingCatalog,
  profile: CitizenProfile,
  opts: { includeExcluded: boolean; limit: number },
): CatalogActivity[] {
  const home = profile.home;
  const reach = (profile.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM) * CANDIDATE_RADIUS_FACTOR;
  const requires = opts.includeExcluded ? [] : [...new Set(profile.barriers.flatMap((b) => b.requires))];
  const out: CatalogActivity[] = [];
  const take = (g: Group) => {
    const place = g.rep.place;
    if (place.kind === "venue") {
      if (!requires.every((f) => g.rep.accessibility.includes(f))) return;
      if (
        home &&
        place.lat !== null &&
        place.lon !== null &&
        haversineKm(home, { lat: place.lat, lon: place.lon }) > reach
      )
        return;
    }
    for (let i = 0; i < g.members.length && i < opts.limit; i++) out.push(g.members[i]!);
  };
  for (const g of catalog.others) take(g);
  const venues = catalog.venuesByLat;
  if (!home) {
    for (const g of venues) take(g);
    return out;
  }
  const from = home.lat - reach / KM_PER_DEGREE_LAT;
  const to = home.lat + reach / KM_PER_DEGREE_LAT;
  let lo = 0;
  let hi = venues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (latOf(venues[mid]!) < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < venues.length && latOf(venues[i]!) <= to; i++) take(venues[i]!);
  return out;
}
