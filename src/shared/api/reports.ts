/**
 * API of evaluation and reporting (issue 6): outcome measurements so far; the status report,
 * funnel, punch-card use and exports follow.
 */
import { z } from "zod";
import { EXCLUSION_REASONS } from "../../domain/vocabulary/detection.js";
import { FUNNEL_STEPS, OUTCOME_PHASES, STATUS_FIGURES } from "../../domain/vocabulary/reports.js";
import { isoDate, uuid } from "./common.js";
import { ScreeningAnswers, SubmitScreeningBody } from "./detection.js";

export const OutcomePhase = z.enum(OUTCOME_PHASES);
export const OutcomeParams = z.strictObject({ id: uuid, phase: OutcomePhase });

export const RecordOutcomeBody = SubmitScreeningBody.pick({ questionnaireId: true })
  .extend({
    answers: ScreeningAnswers,
    /**
     * A follow-up outside its window (default 5–8 months after the baseline) is refused with 409
     * outcome_outside_window naming the window; sent again with true it is recorded, marked out of
     * window, and never paired with the baseline in a report.
     */
    confirmOutOfWindow: z.boolean().optional(),
  })
  .strict();
export type RecordOutcomeBody = z.infer<typeof RecordOutcomeBody>;

export const OutcomeDueQuery = z.strictObject({
  until: isoDate.optional(),
  /** Coordinators: everyone's, not only my courses'. */
  all: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type OutcomeDueQuery = z.infer<typeof OutcomeDueQuery>;

export const OutcomeMeasurement = z.object({
  id: uuid,
  courseId: uuid,
  phase: OutcomePhase,
  questionnaireKey: z.string(),
  dueOn: z.string(),
  answeredAt: z.string().nullable(),
  outcome: z
    .object({ key: z.string(), colour: z.string(), positive: z.boolean(), total: z.number().nullable() })
    .nullable(),
  /** The follow-up's window (days, Copenhagen) once the baseline is answered; null for the baseline or before it. */
  window: z.object({ from: isoDate, to: isoDate }).nullable(),
  /** Answered outside its window after the coordinator confirmed: never paired in a report. */
  outOfWindow: z.boolean(),
  /** The baseline is a detection form answered shortly before the course opened (not asked twice). */
  fromDetection: z.boolean(),
});
export type OutcomeMeasurement = z.infer<typeof OutcomeMeasurement>;

export const EvaluationSettings = z.strictObject({
  /** The follow-up questionnaire is accepted from … to … months after the baseline. */
  outcomeWindowFromMonths: z.int().min(1).max(24),
  outcomeWindowToMonths: z.int().min(1).max(36),
  /** A detection form on the same instrument this many days before a course opens is its baseline (0: the same day only). */
  baselineFromDetectionDays: z.int().min(0).max(90),
});
export type EvaluationSettings = z.infer<typeof EvaluationSettings>;
export const UpdateEvaluationSettingsBody = EvaluationSettings.partial()
  .strict()
  .refine(
    (b) =>
      b.outcomeWindowFromMonths === undefined ||
      b.outcomeWindowToMonths === undefined ||
      b.outcomeWindowFromMonths <= b.outcomeWindowToMonths,
    {
      path: ["outcomeWindowToMonths"],
      params: { reason: "too_early" },
    },
  );

export const OutcomeDue = OutcomeMeasurement.extend({
  citizen: z.object({ id: uuid, name: z.string() }),
  coordinator: z.object({ id: uuid, name: z.string() }),
});

// ---- status report ----

export const ReportQuery = z.strictObject({
  from: isoDate,
  to: isoDate,
  providerId: uuid
    .describe("One of the municipality's home-care providers (public or private); any other id is a 400")
    .optional(),
  districtId: uuid.describe("One of the municipality's districts; any other id is a 400").optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const StatusFigureKey = z.enum(STATUS_FIGURES);
export type StatusFigureKey = z.infer<typeof StatusFigureKey>;

export const FigureCitizensQuery = ReportQuery.extend({ reason: z.enum(EXCLUSION_REASONS).optional() });

/** A count that may be suppressed (below the small-number threshold, for roles without citizen access). */
export const Figure = z.object({ value: z.number().int().nullable(), suppressed: z.boolean() });
export const FigureShare = z.object({ count: Figure, of: Figure, percent: z.number().nullable() });

export const StatusReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.object({ providerId: z.string().nullable(), districtId: z.string().nullable() }),
  smallNumberThreshold: z.number().int(),
  suppressed: z.boolean(),
  /** True when the period has no recorded work at all: the report says so instead of showing zeros alone. */
  empty: z.boolean(),
  /** The day "Borgere i målgruppen" is counted on: the period's last day ("status pr. 1.12.18"). */
  targetGroupOn: isoDate,
  /** The headline, in citizens (volunteer referrals and matched still in referrals). */
  figures: z.object({
    formsFilled: Figure,
    formsAnswered: Figure,
    excluded: Figure,
    excludedByReason: z.array(z.object({ reason: z.string(), count: Figure })),
    assessedLonely: FigureShare,
    baselineQuestionnaires: Figure,
    followUpQuestionnaires: Figure,
    volunteerReferrals: Figure,
    /** Matches recorded in the period (also those that later ended), of the referrals sent in it. */
    matched: FigureShare,
    /** Of the matches recorded in the period, those that ended ("for kompleks") by its last day. */
    matchesEnded: Figure,
    targetGroup: Figure,
    entered: Figure,
    left: Figure,
  }),
  /** The same figures in forms and questionnaires (a citizen re-screened counts once above, twice here). */
  forms: z.object({
    formsFilled: Figure,
    formsAnswered: Figure,
    excluded: Figure,
    excludedByReason: z.array(z.object({ reason: z.string(), count: Figure })),
    assessedLonely: FigureShare,
    baselineQuestionnaires: Figure,
    followUpQuestionnaires: Figure,
  }),
});
export type StatusReport = z.infer<typeof StatusReport>;

export const FigureCitizen = z.object({ id: uuid, name: z.string(), address: z.string() });

// ---- funnel ----

export const FunnelStep = z.object({
  key: z.enum(FUNNEL_STEPS),
  count: Figure,
  /** How many of the previous step did not reach this one (null for the first step). */
  dropOut: Figure.nullable(),
  /** Of the previous step, in per cent; never clamped — the cohort makes it at most 100. */
  percentOfPrevious: z.number().nullable(),
  /** Reached this step without being on the previous one (a phone referral without a form …), counted once at the first such step. */
  enteredHere: Figure,
});

export const FunnelReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  suppressed: z.boolean(),
  smallNumberThreshold: z.number().int(),
  steps: z.array(FunnelStep),
  byDistrict: z.array(
    z.object({ id: z.string().nullable(), name: z.string().nullable(), steps: z.array(FunnelStep) }),
  ),
  byProvider: z.array(
    z.object({ id: z.string().nullable(), name: z.string().nullable(), steps: z.array(FunnelStep) }),
  ),
});
export type FunnelReport = z.infer<typeof FunnelReport>;

// ---- punch-card use ----

const UsageLine = z.object({
  kind: z.string(),
  granted: Figure,
  planned: Figure,
  used: Figure,
  usedMinutes: Figure,
  cancelled: Figure,
});
const DistributionSchema = z.object({
  n: z.number().int(),
  min: z.number().nullable(),
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
});

export const UsageReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  suppressed: z.boolean(),
  smallNumberThreshold: z.number().int(),
  kinds: z.array(UsageLine),
  byProvider: z.array(
    z.object({ id: z.string().nullable(), name: z.string().nullable(), kinds: z.array(UsageLine) }),
  ),
  byDistrict: z.array(
    z.object({ id: z.string().nullable(), name: z.string().nullable(), kinds: z.array(UsageLine) }),
  ),
  minutesPerCourse: DistributionSchema,
  accompanimentClipsPerCourse: DistributionSchema,
  accompanimentByForm: z.array(z.object({ form: z.string().nullable(), count: Figure })),
});
export type UsageReport = z.infer<typeof UsageReport>;

// ---- outcomes ----

export const OutcomeReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  questionnaireKey: z.string(),
  suppressed: z.boolean(),
  smallNumberThreshold: z.number().int(),
  /** Below this many pairs the report says the numbers are too few to mean anything. */
  minimumPairs: z.number().int(),
  pairs: Figure,
  meanBaseline: z.number().nullable(),
  meanFollowUp: z.number().nullable(),
  /** Follow-up minus baseline: negative is less lonely on T-ILS. */
  meanChange: z.number().nullable(),
  lonelyAtBaseline: Figure,
  movedOutOfLoneliness: FigureShare,
  tooFewToConclude: z.boolean(),
  /** Per citizen (roles with citizen access only): baseline and follow-up scores. */
  citizens: z.array(
    z.object({
      citizen: z.object({ id: uuid, name: z.string() }),
      baseline: z.number().nullable(),
      followUp: z.number().nullable(),
      change: z.number().nullable(),
    }),
  ),
});
export type OutcomeReport = z.infer<typeof OutcomeReport>;

// ---- trend per month ----

export const TrendReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  suppressed: z.boolean(),
  smallNumberThreshold: z.number().int(),
  months: z.array(
    z.object({ month: z.string(), forms: Figure, lonely: Figure, courses: Figure, clipsUsed: Figure }),
  ),
});
export type TrendReport = z.infer<typeof TrendReport>;
