import { describe, expect, it } from "vitest";
import { haversineKm } from "../../../domain/matching/distance.js";
import { DEFAULT_MAX_DISTANCE_KM, rankActivities } from "../../../domain/matching/rank.js";
import type { CatalogActivity, CitizenProfile, MatchingBarrier } from "../../../domain/matching/types.js";
import { generateScaleCatalog } from "../../seed/catalog-demo-data.js";
import {
  CANDIDATE_RADIUS_FACTOR,
  MatchingCatalog,
  buildMatchingCatalog,
  candidatesFor,
} from "./candidates.js";

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

describe("the cache put in place (an edit is one row, never a reload)", () => {
  // Edits as the catalog makes them: a new title, a move, closing and reopening, alike offers joining.
  function edited(version: number): CatalogActivity[] {
    return all.map((a, i) => {
      if (i % 7 === version % 7) return { ...a, title: `${a.title} ${version}` };
      if (i % 11 === version % 11) return { ...a, active: !a.active };
      if (i % 13 === version % 13 && a.place.kind === "venue" && a.place.lat !== null)
        return { ...a, place: { ...a.place, lat: a.place.lat + 0.05 } };
      if (i % 17 === version % 17) return { ...a, interests: ["visiting_friend"], themes: [] };
      return a;
    });
  }

  it("gives what a fresh build of the edited catalog gives, whatever order the edits come in", () => {
    const cached = MatchingCatalog.of(
      all.filter((a) => a.active),
      undefined,
    );
    let current = all;
    for (const version of [1, 2, 3]) {
      const before = current;
      current = edited(version);
      // The rows changed since the last version, in another order, some twice (a second request reading them too).
      const changed = current.filter((a, i) => JSON.stringify(a) !== JSON.stringify(before[i]));
      for (const a of [...changed].reverse()) cached.put(a, version);
      for (const a of changed.slice(0, 50)) cached.put(a, version);
      const fresh = buildMatchingCatalog(current.filter((a) => a.active));
      expect(cached.size).toBe(fresh.size);
      for (const [name, p] of profiles) {
        for (const includeExcluded of [false, true]) {
          const options = { limit: 25, includeExcluded, today: "2026-03-02" };
          expect(
            rankActivities(p, candidatesFor(cached, p, { includeExcluded, limit: 25 }), options),
            `${name}, version ${version}`,
          ).toEqual(rankActivities(p, candidatesFor(fresh, p, { includeExcluded, limit: 25 }), options));
        }
      }
    }
  });

  it("never lets an older read of an activity overwrite a newer one", () => {
    const a = all.find((x) => x.active && x.place.kind === "venue")!;
    const cached = MatchingCatalog.of([a], [5]);
    cached.put({ ...a, active: false }, 7);
    // A slower request that read the activity before it was closed comes in last.
    cached.put(a, 6);
    expect(cached.size).toBe(0);
    cached.put({ ...a, title: "Genåbnet" }, 8);
    expect(cached.size).toBe(1);
    expect(cached.venuesByLat[0]!.members[0]!.title).toBe("Genåbnet");
  });
});
