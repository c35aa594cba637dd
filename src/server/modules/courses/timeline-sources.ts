/**
 * The timeline's sources (timeline.ts merges them): one statement per kind of event, newest first,
 * at most `limit` rows, each naming only the columns its entries show — never a note, a CPR number
 * or what was shared with a volunteer centre (issue 19, decision 0092).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { builtOnce } from "../../db/built-once.js";
import {
  catalogActivities,
  clipGrants,
  clips,
  conditionAssessments,
  conversations,
  courseDefinitions,
  courseEvents,
  courses,
  followUps,
  interventions,
  journalNotes,
  organisations,
  placementEvents,
  placements,
  questionnaireDefinitions,
  referralEvents,
  referrals,
  screenings,
  users,
  volunteerReferrals,
} from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

export type LocalTitle = { da: string; en?: string | null };

/*
 * Names that are not the row's own actor (a reassignment's coordinators, a clip's registrar and
 * planner, a volunteer centre's answerer) come from extra joins on the same statement: a separate
 * look-up afterwards cost two more round trips per request (decision 0088).
 */
const fromUsers = alias(users, "from_users");
const toUsers = alias(users, "to_users");
const registrars = alias(users, "registrars");
const planners = alias(users, "planners");
const answerers = alias(users, "answerers");
const withdrawers = alias(users, "withdrawers");

/*
 * Each source's statement is built once per process (db/built-once.ts): its shape never changes,
 * only the citizen, the municipality and the limit, and building fourteen statements cost more CPU
 * per timeline than reading their rows (issue 19, decision 0092).
 */
const citizenIdOf = sql.placeholder("citizenId");
const limitOf = sql.placeholder("limit");
const municipalityIdOf = sql.placeholder("municipalityId");
const by = (col: Parameters<typeof eq>[0]) => eq(col, citizenIdOf);

export const readScreenings = builtOnce((tx) =>
  tx
    .select({
      s: {
        performedAt: screenings.performedAt,
        purpose: screenings.purpose,
        outcomeKey: screenings.outcomeKey,
        colour: screenings.colour,
        consent: screenings.consent,
        performedBy: screenings.performedBy,
      },
      name: users.displayName,
      // The questionnaire's title and the one outcome's label, not its whole definition per row.
      title: sql<LocalTitle | null>`${questionnaireDefinitions.definition} -> 'title'`,
      outcome: sql<LocalTitle | null>`(select o.value -> 'label'
          from jsonb_array_elements(case when jsonb_typeof(${questionnaireDefinitions.definition} -> 'outcomes') = 'array'
            then ${questionnaireDefinitions.definition} -> 'outcomes' end) with ordinality o(value, n)
          where o.value ->> 'key' = ${screenings.outcomeKey} order by o.n limit 1)`,
    })
    .from(screenings)
    .innerJoin(users, eq(users.id, screenings.performedBy))
    .innerJoin(questionnaireDefinitions, eq(questionnaireDefinitions.id, screenings.definitionId))
    .where(by(screenings.citizenId))
    .orderBy(desc(screenings.performedAt))
    .limit(limitOf),
);

export const readReferrals = builtOnce((tx) =>
  tx
    .select({
      createdAt: referrals.createdAt,
      receiptNumber: referrals.receiptNumber,
      source: referrals.source,
      channel: referrals.channel,
    })
    .from(referrals)
    .where(by(referrals.citizenId))
    .orderBy(desc(referrals.createdAt))
    .limit(limitOf),
);

export const readReferralEvents = builtOnce((tx) =>
  tx
    .select({
      e: {
        at: referralEvents.at,
        fromStatus: referralEvents.fromStatus,
        toStatus: referralEvents.toStatus,
        actorUserId: referralEvents.actorUserId,
      },
      receipt: referrals.receiptNumber,
      name: users.displayName,
    })
    .from(referralEvents)
    .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
    .leftJoin(users, eq(users.id, referralEvents.actorUserId))
    .where(by(referrals.citizenId))
    .orderBy(desc(referralEvents.at))
    .limit(limitOf),
);

export const readCourseEvents = builtOnce((tx) =>
  tx
    .select({
      e: {
        at: courseEvents.at,
        kind: courseEvents.kind,
        fromStage: courseEvents.fromStage,
        toStage: courseEvents.toStage,
        reason: courseEvents.reason,
        actorUserId: courseEvents.actorUserId,
        courseId: courseEvents.courseId,
      },
      name: users.displayName,
      fromName: fromUsers.displayName,
      toName: toUsers.displayName,
    })
    .from(courseEvents)
    .innerJoin(courses, eq(courses.id, courseEvents.courseId))
    .innerJoin(users, eq(users.id, courseEvents.actorUserId))
    .leftJoin(fromUsers, eq(fromUsers.id, courseEvents.fromUserId))
    .leftJoin(toUsers, eq(toUsers.id, courseEvents.toUserId))
    .where(by(courses.citizenId))
    .orderBy(desc(courseEvents.at))
    .limit(limitOf),
);

export const readConversations = builtOnce((tx) =>
  tx
    .select({
      c: {
        status: conversations.status,
        heldAt: conversations.heldAt,
        createdAt: conversations.createdAt,
        scheduledAt: conversations.scheduledAt,
        kind: conversations.kind,
        recordedBy: conversations.recordedBy,
        courseId: conversations.courseId,
      },
      // Counted here: the interests and barriers themselves are not the timeline's to show.
      interests: sql<number>`cardinality(${conversations.interests})`,
      barriers: sql<number>`cardinality(${conversations.barriers})`,
      name: users.displayName,
      guide: sql<LocalTitle | null>`${courseDefinitions.definition} -> 'title'`,
    })
    .from(conversations)
    .innerJoin(users, eq(users.id, conversations.recordedBy))
    .leftJoin(courseDefinitions, eq(courseDefinitions.id, conversations.guideDefinitionId))
    .where(by(conversations.citizenId))
    .orderBy(desc(conversations.createdAt))
    .limit(limitOf),
);

export const readConditions = builtOnce((tx) =>
  tx
    .select({
      a: {
        assessedAt: conditionAssessments.assessedAt,
        conditionCode: conditionAssessments.conditionCode,
        severity: conditionAssessments.severity,
        citizenView: conditionAssessments.citizenView,
        assessedBy: conditionAssessments.assessedBy,
        courseId: conditionAssessments.courseId,
      },
      name: users.displayName,
    })
    .from(conditionAssessments)
    .innerJoin(users, eq(users.id, conditionAssessments.assessedBy))
    .where(by(conditionAssessments.citizenId))
    .orderBy(desc(conditionAssessments.assessedAt))
    .limit(limitOf),
);

export const readInterventions = builtOnce((tx) =>
  tx
    .select({
      i: {
        createdAt: interventions.createdAt,
        endedAt: interventions.endedAt,
        kind: interventions.kind,
        createdBy: interventions.createdBy,
        courseId: interventions.courseId,
      },
      provider: organisations.name,
      name: users.displayName,
    })
    .from(interventions)
    .innerJoin(courses, eq(courses.id, interventions.courseId))
    .innerJoin(organisations, eq(organisations.id, interventions.providerOrganisationId))
    .innerJoin(users, eq(users.id, interventions.createdBy))
    .where(by(courses.citizenId))
    .orderBy(desc(interventions.createdAt))
    .limit(limitOf),
);

export const readGrants = builtOnce((tx) =>
  tx
    .select({
      g: {
        createdAt: clipGrants.createdAt,
        kind: clipGrants.kind,
        clips: clipGrants.clips,
        minutesPerClip: clipGrants.minutesPerClip,
        exception: clipGrants.exception,
        grantedBy: clipGrants.grantedBy,
        courseId: clipGrants.courseId,
      },
      name: users.displayName,
    })
    .from(clipGrants)
    .innerJoin(courses, eq(courses.id, clipGrants.courseId))
    .innerJoin(users, eq(users.id, clipGrants.grantedBy))
    .where(by(courses.citizenId))
    .orderBy(desc(clipGrants.createdAt))
    .limit(limitOf),
);

export const readClips = builtOnce((tx) =>
  tx
    .select({
      // A clip's note is never the timeline's: only what an entry shows is read.
      c: {
        status: clips.status,
        createdAt: clips.createdAt,
        registeredAt: clips.registeredAt,
        registeredBy: clips.registeredBy,
        kind: clips.kind,
        actualMinutes: clips.actualMinutes,
        accompanimentForm: clips.accompanimentForm,
        performedOn: clips.performedOn,
        cancelledByCitizen: clips.cancelledByCitizen,
        cancelReason: clips.cancelReason,
        plannedOn: clips.plannedOn,
        plannedStart: clips.plannedStart,
        plannedBy: clips.plannedBy,
        courseId: clips.courseId,
      },
      name: users.displayName,
      registrar: registrars.displayName,
      planner: planners.displayName,
    })
    .from(clips)
    .leftJoin(users, eq(users.id, clips.workerUserId))
    .leftJoin(registrars, eq(registrars.id, clips.registeredBy))
    .leftJoin(planners, eq(planners.id, clips.plannedBy))
    // The municipality as well: clips_citizen_created_idx leads with both, so a citizen's
    // newest clips come straight from it, with or without row-level security (decision 0109).
    .where(and(by(clips.citizenId), inTenant(clips, municipalityIdOf)))
    .orderBy(desc(clips.createdAt))
    .limit(limitOf),
);

export const readFollowUps = builtOnce((tx) =>
  tx
    .select({
      f: {
        performedAt: followUps.performedAt,
        result: followUps.result,
        stillParticipating: followUps.stillParticipating,
        performedBy: followUps.performedBy,
        courseId: followUps.courseId,
      },
      name: users.displayName,
    })
    .from(followUps)
    .innerJoin(courses, eq(courses.id, followUps.courseId))
    .innerJoin(users, eq(users.id, followUps.performedBy))
    .where(by(courses.citizenId))
    .orderBy(desc(followUps.performedAt))
    .limit(limitOf),
);

export const readNotes = builtOnce((tx) =>
  tx
    .select({
      n: {
        id: journalNotes.id,
        title: journalNotes.title,
        kind: journalNotes.kind,
        createdAt: journalNotes.createdAt,
        authorUserId: journalNotes.authorUserId,
      },
      name: users.displayName,
    })
    .from(journalNotes)
    .innerJoin(users, eq(users.id, journalNotes.authorUserId))
    .where(by(journalNotes.citizenId))
    .orderBy(desc(journalNotes.createdAt))
    .limit(limitOf),
);

export const readPlacementEvents = builtOnce((tx) =>
  tx
    .select({
      e: {
        at: placementEvents.at,
        fromStatus: placementEvents.fromStatus,
        toStatus: placementEvents.toStatus,
        reason: placementEvents.reason,
        actorUserId: placementEvents.actorUserId,
      },
      courseId: placements.courseId,
      activity: catalogActivities.title,
      name: users.displayName,
    })
    .from(placementEvents)
    .innerJoin(placements, eq(placements.id, placementEvents.placementId))
    .innerJoin(courses, eq(courses.id, placements.courseId))
    .innerJoin(catalogActivities, eq(catalogActivities.id, placements.activityId))
    .innerJoin(users, eq(users.id, placementEvents.actorUserId))
    .where(by(courses.citizenId))
    .orderBy(desc(placementEvents.at))
    .limit(limitOf),
);

export const readVolunteerReferrals = builtOnce((tx) =>
  tx
    .select({
      // What was shared with the centre stays on the referral (see below): not read here.
      v: {
        createdAt: volunteerReferrals.createdAt,
        createdBy: volunteerReferrals.createdBy,
        courseId: volunteerReferrals.courseId,
        status: volunteerReferrals.status,
        withdrawnFromStatus: volunteerReferrals.withdrawnFromStatus,
        answeredAt: volunteerReferrals.answeredAt,
        answeredBy: volunteerReferrals.answeredBy,
        matchKind: volunteerReferrals.matchKind,
        consentWithdrawnAt: volunteerReferrals.consentWithdrawnAt,
        consentWithdrawnBy: volunteerReferrals.consentWithdrawnBy,
      },
      organisation: organisations.name,
      name: users.displayName,
      answerer: answerers.displayName,
      withdrawer: withdrawers.displayName,
    })
    .from(volunteerReferrals)
    .innerJoin(courses, eq(courses.id, volunteerReferrals.courseId))
    .innerJoin(organisations, eq(organisations.id, volunteerReferrals.toOrganisationId))
    .innerJoin(users, eq(users.id, volunteerReferrals.createdBy))
    .leftJoin(answerers, eq(answerers.id, volunteerReferrals.answeredBy))
    .leftJoin(withdrawers, eq(withdrawers.id, volunteerReferrals.consentWithdrawnBy))
    .where(by(courses.citizenId))
    .orderBy(desc(volunteerReferrals.createdAt))
    .limit(limitOf),
);
