/**
 * "Find communities" for a citizen: the course's matching profile, and the municipality's
 * activities ranked by domain/matching/rank.ts for the citizen's interests, barriers, home,
 * times and isolation — each suggestion with why it fits and what does not.
 *
 * Fast at national scale (20,000 activities): candidates.ts keeps the municipality's activities
 * in memory, checked against the table on every request, and hands the ranking only those that
 * can matter; `limit` keeps the costly Danish title comparison to the few shown.
 */
import { and, eq, sql } from "drizzle-orm";
import { isGeoPoint } from "../../../domain/matching/distance.js";
import { DEFAULT_MAX_DISTANCE_KM, rankActivities } from "../../../domain/matching/rank.js";
import { type CitizenProfile, TIMES_OF_DAY, type TimeOfDay } from "../../../domain/matching/types.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { Barrier, InterestTaxonomy } from "../../../shared/api/course-definitions.js";
import type {
  Matches,
  MatchingProfile,
  MatchingProfileBody,
  UsedProfile,
} from "../../../shared/api/placements.js";
import { builtOnce } from "../../db/built-once.js";
import type { DbOrTx } from "../../db/client.js";
import { courses, placements } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { type CourseRow, assertOpen, citizenResourceOf, loadCourseFor } from "../courses/index.js";
import { candidatesFor, loadMatchingCatalog } from "./candidates.js";
import {
  type HeldConversation,
  activitySummaries,
  barrierEntries,
  courseMatchingFacts,
  latestHeldConversation,
  storedProfile,
  taxonomyOf,
} from "./queries.js";

/** Amager's barrier schema (seed 001) names money as a barrier: free offers first. */
const COST_BARRIERS: ReadonlySet<string> = new Set(["economy"]);
/** "Mørke aftener og dårligt vejr" (shipped barrier catalogue): evening activities do not fit. */
const DARK_EVENING_BARRIERS: ReadonlySet<string> = new Set(["dark_weather"]);

export interface MatchingContext {
  profile: CitizenProfile;
  used: UsedProfile;
  taxonomy: InterestTaxonomy;
  conversation: HeldConversation | null;
  barriers: Barrier[];
}

/** Dark evenings take the evening out of the times that fit (any time → morning and afternoon). */
function effectiveTimes(preferred: TimeOfDay[], barriers: Barrier[]): TimeOfDay[] {
  if (!barriers.some((b) => DARK_EVENING_BARRIERS.has(b.id))) return preferred;
  const base = preferred.length > 0 ? preferred : [...TIMES_OF_DAY];
  const daylight = base.filter((t) => t !== "evening");
  return daylight.length > 0 ? daylight : ["morning", "afternoon"];
}

/** The citizen as matching sees them: the latest held conversation, the home, the stored profile. */
export async function matchingContext(
  tx: DbOrTx,
  course: Pick<CourseRow, "id" | "municipalityId">,
): Promise<MatchingContext> {
  // One query after the other: a transaction is one connection (pg refuses overlapping queries on it).
  const facts = await courseMatchingFacts(tx, course.id);
  const conversation = await latestHeldConversation(tx, course.id);
  const barriers = await barrierEntries(tx, course.municipalityId, conversation);
  const taxonomy = await taxonomyOf(tx, course.municipalityId, conversation);
  const stored = storedProfile(facts.profile);
  const home = isGeoPoint(facts.lat, facts.lon) ? { lat: facts.lat!, lon: facts.lon! } : null;
  const maxKm = stored.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM;
  const times = effectiveTimes(stored.preferredTimes, barriers);
  const costSensitive = barriers.some((b) => COST_BARRIERS.has(b.id));
  const interests = conversation?.interests ?? [];
  return {
    profile: {
      home,
      interests,
      barriers,
      isolation: stored.isolation,
      preferredTimes: times,
      preferredGroupSize: stored.preferredGroupSize,
      maxDistanceKm: maxKm,
      costSensitive,
    },
    used: {
      ...stored,
      effectiveTimes: times,
      effectiveMaxDistanceKm: maxKm,
      costSensitive,
      interests,
      barriers: barriers.map((b) => b.id),
      homeKnown: home !== null,
      conversationHeldAt: conversation?.heldAt?.toISOString() ?? null,
    },
    taxonomy,
    conversation,
    barriers,
  };
}

async function loadForMatching(tx: DbOrTx, ctx: Ctx, courseId: string) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read");
  authorize(ctx, { kind: "matching.run", citizen: citizenResourceOf(course) });
  return course;
}

export async function getMatchingProfile(tx: DbOrTx, ctx: Ctx, courseId: string): Promise<MatchingProfile> {
  const course = await loadForMatching(tx, ctx, courseId);
  await audit(tx, ctx, {
    action: "read",
    entityType: "matching_profile",
    entityId: courseId,
    citizenId: course.citizenId,
  });
  return storedProfile((await courseMatchingFacts(tx, courseId)).profile);
}

export async function putMatchingProfile(
  tx: DbOrTx,
  ctx: Ctx,
  courseId: string,
  body: MatchingProfileBody,
): Promise<MatchingProfile> {
  const course = await loadForMatching(tx, ctx, courseId);
  assertOpen(course);
  const profile = {
    isolation: body.isolation,
    preferredTimes: TIMES_OF_DAY.filter((t) => body.preferredTimes.includes(t)),
    preferredGroupSize: body.preferredGroupSize ?? null,
    maxDistanceKm: body.maxDistanceKm ?? null,
  };
  await tx.update(courses).set({ matchingProfile: profile }).where(eq(courses.id, courseId));
  await audit(tx, ctx, {
    action: "update",
    entityType: "matching_profile",
    entityId: courseId,
    citizenId: course.citizenId,
  });
  return storedProfile(profile);
}

// Built once (built-once.ts, issue 19); the status is a constant of the SQL, not a value.
const activePlacements = builtOnce((tx) =>
  tx
    .select({ id: placements.id, activityId: placements.activityId, status: placements.status })
    .from(placements)
    .where(and(eq(placements.courseId, sql.placeholder("courseId")), sql`${placements.status} <> 'stopped'`)),
);

export async function findMatches(
  tx: DbOrTx,
  ctx: Ctx,
  courseId: string,
  query: { limit: number; includeExcluded?: "true" | "false" | undefined },
): Promise<Matches> {
  const course = await loadForMatching(tx, ctx, courseId);
  const includeExcluded = query.includeExcluded === "true";
  const mc = await matchingContext(tx, course);
  const candidates = candidatesFor(await loadMatchingCatalog(tx, course.municipalityId), mc.profile, {
    includeExcluded,
    limit: query.limit,
  });
  const ranked = rankActivities(mc.profile, candidates, {
    taxonomy: mc.taxonomy,
    today: copenhagenDate(new Date()),
    limit: query.limit,
    includeExcluded,
  });
  const summaries = await activitySummaries(
    tx,
    course.municipalityId,
    ranked.map((s) => s.activityId),
  );
  const active = await activePlacements(tx, { courseId });
  await audit(tx, ctx, {
    action: "read",
    entityType: "matches",
    entityId: courseId,
    citizenId: course.citizenId,
    criterion: { limit: query.limit, includeExcluded, hits: ranked.length },
  });
  return {
    profile: mc.used,
    suggestions: ranked.map((s) => {
      const p = active.find((x) => x.activityId === s.activityId);
      return {
        activity: summaries.get(s.activityId)!,
        distanceKm: s.distanceKm,
        tier: s.tier,
        score: s.score,
        reasons: s.reasons,
        misfits: s.misfits,
        excluded: s.excluded === true,
        placement: p ? { id: p.id, status: p.status } : null,
      };
    }),
  };
}
