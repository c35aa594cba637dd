/**
 * Test fixtures of the placements module (imported by its *.test.ts and the authorisation
 * matrix only): catalog rows inserted straight with Drizzle — the catalog's own API is built
 * beside this module — citizens with a home, and courses with a held conversation.
 */
import { eq } from "drizzle-orm";
import { EARTH_RADIUS_KM } from "../../../domain/matching/distance.js";
import type { GeoPoint } from "../../../domain/matching/types.js";
import type { Db } from "../../db/client.js";
import { catalogActivities, catalogOrganisations, citizens } from "../../db/schema/index.js";

/** Fjordby's invented centre (seed/catalog-demo-data.ts). */
export const FJORDBY: GeoPoint = { lat: 56.4, lon: 8.6 };

/** A point `km` due north of `from`. */
export const northOf = (km: number, from: GeoPoint = FJORDBY): GeoPoint => ({
  lat: from.lat + (km / (Math.PI * EARTH_RADIUS_KM)) * 180,
  lon: from.lon,
});

export async function insertCatalogOrganisation(
  db: Db,
  municipalityId: string,
  name = "Fjordby Frivillige",
): Promise<string> {
  const [row] = await db
    .insert(catalogOrganisations)
    .values({ municipalityId, name, kind: "association" })
    .returning({ id: catalogOrganisations.id });
  return row!.id;
}

export type ActivityFields = Partial<
  Omit<typeof catalogActivities.$inferInsert, "municipalityId" | "organisationId" | "search">
> & { km?: number };

/** A weekly morning activity in a venue `km` north of Fjordby (default 1 km), unless the fields say otherwise. */
export async function insertActivity(
  db: Db,
  municipalityId: string,
  organisationId: string,
  fields: ActivityFields = {},
): Promise<string> {
  const { km = 1, ...over } = fields;
  const at = northOf(km);
  const placeKind = over.placeKind ?? "venue";
  const [row] = await db
    .insert(catalogActivities)
    .values({
      municipalityId,
      organisationId,
      title: "Aktivitet",
      placeKind,
      ...(placeKind === "venue"
        ? {
            placeName: "Kulturhuset",
            addressLine: "Havnegade 1",
            postalCode: "9901",
            city: "Fjordby",
            lat: at.lat,
            lon: at.lon,
          }
        : {}),
      schedule: { kind: "weekly", weekdays: [2], startTime: "10:00", endTime: "12:00" },
      weekdays: [2],
      timesOfDay: ["morning"],
      groupSize: "small",
      ...over,
    })
    .returning({ id: catalogActivities.id });
  return row!.id;
}

export async function setHome(db: Db, citizenId: string, home: GeoPoint | null): Promise<void> {
  await db
    .update(citizens)
    .set({ lat: home?.lat ?? null, lon: home?.lon ?? null })
    .where(eq(citizens.id, citizenId));
}
