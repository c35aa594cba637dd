/**
 * Catalog search (issue 5, point 2): Danish full text with prefix matching, filters, distance,
 * three orders, pages — under 50 ms p95 over 20,000 activities (bench/catalog.ts).
 *
 * How it stays fast: every filter is a condition on catalog_activities itself (the text on the
 * GIN-indexed generated `search` column, themes on their GIN index), distances are computed in
 * SQL (only inside a bounding box when a maximum is given), and page.ts finds the page from
 * indexes: the stored Danish title key, and the GiST index that gives the nearest first (ADR 0090).
 *
 * Distance rules ("distance unknown" from the issue):
 * - `distanceKm` is null for in-home and remote offers and for venues without coordinates; in
 *   a distance order they come after every known distance.
 * - `maxKm` (and a printable list's radius) limits how far the citizen must travel: venues
 *   farther away and venues whose distance is unknown are left out; offers that come to the
 *   citizen (in the home, by phone/video) are never too far and stay. The area filters
 *   (postal code, town) treat them the same way. `placeKind=venue` leaves them out.
 * - A citizen whose home has no coordinates gives no distances at all: maxKm is not applied and
 *   the order falls back to relevance/title (the answer says `origin.known: false`).
 */
import { type SQL, and, eq, inArray, sql } from "drizzle-orm";
import { EARTH_RADIUS_KM } from "../../../domain/matching/distance.js";
import type { GeoPoint } from "../../../domain/matching/types.js";
import type { ActivitySearchQuery, ActivitySearchResult } from "../../../shared/api/catalog.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogActivities as a, citizens } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { loadCitizenFor } from "../citizens/index.js";
import { type PageOrder, findPage } from "./page.js";
import { activityOut, roundKm } from "./presenter.js";
import { containsAll, haversineTermSql, overlaps } from "./queries.js";

export interface Origin {
  kind: "point" | "citizen";
  /** Null when the citizen's home has no coordinates. */
  point: GeoPoint | null;
}

/**
 * The user's words as a prefix query: each word (letters and digits only, so nothing reaches
 * to_tsquery's syntax) must start a word of the text, after Danish stemming — "strik" finds
 * "Strikkeklubben" (stem 'strikkeklub'). Null when no word is left.
 */
export function prefixQuery(q: string): string | null {
  const words = q
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length > 0 ? words.map((w) => `${w}:*`).join(" & ") : null;
}

const tsQuery = (q: string) => sql`to_tsquery('danish', ${q})`;

/** Within `km` of the point: a bounding box on the plain columns first, so the haversine runs only inside it. */
function withinSql(p: GeoPoint, km: number): SQL {
  // 1° of latitude is 111.19 km on the mean sphere; a little slack keeps rounding from cutting the edge.
  const dLat = (km / 111.19) * 1.01;
  const dLon = dLat / Math.max(0.01, Math.cos((p.lat * Math.PI) / 180));
  // distance ≤ km  ⇔  h ≤ sin²(km / 2R)
  const maxTerm = Math.sin(km / (2 * EARTH_RADIUS_KM)) ** 2;
  return sql`(${a.lat} between ${p.lat - dLat} and ${p.lat + dLat} and ${a.lon} between ${p.lon - dLon} and ${p.lon + dLon} and ${haversineTermSql(p)} <= ${maxTerm})`;
}

/** Where the citizen must go: venues are limited by area and distance, offers that come to the citizen pass. */
export function reachSql(area: {
  postalCodes?: string[] | undefined;
  city?: string | undefined;
  point?: GeoPoint | null | undefined;
  maxKm?: number | undefined;
}): SQL | undefined {
  const venue = [
    area.postalCodes ? inArray(a.postalCode, area.postalCodes) : undefined,
    area.city ? sql`lower(${a.city}) = lower(${area.city})` : undefined,
    area.point && area.maxKm !== undefined ? withinSql(area.point, area.maxKm) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  if (venue.length === 0) return undefined;
  return sql`(${a.placeKind} <> 'venue' or (${and(...venue)}))`;
}

/** Resolves `near` / `nearCitizenId`; reading a citizen's home is a read of the citizen (authorised and audited). */
export async function resolveOrigin(
  tx: DbOrTx,
  ctx: Ctx,
  near: GeoPoint | undefined,
  citizenId: string | undefined,
  purpose: string,
): Promise<Origin | null> {
  if (near) return { kind: "point", point: near };
  if (!citizenId) return null;
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  const [home] = await tx
    .select({ lat: citizens.lat, lon: citizens.lon })
    .from(citizens)
    .where(eq(citizens.id, citizen.id));
  await audit(tx, ctx, {
    action: "read",
    entityType: "citizen",
    entityId: citizen.id,
    citizenId: citizen.id,
    criterion: { purpose },
  });
  return {
    kind: "citizen",
    point: home && home.lat !== null && home.lon !== null ? { lat: home.lat, lon: home.lon } : null,
  };
}

export async function searchActivities(
  tx: DbOrTx,
  ctx: Ctx,
  q: ActivitySearchQuery,
): Promise<ActivitySearchResult> {
  authorize(ctx, { kind: "catalog.read" });
  // Inactive entries are the maintainers' business (the roles that may create entries).
  if (q.includeInactive) authorize(ctx, { kind: "catalog.create" });
  const origin = await resolveOrigin(tx, ctx, q.near, q.nearCitizenId, "catalog_search_distance");
  const point = origin?.point ?? null;
  const text = q.q ? prefixQuery(q.q) : null;
  const byArrangement = sql`${a.schedule}->>'kind' = 'by_arrangement'`;
  const where = and(
    q.includeInactive ? undefined : eq(a.active, true),
    text ? sql`${a.search} @@ ${tsQuery(text)}` : undefined,
    q.theme ? overlaps(a.themes, q.theme, "text") : undefined,
    q.interest ? overlaps(a.interests, q.interest, "text") : undefined,
    q.organisationId ? eq(a.organisationId, q.organisationId) : undefined,
    // "By arrangement" (visiting and phone friends) fits any day and time.
    q.weekday ? sql`(${overlaps(a.weekdays, q.weekday, "int")} or ${byArrangement})` : undefined,
    q.timeOfDay ? sql`(${overlaps(a.timesOfDay, q.timeOfDay, "text")} or ${byArrangement})` : undefined,
    q.accessibility ? containsAll(a.accessibility, q.accessibility) : undefined,
    q.free ? eq(a.costKind, "free") : undefined,
    q.groupSize ? inArray(a.groupSize, q.groupSize) : undefined,
    q.placeKind ? inArray(a.placeKind, q.placeKind) : undefined,
    reachSql({ postalCodes: q.postalCode, city: q.city, point, maxKm: q.maxKm }),
  );
  // The order asked for, or the default; relevance needs words and distance a known point, else title.
  const wanted = q.sort ?? (text ? "relevance" : origin ? "distance" : "title");
  const sort = (wanted === "relevance" && !text) || (wanted === "distance" && !point) ? "title" : wanted;
  const order: PageOrder =
    sort === "relevance" && text
      ? { kind: "relevance", rank: sql`ts_rank(${a.search}, ${tsQuery(text)})` }
      : sort === "distance"
        ? { kind: "distance" }
        : { kind: "title" };
  const { hits, total } = await findPage(tx, ctx, {
    where,
    order,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    origin: point,
    preferIndex: text !== null,
  });
  return {
    items: hits.map((h) => ({ ...activityOut(h.row), distanceKm: roundKm(h.distanceKm) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    sort,
    origin: origin ? { kind: origin.kind, known: point !== null } : null,
  };
}
