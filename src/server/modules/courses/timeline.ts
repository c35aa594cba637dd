/**
 * The citizen's whole course as one timeline: detections, referrals and their answers, course
 * events, conversations, FSIII assessments, interventions, grants, clips, follow-ups and notes;
 * placements in activities and referrals to the volunteer centre (issue 5).
 * Each source is read with its own indexed query (newest first, at most `limit` rows each) and
 * merged here; entries carry a code and parameters, never note texts, so the web app words them.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { CONVERSATION_STATUSES, COURSE_EVENT_KINDS } from "../../../domain/course/vocabulary.js";
import { PLACEMENT_STATUS_ORDER, type PlacementStatus } from "../../../domain/matching/placement-workflow.js";
import { VOLUNTEER_REFERRAL_STATUSES } from "../../../domain/vocabulary/placements.js";
import { REFERRAL_STATUSES } from "../../../domain/vocabulary/referrals.js";
import type { TimelineEntry } from "../../../shared/api/courses.js";
import { builtOnce } from "../../db/built-once.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  catalogActivities,
  clipGrants,
  courseDefinitions,
  clips,
  conditionAssessments,
  conversations,
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
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, loadCitizenFor } from "../citizens/index.js";
import { localText } from "./detail.js";

type Entry = TimelineEntry & { sortAt: number };

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

/**
 * Every code a timeline entry can carry. The web app words each one in Danish and English
 * (courses.*.json, timeline.<code>); platform/audit-vocabulary.test.ts fails for a code without words,
 * and entry() takes only these, so a new kind of event must be added here first.
 */
export type TimelineCode =
  | "screening.done"
  | "screening.outcome"
  | "referral.created"
  | `referral.${(typeof REFERRAL_STATUSES)[number]}`
  | `course.${(typeof COURSE_EVENT_KINDS)[number]}`
  | `conversation.${(typeof CONVERSATION_STATUSES)[number]}`
  | "condition.assessed"
  | "intervention.created"
  | "intervention.ended"
  | "grant.created"
  | "clip.planned"
  | "clip.done"
  | "clip.cancelled"
  | "follow_up.recorded"
  | "note.created"
  | "placement.created"
  | `placement.${PlacementStatus}`
  | `volunteer_referral.${(typeof VOLUNTEER_REFERRAL_STATUSES)[number]}`;

export const TIMELINE_CODES: readonly TimelineCode[] = [
  "screening.done",
  "screening.outcome",
  "referral.created",
  ...REFERRAL_STATUSES.map((s) => `referral.${s}` as const),
  ...COURSE_EVENT_KINDS.map((k) => `course.${k}` as const),
  ...CONVERSATION_STATUSES.map((s) => `conversation.${s}` as const),
  "condition.assessed",
  "intervention.created",
  "intervention.ended",
  "grant.created",
  "clip.planned",
  "clip.done",
  "clip.cancelled",
  "follow_up.recorded",
  "note.created",
  "placement.created",
  ...PLACEMENT_STATUS_ORDER.map((s) => `placement.${s}` as const),
  ...VOLUNTEER_REFERRAL_STATUSES.map((s) => `volunteer_referral.${s}` as const),
];

const entry = (
  at: Date,
  kind: TimelineEntry["kind"],
  code: TimelineCode,
  params: TimelineEntry["params"],
  actor: { id: string | null; name: string | null } | null,
  courseId: string | null,
): Entry => ({
  at: at.toISOString(),
  sortAt: at.getTime(),
  kind,
  code,
  params,
  actor: actor?.id ? { id: actor.id, name: actor.name ?? "" } : null,
  courseId,
});

/*
 * Each source's statement is built once per process (db/built-once.ts): its shape never changes,
 * only the citizen, the municipality and the limit, and building fourteen statements cost more CPU
 * per timeline than reading their rows (issue 19, decision 0092).
 */
const citizenIdOf = sql.placeholder("citizenId");
const limitOf = sql.placeholder("limit");
const municipalityIdOf = sql.placeholder("municipalityId");
const by = (col: Parameters<typeof eq>[0]) => eq(col, citizenIdOf);

const readScreenings = builtOnce((tx) =>
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

const readReferrals = builtOnce((tx) =>
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

const readReferralEvents = builtOnce((tx) =>
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

const readCourseEvents = builtOnce((tx) =>
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

const readConversations = builtOnce((tx) =>
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

const readConditions = builtOnce((tx) =>
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

const readInterventions = builtOnce((tx) =>
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

const readGrants = builtOnce((tx) =>
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

const readClips = builtOnce((tx) =>
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

const readFollowUps = builtOnce((tx) =>
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

const readNotes = builtOnce((tx) =>
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

const readPlacementEvents = builtOnce((tx) =>
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

const readVolunteerReferrals = builtOnce((tx) =>
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

export async function citizenTimeline(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  limit: number,
): Promise<TimelineEntry[]> {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "course.read", citizen: asResource(citizen) });
  const values = { citizenId, limit };

  const [scr, refs, refEvents, cEvents, convs, conds, ints, grants, clipRows, fups, notes, pEvents, vRefs] =
    await inSequence([
      () => readScreenings(tx, values),
      () => readReferrals(tx, values),
      () => readReferralEvents(tx, values),
      () => readCourseEvents(tx, values),
      () => readConversations(tx, values),
      () => readConditions(tx, values),
      () => readInterventions(tx, values),
      () => readGrants(tx, values),
      () => readClips(tx, { ...values, municipalityId: ctx.actor.municipalityId }),
      () => readFollowUps(tx, values),
      () => readNotes(tx, values),
      () => readPlacementEvents(tx, values),
      () => readVolunteerReferrals(tx, values),
    ]);

  const out: Entry[] = [
    ...scr.map(({ s, name, title, outcome }) =>
      entry(
        s.performedAt,
        "screening",
        s.purpose === "outcome" ? "screening.outcome" : "screening.done",
        {
          // An exclusion recorded without answers has no outcome; an unknown key is shown as itself.
          outcome: s.outcomeKey === null ? null : (localText(outcome ?? undefined, ctx.lang) ?? s.outcomeKey),
          questionnaire: localText(title ?? undefined, ctx.lang) ?? null,
          colour: s.colour,
          consent: s.consent,
        },
        { id: s.performedBy, name },
        null,
      ),
    ),
    ...refs.map((r) =>
      entry(
        r.createdAt,
        "referral",
        "referral.created",
        { receipt: r.receiptNumber, source: r.source, channel: r.channel },
        null,
        null,
      ),
    ),
    ...refEvents
      .filter(({ e }) => e.fromStatus !== null)
      .map(({ e, receipt, name }) =>
        entry(e.at, "referral", `referral.${e.toStatus}`, { receipt }, { id: e.actorUserId, name }, null),
      ),
    ...cEvents.map(({ e, name, fromName, toName }) =>
      entry(
        e.at,
        "course",
        `course.${e.kind}`,
        {
          from: e.fromStage,
          to: e.toStage,
          reason: e.kind === "closed" ? e.reason : null,
          // A reassignment names the coordinators, not their ids.
          ...(e.kind === "reassigned" ? { fromUser: fromName ?? null, toUser: toName ?? null } : {}),
        },
        { id: e.actorUserId, name },
        e.courseId,
      ),
    ),
    ...convs.map(({ c, interests, barriers, name, guide }) =>
      c.status === "held" && c.heldAt
        ? entry(
            c.heldAt,
            "conversation",
            "conversation.held",
            {
              kind: c.kind,
              guide: localText(guide ?? undefined, ctx.lang) ?? null,
              interests,
              barriers,
            },
            { id: c.recordedBy, name },
            c.courseId,
          )
        : entry(
            c.createdAt,
            "conversation",
            `conversation.${c.status}`,
            { kind: c.kind, scheduledAt: c.scheduledAt?.toISOString() ?? null },
            { id: c.recordedBy, name },
            c.courseId,
          ),
    ),
    ...conds.map(({ a, name }) =>
      entry(
        a.assessedAt,
        "condition",
        "condition.assessed",
        { code: a.conditionCode, severity: a.severity, citizenView: a.citizenView },
        { id: a.assessedBy, name },
        a.courseId,
      ),
    ),
    ...ints.flatMap(({ i, provider, name }) => [
      entry(
        i.createdAt,
        "intervention",
        "intervention.created",
        { kind: i.kind, provider },
        { id: i.createdBy, name },
        i.courseId,
      ),
      ...(i.endedAt
        ? [
            entry(
              i.endedAt,
              "intervention",
              "intervention.ended",
              { kind: i.kind, provider },
              null,
              i.courseId,
            ),
          ]
        : []),
    ]),
    ...grants.map(({ g, name }) =>
      entry(
        g.createdAt,
        "grant",
        "grant.created",
        { kind: g.kind, clips: g.clips, minutesPerClip: g.minutesPerClip, exception: g.exception },
        { id: g.grantedBy, name },
        g.courseId,
      ),
    ),
    ...clipRows.map(({ c, name, registrar, planner }) => {
      if (c.status === "done")
        return entry(
          c.registeredAt ?? c.createdAt,
          "clip",
          "clip.done",
          { kind: c.kind, minutes: c.actualMinutes, form: c.accompanimentForm, date: c.performedOn },
          { id: c.registeredBy, name: registrar },
          c.courseId,
        );
      if (c.status === "cancelled")
        return entry(
          c.registeredAt ?? c.createdAt,
          "clip",
          "clip.cancelled",
          { kind: c.kind, byCitizen: c.cancelledByCitizen, reason: c.cancelReason },
          { id: c.registeredBy, name: registrar },
          c.courseId,
        );
      return entry(
        c.createdAt,
        "clip",
        "clip.planned",
        { kind: c.kind, date: c.plannedOn, start: c.plannedStart, worker: name },
        { id: c.plannedBy, name: planner },
        c.courseId,
      );
    }),
    ...fups.map(({ f, name }) =>
      entry(
        f.performedAt,
        "follow_up",
        "follow_up.recorded",
        { result: f.result, stillParticipating: f.stillParticipating },
        { id: f.performedBy, name },
        f.courseId,
      ),
    ),
    ...notes.map(({ n, name }) =>
      entry(
        n.createdAt,
        "note",
        "note.created",
        { title: n.title, kind: n.kind },
        { id: n.authorUserId, name },
        null,
      ),
    ),
    ...pEvents.map(({ e, courseId, activity, name }) =>
      e.fromStatus === null
        ? entry(e.at, "placement", "placement.created", { activity }, { id: e.actorUserId, name }, courseId)
        : entry(
            e.at,
            "placement",
            `placement.${e.toStatus}`,
            { activity, reason: e.reason },
            { id: e.actorUserId, name },
            courseId,
          ),
    ),
    // Only the organisation and the outcome: what was shared stays on the referral. A withdrawn
    // referral keeps the answer it had (withdrawn_from_status) and adds the withdrawal.
    ...vRefs.flatMap(({ v, organisation, name, answerer, withdrawer }) => [
      entry(
        v.createdAt,
        "volunteer_referral",
        "volunteer_referral.sent",
        { organisation },
        { id: v.createdBy, name },
        v.courseId,
      ),
      ...(v.answeredAt && (v.withdrawnFromStatus ?? v.status) !== "sent"
        ? [
            entry(
              v.answeredAt,
              "volunteer_referral",
              `volunteer_referral.${v.withdrawnFromStatus ?? v.status}`,
              { organisation, matchKind: v.matchKind },
              { id: v.answeredBy, name: answerer },
              v.courseId,
            ),
          ]
        : []),
      ...(v.consentWithdrawnAt
        ? [
            entry(
              v.consentWithdrawnAt,
              "volunteer_referral",
              "volunteer_referral.withdrawn",
              { organisation },
              { id: v.consentWithdrawnBy, name: withdrawer },
              v.courseId,
            ),
          ]
        : []),
    ]),
  ];
  out.sort((a, b) => b.sortAt - a.sortAt);
  await audit(tx, ctx, { action: "read", entityType: "timeline", entityId: citizenId, citizenId });
  return out.slice(0, limit).map(({ sortAt: _sortAt, ...e }) => e);
}

type LocalTitle = { da: string; en?: string | null };
