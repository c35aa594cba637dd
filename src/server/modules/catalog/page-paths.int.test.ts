/**
 * A page of activities is found one of two ways (page.ts): a few matches through the filters' own
 * indexes and then ordered, or many in the order's own index. Over a catalog larger than
 * FILTER_FIRST_MAX, the same filter-free listing (read in the index) and a narrowed one (found
 * first) must agree: the narrowed pages are exactly the full listing's activities that match, in
 * the same order — by Danish title, and by distance with unknown distances last.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import type { ActivitySearchResult } from "../../../shared/api/catalog.js";
import { fitToTaxonomy, insertCatalog } from "../../seed/catalog-demo.js";
import { generateScaleCatalog } from "../../seed/catalog-demo-data.js";
import { FILTER_FIRST_MAX } from "./page.js";
import { currentTaxonomy } from "./index.js";

let t: TestApp;
let coordinator: Client;
const SIZE = FILTER_FIRST_MAX + 300;

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  const municipalityId = t.tenant.municipality.id;
  const catalog = fitToTaxonomy(
    generateScaleCatalog(SIZE, 7_000_001),
    await currentTaxonomy(t.db, municipalityId),
  );
  await t.db.transaction((tx) => insertCatalog(tx, municipalityId, catalog));
});
afterAll(() => t.close());

type Item = ActivitySearchResult["items"][number];

/** Every page of a search, 100 at a time. */
async function everyPage(query: string): Promise<{ items: Item[]; total: number }> {
  const items: Item[] = [];
  for (let page = 1; ; page++) {
    const res = await coordinator.get(`/api/catalog/activities?${query}&pageSize=100&page=${page}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as ActivitySearchResult;
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return { items, total: body.total };
  }
}

describe("a page found first and a page read in the order's index", () => {
  it.each([
    ["by title", ""],
    ["by distance, unknown distances last", "&near=56.1,10.1&sort=distance"],
  ])("agree on the order %s", async (_name, order) => {
    const all = await everyPage(order);
    expect(all.total).toBeGreaterThan(FILTER_FIRST_MAX);
    expect(all.items).toHaveLength(all.total);
    const theme = all.items.find((i) => i.themes.length > 0)!.themes[0]!;
    const narrowed = await everyPage(`theme=${theme}${order}`);
    expect(narrowed.total).toBeLessThanOrEqual(FILTER_FIRST_MAX);
    expect(narrowed.total).toBeGreaterThan(25);
    expect(narrowed.items.map((i) => i.id)).toEqual(
      all.items.filter((i) => i.themes.includes(theme)).map((i) => i.id),
    );
  });
});
