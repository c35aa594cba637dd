import { describe, expect, it } from "vitest";
import { EARTH_RADIUS_KM, haversineKm, isGeoPoint } from "./distance.js";

describe("haversineKm", () => {
  it("is zero for the same point", () => {
    expect(haversineKm({ lat: 56.36, lon: 8.62 }, { lat: 56.36, lon: 8.62 })).toBe(0);
  });

  it("measures one degree of latitude as about 111.2 km", () => {
    expect(haversineKm({ lat: 56, lon: 8.6 }, { lat: 57, lon: 8.6 })).toBeCloseTo(111.19, 1);
  });

  it("shrinks a degree of longitude with the cosine of the latitude", () => {
    // At 56° N one degree east is 111.19 × cos 56° ≈ 62.2 km.
    expect(haversineKm({ lat: 56, lon: 8 }, { lat: 56, lon: 9 })).toBeCloseTo(62.2, 0);
  });

  it("gives Copenhagen–Aarhus about 157 km as the crow flies", () => {
    expect(haversineKm({ lat: 55.6761, lon: 12.5683 }, { lat: 56.1629, lon: 10.2039 })).toBeCloseTo(157, -1);
  });

  it("is symmetric", () => {
    const a = { lat: 56.4, lon: 8.5 };
    const b = { lat: 56.3, lon: 8.7 };
    expect(haversineKm(a, b)).toBe(haversineKm(b, a));
  });

  it("stays finite for antipodal points (half the circumference)", () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
});

describe("isGeoPoint", () => {
  it("accepts WGS84 coordinates and refuses out-of-range, NaN and non-numbers", () => {
    expect(isGeoPoint(56.4, 8.6)).toBe(true);
    expect(isGeoPoint(91, 8)).toBe(false);
    expect(isGeoPoint(56, 181)).toBe(false);
    expect(isGeoPoint(Number.NaN, 8)).toBe(false);
    expect(isGeoPoint("56.4", 8.6)).toBe(false);
    expect(isGeoPoint(null, null)).toBe(false);
  });
});
