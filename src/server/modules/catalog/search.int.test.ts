import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorFields } from "../../../../test/support/test-app.js";
import { danishSortKey } from "../../../domain/danish-text.js";
import { haversineKm } from "../../../domain/matching/distance.js";
import type { ActivitySearchResult } from "../../../shared/api/catalog.js";
import { auditEvents, citizens } from "../../db/schema/index.js";
import { addActivity, addOrganisation, venue } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
const HOME = { lat: 56.4, lon: 8.6 };

const weekly = (weekdays: number[], startTime: string, endTime: string) => ({
  kind: "weekly",
  weekdays,
  startTime,
  endTime,
});
const inTown = (
  postalCode: string,
  city: string,
  lat: number | null,
  lon: number | null,
  name = `${city} Kulturhus`,
) => venue({ name, address: { line: "Torvet 1", postalCode, city }, lat, lon });

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  const org = (await addOrganisation(coordinator, { name: "Fjordby Frivillige" })).id;
  await addActivity(coordinator, org, {
    title: "Strikkeklubben",
    place: inTown("9901", "Fjordby", 56.4, 8.6),
    schedule: weekly([2], "14:00", "16:00"),
  });
  await addActivity(coordinator, org, {
    title: "Strikkecafé på biblioteket",
    description: "Kaffe og garn.",
    place: inTown("9902", "Nørre Lyngå", 56.47, 8.56, "Nørre Lyngå Bibliotek"),
    schedule: weekly([4], "10:00", "12:00"),
    accessibility: ["step_free", "wheelchair_rollator", "hearing_loop"],
    cost: { kind: "paid", amountDkk: 20, per: "time" },
    groupSize: "large",
  });
  await addActivity(coordinator, org, {
    title: "Sangeftermiddag i kirken",
    description: "Vi synger fra Højskolesangbogen.",
    themes: ["music"],
    interests: ["community_singing"],
    place: inTown("9903", "Sønderhede", null, null, "Sønderhede Kirke"),
    schedule: { kind: "monthly", weekday: 3, week: 1, startTime: "14:00", endTime: "15:30" },
    accessibility: [],
    groupSize: "large",
  });
  const byArrangement = { kind: "by_arrangement" };
  await addActivity(coordinator, org, {
    title: "Besøgsven",
    description: "En frivillig kommer på besøg.",
    themes: ["visiting_friend"],
    interests: ["visiting_friend"],
    place: { kind: "in_home" },
    schedule: byArrangement,
    accessibility: [],
    groupSize: "one_to_one",
  });
  await addActivity(coordinator, org, {
    title: "Telefonven",
    description: "En fast samtale om ugen.",
    themes: ["visiting_friend"],
    interests: ["phone_friend"],
    place: { kind: "remote", channels: ["phone"] },
    schedule: byArrangement,
    accessibility: [],
    groupSize: "one_to_one",
  });
  await addActivity(coordinator, org, {
    title: "Aftenbridge",
    description: "Bridge for øvede.",
    themes: ["games"],
    interests: ["bridge"],
    place: inTown("9905", "Vesterstrand", 56.42, 8.43),
    schedule: weekly([1], "19:00", "21:00"),
    cost: { kind: "paid", amountDkk: 100, per: "year" },
    groupSize: "large",
  });
  await addActivity(coordinator, org, {
    title: "Ældre i bevægelse",
    description: "Gymnastik på stole og måtter.",
    themes: ["exercise"],
    interests: ["gymnastics"],
    place: inTown("9901", "Fjordby", 56.401, 8.601, "Fjordby Hallen"),
    schedule: weekly([1, 3], "09:30", "10:30"),
  });
  const closed = await addActivity(coordinator, org, {
    title: "Strikkeaften (lukket)",
    place: inTown("9901", "Fjordby", 56.4, 8.6),
  });
  await coordinator.post(`/api/catalog/activities/${closed.id}/deactivate`, { version: 1 });
});
afterAll(() => t.close());

async function search(query: string, client = coordinator): Promise<ActivitySearchResult> {
  const res = await client.get(`/api/catalog/activities?${query}`);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as ActivitySearchResult;
}
const titles = async (query: string) => (await search(`${query}&pageSize=100`)).items.map((i) => i.title);
const sorted = (list: string[]) => [...list].sort();

describe("text search", () => {
  it('finds "Strikkeklubben" and the "Strikkecafé" for "strik" (Danish stemming, prefix match), not inactive ones', async () => {
    expect(sorted(await titles("q=strik"))).toEqual(["Strikkecafé på biblioteket", "Strikkeklubben"]);
  });

  it("needs every word to start a word of the title, description, place or town, ignoring punctuation", async () => {
    expect(await titles("q=strik%20biblio")).toEqual(["Strikkecafé på biblioteket"]);
    expect(await titles(`q=${encodeURIComponent("kirke!")}`)).toEqual(["Sangeftermiddag i kirken"]);
    expect(await titles(`q=${encodeURIComponent("Nørre")}`)).toEqual(["Strikkecafé på biblioteket"]);
    expect(await titles(`q=${encodeURIComponent("højskole")}`)).toEqual(["Sangeftermiddag i kirken"]);
    expect(await titles("q=yoga")).toEqual([]);
  });

  it("orders by relevance when words are given", async () => {
    const result = await search("q=strik");
    expect(result.sort).toBe("relevance");
  });
});

describe("filters", () => {
  it("filters by theme and by interest (any of those listed)", async () => {
    expect(await titles("theme=music")).toEqual(["Sangeftermiddag i kirken"]);
    expect(sorted(await titles("interest=bridge,gymnastics"))).toEqual(["Aftenbridge", "Ældre i bevægelse"]);
  });

  it("filters by area: venues in the postal codes or town, and offers that come to the citizen", async () => {
    expect(sorted(await titles("postalCode=9901"))).toEqual([
      "Besøgsven",
      "Strikkeklubben",
      "Telefonven",
      "Ældre i bevægelse",
    ]);
    expect(sorted(await titles("postalCode=9902,9905&placeKind=venue"))).toEqual([
      "Aftenbridge",
      "Strikkecafé på biblioteket",
    ]);
    expect(sorted(await titles(`city=${encodeURIComponent("sønderhede")}&placeKind=venue`))).toEqual([
      "Sangeftermiddag i kirken",
    ]);
  });

  it("filters by weekday and time of day; offers by arrangement fit any", async () => {
    expect(sorted(await titles("weekday=2"))).toEqual(["Besøgsven", "Strikkeklubben", "Telefonven"]);
    expect(sorted(await titles("weekday=3&placeKind=venue"))).toEqual([
      "Sangeftermiddag i kirken",
      "Ældre i bevægelse",
    ]);
    expect(sorted(await titles("timeOfDay=evening&placeKind=venue"))).toEqual(["Aftenbridge"]);
    expect(sorted(await titles("timeOfDay=morning&weekday=4"))).toEqual([
      "Besøgsven",
      "Strikkecafé på biblioteket",
      "Telefonven",
    ]);
  });

  it("requires every accessibility feature asked for", async () => {
    expect(await titles("accessibility=step_free,hearing_loop")).toEqual(["Strikkecafé på biblioteket"]);
    expect(sorted(await titles("accessibility=accessible_toilet"))).toEqual([
      "Aftenbridge",
      "Strikkeklubben",
      "Ældre i bevægelse",
    ]);
  });

  it("filters free offers, group sizes and kinds of place", async () => {
    expect(await titles("free=true")).not.toContain("Aftenbridge");
    expect((await titles("free=true")).length).toBe(5);
    expect(sorted(await titles("groupSize=one_to_one"))).toEqual(["Besøgsven", "Telefonven"]);
    expect(sorted(await titles("placeKind=in_home,remote"))).toEqual(["Besøgsven", "Telefonven"]);
  });

  it("combines words and filters", async () => {
    expect(await titles("q=strik&free=true")).toEqual(["Strikkeklubben"]);
  });

  it("shows inactive activities only to catalog editors who ask", async () => {
    expect(await titles("q=strik&includeInactive=true")).toContain("Strikkeaften (lukket)");
    const worker = await t.as("home_care_worker");
    expect((await worker.get("/api/catalog/activities?includeInactive=true")).statusCode).toBe(403);
    expect((await worker.get("/api/catalog/activities?q=strik")).statusCode).toBe(200);
  });

  it("names malformed filters", async () => {
    expect(errorFields(await coordinator.get("/api/catalog/activities?near=north"))).toEqual(["near"]);
    expect(errorFields(await coordinator.get("/api/catalog/activities?maxKm=5"))).toEqual(["maxKm"]);
    expect(errorFields(await coordinator.get("/api/catalog/activities?weekday=8"))).toEqual(["weekday.0"]);
    expect(errorFields(await coordinator.get("/api/catalog/activities?sort=distance"))).toEqual(["sort"]);
  });
});

describe("order and pages", () => {
  it("sorts by title in Danish order without words (æ after z)", async () => {
    expect(await titles("")).toEqual([
      "Aftenbridge",
      "Besøgsven",
      "Sangeftermiddag i kirken",
      "Strikkecafé på biblioteket",
      "Strikkeklubben",
      "Telefonven",
      "Ældre i bevægelse",
    ]);
  });

  it("pages with the total", async () => {
    const page = await search("pageSize=2&page=2");
    expect(page).toMatchObject({ total: 7, page: 2, pageSize: 2 });
    expect(page.items.map((i) => i.title)).toEqual([
      "Sangeftermiddag i kirken",
      "Strikkecafé på biblioteket",
    ]);
    expect(await search("pageSize=2&page=9")).toMatchObject({ total: 7, items: [] });
  });
});

describe("distance", () => {
  it("sorts by distance from a point; unknown distances (no coordinates, in-home, phone) come last and say so", async () => {
    const result = await search(`near=${HOME.lat},${HOME.lon}`);
    expect(result).toMatchObject({ sort: "distance", origin: { kind: "point", known: true } });
    expect(result.items.map((i) => [i.title, i.distanceKm])).toEqual([
      ["Strikkeklubben", 0],
      ["Ældre i bevægelse", 0.1],
      ["Strikkecafé på biblioteket", Math.round(haversineKm(HOME, { lat: 56.47, lon: 8.56 }) * 10) / 10],
      ["Aftenbridge", Math.round(haversineKm(HOME, { lat: 56.42, lon: 8.43 }) * 10) / 10],
      ["Besøgsven", null],
      ["Sangeftermiddag i kirken", null],
      ["Telefonven", null],
    ]);
  });

  it("keeps within maxKm the venues that are near enough and the offers that come to the citizen, not venues of unknown distance", async () => {
    expect(await titles(`near=${HOME.lat},${HOME.lon}&maxKm=9`)).toEqual([
      "Strikkeklubben",
      "Ældre i bevægelse",
      "Strikkecafé på biblioteket",
      "Besøgsven",
      "Telefonven",
    ]);
  });

  it("measures from a citizen's home, audited as a read of the citizen", async () => {
    const citizen = await insertCitizen(t.db, t.tenant);
    await t.db.update(citizens).set({ lat: 56.47, lon: 8.56 }).where(eq(citizens.id, citizen.id));
    const result = await search(`nearCitizenId=${citizen.id}&maxKm=1`);
    expect(result.origin).toEqual({ kind: "citizen", known: true });
    expect(result.items.map((i) => [i.title, i.distanceKm])).toEqual([
      ["Strikkecafé på biblioteket", 0],
      ["Besøgsven", null],
      ["Telefonven", null],
    ]);
    const trail = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, citizen.id), eq(auditEvents.action, "read")));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.criterion).toEqual({ purpose: "catalog_search_distance" });
  });

  it("says distance unknown for a citizen without coordinates and applies no maximum", async () => {
    const citizen = await insertCitizen(t.db, t.tenant);
    const result = await search(`nearCitizenId=${citizen.id}&maxKm=1&pageSize=100`);
    expect(result).toMatchObject({ origin: { kind: "citizen", known: false }, sort: "title" });
    expect(result.total).toBe(7);
    expect(result.items.every((i) => i.distanceKm === null)).toBe(true);
  });

  it("refuses distance from a citizen the caller may not read", async () => {
    const citizen = await insertCitizen(t.db, t.tenant);
    const volunteer = await t.as("volunteer_centre_staff");
    expect((await volunteer.get(`/api/catalog/activities?nearCitizenId=${citizen.id}`)).statusCode).toBe(403);
    expect(
      (await coordinator.get(`/api/catalog/activities?nearCitizenId=${t.other.citizens.andersen.id}`))
        .statusCode,
    ).toBe(404);
  });
});

// Last: its activities would join the other tests' results.
describe("exact pages in Danish order", () => {
  const TITLES = [
    "Aabenraa-turen",
    "abe-klubben",
    "Åkandeklubben",
    "Ælleklubben",
    "Øl og snak",
    "Ølsmagning",
    "Ébelskiver",
    "Élan",
    "ebbe og flod",
    "Zumba",
    "Ädelsten",
    "Ö-turen",
    "Bage",
    "baaaad",
    "Ba",
    "1. mandag",
    "Über-strik",
    "Yoga",
    "æbler",
    "Alfa",
    "Çirkus",
    "Áalborg-turen",
  ];
  let orgId: string;
  beforeAll(async () => {
    orgId = (await addOrganisation(coordinator, { name: "Sorteringsforeningen" })).id;
    // All at one place: in a distance order they tie, and the title decides.
    for (const title of TITLES)
      await addActivity(coordinator, orgId, {
        title,
        description: "Sortering.",
        place: inTown("9904", "Bækmarken", 56.35, 8.75),
      });
  });
  const expected = [...TITLES].sort((x, y) =>
    danishSortKey(x) < danishSortKey(y) ? -1 : danishSortKey(x) > danishSortKey(y) ? 1 : 0,
  );

  it.each([1, 3, 7, 20])(
    "gives every page of %i in the order of the Danish sort key, by title and among equal distances",
    async (pageSize) => {
      for (const extra of ["", "&near=56.35,8.75", "&q=sortering"]) {
        const seen: string[] = [];
        for (let page = 1; seen.length < TITLES.length; page++) {
          const result = await search(`organisationId=${orgId}&pageSize=${pageSize}&page=${page}${extra}`);
          expect(result.total).toBe(TITLES.length);
          expect(result.items.length).toBeGreaterThan(0);
          seen.push(...result.items.map((i) => i.title));
        }
        expect(seen).toEqual(expected);
      }
    },
  );
});
