/**
 * Outcome measurement (issue 6, point 3): opening a course schedules the outcome questionnaire
 * (T-ILS unless the municipality chose another) at baseline and again after N months (6 unless
 * configured). Answers are screenings with purpose "outcome", scored by the same engine; they
 * never create notes or referrals, and they are not counted as detection forms.
 */
import { addMonths, formatISO, parseISO } from "date-fns";
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { copenhagenDate } from "../../../domain/time.js";
import type { OutcomeDueQuery, RecordOutcomeBody } from "../../../shared/api/reports.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, courses, municipalitySettings, outcomeMeasurements, screenings, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { scoreQuestionnaire } from "../detection/screenings.js";

export interface EvaluationSettings {
  outcomeQuestionnaireKey: string;
  outcomeFollowUpMonths: number;
  smallNumberThreshold: number;
}

export const EVALUATION_DEFAULTS: EvaluationSettings = { outcomeQuestionnaireKey: "t-ils", outcomeFollowUpMonths: 6, smallNumberThreshold: 5 };

export async function evaluationSettings(tx: DbOrTx, municipalityId: string): Promise<EvaluationSettings> {
  const [row] = await tx
    .select({
      outcomeQuestionnaireKey: municipalitySettings.outcomeQuestionnaireKey,
      outcomeFollowUpMonths: municipalitySettings.outcomeFollowUpMonths,
      smallNumberThreshold: municipalitySettings.smallNumberThreshold,
    })
    .from(municipalitySettings)
    .where(eq(municipalitySettings.municipalityId, municipalityId));
  return row ?? EVALUATION_DEFAULTS;
}

/** Called when a course opens: baseline due the day it opens, follow-up N months later. */
export async function scheduleOutcomes(tx: DbOrTx, municipalityId: string, courseId: string, citizenId: string, openedOn: string): Promise<void> {
  const settings = await evaluationSettings(tx, municipalityId);
  const followUpOn = formatISO(addMonths(parseISO(openedOn), settings.outcomeFollowUpMonths), { representation: "date" });
  await tx
    .insert(outcomeMeasurements)
    .values([
      { municipalityId, courseId, citizenId, phase: "baseline", questionnaireKey: settings.outcomeQuestionnaireKey, dueOn: openedOn },
      { municipalityId, courseId, citizenId, phase: "follow_up", questionnaireKey: settings.outcomeQuestionnaireKey, dueOn: followUpOn },
    ])
    .onConflictDoNothing();
}

function present(row: typeof outcomeMeasurements.$inferSelect, outcome: { key: string; colour: string; positive: boolean; total: number | null } | null) {
  return {
    id: row.id,
    courseId: row.courseId,
    phase: row.phase,
    questionnaireKey: row.questionnaireKey,
    dueOn: row.dueOn,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    outcome,
  };
}

/** The course's two measurements with their results. */
export async function courseOutcomes(
  tx: DbOrTx,
  ctx: Ctx,
  course: { id: string; citizenId: string },
  citizenResource: { municipalityId: string; providerOrganisationId: string | null },
) {
  authorize(ctx, { kind: "course.read", citizen: citizenResource });
  const courseId = course.id;
  // A citizen's loneliness scores: reading them is a read of citizen data, so it is audited.
  await audit(tx, ctx, { action: "read", entityType: "outcome_measurements", entityId: courseId, citizenId: course.citizenId });
  const rows = await tx
    .select({ m: outcomeMeasurements, key: screenings.outcomeKey, colour: screenings.colour, positive: screenings.positive, scores: screenings.scores })
    .from(outcomeMeasurements)
    .leftJoin(screenings, eq(screenings.id, outcomeMeasurements.screeningId))
    .where(and(inTenant(outcomeMeasurements, ctx), eq(outcomeMeasurements.courseId, courseId)))
    .orderBy(asc(outcomeMeasurements.dueOn));
  return rows.map((r) => present(r.m, r.key ? { key: r.key, colour: r.colour!, positive: r.positive!, total: totalOf(r.scores) } : null));
}

/** The questionnaire's main score: "total" when it has one, else its first score. */
export function totalOf(scores: unknown): number | null {
  const s = (scores ?? {}) as Record<string, number>;
  if (typeof s.total === "number") return s.total;
  const first = Object.values(s).find((v) => typeof v === "number");
  return first ?? null;
}

export async function recordOutcome(tx: DbOrTx, ctx: Ctx, courseId: string, phase: "baseline" | "follow_up", body: RecordOutcomeBody) {
  const [course] = await tx
    .select({ citizenId: courses.citizenId, provider: citizens.providerOrganisationId })
    .from(courses)
    .innerJoin(citizens, eq(citizens.id, courses.citizenId))
    .where(and(inTenant(courses, ctx), eq(courses.id, courseId)));
  if (!course) throw AppError.notFound("course_not_found");
  authorize(ctx, { kind: "course.manage", citizen: { municipalityId: ctx.actor.municipalityId, providerOrganisationId: course.provider } });
  const [measurement] = await tx
    .select()
    .from(outcomeMeasurements)
    .where(and(eq(outcomeMeasurements.courseId, courseId), eq(outcomeMeasurements.phase, phase)))
    .for("update");
  if (!measurement) throw AppError.notFound("outcome_measurement_not_found");
  if (measurement.screeningId) throw new AppError("outcome_already_recorded", 409);
  const { stored, outcome, scores } = await scoreQuestionnaire(tx, ctx, body.questionnaireId, body.answers);
  // The baseline and the follow-up must be the same instrument, or the change means nothing.
  if (stored.key !== measurement.questionnaireKey) throw AppError.field("questionnaireId", "invalid_value");
  const [screening] = await tx
    .insert(screenings)
    .values({
      municipalityId: ctx.actor.municipalityId,
      citizenId: course.citizenId,
      definitionId: stored.id,
      answers: body.answers,
      scores,
      outcomeKey: outcome.key,
      colour: outcome.colour,
      positive: outcome.isPositive,
      consent: "not_asked",
      purpose: "outcome",
      performedBy: ctx.actor.userId,
      performedByOrganisationId: ctx.actor.organisationId,
    })
    .returning({ id: screenings.id, performedAt: screenings.performedAt });
  await tx.update(outcomeMeasurements).set({ screeningId: screening!.id, answeredAt: screening!.performedAt }).where(eq(outcomeMeasurements.id, measurement.id));
  await audit(tx, ctx, { action: "create", entityType: "outcome_measurement", entityId: measurement.id, citizenId: course.citizenId, criterion: { phase } });
  return present({ ...measurement, screeningId: screening!.id, answeredAt: screening!.performedAt }, { key: outcome.key, colour: outcome.colour, positive: outcome.isPositive, total: totalOf(scores) });
}

/** Who is due for an outcome questionnaire (unanswered, due on or before the day), oldest first. */
export async function outcomesDue(tx: DbOrTx, ctx: Ctx, query: OutcomeDueQuery) {
  authorize(ctx, { kind: "course.caseload" });
  const until = query.until ?? copenhagenDate(new Date());
  const rows = await tx
    .select({ m: outcomeMeasurements, first: citizens.firstName, last: citizens.lastName, coordinator: users.displayName, coordinatorId: courses.coordinatorUserId })
    .from(outcomeMeasurements)
    .innerJoin(courses, eq(courses.id, outcomeMeasurements.courseId))
    .innerJoin(citizens, eq(citizens.id, outcomeMeasurements.citizenId))
    .innerJoin(users, eq(users.id, courses.coordinatorUserId))
    .where(
      and(
        inTenant(outcomeMeasurements, ctx),
        isNull(outcomeMeasurements.screeningId),
        lte(outcomeMeasurements.dueOn, until),
        // A baseline missed on a closed course can no longer be taken; the follow-up still can.
        sql`not (${courses.stage} = 'closed' and ${outcomeMeasurements.phase} = 'baseline')`,
        ctx.actor.role === "community_coordinator" && !query.all ? eq(courses.coordinatorUserId, ctx.actor.userId) : undefined,
      ),
    )
    .orderBy(asc(outcomeMeasurements.dueOn));
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? { action: "search", entityType: "outcome_measurement", criterion: { due: until, hits: 0 } }
      : rows.map((r) => ({ action: "search" as const, entityType: "outcome_measurement", entityId: r.m.id, citizenId: r.m.citizenId, criterion: { due: until } })),
  );
  return rows.map((r) => ({
    ...present(r.m, null),
    citizen: { id: r.m.citizenId, name: `${r.first} ${r.last}` },
    coordinator: { id: r.coordinatorId, name: r.coordinator },
  }));
}
