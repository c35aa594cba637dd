import { describe, expect, it } from "vitest";
import { haversineKm } from "../../domain/matching/distance.js";
import {
  DEMO_ACTIVITY_COUNT,
  DEMO_CATALOG_TODAY,
  DEMO_INTEREST_IDS,
  DEMO_INTEREST_THEMES,
  DEMO_ORGANISATION_COUNT,
  DEMO_THEME_IDS,
  DEMO_TOWN_CENTRES,
  generateDemoCatalog,
  generateScaleCatalog,
} from "./catalog-demo-data.js";
import { STREETS, TOWNS } from "./names.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const catalog = generateDemoCatalog();
const { organisations, activities } = catalog;
const venues = activities.flatMap((a) => (a.place.kind === "venue" ? [a.place] : []));

describe("the demo catalog of Fjordby Kommune", () => {
  it("has about 140 organisations and 250 activities", () => {
    expect(organisations).toHaveLength(DEMO_ORGANISATION_COUNT);
    expect(activities).toHaveLength(DEMO_ACTIVITY_COUNT);
    expect(DEMO_ORGANISATION_COUNT).toBeGreaterThanOrEqual(130);
    expect(DEMO_ACTIVITY_COUNT).toBeGreaterThanOrEqual(240);
  });

  it("is the same for the same seed and differs for another", () => {
    expect(generateDemoCatalog()).toEqual(catalog);
    expect(generateDemoCatalog(7).activities.map((a) => a.id)).not.toEqual(activities.map((a) => a.id));
  });

  it("has unique UUIDs and every activity belongs to one of its organisations, and every organisation runs one", () => {
    const ids = [...organisations, ...activities].map((x) => x.id);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const orgIds = new Set(organisations.map((o) => o.id));
    expect(activities.every((a) => orgIds.has(a.organisationId))).toBe(true);
    expect(new Set(activities.map((a) => a.organisationId)).size).toBe(organisations.length);
    expect(new Set(organisations.map((o) => o.name)).size).toBe(organisations.length);
  });

  it("is written in Danish, with the seeds' kinds of offers", () => {
    const titles = activities.map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Stolegymnastik for seniorer",
        "Besøgsvenner – Røde Kors Fjordby",
        "Telefonvenner – Ældre Sagen",
        "Fællesspisning i Sognegården",
      ]),
    );
    expect(titles.some((t) => /^Strikkecafé i .+ Kulturhus$/.test(t))).toBe(true);
    expect(organisations.map((o) => o.name)).toContain("Frivilligcenter Fjordby");
    const text = [
      ...titles,
      ...activities.map((a) => a.description),
      ...organisations.map((o) => o.description),
    ].join(" ");
    expect(text).toMatch(/[æøå]/);
    expect(text).not.toMatch(/\{(by|sted|kvarter|navn)\}/);
  });

  it("uses only the exported theme and interest ids, each interest under its theme", () => {
    expect(new Set(Object.values(DEMO_INTEREST_THEMES))).toEqual(new Set(DEMO_THEME_IDS));
    for (const a of activities) {
      expect(a.interests.every((i) => (DEMO_INTEREST_IDS as string[]).includes(i))).toBe(true);
      expect(a.themes.every((t) => (DEMO_THEME_IDS as readonly string[]).includes(t))).toBe(true);
      expect(new Set(a.themes)).toEqual(
        new Set(a.interests.map((i) => DEMO_INTEREST_THEMES[i as keyof typeof DEMO_INTEREST_THEMES])),
      );
    }
  });

  it("mixes kinds of organisation, place, schedule, cost, group size and agreement status", () => {
    const kinds = <T>(xs: T[]) => new Set(xs);
    expect(kinds(organisations.map((o) => o.kind))).toEqual(
      new Set([
        "association",
        "church",
        "activity_centre",
        "volunteer_centre",
        "visiting_service",
        "municipal",
      ]),
    );
    expect(kinds(organisations.map((o) => o.collaborationAgreement))).toEqual(
      new Set(["none", "in_progress", "signed"]),
    );
    expect(kinds(activities.map((a) => a.place.kind))).toEqual(new Set(["venue", "in_home", "remote"]));
    expect(kinds(activities.map((a) => a.schedule.kind))).toEqual(
      new Set(["weekly", "monthly", "dates", "by_arrangement"]),
    );
    expect(kinds(activities.map((a) => a.cost.kind))).toEqual(new Set(["free", "paid"]));
    expect(kinds(activities.map((a) => a.groupSize))).toEqual(new Set(["one_to_one", "small", "large"]));
    expect(activities.some((a) => !a.active)).toBe(true);
  });

  it("has places with and without step-free access, hearing loops and transport", () => {
    const withFeature = (f: string) =>
      venues.length -
      activities.filter((a) => a.place.kind === "venue" && !a.accessibility.includes(f as never)).length;
    for (const f of [
      "step_free",
      "wheelchair_rollator",
      "accessible_toilet",
      "hearing_loop",
      "transport_offered",
    ]) {
      expect(withFeature(f)).toBeGreaterThan(0);
      expect(withFeature(f)).toBeLessThan(venues.length);
    }
  });

  it("places venues on names.ts streets within about 2 km of their town's centre, a few without coordinates", () => {
    const postal = new Set<string>(TOWNS.map((t) => t.postalCode));
    for (const v of venues) {
      expect(postal.has(v.address.postalCode)).toBe(true);
      expect((STREETS as readonly string[]).includes(v.address.line.replace(/ \d+$/, ""))).toBe(true);
      if (v.lat !== null && v.lon !== null)
        expect(
          haversineKm({ lat: v.lat, lon: v.lon }, DEMO_TOWN_CENTRES[v.address.postalCode]!),
        ).toBeLessThan(2.5);
    }
    const unknown = venues.filter((v) => v.lat === null).length;
    expect(unknown).toBeGreaterThan(0);
    expect(unknown).toBeLessThan(venues.length * 0.25);
  });

  it("has some details not verified for more than 12 months, and some never", () => {
    const yearAgo = "2025-03-02";
    expect(DEMO_CATALOG_TODAY).toBe("2026-03-02");
    const verified = [...organisations, ...activities].map((x) => x.lastVerifiedOn);
    expect(verified.some((d) => d !== null && d < yearAgo)).toBe(true);
    expect(verified.some((d) => d !== null && d >= yearAgo)).toBe(true);
    expect(verified.some((d) => d === null)).toBe(true);
    expect(verified.every((d) => d === null || d <= DEMO_CATALOG_TODAY)).toBe(true);
  });

  it("dates activities relative to the given day", () => {
    const dated = generateDemoCatalog(undefined, "2030-01-01").activities.flatMap((a) =>
      a.schedule.kind === "dates" ? a.schedule.dates : [],
    );
    expect(dated.length).toBeGreaterThan(0);
    expect(dated.every((d) => d > "2030-01-01" && d < "2030-06-01")).toBe(true);
  });
});

describe("the scale catalog", () => {
  it("produces exactly n activities, deterministically, all belonging to its organisations", () => {
    const big = generateScaleCatalog(20_000, 3);
    expect(big.activities).toHaveLength(20_000);
    const orgIds = new Set(big.organisations.map((o) => o.id));
    expect(big.activities.every((a) => orgIds.has(a.organisationId))).toBe(true);
    expect(new Set(big.activities.map((a) => a.id)).size).toBe(20_000);
    expect(generateScaleCatalog(500, 3)).toEqual(generateScaleCatalog(500, 3));
  });
});
