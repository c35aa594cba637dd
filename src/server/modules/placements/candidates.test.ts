import { describe, expect, it } from "vitest";
import { haversineKm } from "../../../domain/matching/distance.js";
import { DEFAULT_MAX_DISTANCE_KM, rankActivities } from "../../../domain/matching/rank.js";
import type { CatalogActivity, CitizenProfile, MatchingBarrier } from "../../../domain/matching/types.js";
import { generateScaleCatalog } from "../../seed/catalog-demo-data.js";
import { CANDIDATE_RADIUS_FACTOR, buildMatchingCatalog, candidatesFor } from "./candidates.js";

// A national-scale catalog in miniature: 4,000 activities across Denmark, with hundreds of alike
// visiting and phone friends in other towns — the groups candidates.ts ranks only the head of.
const all = generateScaleCatalog(4000, 77).activities;
const catalog = buildMatchingCatalog(all.filter((a) => a.active));
const interestsInCatalog = [...new Set(all.flatMap((a) => a.interests))].sort();

const MOBILITY_AID: MatchingBarrier = {
  id: "mobility_aid",
  requires: ["step_free", "wheelchair_rollator"],
  housebound: false,
};
const HOUSEBOUND: MatchingBarrier = { id: "housebound", requires: [], housebound: true };

/** What ranking everything gives, minus the venues candidates.ts leaves out by design (beyond reach). */
function reference(p: CitizenProfile): CatalogActivity[] {
  const reach = (p.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM) * CANDIDATE_RADIUS_FACTOR;
  return all.filter((a) => {
    if (!a.active) return false;
    if (a.place.kind !== "venue" || !p.home || a.place.lat === null || a.place.lon === null) return true;
    return haversineKm(p.home, { lat: a.place.lat, lon: a.place.lon }) <= reach;
  });
}

const profiles: [string, CitizenProfile][] = [
  [
    "knitting, central Jutland",
    {
      home: { lat: 56.15, lon: 10.2 },
      interests: interestsInCatalog.slice(0, 2),
      barriers: [],
      isolation: "some_network",
      preferredTimes: [],
    },
  ],
  [
    "rollator, most isolated, mornings",
    {
      home: { lat: 55.7, lon: 12.0 },
      interests: interestsInCatalog.slice(3, 5),
      barriers: [MOBILITY_AID],
      isolation: "most_isolated",
      preferredTimes: ["morning"],
    },
  ],
  [
    "housebound, wishes a visiting friend",
    {
      home: { lat: 56.9, lon: 9.9 },
      interests: ["visiting_friend"],
      barriers: [HOUSEBOUND],
      isolation: "most_isolated",
      preferredTimes: [],
      preferredGroupSize: "one_to_one",
    },
  ],
  [
    "no interests yet, no home",
    {
      home: null,
      interests: [],
      barriers: [],
      isolation: "good_network",
      preferredTimes: [],
      costSensitive: true,
    },
  ],
  [
    "short reach",
    {
      home: { lat: 55.4, lon: 10.4 },
      interests: interestsInCatalog.slice(6, 9),
      barriers: [],
      isolation: "some_network",
      preferredTimes: ["afternoon"],
      maxDistanceKm: 3,
    },
  ],
];

describe("the candidates ranking sees", () => {
  it.each(profiles)("give exactly the suggestions of ranking the whole catalog (%s)", (_name, p) => {
    for (const limit of [1, 10, 25, 100]) {
      for (const includeExcluded of [false, true]) {
        const options = { limit, includeExcluded, today: "2026-03-02" };
        const fast = rankActivities(p, candidatesFor(catalog, p, { includeExcluded, limit }), options);
        expect(fast, `limit ${limit}, includeExcluded ${includeExcluded}`).toEqual(
          rankActivities(p, reference(p), options),
        );
      }
    }
  });

  it("are far fewer than the catalog when many offers are alike", () => {
    const p = profiles[2]![1];
    expect(candidatesFor(catalog, p, { includeExcluded: false, limit: 25 }).length).toBeLessThan(
      reference(p).length / 4,
    );
  });
});
