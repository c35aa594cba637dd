/**
 * The activities ranking may suggest to one citizen, fast at national scale (20,000 activities in
 * one municipality: p95 < 50 ms), and exactly the suggestions a ranking of the whole catalog gives.
 *
 * 1. A cache, because reading rows is what costs: PGlite spends ~17 µs per row with array and
 *    jsonb columns, so even when a box around the home leaves ~100 venues, the in-home and phone
 *    offers (no place, so always candidates: a third of the national-scale catalog) take 100+ ms
 *    to read. Each process keeps a municipality's active activities in memory and checks them on
 *    EVERY request, in the request's transaction, against one small row: catalog_versions, whose
 *    version every transaction that writes the municipality's activities bumps, and which stamps
 *    each row it writes with that version (database triggers, so no writer can forget it). The
 *    bump holds the row's lock until commit, so versions commit in order: a reader that sees
 *    version V sees every row stamped up to V. So:
 *    - the version is what the cache holds: nothing to read;
 *    - it is newer: read only the rows stamped above the cache's version (an index range; an edit
 *      is one row, a deactivation too — it comes back inactive and leaves the cache at once) and
 *      put them into the cache in place. An edit never reloads the catalog;
 *    - a change rows cannot show (a deletion — Broen deactivates, it never deletes — or TRUNCATE):
 *      reset_version or epoch says so, and the catalog is loaded in full, as on a process's first
 *      request for the municipality.
 *    A stale list is never ranked, and processes share nothing but the database (ADR 0090).
 * 2. Groups of activities ranking cannot tell apart. Ranking reads an activity's place (kind and
 *    coordinates), interests, themes, schedule, accessibility, cost, group size and active flag;
 *    two activities alike in all of these get the same tier, score, reasons and misfits, and are
 *    ordered by title (Danish) and id. So only the first `limit` of such a group, in that order,
 *    can ever be shown: the rest are never ranked. (The national-scale catalog has 1,300 alike
 *    "Telefonvenner – Ældre Sagen" in other towns.) A group keeps its members in that order.
 * 3. Venues further than CANDIDATE_RADIUS_FACTOR × the maximum distance are left out (they could
 *    only come after every venue within reach), and, unless the coordinator asks why something is
 *    not suggested, so are venues without what the citizen's barriers require (rank.ts excludes
 *    them anyway). Venues are kept sorted by latitude, so the band around the home is found by a
 *    binary search.
 *
 * candidates.test.ts checks that ranking the candidates gives what ranking everything gives, also
 * after edits put into the cache one by one.
 */
import { sql } from "drizzle-orm";
import { danishCollator } from "../../../domain/danish-text.js";
import { haversineKm } from "../../../domain/matching/distance.js";
import { DEFAULT_MAX_DISTANCE_KM } from "../../../domain/matching/rank.js";
import type { CatalogActivity, CitizenProfile } from "../../../domain/matching/types.js";
import { builtOnce } from "../../db/built-once.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogActivities, catalogVersions } from "../../db/schema/index.js";
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
  /** Every member, in ranking's tie order (Danish title, then id). */
  members: CatalogActivity[];
}

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

const hasCoordinates = (g: Group) =>
  g.rep.place.kind === "venue" && g.rep.place.lat !== null && g.rep.place.lon !== null;
const latOf = (g: Group) => (g.rep.place.kind === "venue" ? g.rep.place.lat! : 0);

/** The first index in the sorted list whose element is not before `item` (binary search). */
function insertionPoint<T>(list: readonly T[], item: T, before: (x: T, y: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid]!, item)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A municipality's active activities as candidatesFor reads them: groups of alike activities,
 * venues by latitude. put() changes one activity in place; the version each activity was read at
 * keeps an older read from overwriting a newer one (two requests may refresh at once).
 */
export class MatchingCatalog {
  /** Venues with coordinates, by latitude. */
  readonly venuesByLat: Group[] = [];
  /** In-home and phone offers, and venues without coordinates. */
  readonly others: Group[] = [];
  private readonly groups = new Map<string, Group>();
  /** Every activity seen: its group's key (null: inactive, so in no group) and the version read. */
  private readonly seen = new Map<string, { key: string | null; stamp: number }>();
  private active = 0;

  /** Active activities held. */
  get size(): number {
    return this.active;
  }

  /** Builds the groups at once (a full load). Activities must be distinct; inactive ones are left out. */
  static of(activities: readonly CatalogActivity[], stamps?: readonly number[]): MatchingCatalog {
    const c = new MatchingCatalog();
    activities.forEach((a, i) => {
      const stamp = stamps?.[i] ?? 0;
      if (!a.active) {
        c.seen.set(a.id, { key: null, stamp });
        return;
      }
      const key = rankingKey(a);
      c.seen.set(a.id, { key, stamp });
      c.active++;
      const g = c.groups.get(key);
      if (g) g.members.push(a);
      else c.groups.set(key, { rep: a, members: [a] });
    });
    for (const g of c.groups.values()) {
      if (g.members.length > 1) g.members.sort(tieOrder);
      g.rep = g.members[0]!;
      (hasCoordinates(g) ? c.venuesByLat : c.others).push(g);
    }
    c.venuesByLat.sort((a, b) => latOf(a) - latOf(b));
    return c;
  }

  /** The activity as read at version `stamp`: replaces what is held unless that is as new; inactive leaves. */
  put(a: CatalogActivity, stamp: number): void {
    const held = this.seen.get(a.id);
    if (held && held.stamp >= stamp) return;
    if (held?.key != null) this.remove(held.key, a.id);
    if (!a.active) {
      this.seen.set(a.id, { key: null, stamp });
      return;
    }
    const key = rankingKey(a);
    this.seen.set(a.id, { key, stamp });
    this.active++;
    const g = this.groups.get(key);
    if (g) {
      g.members.splice(
        insertionPoint(g.members, a, (x, y) => tieOrder(x, y) < 0),
        0,
        a,
      );
      g.rep = g.members[0]!;
      return;
    }
    const group = { rep: a, members: [a] };
    this.groups.set(key, group);
    if (hasCoordinates(group))
      this.venuesByLat.splice(
        insertionPoint(this.venuesByLat, group, (x, y) => latOf(x) < latOf(y)),
        0,
        group,
      );
    else this.others.push(group);
  }

  private remove(key: string, id: string): void {
    const g = this.groups.get(key)!;
    g.members.splice(
      g.members.findIndex((m) => m.id === id),
      1,
    );
    this.active--;
    if (g.members.length > 0) {
      g.rep = g.members[0]!;
      return;
    }
    this.groups.delete(key);
    const list = hasCoordinates(g) ? this.venuesByLat : this.others;
    list.splice(list.indexOf(g), 1);
  }
}

/** Groups alike activities and sorts venues by latitude. Pure; exported for candidates.test.ts. */
export function buildMatchingCatalog(activities: readonly CatalogActivity[]): MatchingCatalog {
  return MatchingCatalog.of(activities);
}

interface Cached {
  /** Null until the municipality's catalog_versions row exists. */
  epoch: string | null;
  /** Every change stamped up to this version is in the catalog (newer ones may be too). */
  version: number;
  catalog: MatchingCatalog;
}

const cache = new Map<string, Cached>();

interface VersionRow {
  version: number;
  resetVersion: number;
  epoch: string | null;
}

/** The municipality's catalog version: one row by its key. */
async function versionOf(tx: DbOrTx, municipalityId: string): Promise<VersionRow> {
  const [row] = await versionRow(tx, { municipalityId });
  return row ?? { version: 0, resetVersion: 0, epoch: null };
}

// Every matching request asks for the version: built once (built-once.ts, issue 19).
const versionRow = builtOnce((tx) =>
  tx
    .select({
      version: catalogVersions.version,
      resetVersion: catalogVersions.resetVersion,
      epoch: catalogVersions.epoch,
    })
    .from(catalogVersions)
    .where(inTenant(catalogVersions, sql.placeholder("municipalityId"))),
);

const stampedColumns = { ...rankColumns, stamp: catalogActivities.catalogVersion };

/** Every active activity: on a process's first request for the municipality, or after a reset. */
async function loadInFull(tx: DbOrTx, municipalityId: string, at: VersionRow): Promise<Cached> {
  const rows = await tx
    .select(stampedColumns)
    .from(catalogActivities)
    .where(sql`${inTenant(catalogActivities, municipalityId)} and ${catalogActivities.active}`);
  const catalog = MatchingCatalog.of(
    rows.map(toCatalogActivity),
    rows.map((r) => r.stamp),
  );
  return { epoch: at.epoch, version: at.version, catalog };
}

/** The municipality's active activities as ranking reads them, current as of this transaction. */
export async function loadMatchingCatalog(tx: DbOrTx, municipalityId: string): Promise<MatchingCatalog> {
  for (let attempt = 0; ; attempt++) {
    const now = await versionOf(tx, municipalityId);
    const held = cache.get(municipalityId);
    if (held) {
      // Most recently used last: the first key is the one to drop.
      cache.delete(municipalityId);
      cache.set(municipalityId, held);
    }
    const reset =
      !held || (held.epoch !== null && held.epoch !== now.epoch) || now.resetVersion > held.version;
    if (reset || attempt === 2) {
      const loaded = await loadInFull(tx, municipalityId, now);
      const current = cache.get(municipalityId);
      // Another request may have put a newer copy meanwhile: keep that one.
      if (!current || current === held || current.epoch !== loaded.epoch || loaded.version >= current.version)
        cache.set(municipalityId, loaded);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
      return loaded.catalog;
    }
    if (now.version <= held.version) return held.catalog;
    const changed = await tx
      .select(stampedColumns)
      .from(catalogActivities)
      .where(
        sql`${inTenant(catalogActivities, municipalityId)} and ${catalogActivities.catalogVersion} > ${held.version}`,
      );
    // Only into the copy the rows were read against; if a full load replaced it meanwhile, look again.
    if (cache.get(municipalityId) !== held) continue;
    for (const r of changed) held.catalog.put(toCatalogActivity(r), r.stamp);
    held.version = Math.max(held.version, now.version);
    held.epoch ??= now.epoch;
    return held.catalog;
  }
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
