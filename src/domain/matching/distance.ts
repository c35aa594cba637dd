/**
 * Great-circle distance on a sphere (haversine). Within a municipality the error against the
 * ellipsoid is far below a rounding of 0.1 km, and it needs no library. Travel distance by road
 * is longer; the configurable maximum distance is the place to allow for that.
 */
import type { GeoPoint } from "./types.js";

/** IUGG mean Earth radius. */
export const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (deg: number) => (deg * Math.PI) / 180;

export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  // min() guards against h creeping above 1 by rounding for (nearly) antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A valid WGS84 point: finite, latitude within ±90, longitude within ±180. */
export function isGeoPoint(lat: unknown, lon: unknown): boolean {
  return (
    typeof lat === "number" &&
    typeof lon === "number" &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
  );
}
