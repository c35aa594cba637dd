/**
 * The citizen's whole course as one timeline: detections, referrals and their answers, course
 * events, conversations, FSIII assessments, interventions, grants, clips, follow-ups and notes;
 * placements in activities and referrals to the volunteer centre (issue 5).
 * Each source is read with its own indexed query (newest first, at most `limit` rows each) and
 * merged here; entries carry a code and parameters, never note texts, so the web app words them.
 */
import { CONVERSATION_STATUSES, COURSE_EVENT_KINDS } from "../../../domain/course/vocabulary.js";
import { PLACEMENT_STATUS_ORDER, type PlacementStatus } from "../../../domain/matching/placement-workflow.js";
import { VOLUNTEER_REFERRAL_STATUSES } from "../../../domain/vocabulary/placements.js";
import { REFERRAL_STATUSES } from "../../../domain/vocabulary/referrals.js";
import type { TimelineEntry } from "../../../shared/api/courses.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { asResource, loadCitizenFor } from "../citizens/index.js";
import { localText } from "./detail.js";
import {
  readScreenings,
  readReferrals,
  readReferralEvents,
  readCourseEvents,
  readConversations,
  readConditions,
  readInterventions,
  readGrants,
  readClips,
  readFollowUps,
  readNotes,
  readPlacementEvents,
  readVolunteerReferrals,
} from "./timeline-sources.js";

/*
 * An entry before it is known to be shown: a long history reads up to `limit` rows from each of
 * thirteen sources and shows `limit` of them, so the instant is kept as read and the entry is
 * finished (ISO text, actor) only for those shown (issue 19).
 */
interface Entry {
  at: Date;
  sortAt: number;
  kind: TimelineEntry["kind"];
  code: TimelineCode;
  params: TimelineEntry["params"];
  actor: { id: string | null; name: string | null } | null;
  courseId: string | null;
}

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
): Entry => ({ at, sortAt: at.getTime(), kind, code, params, actor, courseId });

const shown = ({ at, kind, code, params, actor, courseId }: Entry): TimelineEntry => ({
  at: at.toISOString(),
  kind,
  code,
  params,
  actor: actor?.id ? { id: actor.id, name: actor.name ?? "" } : null,
  courseId,
});

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
  return out.slice(0, limit).map(shown);
}
