/**
 * Collecting the access export, course side: the citizen's courses and everything recorded on them
 * (stages, conversations with the guide and catalogues they used, FSIII, interventions, grants,
 * clips, follow-ups, placements, volunteer-centre referrals, small communities, outcome
 * questionnaires). Rows only, oldest first; a small community's other members are counted, never read.
 */
import { and, asc, count, desc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  catalogActivities,
  catalogOrganisations,
  clipGrants,
  clips,
  conditionAssessments,
  conversations,
  courseDefinitions,
  courseEvents,
  courses,
  followUps,
  interventions,
  outcomeMeasurements,
  placementEvents,
  placements,
  questionnaireDefinitions,
  smallCommunities,
  smallCommunityMeetings,
  smallCommunityMembers,
  volunteerReferrals,
} from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

export async function collectCourseData(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  const courseRows = await tx
    .select()
    .from(courses)
    .where(and(inTenant(courses, ctx), eq(courses.citizenId, citizenId)))
    .orderBy(asc(courses.openedAt), asc(courses.id));
  const courseIds = courseRows.map((c) => c.id);
  // Rows that hang on a course only (no citizen column of their own) are read by the course ids.
  const onCourses = async <T>(read: (ids: string[]) => Promise<T[]>): Promise<T[]> =>
    courseIds.length === 0 ? [] : read(courseIds);

  const events = await onCourses((ids) =>
    tx
      .select()
      .from(courseEvents)
      .where(and(inTenant(courseEvents, ctx), inArray(courseEvents.courseId, ids)))
      .orderBy(asc(courseEvents.at), asc(courseEvents.id)),
  );
  const conversationRows = await tx
    .select()
    .from(conversations)
    .where(and(inTenant(conversations, ctx), eq(conversations.citizenId, citizenId)))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
  const assessments = await tx
    .select()
    .from(conditionAssessments)
    .where(and(inTenant(conditionAssessments, ctx), eq(conditionAssessments.citizenId, citizenId)))
    .orderBy(asc(conditionAssessments.assessedAt), asc(conditionAssessments.id));
  const interventionRows = await onCourses((ids) =>
    tx
      .select()
      .from(interventions)
      .where(and(inTenant(interventions, ctx), inArray(interventions.courseId, ids)))
      .orderBy(asc(interventions.createdAt), asc(interventions.id)),
  );
  const grants = await onCourses((ids) =>
    tx
      .select()
      .from(clipGrants)
      .where(and(inTenant(clipGrants, ctx), inArray(clipGrants.courseId, ids)))
      .orderBy(asc(clipGrants.createdAt), asc(clipGrants.id)),
  );
  const clipRows = await tx
    .select()
    .from(clips)
    .where(and(inTenant(clips, ctx), eq(clips.citizenId, citizenId)))
    .orderBy(asc(clips.createdAt), asc(clips.id));
  const followUpRows = await onCourses((ids) =>
    tx
      .select()
      .from(followUps)
      .where(and(inTenant(followUps, ctx), inArray(followUps.courseId, ids)))
      .orderBy(asc(followUps.performedAt), asc(followUps.id)),
  );
  const placementRows = await tx
    .select({ p: placements, activity: catalogActivities.title, organisation: catalogOrganisations.name })
    .from(placements)
    .innerJoin(catalogActivities, eq(catalogActivities.id, placements.activityId))
    .innerJoin(catalogOrganisations, eq(catalogOrganisations.id, catalogActivities.organisationId))
    .where(and(inTenant(placements, ctx), eq(placements.citizenId, citizenId)))
    .orderBy(asc(placements.createdAt), asc(placements.id));
  const placementIds = placementRows.map((r) => r.p.id);
  const placementEventRows =
    placementIds.length === 0
      ? []
      : await tx
          .select()
          .from(placementEvents)
          .where(and(inTenant(placementEvents, ctx), inArray(placementEvents.placementId, placementIds)))
          .orderBy(asc(placementEvents.at), asc(placementEvents.id));
  const volunteerRows = await tx
    .select({ v: volunteerReferrals, activity: catalogActivities.title })
    .from(volunteerReferrals)
    .leftJoin(catalogActivities, eq(catalogActivities.id, volunteerReferrals.matchedActivityId))
    .where(and(inTenant(volunteerReferrals, ctx), eq(volunteerReferrals.citizenId, citizenId)))
    .orderBy(asc(volunteerReferrals.createdAt), asc(volunteerReferrals.id));
  const communities = await collectCommunities(tx, ctx, citizenId);
  const outcomes = await tx
    .select()
    .from(outcomeMeasurements)
    .where(and(inTenant(outcomeMeasurements, ctx), eq(outcomeMeasurements.citizenId, citizenId)))
    .orderBy(asc(outcomeMeasurements.dueOn), asc(outcomeMeasurements.id));

  // The guides and catalogues the conversations followed, as the versions they used.
  const definitionIds = [
    ...new Set(
      conversationRows.flatMap((c) =>
        [c.guideDefinitionId, c.barrierDefinitionId, c.interestDefinitionId].filter(
          (id): id is string => !!id,
        ),
      ),
    ),
  ];
  const definitions =
    definitionIds.length === 0
      ? []
      : await tx
          .select({ id: courseDefinitions.id, definition: courseDefinitions.definition })
          .from(courseDefinitions)
          .where(and(inTenant(courseDefinitions, ctx), inArray(courseDefinitions.id, definitionIds)));
  // An outcome questionnaire names its instrument by key: its title from the newest version.
  const keys = [...new Set(outcomes.map((o) => o.questionnaireKey))];
  const questionnaires =
    keys.length === 0
      ? []
      : await tx
          .select({ key: questionnaireDefinitions.key, definition: questionnaireDefinitions.definition })
          .from(questionnaireDefinitions)
          .where(and(inTenant(questionnaireDefinitions, ctx), inArray(questionnaireDefinitions.key, keys)))
          .orderBy(desc(questionnaireDefinitions.version));
  return {
    courses: courseRows,
    courseEvents: events,
    conversations: conversationRows,
    assessments,
    interventions: interventionRows,
    grants,
    clips: clipRows,
    followUps: followUpRows,
    placements: placementRows,
    placementEvents: placementEventRows,
    volunteerReferrals: volunteerRows,
    communities,
    outcomes,
    definitions: new Map(definitions.map((d) => [d.id, d.definition])),
    questionnaireTitles: new Map(
      questionnaires.reverse().map((q) => [q.key, (q.definition as { title?: unknown }).title]),
    ),
  };
}
export type CourseData = Awaited<ReturnType<typeof collectCourseData>>;

/**
 * The small communities the citizen belongs or belonged to: the community, this citizen's
 * membership, how many others took part (a count: they are other citizens) and the meetings held
 * while the citizen was a member — days and places only, the notes are the group's.
 */
async function collectCommunities(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  const memberships = await tx
    .select({ m: smallCommunityMembers, c: smallCommunities })
    .from(smallCommunityMembers)
    .innerJoin(smallCommunities, eq(smallCommunities.id, smallCommunityMembers.communityId))
    .where(and(inTenant(smallCommunityMembers, ctx), eq(smallCommunityMembers.citizenId, citizenId)))
    .orderBy(asc(smallCommunityMembers.joinedAt));
  const ids = [...new Set(memberships.map((r) => r.c.id))];
  if (ids.length === 0) return [];
  const others = await tx
    .select({ communityId: smallCommunityMembers.communityId, n: count() })
    .from(smallCommunityMembers)
    .where(
      and(
        inTenant(smallCommunityMembers, ctx),
        inArray(smallCommunityMembers.communityId, ids),
        ne(smallCommunityMembers.citizenId, citizenId),
      ),
    )
    .groupBy(smallCommunityMembers.communityId);
  const meetings = await tx
    .select({
      communityId: smallCommunityMeetings.communityId,
      heldOn: smallCommunityMeetings.heldOn,
      place: smallCommunityMeetings.place,
    })
    .from(smallCommunityMeetings)
    .where(and(inTenant(smallCommunityMeetings, ctx), inArray(smallCommunityMeetings.communityId, ids)))
    .orderBy(asc(smallCommunityMeetings.heldOn), asc(smallCommunityMeetings.id));
  const counts = new Map(others.map((o) => [o.communityId, o.n]));
  return memberships.map(({ m, c }) => ({
    membership: m,
    community: c,
    otherMembers: counts.get(c.id) ?? 0,
    meetings: meetings.filter((x) => x.communityId === c.id),
  }));
}
