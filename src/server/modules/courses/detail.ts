/**
 * The course page's data: the course, its history, conversations, interventions, FSIII
 * condition history, follow-ups and the punch card's lines — presented, never raw rows.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { PunchCardPolicyDocument } from "../../../shared/api/course-definitions.js";
import type { Conversation, CourseDetail, Goal } from "../../../shared/api/courses.js";
import { allowedMoves } from "../../../domain/course/workflow.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  conditionAssessments,
  conversations,
  courseDefinitions,
  courseEvents,
  followUps,
  interventions,
  organisations,
  users,
} from "../../db/schema/index.js";
import { currentPunchCardPolicy } from "./course-definitions.js";
import type { Lang } from "../../platform/messages.js";
import { type CourseRow, cardLinesOf, summarise } from "./queries.js";
import { currentProfile, presentProfile } from "./profile.js";

/** A municipality's text in the caller's language, Danish when it has not written one. */
export function localText(
  t: { da: string; en?: string | null | undefined } | undefined,
  lang: Lang,
): string | undefined {
  return t ? (lang === "en" && t.en ? t.en : t.da) : undefined;
}

type ConversationRow = typeof conversations.$inferSelect & {
  recordedByName: string;
  guideKey: string | null;
  guideVersion: number | null;
  guideDefinition: unknown;
};

export function presentConversation(r: ConversationRow, lang: Lang = "da"): Conversation {
  const guide =
    r.guideDefinitionId && r.guideKey
      ? {
          id: r.guideDefinitionId,
          key: r.guideKey,
          version: r.guideVersion ?? 1,
          title:
            localText(
              (r.guideDefinition as { title?: { da: string; en?: string | null } } | null)?.title,
              lang,
            ) ?? r.guideKey,
        }
      : null;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    scheduledAt: r.scheduledAt?.toISOString() ?? null,
    heldAt: r.heldAt?.toISOString() ?? null,
    guide,
    themeNotes: r.themeNotes as Record<string, string | null>,
    lonelinessType: r.lonelinessType,
    interests: r.interests,
    barriers: r.barriers,
    wishes: r.wishes,
    goals: r.goals as Goal[],
    recordedBy: { id: r.recordedBy, name: r.recordedByName },
    createdAt: r.createdAt.toISOString(),
  };
}

export function selectConversations(tx: DbOrTx, where: ReturnType<typeof and>) {
  return tx
    .select({
      ...conversationColumns,
      recordedByName: users.displayName,
      guideKey: courseDefinitions.key,
      guideVersion: courseDefinitions.version,
      guideDefinition: courseDefinitions.definition,
    })
    .from(conversations)
    .innerJoin(users, eq(users.id, conversations.recordedBy))
    .leftJoin(courseDefinitions, eq(courseDefinitions.id, conversations.guideDefinitionId))
    .where(where)
    .orderBy(desc(conversations.createdAt));
}

const conversationColumns = {
  id: conversations.id,
  municipalityId: conversations.municipalityId,
  courseId: conversations.courseId,
  citizenId: conversations.citizenId,
  kind: conversations.kind,
  status: conversations.status,
  scheduledAt: conversations.scheduledAt,
  heldAt: conversations.heldAt,
  guideDefinitionId: conversations.guideDefinitionId,
  themeNotes: conversations.themeNotes,
  lonelinessType: conversations.lonelinessType,
  interests: conversations.interests,
  barriers: conversations.barriers,
  barrierDefinitionId: conversations.barrierDefinitionId,
  interestDefinitionId: conversations.interestDefinitionId,
  wishes: conversations.wishes,
  goals: conversations.goals,
  recordedBy: conversations.recordedBy,
  recordedAt: conversations.recordedAt,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
};

export function presentIntervention(r: typeof interventions.$inferSelect & { providerName: string }) {
  return {
    id: r.id,
    kind: r.kind,
    provider: { id: r.providerOrganisationId, name: r.providerName },
    description: r.description,
    startedOn: r.startedOn,
    createdAt: r.createdAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

export function selectInterventions(tx: DbOrTx, where: ReturnType<typeof and>) {
  return tx
    .select({
      id: interventions.id,
      municipalityId: interventions.municipalityId,
      courseId: interventions.courseId,
      kind: interventions.kind,
      providerOrganisationId: interventions.providerOrganisationId,
      description: interventions.description,
      startedOn: interventions.startedOn,
      createdBy: interventions.createdBy,
      createdAt: interventions.createdAt,
      endedAt: interventions.endedAt,
      providerName: organisations.name,
    })
    .from(interventions)
    .innerJoin(organisations, eq(organisations.id, interventions.providerOrganisationId))
    .where(where)
    .orderBy(asc(interventions.startedOn), asc(interventions.createdAt));
}

export async function courseDetail(tx: DbOrTx, row: CourseRow, lang: Lang): Promise<CourseDetail> {
  const policy = await currentPunchCardPolicy(tx, row.municipalityId);
  const doc: PunchCardPolicyDocument = policy.document;
  const [[summary], events, convs, ints, conditions, fups] = await inSequence([
    () => summarise(tx, [row], doc.warnWhenClipsLeft),
    () =>
      tx
        .select({ e: courseEvents, actorName: users.displayName })
        .from(courseEvents)
        .innerJoin(users, eq(users.id, courseEvents.actorUserId))
        .where(eq(courseEvents.courseId, row.id))
        .orderBy(asc(courseEvents.at), asc(courseEvents.id)),
    () => selectConversations(tx, eq(conversations.courseId, row.id)),
    () => selectInterventions(tx, eq(interventions.courseId, row.id)),
    () =>
      tx
        .select({ a: conditionAssessments, name: users.displayName })
        .from(conditionAssessments)
        .innerJoin(users, eq(users.id, conditionAssessments.assessedBy))
        .where(eq(conditionAssessments.citizenId, row.citizenId))
        .orderBy(desc(conditionAssessments.assessedAt)),
    () =>
      tx
        .select({ f: followUps, name: users.displayName })
        .from(followUps)
        .innerJoin(users, eq(users.id, followUps.performedBy))
        .where(eq(followUps.courseId, row.id))
        .orderBy(desc(followUps.performedAt)),
  ]);
  const reassigned = [
    ...new Set(events.flatMap(({ e }) => [e.fromUserId, e.toUserId]).filter((x): x is string => !!x)),
  ];
  const names = new Map(
    reassigned.length === 0
      ? []
      : (
          await tx
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, reassigned))
        ).map((u) => [u.id, u.name]),
  );
  const card = (await cardLinesOf(tx, [row.id], doc.warnWhenClipsLeft)).get(row.id) ?? [];
  const profile = await currentProfile(tx, row.citizenId);
  return {
    ...summary!,
    version: row.version,
    referralId: row.referralId,
    closedAt: row.closedAt?.toISOString() ?? null,
    closingReason: row.closingReason,
    citizenAccount: row.citizenAccount,
    allowedMoves: allowedMoves({ stage: row.stage, paused: row.pausedAt !== null }),
    events: events.map(({ e, actorName }) => ({
      kind: e.kind,
      fromStage: e.fromStage,
      toStage: e.toStage,
      reason: e.reason,
      fromUser: e.fromUserId ? { id: e.fromUserId, name: names.get(e.fromUserId) ?? "" } : null,
      toUser: e.toUserId ? { id: e.toUserId, name: names.get(e.toUserId) ?? "" } : null,
      actor: { id: e.actorUserId, name: actorName },
      at: e.at.toISOString(),
    })),
    conversations: convs.map((c) => presentConversation(c, lang)),
    interventions: ints.map(presentIntervention),
    conditionHistory: conditions.map(({ a, name }) => ({
      id: a.id,
      conditionCode: a.conditionCode,
      severity: a.severity,
      citizenView: a.citizenView,
      assessedBy: { id: a.assessedBy, name },
      assessedAt: a.assessedAt.toISOString(),
    })),
    followUps: fups.map(({ f, name }) => ({
      id: f.id,
      result: f.result,
      stillParticipating: f.stillParticipating,
      note: f.note,
      nextFollowUpOn: f.nextFollowUpOn,
      performedBy: { id: f.performedBy, name },
      performedAt: f.performedAt.toISOString(),
    })),
    card,
    policy: { id: policy.id, version: policy.version, description: localText(doc.description, lang) ?? "" },
    profile: presentProfile(profile),
  };
}
