/**
 * API of the punch card (fællesskabsklippekort): grants, planned clips on a worker's day,
 * registration of performed clips, unit hour budgets and the worker's calendar feed.
 */
import { z } from "zod";
import {
  ACCOMPANIMENT_FORMS,
  CLIP_KINDS,
  CLIP_OUTCOMES,
  CLIP_STATUSES,
  DEFINITION_KINDS,
} from "../../domain/course/vocabulary.js";
import { LIMITS } from "../../domain/limits.js";
import { IdRef, isoDate, optionalText, requiredText, uuid } from "./common.js";

export const ClipKind = z.enum(CLIP_KINDS);
export const AccompanimentForm = z.enum(ACCOMPANIMENT_FORMS);

/** A clip lasts at most 12 hours: anything longer is a typing error, not a visit. */
export const MAX_CLIP_MINUTES = 12 * 60;
const ClipMinutes = z.int().min(1).max(MAX_CLIP_MINUTES);
const Clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);

export const GrantClipsBody = z.strictObject({
  kind: ClipKind,
  clips: z.int().min(1).max(100),
  minutesPerClip: ClipMinutes,
  interventionId: uuid.nullable().optional(),
  /** Team leaders grant from their unit's hour budget. */
  budgetId: uuid.nullable().optional(),
  /** Grant beyond the frame as a recorded exception (only roles the policy names). */
  exceptionReason: optionalText(LIMITS.note),
});
export type GrantClipsBody = z.infer<typeof GrantClipsBody>;

export const PlanClipBody = z
  .strictObject({
    kind: ClipKind,
    accompanimentForm: AccompanimentForm.nullable().optional(),
    plannedOn: isoDate,
    plannedStart: Clock,
    plannedMinutes: ClipMinutes,
    workerUserId: uuid,
    interventionId: uuid.nullable().optional(),
  })
  .refine((b) => b.kind !== "accompaniment" || !!b.accompanimentForm, {
    path: ["accompanimentForm"],
    params: { reason: "required" },
  });
export type PlanClipBody = z.infer<typeof PlanClipBody>;

export const RegisterClipBody = z
  .strictObject({
    /** The planned clip this registers; omitted for a clip that was not planned. */
    clipId: uuid.nullable().optional(),
    kind: ClipKind,
    accompanimentForm: AccompanimentForm.nullable().optional(),
    interventionId: uuid.nullable().optional(),
    performedOn: isoDate,
    outcome: z.enum(CLIP_OUTCOMES),
    /** Required when done. */
    actualMinutes: ClipMinutes.nullable().optional(),
    note: optionalText(LIMITS.shortText),
    /** Required when the citizen cancelled. */
    cancelReason: optionalText(LIMITS.shortText),
    /**
     * Actual minutes beyond the grant's minutes per clip or the frame's maximum are refused
     * (409 clip_beyond_frame); a role the frame names may record them as an exception with a reason.
     */
    exceptionReason: optionalText(LIMITS.note),
  })
  .refine((b) => b.outcome !== "done" || (b.actualMinutes ?? null) !== null, {
    path: ["actualMinutes"],
    params: { reason: "required" },
  })
  .refine((b) => b.outcome !== "citizen_cancelled" || !!b.cancelReason, {
    path: ["cancelReason"],
    params: { reason: "required" },
  })
  // A planned clip already says how the citizen is accompanied; an unplanned one must.
  .refine((b) => b.outcome !== "done" || b.kind !== "accompaniment" || !!b.clipId || !!b.accompanimentForm, {
    path: ["accompanimentForm"],
    params: { reason: "required" },
  });
export type RegisterClipBody = z.infer<typeof RegisterClipBody>;

export const CreateBudgetBody = z
  .strictObject({
    organisationId: uuid,
    districtId: uuid.nullable().optional(),
    periodStart: isoDate,
    periodEnd: isoDate,
    minutes: z.int().min(1).max(10_000_000),
  })
  .refine((b) => b.periodStart <= b.periodEnd, { path: ["periodEnd"], params: { reason: "too_small" } });
export type CreateBudgetBody = z.infer<typeof CreateBudgetBody>;

export const DayQuery = z.strictObject({ date: isoDate.optional(), workerUserId: uuid.optional() });

export const DefinitionParams = z.strictObject({
  kind: z.enum(DEFINITION_KINDS),
  key: z
    .string()
    .max(64)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
});

export const CalendarTokenParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/),
});

// ---- responses ----

export const CardLine = z.object({
  kind: ClipKind,
  grantedClips: z.number().int(),
  grantedMinutes: z.number().int(),
  plannedClips: z.number().int(),
  usedClips: z.number().int(),
  usedMinutes: z.number().int(),
  cancelledClips: z.number().int(),
  remainingClips: z.number().int(),
  warn: z.boolean(),
});
export type CardLine = z.infer<typeof CardLine>;

export const Violation = z.object({
  rule: z.string(),
  kind: z.string().optional(),
  limit: z.number(),
  wouldBe: z.number(),
});

export const ClipGrant = z.object({
  id: uuid,
  kind: ClipKind,
  clips: z.number().int(),
  minutesPerClip: z.number().int(),
  interventionId: uuid.nullable(),
  budgetId: uuid.nullable(),
  exception: z.boolean(),
  exceptionReason: z.string().nullable(),
  violations: z.array(Violation),
  policyVersion: z.number().int(),
  grantedBy: IdRef,
  grantedOn: z.string(),
});
export type ClipGrant = z.infer<typeof ClipGrant>;

export const Clip = z.object({
  id: uuid,
  courseId: uuid,
  citizen: z.object({ id: uuid, name: z.string(), address: z.string() }),
  kind: ClipKind,
  accompanimentForm: AccompanimentForm.nullable(),
  status: z.enum(CLIP_STATUSES),
  plannedOn: z.string().nullable(),
  plannedStart: z.string().nullable(),
  plannedMinutes: z.number().int().nullable(),
  worker: IdRef.nullable(),
  provider: IdRef,
  interventionId: uuid.nullable(),
  performedOn: z.string().nullable(),
  actualMinutes: z.number().int().nullable(),
  note: z.string().nullable(),
  cancelledByCitizen: z.boolean(),
  cancelReason: z.string().nullable(),
  /** Registered beyond the grant or the frame as a recorded exception (with the reason). */
  exception: z.boolean(),
  exceptionReason: z.string().nullable(),
  registeredBy: IdRef.nullable(),
});
export type Clip = z.infer<typeof Clip>;

export const PunchCard = z.object({
  courseId: uuid,
  policy: z.object({
    id: uuid,
    version: z.number().int(),
    description: z.string(),
    mayGrantException: z.boolean(),
    /**
     * The kinds the frame allows a grant of, with the clips and minutes per clip a grant that fits
     * would have (null: the frame does not say) — the grant form's defaults (issue 17 point 5).
     */
    kinds: z.array(
      z.object({
        kind: ClipKind,
        clips: z.number().int().nullable(),
        minutesPerClip: z.number().int().nullable(),
      }),
    ),
  }),
  lines: z.array(CardLine),
  grants: z.array(ClipGrant),
  clips: z.array(Clip),
});
export type PunchCard = z.infer<typeof PunchCard>;

export const HourBudget = z.object({
  id: uuid,
  organisation: IdRef,
  district: IdRef.nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  minutes: z.number().int(),
  grantedMinutes: z.number().int(),
  remainingMinutes: z.number().int(),
});
export type HourBudget = z.infer<typeof HourBudget>;

export const CalendarFeed = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** Only in the answer that creates the feed: the secret URL is not stored and cannot be shown again. */
  url: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const PlannableWorker = z.object({
  id: uuid,
  name: z.string(),
  role: z.string(),
  organisation: IdRef,
});
export type PlannableWorker = z.infer<typeof PlannableWorker>;

export const RevokeBody = z.strictObject({ confirm: z.literal(true) });
export const ReasonBody = z.strictObject({ reason: requiredText(LIMITS.note) });
