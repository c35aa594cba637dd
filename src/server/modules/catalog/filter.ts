/**
 * Which activities a search or a printable list asks for, as a *shape* (which conditions there are)
 * and *values* (what they compare with). The shape alone decides the SQL, so page.ts builds each
 * statement once per shape (builtOnceSqlPerShape) and every value travels as a placeholder: building
 * the search's statement with Drizzle cost ~80 µs of CPU per request, a tenth of Broen's own work
 * for a catalog search (issue 19, decision 0092).
 *
 * Distance rules (search.ts has the whole list): `within` limits venues to a bounding box and the
 * haversine term inside it; offers that come to the citizen (in the home, by phone/video) are never
 * too far, and the area filters (postal codes, town) treat them the same way.
 */
import { type SQL, sql } from "drizzle-orm";
import { EARTH_RADIUS_KM } from "../../../domain/matching/distance.js";
import type { GeoPoint } from "../../../domain/matching/types.js";
import type { Shape } from "../../db/built-once.js";
import { catalogActivities as a } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

/** Which conditions apply; never a value. */
export interface FilterShape extends Shape {
  includeInactive: boolean;
  text: boolean;
  theme: boolean;
  interest: boolean;
  organisation: boolean;
  weekday: boolean;
  timeOfDay: boolean;
  accessibility: boolean;
  free: boolean;
  groupSize: boolean;
  placeKind: boolean;
  postalCodes: boolean;
  city: boolean;
  within: boolean;
  /** The printable list: dated activities whose dates have all passed are left out. */
  notPassed: boolean;
}

export interface ActivityFilter {
  shape: FilterShape;
  values: Record<string, unknown>;
}

export interface FilterInput {
  includeInactive?: boolean | undefined;
  /** A to_tsquery prefix query (search.ts prefixQuery). */
  text?: string | null | undefined;
  theme?: string[] | undefined;
  interest?: string[] | undefined;
  organisationId?: string | undefined;
  weekday?: number[] | undefined;
  timeOfDay?: string[] | undefined;
  accessibility?: string[] | undefined;
  free?: boolean | undefined;
  groupSize?: string[] | undefined;
  placeKind?: string[] | undefined;
  postalCodes?: string[] | undefined;
  city?: string | undefined;
  /** Venues within `km` of the point. */
  within?: { point: GeoPoint; km: number } | undefined;
  /** ISO date: dated activities with no date on or after it are left out. */
  notPassedOn?: string | undefined;
}

/** The shape and the values of a filter; an empty list or text is no condition, as an absent one. */
export function activityFilter(f: FilterInput): ActivityFilter {
  const values: Record<string, unknown> = {};
  const take = (name: string, value: unknown): boolean => {
    if (value === undefined || value === null || value === false || value === "") return false;
    if (Array.isArray(value) && value.length === 0) return false;
    if (value !== true) values[name] = value;
    return true;
  };
  const shape: FilterShape = {
    includeInactive: f.includeInactive === true,
    text: take("text", f.text),
    theme: take("theme", f.theme),
    interest: take("interest", f.interest),
    organisation: take("organisationId", f.organisationId),
    weekday: take("weekday", f.weekday),
    timeOfDay: take("timeOfDay", f.timeOfDay),
    accessibility: take("accessibility", f.accessibility),
    free: f.free === true,
    groupSize: take("groupSize", f.groupSize),
    placeKind: take("placeKind", f.placeKind),
    postalCodes: take("postalCodes", f.postalCodes),
    city: take("city", f.city),
    within: f.within !== undefined,
    notPassed: take("day", f.notPassedOn),
  };
  if (f.within) Object.assign(values, withinValues(f.within.point, f.within.km));
  return { shape, values };
}

/** The bounding box around the point, and the haversine term's bound: distance ≤ km ⇔ h ≤ sin²(km / 2R). */
function withinValues(p: GeoPoint, km: number): Record<string, number> {
  // 1° of latitude is 111.19 km on the mean sphere; a little slack keeps rounding from cutting the edge.
  const dLat = (km / 111.19) * 1.01;
  const dLon = dLat / Math.max(0.01, Math.cos((p.lat * Math.PI) / 180));
  return {
    minLat: p.lat - dLat,
    maxLat: p.lat + dLat,
    minLon: p.lon - dLon,
    maxLon: p.lon + dLon,
    lat: p.lat,
    lon: p.lon,
    maxTerm: Math.sin(km / (2 * EARTH_RADIUS_KM)) ** 2,
  };
}

const v = (name: string) => sql.placeholder(name);

/** The words as a Danish tsquery (the placeholder `text`), for the condition and the relevance rank. */
export const tsQuerySql = sql`to_tsquery('danish', ${v("text")})`;

/**
 * The haversine term h of domain/matching/distance.ts (distance = 2R·asin(√h)) around the
 * placeholders `lat`/`lon`: h orders like the distance and saves the square root and arcsine.
 * Null when the activity has no coordinates.
 */
const haversineTermSql = sql`(power(sin(radians(${a.lat} - ${v("lat")}::double precision) / 2), 2) + cos(radians(${v("lat")}::double precision)) * cos(radians(${a.lat})) * power(sin(radians(${a.lon} - ${v("lon")}::double precision) / 2), 2))`;

/** The conditions of a shape on catalog_activities, the municipality's first; every value a placeholder. */
export function filterSql(shape: FilterShape): SQL {
  // "By arrangement" (visiting and phone friends) fits any day and time.
  const byArrangement = sql`${a.schedule}->>'kind' = 'by_arrangement'`;
  const venue = [
    shape.postalCodes ? sql`${a.postalCode} = any(${v("postalCodes")}::text[])` : undefined,
    shape.city ? sql`lower(${a.city}) = lower(${v("city")})` : undefined,
    shape.within
      ? sql`(${a.lat} between ${v("minLat")} and ${v("maxLat")} and ${a.lon} between ${v("minLon")} and ${v("maxLon")} and ${haversineTermSql} <= ${v("maxTerm")})`
      : undefined,
  ].filter((c): c is SQL => c !== undefined);
  const conditions = [
    inTenant(a, v("municipalityId")),
    shape.includeInactive ? undefined : sql`${a.active} = true`,
    shape.text ? sql`${a.search} @@ ${tsQuerySql}` : undefined,
    shape.theme ? sql`${a.themes} && ${v("theme")}::text[]` : undefined,
    shape.interest ? sql`${a.interests} && ${v("interest")}::text[]` : undefined,
    shape.organisation ? sql`${a.organisationId} = ${v("organisationId")}` : undefined,
    shape.weekday ? sql`(${a.weekdays} && ${v("weekday")}::int[] or ${byArrangement})` : undefined,
    shape.timeOfDay ? sql`(${a.timesOfDay} && ${v("timeOfDay")}::text[] or ${byArrangement})` : undefined,
    shape.accessibility ? sql`${a.accessibility} @> ${v("accessibility")}::text[]` : undefined,
    shape.free ? sql`${a.costKind} = 'free'` : undefined,
    shape.groupSize ? sql`${a.groupSize} = any(${v("groupSize")}::text[])` : undefined,
    shape.placeKind ? sql`${a.placeKind} = any(${v("placeKind")}::text[])` : undefined,
    venue.length > 0 ? sql`(${a.placeKind} <> 'venue' or (${sql.join(venue, sql` and `)}))` : undefined,
    shape.notPassed
      ? sql`(${a.schedule}->>'kind' <> 'dates' or exists (select 1 from jsonb_array_elements_text(${a.schedule}->'dates') as d(day) where d.day >= ${v("day")}))`
      : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return sql.join(conditions, sql` and `);
}
