/**
 * Rectification history (GDPR art. 16) and restriction of processing (art. 18) for one citizen
 * (issue 13 point 2). Withdrawal of consent to sharing with the volunteer centre is a volunteer
 * referral's action: its schemas are in placements.ts.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { REVISED_FIELDS } from "../../domain/privacy/rectification.js";
import { IdRef, requiredText, uuid } from "./common.js";

export const RevisedField = z.enum(REVISED_FIELDS);

/** A field's value as presented: text, yes/no, or none. Provider and district by name; a CPR masked. */
const RevisionValue = z.union([z.string(), z.boolean()]).nullable();

export const RevisionChange = z.object({
  field: RevisedField,
  from: RevisionValue,
  to: RevisionValue,
});
export type RevisionChange = z.infer<typeof RevisionChange>;

/** One correction of the register: who, when, why (if said), which fields, old → new. */
export const CitizenRevision = z.object({
  id: z.number().int(),
  /** The citizen's version the correction replaced. */
  version: z.number().int(),
  changedAt: z.string(),
  /** Null when the user who made it has since been removed. */
  changedBy: IdRef.nullable(),
  reason: z.string().nullable(),
  changes: z.array(RevisionChange),
});
export type CitizenRevision = z.infer<typeof CitizenRevision>;

export const RevisionHistory = z.object({ citizenId: uuid, revisions: z.array(CitizenRevision) });
export type RevisionHistory = z.infer<typeof RevisionHistory>;

export const RevisionParams = z.strictObject({ id: uuid, revisionId: z.coerce.number().int().min(1) });

/** The CPR numbers before and after one correction, in full (a logged reveal). */
export const RevealedRevisionCpr = z.object({ from: z.string().nullable(), to: z.string().nullable() });
export type RevealedRevisionCpr = z.infer<typeof RevealedRevisionCpr>;

/** Why processing is restricted, or why the restriction is lifted: said, kept in the history. */
export const RestrictionBody = z.strictObject({ reason: requiredText(LIMITS.note) });
export type RestrictionBody = z.infer<typeof RestrictionBody>;

export const RestrictionEntry = z.object({
  id: uuid,
  reason: z.string(),
  restrictedAt: z.string(),
  restrictedBy: IdRef.nullable(),
  liftedAt: z.string().nullable(),
  liftedBy: IdRef.nullable(),
  liftReason: z.string().nullable(),
});
export type RestrictionEntry = z.infer<typeof RestrictionEntry>;

/** Whether processing is restricted now, and every restriction there has been, newest first. */
export const RestrictionState = z.object({
  citizenId: uuid,
  restricted: z.boolean(),
  history: z.array(RestrictionEntry),
});
export type RestrictionState = z.infer<typeof RestrictionState>;

/** A citizen whose processing is restricted now: the register hides them, this list finds them. */
export const RestrictedCitizen = z.object({
  citizen: IdRef,
  restrictedAt: z.string(),
  restrictedBy: IdRef.nullable(),
  reason: z.string(),
});
export type RestrictedCitizen = z.infer<typeof RestrictedCitizen>;
export const RestrictedCitizens = z.object({ items: z.array(RestrictedCitizen) });
export type RestrictedCitizens = z.infer<typeof RestrictedCitizens>;
