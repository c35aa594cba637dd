/**
 * Reads the placements module shares: what the clarifying conversation recorded (interests,
 * barriers as full catalogue entries of the version they were recorded with, wishes), the
 * course's matching profile and the citizen's home, and catalog activities as matching sees them.
 */
import { and, eq, sql } from "drizzle-orm";
import type { ActivityPlace, CatalogActivity, RemoteChannel } from "../../../domain/matching/types.js";
import { ISOLATION_LEVELS, REMOTE_CHANNELS, TIMES_OF_DAY } from "../../../domain/matching/types.js";
import type { Barrier, BarrierCatalogue, InterestTaxonomy } from "../../../shared/api/course-definitions.js";
import type { ActivitySummary, MatchingProfile } from "../../../shared/api/placements.js";
import { builtOnce } from "../../db/built-once.js";
import { type DbOrTx, inIds } from "../../db/client.js";
import {
  catalogActivities,
  catalogOrganisations,
  citizens,
  courseDefinitions,
  courses,
} from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";
import { currentDefinition, currentProfile } from "../courses/index.js";

/** The profile matching reads: the citizen's current one (the held conversation recorded last, any course). */
export async function latestHeldConversation(tx: DbOrTx, courseId: string) {
  const [course] = await citizenOfCourse(tx, { courseId });
  return course ? currentProfile(tx, course.citizenId) : null;
}

// Built once (built-once.ts): matching runs these on every request, and building each with Drizzle's
// builder cost more CPU than the database took to answer it (issue 19).
const citizenOfCourse = builtOnce((tx) =>
  tx
    .select({ citizenId: courses.citizenId })
    .from(courses)
    .where(eq(courses.id, sql.placeholder("courseId"))),
);

const definitionById = builtOnce((tx) =>
  tx
    .select({ definition: courseDefinitions.definition })
    .from(courseDefinitions)
    .where(
      and(
        inTenant(courseDefinitions, sql.placeholder("municipalityId")),
        eq(courseDefinitions.id, sql.placeholder("id")),
      ),
    ),
);

const matchingFacts = builtOnce((tx) =>
  tx
    .select({ profile: courses.matchingProfile, lat: citizens.lat, lon: citizens.lon })
    .from(courses)
    .innerJoin(citizens, eq(citizens.id, courses.citizenId))
    .where(eq(courses.id, sql.placeholder("courseId"))),
);
export type HeldConversation = NonNullable<Awaited<ReturnType<typeof latestHeldConversation>>>;

/** One or two configuration documents by id, or the current one when a conversation named none. */
async function documentOf(
  tx: DbOrTx,
  municipalityId: string,
  id: string | null,
  kind: "barrier_catalogue" | "interest_taxonomy",
) {
  if (id) {
    const [row] = await definitionById(tx, { municipalityId, id });
    if (row) return row.definition;
  }
  return (
    await currentDefinition(tx, municipalityId, kind, kind === "barrier_catalogue" ? "barriers" : "interests")
  ).definition;
}

/** The recorded barriers as entries of the catalogue version the conversation was recorded with. */
export async function barrierEntries(
  tx: DbOrTx,
  municipalityId: string,
  conversation: HeldConversation | null,
): Promise<Barrier[]> {
  if (!conversation || conversation.barriers.length === 0) return [];
  const catalogue = (await documentOf(
    tx,
    municipalityId,
    conversation.barrierDefinitionId,
    "barrier_catalogue",
  )) as BarrierCatalogue;
  const byId = new Map(catalogue.barriers.map((b) => [b.id, b]));
  return conversation.barriers.map((id) => byId.get(id)).filter((b): b is Barrier => b !== undefined);
}

/** The interest taxonomy the conversation used (the current one when none is held). */
export async function taxonomyOf(
  tx: DbOrTx,
  municipalityId: string,
  conversation: HeldConversation | null,
): Promise<InterestTaxonomy> {
  return (await documentOf(
    tx,
    municipalityId,
    conversation?.interestDefinitionId ?? null,
    "interest_taxonomy",
  )) as InterestTaxonomy;
}

/** What the coordinator stored on the course (courses.matching_profile), with the defaults when unset. */
export function storedProfile(raw: unknown): MatchingProfile {
  const p = (raw ?? null) as Partial<MatchingProfile> | null;
  const isolation = p && ISOLATION_LEVELS.includes(p.isolation as never) ? p.isolation! : "some_network";
  return {
    stored: p !== null,
    isolation,
    preferredTimes: (p?.preferredTimes ?? []).filter((t) => TIMES_OF_DAY.includes(t)),
    preferredGroupSize: p?.preferredGroupSize ?? null,
    maxDistanceKm: typeof p?.maxDistanceKm === "number" ? p.maxDistanceKm : null,
  };
}

/** The course's stored profile and the citizen's home and birth date. */
export async function courseMatchingFacts(tx: DbOrTx, courseId: string) {
  const [row] = await matchingFacts(tx, { courseId });
  return row!;
}

/** The columns ranking needs; names and addresses are read for the few suggestions shown. */
export const rankColumns = {
  id: catalogActivities.id,
  organisationId: catalogActivities.organisationId,
  title: catalogActivities.title,
  themes: catalogActivities.themes,
  interests: catalogActivities.interests,
  placeKind: catalogActivities.placeKind,
  lat: catalogActivities.lat,
  lon: catalogActivities.lon,
  remoteChannels: catalogActivities.remoteChannels,
  schedule: catalogActivities.schedule,
  accessibility: catalogActivities.accessibility,
  costKind: catalogActivities.costKind,
  costAmountDkk: catalogActivities.costAmountDkk,
  costPer: catalogActivities.costPer,
  groupSize: catalogActivities.groupSize,
  active: catalogActivities.active,
};
export type RankRow = Pick<typeof catalogActivities.$inferSelect, keyof typeof rankColumns>;

const placeOf = (
  r: Pick<RankRow, "placeKind" | "lat" | "lon" | "remoteChannels">,
  venue?: { name: string | null; line: string | null; postalCode: string | null; city: string | null },
): ActivityPlace => {
  if (r.placeKind === "in_home") return { kind: "in_home" };
  if (r.placeKind === "remote")
    return {
      kind: "remote",
      channels: r.remoteChannels.filter((c): c is RemoteChannel =>
        (REMOTE_CHANNELS as readonly string[]).includes(c),
      ),
    };
  return {
    kind: "venue",
    name: venue?.name ?? "",
    address: { line: venue?.line ?? "", postalCode: venue?.postalCode ?? "", city: venue?.city ?? "" },
    lat: r.lat,
    lon: r.lon,
  };
};

/** A row as the pure ranking takes it (the texts it does not read are left empty). */
export function toCatalogActivity(r: RankRow): CatalogActivity {
  return {
    id: r.id,
    organisationId: r.organisationId,
    title: r.title,
    description: "",
    themes: r.themes,
    interests: r.interests,
    place: placeOf(r),
    schedule: r.schedule as CatalogActivity["schedule"],
    accessibility: r.accessibility as CatalogActivity["accessibility"],
    cost:
      r.costKind === "paid"
        ? { kind: "paid", amountDkk: r.costAmountDkk ?? 0, per: r.costPer ?? "time" }
        : { kind: "free" },
    groupSize: r.groupSize,
    contact: null,
    lastVerifiedOn: null,
    active: r.active,
  };
}

const summaryRows = builtOnce((tx) =>
  tx
    .select({
      ...rankColumns,
      placeName: catalogActivities.placeName,
      addressLine: catalogActivities.addressLine,
      postalCode: catalogActivities.postalCode,
      city: catalogActivities.city,
      organisationName: catalogOrganisations.name,
    })
    .from(catalogActivities)
    .innerJoin(catalogOrganisations, eq(catalogOrganisations.id, catalogActivities.organisationId))
    .where(
      and(
        inTenant(catalogActivities, sql.placeholder("municipalityId")),
        inIds(catalogActivities.id, sql.placeholder("ids")),
      ),
    ),
);

/** Summaries of a few activities (the suggestions shown, a placement's activity), by id. */
export async function activitySummaries(
  tx: DbOrTx,
  municipalityId: string,
  ids: string[],
): Promise<Map<string, ActivitySummary>> {
  if (ids.length === 0) return new Map();
  const rows = await summaryRows(tx, { municipalityId, ids });
  return new Map(
    rows.map((r) => {
      const a = toCatalogActivity(r);
      return [
        r.id,
        {
          id: r.id,
          title: r.title,
          organisation: { id: r.organisationId, name: r.organisationName },
          place: placeOf(r, {
            name: r.placeName,
            line: r.addressLine,
            postalCode: r.postalCode,
            city: r.city,
          }),
          schedule: a.schedule,
          groupSize: a.groupSize,
          accessibility: a.accessibility,
          cost: a.cost,
        },
      ];
    }),
  );
}
