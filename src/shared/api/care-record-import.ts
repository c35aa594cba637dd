/**
 * Import of the home-care population (issue 14, decision 0098): an administrator uploads a CSV,
 * FHIR Bundle or FHIR NDJSON file (or the scheduled pull brings a FHIR server's changes), sees the
 * preview — new, changed, home care ended, unchanged, unmatched rows with the reason — and applies
 * or discards it. Rows name citizens: CPR masked, each matched citizen shown is on the audit trail.
 */
import { z } from "zod";
import {
  IMPORT_FORMATS,
  IMPORT_OUTCOMES,
  IMPORT_SCOPES,
  IMPORT_SOURCES,
  UNMATCHED_REASONS,
} from "../../domain/care-record/import/records.js";
import { LIMITS } from "../../domain/limits.js";
import { Page, PageQuery, optionalText, uuid } from "./common.js";

export const ImportFormat = z.enum(IMPORT_FORMATS);
export const ImportSource = z.enum(IMPORT_SOURCES);
export const ImportScope = z.enum(IMPORT_SCOPES);
export const ImportOutcome = z.enum(IMPORT_OUTCOMES);
export const UnmatchedReason = z.enum(UNMATCHED_REASONS);

/** preview → applied | discarded; failed when a run could not be computed or applied. */
export const IMPORT_RUN_STATUSES = ["preview", "applied", "discarded", "failed"] as const;
export const ImportRunStatus = z.enum(IMPORT_RUN_STATUSES);
export type ImportRunStatus = z.infer<typeof ImportRunStatus>;

/** The largest file accepted (130,000 citizens as CSV take ~15 MB; a FHIR Bundle of them ~150 MB is too big: use NDJSON or CSV). */
export const IMPORT_MAX_BYTES = 120 * 1024 * 1024;

export const CreateImportBody = z.strictObject({
  format: ImportFormat,
  scope: ImportScope,
  fileName: optionalText(LIMITS.shortText),
  content: z.string().min(1).max(IMPORT_MAX_BYTES),
});
export type CreateImportBody = z.infer<typeof CreateImportBody>;

export const ImportCounts = z.object({
  new: z.number().int(),
  changed: z.number().int(),
  ended: z.number().int(),
  unchanged: z.number().int(),
  unmatched: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

const At = z.iso.datetime({ offset: true });
const Person = z.object({ id: uuid, displayName: z.string() }).nullable();

export const ImportRunView = z.object({
  id: uuid,
  source: ImportSource,
  scope: ImportScope,
  status: ImportRunStatus,
  fileName: z.string().nullable(),
  counts: ImportCounts,
  /** Why the run failed: an error code, never a citizen's data. */
  failure: z.string().nullable(),
  createdBy: Person,
  createdAt: At,
  appliedBy: Person,
  appliedAt: At.nullable(),
  /** What the apply wrote (it may differ from the preview when the register changed in between). */
  result: ImportCounts.nullable(),
  version: z.number().int(),
});
export type ImportRunView = z.infer<typeof ImportRunView>;

export const ImportRunPage = Page(ImportRunView);
export const ImportRunListQuery = z.strictObject({ ...PageQuery });

export const ImportRowsQuery = z.strictObject({
  outcome: ImportOutcome.optional(),
  ...PageQuery,
});

export const ImportRowView = z.object({
  rowNo: z.number().int(),
  outcome: ImportOutcome,
  /** DDMMYY-XXXX, when the row has a readable CPR. */
  cpr: z.string().nullable(),
  /** The register's citizen (changed, ended, unchanged), or null. */
  citizenId: uuid.nullable(),
  /** The name as the register or the source holds it; null when the row has none. */
  name: z.string().nullable(),
  /** For changed and ended rows: the fields and their old and new values (CPR never among them). */
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  reason: UnmatchedReason.nullable(),
  field: z.string().nullable(),
});
export type ImportRowView = z.infer<typeof ImportRowView>;

export const ImportRowPage = Page(ImportRowView);

export const ApplyImportBody = z.strictObject({ version: z.number().int().min(1) });
