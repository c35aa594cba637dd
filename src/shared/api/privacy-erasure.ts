/**
 * Anonymisation and erasure of one citizen (issue 13 point 5): the administrator's request, the
 * preview of what each would remove, and what was done. The categories and their treatment are
 * the plan in src/domain/privacy/erasure-plan.ts.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { ERASURE_CATEGORIES, ERASURE_OPERATIONS } from "../../domain/privacy/erasure-plan.js";
import { optionalText } from "./common.js";

export const ErasureCategory = z.enum(ERASURE_CATEGORIES);
export const ErasureOperation = z.enum(ERASURE_OPERATIONS);
export const CategoryTreatment = z.enum(["removed", "cleared", "kept"]);

/** Why, when the citizen still has an open course or an active referral (otherwise optional). */
export const ErasureBody = z.strictObject({ reason: optionalText(LIMITS.note) });
export type ErasureBody = z.infer<typeof ErasureBody>;

export const ErasureBlockers = z.object({
  openCourses: z.number().int(),
  activeReferrals: z.number().int(),
});

export const ErasurePreview = z.object({
  citizenId: z.uuid(),
  anonymisedAt: z.string().nullable(),
  /** Every category with the citizen's rows in it now, and what each operation does to it. */
  categories: z.array(
    z.object({
      category: ErasureCategory,
      count: z.number().int(),
      anonymise: CategoryTreatment,
      erase: CategoryTreatment,
    }),
  ),
  blockers: ErasureBlockers,
  /** An open course or active referral: the request must state a reason. */
  reasonRequired: z.boolean(),
});
export type ErasurePreview = z.infer<typeof ErasurePreview>;

export const EndedWork = z.object({
  courses: z.number().int(),
  referrals: z.number().int(),
  volunteerReferrals: z.number().int(),
  plannedClips: z.number().int(),
  bookings: z.number().int(),
  memberships: z.number().int(),
});

export const ErasureResult = z.object({
  operation: ErasureOperation,
  /** Rows removed or cleared per category (the deletion records say the same). */
  counts: z.array(z.object({ category: ErasureCategory, count: z.number().int() })),
  ended: EndedWork.nullable(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;
