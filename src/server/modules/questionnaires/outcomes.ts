/**
 * Outcome measurement (issue 6, point 3): opening a course schedules the outcome questionnaire
 * (T-ILS unless the municipality chose another) at baseline and again after N months (6 unless
 * configured). Answers are screenings with purpose "outcome", scored by the same engine; they
 * never create notes or referrals, and they are not counted as detection forms.
 */
import { addDays, addMonths, formatISO, parseISO } from "date-fns";
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, sql } from "drizzle-orm";
import {
  type DayWindow,
  detectionServesAsBaseline,
  followUpWindow,
  isWithin,
} from "../../../domain/reporting/outcome-window.js";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import type { OutcomePhase } from "../../../domain/vocabulary/reports.js";
import type { OutcomeDueQuery, RecordOutcomeBody } from "../../../shared/api/reports.js";
import type { DbOrTx } from "../../db/client.js";
import {
  citizens,
  courses,
  municipalitySettings,
  outcomeMeasurements,
  questionnaireDefinitions,
  screenings,
  users,
} from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { listedCitizen } from "../citizens/index.js";
import { scoreQuestionnaire } from "./scoring.js";

export interface EvaluationSettings {
  outcomeQuestionnaireKey: string;
  outcomeFollowUpMonths: number;
  outcomeWindowFromMonths: number;
  outcomeWindowToMonths: number;
  baselineFromDetectionDays: number;
  smallNumberThreshold: number;
}

/** The shipped defaults (the columns' defaults in municipality_settings say the same). */
export const EVALUATION_DEFAULTS: EvaluationSettings = {
  outcomeQuestionnaireKey: "t-ils",
  outcomeFollowUpMonths: 6,
  outcomeWindowFromMonths: 5,
  outcomeWindowToMonths: 8,
  baselineFromDetectionDays: 14,
  smallNumberThreshold: 5,
};

export async function evaluationSettings(tx: DbOrTx, municipalityId: string): Promise<EvaluationSettings> {
  const [row] = await tx
    .select({
      outcomeQuestionnaireKey: municipalitySettings.outcomeQuestionnaireKey,
      outcomeFollowUpMonths: municipalitySettings.outcomeFollowUpMonths,
      outcomeWindowFromMonths: municipalitySettings.outcomeWindowFromMonths,
      outcomeWindowToMonths: municipalitySettings.outcomeWindowToMonths,
      baselineFromDetectionDays: municipalitySettings.baselineFromDetectionDays,
      smallNumberThreshold: municipalitySettings.smallNumberThreshold,
    })
    .from(municipalitySettings)
    .where(inTenant(municipalitySettings, municipalityId));
  return row ?? EVALUATION_DEFAULTS;
}

/**
 * Called when a course opens: baseline due the day it opens, follow-up N months later. A detection
 * form on the same instrument answered at most `baselineFromDetectionDays` before the opening
 * is the baseline already (issue 11 point 6): the citizen is not asked the same questions twice.
 */
export async function scheduleOutcomes(
  tx: DbOrTx,
  municipalityId: string,
  courseId: string,
  citizenId: string,
  openedOn: string,
): Promise<void> {
  const settings = await evaluationSettings(tx, municipalityId);
  const followUpOn = formatISO(addMonths(parseISO(openedOn), settings.outcomeFollowUpMonths), {
    representation: "date",
  });
  const earlier = await recentDetectionBaseline(tx, municipalityId, citizenId, settings, openedOn);
  await tx
    .insert(outcomeMeasurements)
    .values([
      {
        municipalityId,
        courseId,
        citizenId,
        phase: "baseline",
        questionnaireKey: settings.outcomeQuestionnaireKey,
        dueOn: openedOn,
        screeningId: earlier?.id ?? null,
        answeredAt: earlier?.performedAt ?? null,
      },
      {
        municipalityId,
        courseId,
        citizenId,
        phase: "follow_up",
        questionnaireKey: settings.outcomeQuestionnaireKey,
        dueOn: followUpOn,
      },
    ])
    .onConflictDoNothing();
}

/** The newest answered detection form on the outcome instrument that can serve as the baseline, if any. */
async function recentDetectionBaseline(
  tx: DbOrTx,
  municipalityId: string,
  citizenId: string,
  settings: EvaluationSettings,
  openedOn: string,
) {
  const since = formatISO(addDays(parseISO(openedOn), -settings.baselineFromDetectionDays), {
    representation: "date",
  });
  const rows = await tx
    .select({ id: screenings.id, performedAt: screenings.performedAt })
    .from(screenings)
    .innerJoin(questionnaireDefinitions, eq(questionnaireDefinitions.id, screenings.definitionId))
    .where(
      and(
        inTenant(screenings, municipalityId),
        eq(screenings.citizenId, citizenId),
        eq(screenings.purpose, "detection"),
        isNotNull(screenings.answers),
        eq(questionnaireDefinitions.key, settings.outcomeQuestionnaireKey),
        // A generous range in SQL; the exact Copenhagen-day rule below.
        gte(screenings.performedAt, copenhagenInstant(since, "00:00")),
      ),
    )
    .orderBy(desc(screenings.performedAt))
    .limit(5);
  return (
    rows.find((r) =>
      detectionServesAsBaseline(copenhagenDate(r.performedAt), openedOn, settings.baselineFromDetectionDays),
    ) ?? null
  );
}

interface MeasurementExtras {
  outcome: { key: string; colour: string; positive: boolean; total: number | null } | null;
  /** The follow-up's window, when the baseline is answered. */
  window: DayWindow | null;
  fromDetection: boolean;
}

function present(row: typeof outcomeMeasurements.$inferSelect, extras: MeasurementExtras) {
  return {
    id: row.id,
    courseId: row.courseId,
    phase: row.phase,
    questionnaireKey: row.questionnaireKey,
    dueOn: row.dueOn,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    outcome: extras.outcome,
    window: row.phase === "follow_up" ? extras.window : null,
    outOfWindow: row.outOfWindow,
    fromDetection: extras.fromDetection,
  };
}

/** The follow-up's window from the baseline's answer, in the municipality's settings. */
function windowAfter(baselineAnsweredAt: Date | null, settings: EvaluationSettings): DayWindow | null {
  if (!baselineAnsweredAt) return null;
  return followUpWindow(copenhagenDate(baselineAnsweredAt), {
    fromMonths: settings.outcomeWindowFromMonths,
    toMonths: settings.outcomeWindowToMonths,
  });
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
  await audit(tx, ctx, {
    action: "read",
    entityType: "outcome_measurements",
    entityId: courseId,
    citizenId: course.citizenId,
  });
  const rows = await tx
    .select({
      m: outcomeMeasurements,
      key: screenings.outcomeKey,
      colour: screenings.colour,
      positive: screenings.positive,
      scores: screenings.scores,
      purpose: screenings.purpose,
    })
    .from(outcomeMeasurements)
    .leftJoin(screenings, eq(screenings.id, outcomeMeasurements.screeningId))
    .where(and(inTenant(outcomeMeasurements, ctx), eq(outcomeMeasurements.courseId, courseId)))
    .orderBy(asc(outcomeMeasurements.dueOn));
  const settings = await evaluationSettings(tx, ctx.actor.municipalityId);
  const window = windowAfter(rows.find((r) => r.m.phase === "baseline")?.m.answeredAt ?? null, settings);
  return rows.map((r) =>
    present(r.m, {
      outcome: r.key
        ? { key: r.key, colour: r.colour!, positive: r.positive!, total: totalOf(r.scores) }
        : null,
      window,
      fromDetection: r.purpose === "detection",
    }),
  );
}

/** The questionnaire's main score: "total" when it has one, else its first score. */
export function totalOf(scores: unknown): number | null {
  const s = (scores ?? {}) as Record<string, number>;
  if (typeof s.total === "number") return s.total;
  const first = Object.values(s).find((v) => typeof v === "number");
  return first ?? null;
}

export async function recordOutcome(
  tx: DbOrTx,
  ctx: Ctx,
  courseId: string,
  phase: OutcomePhase,
  body: RecordOutcomeBody,
) {
  const [course] = await tx
    .select({ citizenId: courses.citizenId, provider: citizens.providerOrganisationId })
    .from(courses)
    .innerJoin(citizens, eq(citizens.id, courses.citizenId))
    .where(and(inTenant(courses, ctx), eq(courses.id, courseId)));
  if (!course) throw AppError.notFound("course_not_found");
  authorize(ctx, {
    kind: "course.manage",
    citizen: { municipalityId: ctx.actor.municipalityId, providerOrganisationId: course.provider },
  });
  const [measurement] = await tx
    .select()
    .from(outcomeMeasurements)
    .where(and(eq(outcomeMeasurements.courseId, courseId), eq(outcomeMeasurements.phase, phase)))
    .for("update");
  if (!measurement) throw AppError.notFound("outcome_measurement_not_found");
  if (measurement.screeningId) throw new AppError("outcome_already_recorded", 409);
  const settings = await evaluationSettings(tx, ctx.actor.municipalityId);
  const window = phase === "follow_up" ? await followUpWindowOf(tx, courseId, settings) : null;
  const outOfWindow = window !== null && !isWithin(copenhagenDate(new Date()), window);
  if (outOfWindow && !body.confirmOutOfWindow) {
    // The coordinator is told; recorded only when confirmed, and then never paired as "6 months".
    throw new AppError("outcome_outside_window", 409, {
      window,
      fields: [{ field: "confirmOutOfWindow", reason: "outside_window" as const }],
    });
  }
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
  await tx
    .update(outcomeMeasurements)
    .set({ screeningId: screening!.id, answeredAt: screening!.performedAt, outOfWindow })
    .where(eq(outcomeMeasurements.id, measurement.id));
  await audit(tx, ctx, {
    action: "create",
    entityType: "outcome_measurement",
    entityId: measurement.id,
    citizenId: course.citizenId,
    criterion: { phase, ...(outOfWindow ? { outOfWindow } : {}) },
  });
  return present(
    { ...measurement, screeningId: screening!.id, answeredAt: screening!.performedAt, outOfWindow },
    {
      outcome: {
        key: outcome.key,
        colour: outcome.colour,
        positive: outcome.isPositive,
        total: totalOf(scores),
      },
      window,
      fromDetection: false,
    },
  );
}

async function followUpWindowOf(
  tx: DbOrTx,
  courseId: string,
  settings: EvaluationSettings,
): Promise<DayWindow | null> {
  const [baseline] = await tx
    .select({ answeredAt: outcomeMeasurements.answeredAt })
    .from(outcomeMeasurements)
    .where(and(eq(outcomeMeasurements.courseId, courseId), eq(outcomeMeasurements.phase, "baseline")));
  return windowAfter(baseline?.answeredAt ?? null, settings);
}

/** Who is due for an outcome questionnaire (unanswered, due on or before the day), oldest first. */
export async function outcomesDue(tx: DbOrTx, ctx: Ctx, query: OutcomeDueQuery) {
  authorize(ctx, { kind: "course.caseload" });
  const until = query.until ?? copenhagenDate(new Date());
  const rows = await tx
    .select({
      m: outcomeMeasurements,
      first: citizens.firstName,
      last: citizens.lastName,
      coordinator: users.displayName,
      coordinatorId: courses.coordinatorUserId,
    })
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
        // Anonymised and restricted citizens are on no due list (issue 13).
        listedCitizen(),
        ctx.actor.role === "community_coordinator" && !query.all
          ? eq(courses.coordinatorUserId, ctx.actor.userId)
          : undefined,
      ),
    )
    .orderBy(asc(outcomeMeasurements.dueOn));
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? { action: "search", entityType: "outcome_measurement", criterion: { due: until, hits: 0 } }
      : rows.map((r) => ({
          action: "search" as const,
          entityType: "outcome_measurement",
          entityId: r.m.id,
          citizenId: r.m.citizenId,
          criterion: { due: until },
        })),
  );
  return rows.map((r) => ({
    ...present(r.m, { outcome: null, window: null, fromDetection: false }),
    citizen: { id: r.m.citizenId, name: `${r.first} ${r.last}` },
    coordinator: { id: r.coordinatorId, name: r.coordinator },
  }));
}
