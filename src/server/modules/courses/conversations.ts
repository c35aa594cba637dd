/**
 * Afklar and Vejled og motivér: booked visits, conversations recorded from a guide (with the
 * structured result: loneliness type, interests, barriers, wishes, goals with agreements, FSIII
 * Følelsesfunktioner), and the interventions attached to the course.
 */
import { and, eq, sql } from "drizzle-orm";
import { FOLELSESFUNKTIONER } from "../../../domain/fsiii/fsiii.js";
import { startDayProblem } from "../../../domain/course/start-day.js";
import { copenhagenDate } from "../../../domain/time.js";
import type {
  BarrierCatalogue,
  ConversationGuide,
  InterestTaxonomy,
} from "../../../shared/api/course-definitions.js";
import type {
  BookConversationBody,
  CreateInterventionBody,
  RecordConversationBody,
} from "../../../shared/api/courses.js";
import type { DbOrTx } from "../../db/client.js";
import { conditionAssessments, conversations, interventions, organisations } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, type FieldIssue } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { visitChanged } from "../../platform/visit-events.js";
import { currentDefinition, definitionById } from "./course-definitions.js";
import {
  presentConversation,
  presentIntervention,
  selectConversations,
  selectInterventions,
} from "./detail.js";
import { currentProfile } from "./profile.js";
import { assertOpen, loadCourseFor } from "./service.js";

export async function bookConversation(tx: DbOrTx, ctx: Ctx, courseId: string, body: BookConversationBody) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.manage");
  assertOpen(course);
  const [row] = await tx
    .insert(conversations)
    .values({
      municipalityId: ctx.actor.municipalityId,
      courseId,
      citizenId: course.citizenId,
      kind: body.kind,
      status: "booked",
      scheduledAt: new Date(body.scheduledAt),
      recordedBy: ctx.actor.userId,
    })
    .returning({ id: conversations.id });
  await audit(tx, ctx, {
    action: "create",
    entityType: "conversation",
    entityId: row!.id,
    citizenId: course.citizenId,
  });
  // The citizen's reminder the day before (messaging, issue 16).
  await visitChanged(tx, ctx.actor.municipalityId, { conversationId: row!.id });
  const [created] = await selectConversations(tx, eq(conversations.id, row!.id));
  return presentConversation(created!, ctx.lang);
}

/** Ids must exist in the catalogue version the conversation is recorded against. */
function unknownIds(field: string, ids: string[], known: Set<string>): FieldIssue[] {
  return ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `${field}.${i}`, reason: "invalid_value" as const }],
  );
}

export async function recordConversation(
  tx: DbOrTx,
  ctx: Ctx,
  courseId: string,
  body: RecordConversationBody,
) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.manage", { forUpdate: true });
  assertOpen(course);
  const m = ctx.actor.municipalityId;

  let guideId: string | null = null;
  if (body.guideId) {
    const guide = await definitionById(tx, m, body.guideId);
    if (!guide || guide.kind !== "conversation_guide") throw AppError.field("guideId", "invalid_value");
    guideId = guide.id;
    const themes = new Set((guide.definition as ConversationGuide).themes.map((t) => t.id));
    const bad = Object.keys(body.themeNotes).filter((k) => !themes.has(k));
    if (bad.length > 0)
      throw new AppError("validation_failed", 400, {
        fields: bad.map((k) => ({ field: `themeNotes.${k}`, reason: "unknown_field" as const })),
      });
  } else if (Object.keys(body.themeNotes).length > 0) {
    throw AppError.field("guideId", "required");
  }

  const barriers = await currentDefinition(tx, m, "barrier_catalogue", "barriers");
  const interests = await currentDefinition(tx, m, "interest_taxonomy", "interests");
  const knownBarriers = new Set((barriers.definition as BarrierCatalogue).barriers.map((b) => b.id));
  const knownInterests = new Set((interests.definition as InterestTaxonomy).interests.map((i) => i.id));
  // What the body leaves out carries over from the citizen's current profile (entries a newer
  // catalogue version retired drop out: the coordinator cannot pick them any more either).
  const before = await currentProfile(tx, course.citizenId);
  const profile = {
    interests: body.interests ?? (before?.interests ?? []).filter((id) => knownInterests.has(id)),
    barriers: body.barriers ?? (before?.barriers ?? []).filter((id) => knownBarriers.has(id)),
    wishes: body.wishes === undefined ? (before?.wishes ?? null) : body.wishes,
  };
  const problems = [
    ...unknownIds("barriers", profile.barriers, knownBarriers),
    ...unknownIds("interests", profile.interests, knownInterests),
  ];
  if (problems.length > 0) throw new AppError("validation_failed", 400, { fields: problems });

  const values = {
    kind: body.kind,
    status: "held" as const,
    heldAt: body.heldAt ? new Date(body.heldAt) : new Date(),
    guideDefinitionId: guideId,
    themeNotes: body.themeNotes,
    lonelinessType: body.lonelinessType ?? null,
    interests: [...new Set(profile.interests)],
    barriers: [...new Set(profile.barriers)],
    barrierDefinitionId: barriers.id,
    interestDefinitionId: interests.id,
    wishes: profile.wishes,
    goals: body.goals,
    recordedBy: ctx.actor.userId,
    // The moment the result was written: the citizen's current profile is the one recorded last.
    recordedAt: new Date(),
  };

  let id: string;
  if (body.conversationId) {
    const [booked] = await tx
      .select({ id: conversations.id, status: conversations.status })
      .from(conversations)
      .where(
        and(
          inTenant(conversations, ctx),
          eq(conversations.id, body.conversationId),
          eq(conversations.courseId, courseId),
        ),
      )
      .for("update");
    if (!booked) throw AppError.notFound("conversation_not_found");
    if (booked.status !== "booked") throw new AppError("conversation_already_recorded", 409);
    await tx
      .update(conversations)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(conversations.id, booked.id));
    id = booked.id;
  } else {
    const [row] = await tx
      .insert(conversations)
      .values({ ...values, municipalityId: m, courseId, citizenId: course.citizenId })
      .returning({ id: conversations.id });
    id = row!.id;
  }

  if (body.condition) {
    await tx.insert(conditionAssessments).values({
      municipalityId: m,
      citizenId: course.citizenId,
      courseId,
      conversationId: id,
      conditionCode: FOLELSESFUNKTIONER.code,
      severity: body.condition.severity,
      citizenView: body.condition.citizenView ?? null,
      assessedBy: ctx.actor.userId,
    });
  }
  await audit(tx, ctx, {
    action: body.conversationId ? "update" : "create",
    entityType: "conversation",
    entityId: id,
    citizenId: course.citizenId,
  });
  // A booked conversation held needs no reminder any more.
  if (body.conversationId) await visitChanged(tx, m, { conversationId: id });
  const [saved] = await selectConversations(tx, eq(conversations.id, id));
  return presentConversation(saved!, ctx.lang);
}

export async function createIntervention(
  tx: DbOrTx,
  ctx: Ctx,
  courseId: string,
  body: CreateInterventionBody,
) {
  const course = await loadCourseFor(tx, ctx, courseId, "course.manage");
  assertOpen(course);
  const [provider] = await tx
    .select({ id: organisations.id, kind: organisations.kind })
    .from(organisations)
    .where(
      and(
        inTenant(organisations, ctx),
        eq(organisations.id, body.providerOrganisationId),
        eq(organisations.active, true),
      ),
    );
  // Interventions are carried out by home care, the coordinator unit or the volunteer centre — not the administration.
  if (!provider || provider.kind === "administration")
    throw AppError.field("providerOrganisationId", "invalid_value");
  const startedOn = body.startedOn ?? copenhagenDate(new Date());
  const problem = startDayProblem(startedOn, copenhagenDate(course.openedAt), copenhagenDate(new Date()));
  if (problem)
    throw new AppError("validation_failed", 400, {
      fields: [{ field: "startedOn", reason: problem.reason }],
      limit: problem.limit,
    });
  const [row] = await tx
    .insert(interventions)
    .values({
      municipalityId: ctx.actor.municipalityId,
      courseId,
      kind: body.kind,
      providerOrganisationId: provider.id,
      description: body.description ?? null,
      startedOn,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: interventions.id });
  await audit(tx, ctx, {
    action: "create",
    entityType: "intervention",
    entityId: row!.id,
    citizenId: course.citizenId,
  });
  const [created] = await selectInterventions(tx, eq(interventions.id, row!.id));
  return presentIntervention(created!);
}

export async function endIntervention(tx: DbOrTx, ctx: Ctx, id: string) {
  const [found] = await tx
    .select({ courseId: interventions.courseId, endedAt: interventions.endedAt })
    .from(interventions)
    .where(and(inTenant(interventions, ctx), eq(interventions.id, id)))
    .for("update");
  if (!found) throw AppError.notFound("intervention_not_found");
  const course = await loadCourseFor(tx, ctx, found.courseId, "course.manage");
  if (found.endedAt) throw new AppError("intervention_ended", 409);
  await tx
    .update(interventions)
    .set({ endedAt: sql`now()` })
    .where(eq(interventions.id, id));
  await audit(tx, ctx, {
    action: "update",
    entityType: "intervention",
    entityId: id,
    citizenId: course.citizenId,
    criterion: { ended: true },
  });
  const [row] = await selectInterventions(tx, eq(interventions.id, id));
  return presentIntervention(row!);
}
