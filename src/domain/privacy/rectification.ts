/**
 * Rectification keeps history (GDPR art. 16, issue 13 point 2): a correction of a citizen's
 * register data stores the values it replaced, so the citizen and the DPO can see what was
 * recorded before, who changed it and when. Pure: the citizens module records, privacy presents.
 *
 * Only the previous values are stored (one `citizen_revisions` row per change, the fields that
 * changed); the value a change wrote is the next revision's previous value of that field, or the
 * current value when no later change touched it. So nothing is stored twice, and erasing the
 * citizen's row and their revisions leaves no copy behind.
 */

/** The register fields a correction can change, by their API names (UpdateCitizenBody). */
export const REVISED_FIELDS = [
  "cpr",
  "firstName",
  "lastName",
  "addressLine",
  "postalCode",
  "city",
  "phone",
  "providerId",
  "districtId",
  "homeCareSince",
  "inTargetGroup",
] as const;
export type RevisedField = (typeof REVISED_FIELDS)[number];

export type RegisterValue = string | boolean | null;
export type RegisterValues = Record<RevisedField, RegisterValue>;

const isRevisedField = (key: string): key is RevisedField =>
  (REVISED_FIELDS as readonly string[]).includes(key);

/**
 * The previous values of the fields this change really changes: a field sent with the value it
 * already had is no change (the edit form sends every field), and a field not sent is untouched.
 */
export function replacedValues(
  before: RegisterValues,
  change: Partial<Record<string, unknown>>,
): Partial<RegisterValues> {
  const out: Partial<RegisterValues> = {};
  for (const [key, value] of Object.entries(change)) {
    if (!isRevisedField(key) || value === undefined) continue;
    if ((value ?? null) !== before[key]) out[key] = before[key];
  }
  return out;
}

/** One stored revision: the citizen's version it replaced and the previous values. */
export interface StoredRevision<Extra = unknown> {
  version: number;
  previous: Partial<Record<string, unknown>>;
  extra: Extra;
}

export interface FieldChange {
  field: RevisedField;
  from: RegisterValue;
  to: RegisterValue;
}

export interface RevisionEntry<Extra> {
  version: number;
  changes: FieldChange[];
  extra: Extra;
}

/**
 * The history, newest first, each change as field: old → new. `current` is the register as it is
 * now. Unknown keys in a stored row (a field since dropped) are ignored rather than guessed at.
 */
export function revisionHistory<Extra>(
  revisions: readonly StoredRevision<Extra>[],
  current: RegisterValues,
): RevisionEntry<Extra>[] {
  const newestFirst = [...revisions].sort((a, b) => b.version - a.version);
  // Walking back from now: `after` holds each field's value right after the revision at hand.
  const after: RegisterValues = { ...current };
  const out: RevisionEntry<Extra>[] = [];
  for (const rev of newestFirst) {
    const changes: FieldChange[] = [];
    for (const field of REVISED_FIELDS) {
      if (!(field in rev.previous)) continue;
      const from = normalise(rev.previous[field]);
      changes.push({ field, from, to: after[field] });
      after[field] = from;
    }
    out.push({ version: rev.version, changes, extra: rev.extra });
  }
  return out;
}

function normalise(value: unknown): RegisterValue {
  return typeof value === "string" || typeof value === "boolean" ? value : null;
}
