/**
 * The demo municipality's activity catalog (issue 5): the ~140 organisations and 250 activities of
 * generateDemoCatalog(), and coordinates for the demo citizens so distances in search and
 * matching mean something. Fictitious and deterministic like the rest of the demo.
 *
 * - Associations and visiting services are managed by the demo volunteer centre ("Frivilligcenter
 *   Fjordby"), so its staff (login "frivillig") keep those entries; churches, activity centres
 *   and municipal offers are the coordinators'.
 * - The catalog is generated around today (dated excursions lie ahead, 22 % of the entries are
 *   due for review), as the rest of the demo is relative to today.
 * - The generator's interest ids predate the shipped interest taxonomy in a few places
 *   ("knitting" where the taxonomy says "knitting_needlework" …); they are mapped to the
 *   municipality's taxonomy and each activity's themes follow its interests there, so an
 *   interest recorded in a course matches the catalog.
 * - Seeded rows have no catalog_changes history: nobody changed them.
 */
import { sql } from "drizzle-orm";
import { copenhagenDate } from "../../domain/time.js";
import type { Catalog } from "../../domain/matching/types.js";
import type { InterestTaxonomy } from "../../shared/api/course-definitions.js";
import type { Db, Tx } from "../db/client.js";
import { catalogActivities, catalogOrganisations, citizens } from "../db/schema/index.js";
import { inTenant } from "../platform/tenancy.js";
import { installShippedCourseDefinitions } from "../modules/courses/index.js";
import { activityContentOf, currentTaxonomy, organisationContentOf } from "../modules/catalog/index.js";
import { demoCoordinatesNear, generateDemoCatalog } from "./catalog-demo-data.js";
import { SeededRandom } from "./random.js";

/** The generator's interest ids that the shipped taxonomy names differently. */
export const DEMO_INTEREST_ALIASES: Readonly<Record<string, string>> = {
  knitting: "knitting_needlework",
  chair_gymnastics: "chair_exercise",
  walking: "walks",
  communal_dining: "shared_meals",
  church: "church_service",
  dogs_animals: "animals",
};

/** A seed of its own, so the coordinates do not shift the demo's other random data. */
export const DEMO_COORDINATES_SEED = 20_261_124;

/** The catalog with interests (and the themes they belong to) in the taxonomy's ids; unknown ids are dropped. */
export function fitToTaxonomy(catalog: Catalog, taxonomy: InterestTaxonomy): Catalog {
  const themeOf = new Map(taxonomy.interests.map((i) => [i.id, i.theme]));
  const themes = new Set(taxonomy.themes.map((t) => t.id));
  return {
    organisations: catalog.organisations,
    activities: catalog.activities.map((a) => {
      const interests = [
        ...new Set(a.interests.map((i) => DEMO_INTEREST_ALIASES[i] ?? i).filter((i) => themeOf.has(i))),
      ];
      const derived = [...new Set(interests.map((i) => themeOf.get(i)!))];
      return {
        ...a,
        interests,
        themes: derived.length > 0 ? derived : a.themes.filter((t) => themes.has(t)),
      };
    }),
  };
}

/**
 * A generated catalog into a municipality as it stands, a thousand rows per statement (the demo's,
 * the benchmarks' 20,000 and the tests' large catalogs). Organisations are managed by the
 * organisation `managedBy` names, by none when it names none.
 */
export async function insertCatalog(
  tx: Tx | Db,
  municipalityId: string,
  catalog: Catalog,
  managedBy: (o: Catalog["organisations"][number]) => string | null = () => null,
): Promise<void> {
  for (let i = 0; i < catalog.organisations.length; i += 1000)
    await tx.insert(catalogOrganisations).values(
      catalog.organisations.slice(i, i + 1000).map((o) => ({
        id: o.id,
        municipalityId,
        ...organisationContentOf(o, { managedByOrganisationId: managedBy(o), active: true }),
      })),
    );
  for (let i = 0; i < catalog.activities.length; i += 1000)
    await tx
      .insert(catalogActivities)
      .values(
        catalog.activities
          .slice(i, i + 1000)
          .map((a) => ({ id: a.id, municipalityId, ...activityContentOf(a) })),
      );
}

export async function seedCatalogDemo(
  tx: Tx,
  municipalityId: string,
  volunteerCentreId: string,
): Promise<{ organisations: number; activities: number }> {
  await installShippedCourseDefinitions(tx, municipalityId);
  const catalog = fitToTaxonomy(
    generateDemoCatalog(undefined, copenhagenDate(new Date())),
    await currentTaxonomy(tx, municipalityId),
  );
  const managed = new Set(["association", "visiting_service"]);
  await insertCatalog(tx, municipalityId, catalog, (o) => (managed.has(o.kind) ? volunteerCentreId : null));
  return { organisations: catalog.organisations.length, activities: catalog.activities.length };
}

/** Every demo citizen a home within about 1.5 km of their town's centre (in CPR order, so it is the same on every machine). */
export async function seedCitizenCoordinates(tx: Tx, municipalityId: string): Promise<void> {
  const rng = new SeededRandom(DEMO_COORDINATES_SEED);
  const rows = await tx
    .select({ id: citizens.id, postalCode: citizens.postalCode })
    .from(citizens)
    .where(inTenant(citizens, municipalityId))
    .orderBy(citizens.cpr);
  if (rows.length === 0) return;
  const values = rows.map((c) => {
    const p = demoCoordinatesNear(rng, c.postalCode);
    return sql`(${c.id}::uuid, ${p.lat}::double precision, ${p.lon}::double precision)`;
  });
  await tx.execute(
    sql`update citizens set lat = v.lat, lon = v.lon from (values ${sql.join(values, sql`, `)}) as v(id, lat, lon) where citizens.id = v.id`,
  );
}
