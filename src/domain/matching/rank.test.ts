import { describe, expect, it } from "vitest";
import { EARTH_RADIUS_KM } from "./distance.js";
import { rankActivities } from "./rank.js";
import type { CatalogActivity, CitizenProfile, MatchingBarrier } from "./types.js";

const HOME = { lat: 56.4, lon: 8.6 };
/** A point `km` due north of HOME. */
const north = (km: number) => ({ lat: HOME.lat + (km / (Math.PI * EARTH_RADIUS_KM)) * 180, lon: HOME.lon });

let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

const venueAt = (km: number | null): CatalogActivity["place"] => {
  const p = km === null ? { lat: null, lon: null } : north(km);
  return {
    kind: "venue",
    name: "Kulturhuset",
    address: { line: "Havnegade 1", postalCode: "9901", city: "Fjordby" },
    ...p,
  };
};

function activity(title: string, over: Partial<CatalogActivity> = {}): CatalogActivity {
  return {
    id: id(),
    organisationId: "org",
    title,
    description: "",
    themes: [],
    interests: [],
    place: venueAt(1),
    schedule: { kind: "weekly", weekdays: [2], startTime: "10:00", endTime: "12:00" },
    accessibility: [],
    cost: { kind: "free" },
    groupSize: "large",
    contact: null,
    lastVerifiedOn: "2026-01-01",
    active: true,
    ...over,
  };
}

const profile = (over: Partial<CitizenProfile> = {}): CitizenProfile => ({
  home: HOME,
  interests: [],
  barriers: [],
  isolation: "good_network",
  preferredTimes: [],
  ...over,
});

const MOBILITY_AID: MatchingBarrier = {
  id: "mobility_aid",
  requires: ["step_free", "wheelchair_rollator"],
  housebound: false,
};
const HOUSEBOUND: MatchingBarrier = { id: "housebound", requires: [], housebound: true };

const titles = (p: CitizenProfile, acts: CatalogActivity[], opts = {}) => {
  const byId = new Map(acts.map((a) => [a.id, a.title]));
  return rankActivities(p, acts, opts).map((s) => byId.get(s.activityId));
};
const suggestionFor = (p: CitizenProfile, acts: CatalogActivity[], title: string, opts = {}) =>
  rankActivities(p, acts, opts).find((s) => s.activityId === acts.find((a) => a.title === title)!.id)!;

describe("shared interests", () => {
  const acts = [activity("Billard"), activity("Strikkecafé", { interests: ["knitting"] })];

  it("puts an activity sharing the citizen's interest first and names the interest", () => {
    expect(titles(profile(), acts)).toEqual(["Billard", "Strikkecafé"]);
    const p = profile({ interests: ["knitting"] });
    expect(titles(p, acts)).toEqual(["Strikkecafé", "Billard"]);
    expect(suggestionFor(p, acts, "Strikkecafé").reasons).toContainEqual({
      code: "shared_interests",
      interests: ["knitting"],
    });
    expect(suggestionFor(p, acts, "Billard").misfits).toContainEqual({ code: "no_shared_interests" });
  });

  it("ranks two shared interests above one", () => {
    const two = [
      activity("Aktiv strik", { interests: ["knitting"] }),
      activity("Syng og strik", { interests: ["knitting", "community_singing"] }),
    ];
    const p = profile({ interests: ["knitting", "community_singing"] });
    expect(titles(p, two)).toEqual(["Syng og strik", "Aktiv strik"]);
  });

  it("counts a shared theme (through the taxonomy) as a weaker hint than a shared interest", () => {
    const taxonomy = {
      interests: [
        { id: "walking", theme: "exercise" },
        { id: "chair_gymnastics", theme: "exercise" },
      ],
    };
    const acts3 = [
      activity("Banko"),
      activity("Stolegymnastik", { themes: ["exercise"], interests: ["chair_gymnastics"] }),
      activity("Gåtur", { themes: ["exercise"], interests: ["walking"] }),
    ];
    const p = profile({ interests: ["walking"] });
    expect(titles(p, acts3, { taxonomy })).toEqual(["Gåtur", "Stolegymnastik", "Banko"]);
    expect(suggestionFor(p, acts3, "Stolegymnastik", { taxonomy }).reasons).toContainEqual({
      code: "shared_themes",
      themes: ["exercise"],
    });
  });

  it("with no interests recorded, neither rewards nor blames interests", () => {
    const s = rankActivities(profile(), acts);
    expect(s.flatMap((x) => [...x.reasons, ...x.misfits]).map((r) => r.code)).not.toContain(
      "no_shared_interests",
    );
    expect(s.flatMap((x) => x.reasons).map((r) => r.code)).not.toContain("shared_interests");
  });
});

describe("distance", () => {
  it("puts the nearer place first and says how far it is", () => {
    const acts = [activity("Langt væk", { place: venueAt(8) }), activity("Tæt på", { place: venueAt(0.5) })];
    expect(titles(profile(), acts)).toEqual(["Tæt på", "Langt væk"]);
    expect(suggestionFor(profile(), acts, "Tæt på")).toMatchObject({
      distanceKm: 0.5,
      reasons: [{ code: "distance", km: 0.5 }],
    });
  });

  it("demotes a place beyond the maximum below every place within it, even one sharing interests", () => {
    const acts = [
      activity("Strik i Klitby", { place: venueAt(15), interests: ["knitting"] }),
      activity("Banko", { place: venueAt(9) }),
    ];
    const p = profile({ interests: ["knitting"], maxDistanceKm: 10 });
    expect(titles(p, acts)).toEqual(["Banko", "Strik i Klitby"]);
    expect(suggestionFor(p, acts, "Strik i Klitby")).toMatchObject({
      tier: 1,
      misfits: [{ code: "too_far", km: 15, maxKm: 10 }],
    });
    // A larger maximum brings it back.
    expect(titles({ ...p, maxDistanceKm: 20 }, acts)).toEqual(["Strik i Klitby", "Banko"]);
  });

  it("neither favours nor excludes a place without coordinates: it sits between near and far", () => {
    const acts = [
      activity("Fjern", { place: venueAt(9) }),
      activity("Ukendt", { place: venueAt(null) }),
      activity("Nær", { place: venueAt(1) }),
    ];
    expect(titles(profile(), acts)).toEqual(["Nær", "Ukendt", "Fjern"]);
    expect(suggestionFor(profile(), acts, "Ukendt")).toMatchObject({
      distanceKm: null,
      tier: 0,
      misfits: [{ code: "distance_unknown" }],
    });
  });

  it("says distance unknown for every place when the citizen's home has no coordinates", () => {
    const acts = [activity("A", { place: venueAt(1) }), activity("B", { place: venueAt(30) })];
    const s = rankActivities(profile({ home: null }), acts);
    expect(s.map((x) => [x.distanceKm, x.tier, x.misfits])).toEqual([
      [null, 0, [{ code: "distance_unknown" }]],
      [null, 0, [{ code: "distance_unknown" }]],
    ]);
  });
});

describe("barriers that require accessibility", () => {
  const stairs = activity("Strik på 1. sal", { interests: ["knitting"], accessibility: ["hearing_loop"] });
  const stepFree = activity("Banko i stueetagen", { accessibility: ["step_free", "wheelchair_rollator"] });

  it("never suggests a place without step-free access to a rollator user, however good the interest match", () => {
    const p = profile({ interests: ["knitting"], barriers: [MOBILITY_AID] });
    expect(titles(p, [stairs, stepFree])).toEqual(["Banko i stueetagen"]);
    expect(suggestionFor(p, [stairs, stepFree], "Banko i stueetagen").reasons).toContainEqual({
      code: "meets_needs",
      features: ["step_free", "wheelchair_rollator"],
    });
  });

  it("explains the exclusion on request, after every fitting activity", () => {
    const p = profile({ interests: ["knitting"], barriers: [MOBILITY_AID] });
    const s = rankActivities(p, [stairs, stepFree], { includeExcluded: true });
    expect(s.map((x) => x.activityId)).toEqual([stepFree.id, stairs.id]);
    expect(s[1]).toMatchObject({ excluded: true });
    expect(s[1]!.misfits).toEqual(
      expect.arrayContaining([
        { code: "required_feature_missing", feature: "step_free", barriers: ["mobility_aid"] },
        { code: "required_feature_missing", feature: "wheelchair_rollator", barriers: ["mobility_aid"] },
      ]),
    );
    expect(s[0]!.excluded).toBeUndefined();
  });

  it("does not apply place requirements to in-home and phone offers", () => {
    const visit = activity("Besøgsven", { place: { kind: "in_home" }, schedule: { kind: "by_arrangement" } });
    const phone = activity("Telefonven", {
      place: { kind: "remote", channels: ["phone"] },
      schedule: { kind: "by_arrangement" },
    });
    expect(rankActivities(profile({ barriers: [MOBILITY_AID] }), [visit, phone])).toHaveLength(2);
  });
});

describe("housebound citizens", () => {
  const venue = activity("Strikkecafé", { interests: ["knitting"], place: venueAt(0.2) });
  const bus = activity("Sangeftermiddag med kørsel", {
    place: venueAt(3),
    accessibility: ["transport_offered"],
  });
  const visit = activity("Besøgsven", {
    place: { kind: "in_home" },
    schedule: { kind: "by_arrangement" },
    groupSize: "one_to_one",
  });
  const phone = activity("Telefonven", {
    place: { kind: "remote", channels: ["phone"] },
    schedule: { kind: "by_arrangement" },
    groupSize: "one_to_one",
  });

  it("gets in-home and phone offers first, then venues — those with transport before those without", () => {
    const p = profile({ interests: ["knitting"], barriers: [HOUSEBOUND] });
    expect(titles(p, [venue, bus, phone, visit])).toEqual([
      "Besøgsven",
      "Telefonven",
      "Sangeftermiddag med kørsel",
      "Strikkecafé",
    ]);
    expect(suggestionFor(p, [visit], "Besøgsven").reasons).toContainEqual({ code: "in_home_for_housebound" });
    expect(suggestionFor(p, [phone], "Telefonven").reasons).toContainEqual({ code: "remote_for_housebound" });
    expect(suggestionFor(p, [bus], "Sangeftermiddag med kørsel")).toMatchObject({ tier: 1 });
    expect(suggestionFor(p, [bus], "Sangeftermiddag med kørsel").misfits).toContainEqual({
      code: "venue_for_housebound",
    });
    expect(suggestionFor(p, [bus], "Sangeftermiddag med kørsel").reasons).toContainEqual({
      code: "transport_offered",
    });
    expect(suggestionFor(p, [venue], "Strikkecafé")).toMatchObject({ tier: 2 });
    expect(suggestionFor(p, [venue], "Strikkecafé").misfits).toContainEqual({
      code: "no_transport_for_housebound",
    });
  });

  it("a citizen who can get out keeps the knitting café first", () => {
    expect(titles(profile({ interests: ["knitting"] }), [venue, bus, phone, visit])[0]).toBe("Strikkecafé");
  });
});

describe("group size (guidepost 4)", () => {
  const acts = [
    activity("Banko", { groupSize: "large" }),
    activity("Kaffeklub", { groupSize: "small" }),
    activity("Besøgsven", { groupSize: "one_to_one" }),
  ];

  it("puts one-to-one and small groups before large ones for the most isolated, and says why", () => {
    expect(titles(profile(), acts)).toEqual(["Banko", "Besøgsven", "Kaffeklub"]);
    const p = profile({ isolation: "most_isolated" });
    expect(titles(p, acts)).toEqual(["Besøgsven", "Kaffeklub", "Banko"]);
    expect(suggestionFor(p, acts, "Kaffeklub").reasons).toContainEqual({
      code: "small_group_for_isolated",
      groupSize: "small",
    });
    expect(suggestionFor(p, acts, "Banko").misfits).toContainEqual({ code: "large_group_for_isolated" });
  });

  it("leans towards small groups for a citizen with some network", () => {
    const p = profile({ isolation: "some_network" });
    expect(titles(p, acts)).toEqual(["Besøgsven", "Kaffeklub", "Banko"]);
    expect(suggestionFor(p, acts, "Kaffeklub").reasons).toContainEqual({
      code: "small_group",
      groupSize: "small",
    });
  });

  it("follows the citizen's own wish for a group size", () => {
    const p = profile({ preferredGroupSize: "large" });
    expect(titles(p, acts)[0]).toBe("Banko");
    expect(suggestionFor(p, acts, "Kaffeklub").misfits).toContainEqual({
      code: "group_size_not_preferred",
      groupSize: "small",
      preferred: "large",
    });
  });
});

describe("time of day", () => {
  const morning = activity("Morgengymnastik", {
    schedule: { kind: "weekly", weekdays: [1, 3], startTime: "09:30", endTime: "10:30" },
  });
  const evening = activity("Aftensang", {
    schedule: { kind: "monthly", weekday: 2, week: 1, startTime: "19:00", endTime: "21:00" },
  });

  it("puts activities at the preferred time first and names the time", () => {
    expect(titles(profile(), [morning, evening])).toEqual(["Aftensang", "Morgengymnastik"]);
    const p = profile({ preferredTimes: ["morning"] });
    expect(titles(p, [evening, morning])).toEqual(["Morgengymnastik", "Aftensang"]);
    expect(suggestionFor(p, [morning], "Morgengymnastik").reasons).toContainEqual({
      code: "time_of_day_fits",
      times: ["morning"],
    });
    expect(suggestionFor(p, [evening], "Aftensang").misfits).toContainEqual({
      code: "time_of_day_mismatch",
      times: ["evening"],
    });
  });

  it("counts an activity spanning noon as both morning and afternoon, and arranged times as fitting", () => {
    const lunch = activity("Frokostklub", {
      schedule: { kind: "dates", dates: ["2026-05-01"], startTime: "11:30", endTime: "13:00" },
    });
    const visit = activity("Besøgsven", { place: { kind: "in_home" }, schedule: { kind: "by_arrangement" } });
    const p = profile({ preferredTimes: ["afternoon"] });
    expect(suggestionFor(p, [lunch], "Frokostklub").reasons).toContainEqual({
      code: "time_of_day_fits",
      times: ["afternoon"],
    });
    expect(suggestionFor(p, [visit], "Besøgsven").reasons).toContainEqual({ code: "flexible_time" });
  });
});

describe("cost", () => {
  it("puts free offers first when cost is a barrier, and shows the price of the others", () => {
    const acts = [
      activity("Aquafitness", { cost: { kind: "paid", amountDkk: 40, per: "time" } }),
      activity("Gåtur", { cost: { kind: "free" } }),
    ];
    expect(titles(profile(), acts)).toEqual(["Aquafitness", "Gåtur"]);
    const p = profile({ costSensitive: true });
    expect(titles(p, acts)).toEqual(["Gåtur", "Aquafitness"]);
    expect(suggestionFor(p, acts, "Aquafitness").misfits).toContainEqual({
      code: "costs",
      amountDkk: 40,
      per: "time",
    });
  });
});

describe("what is never suggested", () => {
  it("leaves out inactive activities and dated ones whose dates have passed", () => {
    const acts = [
      activity("Lukket klub", { active: false }),
      activity("Udflugt i fjor", {
        schedule: { kind: "dates", dates: ["2025-06-01"], startTime: "09:00", endTime: "16:00" },
      }),
      activity("Udflugt til sommer", {
        schedule: {
          kind: "dates",
          dates: ["2025-06-01", "2026-06-01"],
          startTime: "09:00",
          endTime: "16:00",
        },
      }),
    ];
    expect(titles(profile(), acts, { today: "2026-03-01" })).toEqual(["Udflugt til sommer"]);
    const all = rankActivities(profile(), acts, { today: "2026-03-01", includeExcluded: true });
    expect(
      all
        .slice(1)
        .map((s) => s.misfits.filter((m) => m.code === "inactive" || m.code === "no_upcoming_dates")),
    ).toEqual([[{ code: "inactive" }], [{ code: "no_upcoming_dates" }]]);
  });
});

describe("edge cases and order", () => {
  it("returns nothing for an empty catalog", () => {
    expect(rankActivities(profile({ interests: ["knitting"] }), [])).toEqual([]);
  });

  it("returns nothing when every activity is excluded, and all of them flagged on request", () => {
    const acts = [activity("A", { active: false }), activity("B", { accessibility: [] })];
    const p = profile({ barriers: [MOBILITY_AID] });
    expect(rankActivities(p, acts)).toEqual([]);
    expect(rankActivities(p, acts, { includeExcluded: true }).map((s) => s.excluded)).toEqual([true, true]);
  });

  it("breaks ties by title in Danish order (æ, ø, å after z; aa = å), then by id", () => {
    const same = activity("Ørnereden");
    const twin = { ...same, id: "00000000-0000-4000-8000-000000000000" };
    const acts = [
      same,
      activity("Aabenrå-klubben"),
      activity("Æblehaven"),
      activity("Zumba"),
      activity("Andespil"),
      twin,
    ];
    expect(titles(profile(), acts)).toEqual([
      "Andespil",
      "Zumba",
      "Æblehaven",
      "Ørnereden",
      "Ørnereden",
      "Aabenrå-klubben",
    ]);
    const s = rankActivities(profile(), acts);
    expect([s[3]!.activityId, s[4]!.activityId]).toEqual([twin.id, same.id]);
  });

  it("gives the same result whatever the input order", () => {
    const acts = [
      activity("C", { place: venueAt(2) }),
      activity("B", { groupSize: "small" }),
      activity("A", { interests: ["bingo"] }),
      activity("D", { place: venueAt(null) }),
    ];
    const p = profile({ interests: ["bingo"], isolation: "most_isolated" });
    expect(rankActivities(p, [...acts].reverse())).toEqual(rankActivities(p, acts));
  });

  it("returns at most `limit` suggestions: the first ones of the full order, ties included", () => {
    const acts = [
      activity("C"),
      activity("B"),
      activity("A"),
      activity("D", { interests: ["bingo"] }),
      activity("E", { place: venueAt(20) }),
    ];
    const p = profile({ interests: ["bingo"] });
    expect(titles(p, acts, { limit: 2 })).toEqual(["D", "A"]);
    for (const limit of [0, 1, 3, 5, 9])
      expect(rankActivities(p, acts, { limit })).toEqual(rankActivities(p, acts).slice(0, limit));
  });
});
