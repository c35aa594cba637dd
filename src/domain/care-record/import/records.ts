/**
 * The import of the home-care population (issue 14, decision 0098): what every source format
 * (CSV, FHIR Bundle, FHIR NDJSON, a FHIR server's search results) is parsed into before the diff
 * against the register. Pure: no I/O, shared by the server and the tests.
 */
import { LIMITS } from "../../limits.js";

export const IMPORT_FORMATS = ["csv", "fhir_bundle", "fhir_ndjson"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Where a run came from: an uploaded file, or the municipality's FHIR server searched on a schedule. */
export const IMPORT_SOURCES = [...IMPORT_FORMATS, "fhir_server"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/**
 * complete: the file is the whole home-care population — a citizen in home care whom it does not
 * name has left home care. changes: only what the file names changes (a server's _lastUpdated pull).
 */
export const IMPORT_SCOPES = ["complete", "changes"] as const;
export type ImportScope = (typeof IMPORT_SCOPES)[number];

export const IMPORT_OUTCOMES = ["new", "changed", "ended", "unchanged", "unmatched"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** Why a row could not be matched or applied: shown to the administrator with the field it concerns. */
export const UNMATCHED_REASONS = [
  /** The file (or the row) could not be read as its format at all. */
  "malformed",
  /** A required value is absent (CPR; name and address for a citizen not yet in the register). */
  "missing_value",
  /** The CPR number is not a valid CPR (format or date). */
  "invalid_cpr",
  /** A date that is not a calendar date (YYYY-MM-DD), or an end before its start. */
  "invalid_date",
  /** A value outside what the column accepts (too long, an unknown status …). */
  "invalid_value",
  /** An intervention code that is not an FSIII intervention (KL's FSIIICareInterventions). */
  "unknown_fsiii_code",
  /** The same CPR on two rows of one file: neither is applied. */
  "duplicate_cpr",
  /** A provider SOR code no organisation of the municipality has. */
  "unknown_provider",
  /** A district name the municipality does not have. */
  "unknown_district",
  /** The CPR belongs to a citizen registered elsewhere: not visible here, so not imported. */
  "other_municipality",
  /** The citizen was anonymised (issue 13): the row stands for nobody any more. */
  "anonymised",
  /** A resource refers to a citizen (Patient) the source does not contain. */
  "unresolved_reference",
  /** Processing of the citizen is restricted (GDPR art. 18): the register is not changed for them. */
  "restricted",
  /** Not in the register and not in home care: nobody to register (data minimisation). */
  "not_in_home_care",
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** A relative or other contact person as the care record holds them. */
export interface ImportContact {
  name: string;
  relation: string | null;
  phone: string | null;
}

/**
 * The care record's home-care facts of one citizen. `since` is the start of the home care that is
 * open (no end, or an end in the future: `endsOn`); `endedOn` is set when every intervention has
 * ended — then `since` is null.
 */
export interface HomeCareFacts {
  since: string | null;
  /** A planned end of open home care (a future period.end); informational. */
  endsOn: string | null;
  endedOn: string | null;
}

/**
 * One citizen as a source names them. An absent (undefined) field means the source says nothing
 * about it, so the register keeps its value; null means the source says "none".
 */
export interface ImportRecord {
  /** The row's place in the source (CSV/NDJSON line, Bundle entry), 1-based. */
  rowNo: number;
  /** Normalised DDMMYY-SSSS, already validated. */
  cpr: string;
  birthDate: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  addressLine?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  phone?: string | null | undefined;
  /** The home-care provider's SOR code (urn:oid:1.2.208.176.1.1). */
  providerSor?: string | null | undefined;
  /** The district by name, as the municipality names its districts. */
  district?: string | null | undefined;
  homeCare?: HomeCareFacts | undefined;
  /** The FSIII intervention codes the citizen receives (for the preview; not stored on the citizen). */
  interventions?: readonly string[] | undefined;
  contacts?: readonly ImportContact[] | undefined;
}

/** A row the parser could not turn into a record. `cprMasked`: DDMMYY-XXXX when a CPR was readable. */
export interface RowProblem {
  rowNo: number;
  reason: UnmatchedReason;
  field: string | null;
  cpr?: string | undefined;
}

/** What every parser answers: the records, and the rows it had to leave out with their reason. */
export interface ParsedSource {
  records: ImportRecord[];
  problems: RowProblem[];
}

/** Largest number of rows one import may carry (the largest municipality has ~130,000 citizens). */
export const MAX_IMPORT_ROWS = 200_000;

/** Calendar date YYYY-MM-DD that exists. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Two rows naming the same CPR cannot both be right: both become unmatched (duplicate_cpr), so
 * nothing of that citizen is half-applied from the wrong row.
 */
export function dropDuplicateCprs(parsed: ParsedSource): ParsedSource {
  const seen = new Map<string, number>();
  for (const r of parsed.records) seen.set(r.cpr, (seen.get(r.cpr) ?? 0) + 1);
  const records: ImportRecord[] = [];
  const problems = [...parsed.problems];
  for (const r of parsed.records) {
    if ((seen.get(r.cpr) ?? 0) > 1)
      problems.push({ rowNo: r.rowNo, reason: "duplicate_cpr", field: "cpr", cpr: r.cpr });
    else records.push(r);
  }
  problems.sort((a, b) => a.rowNo - b.rowNo);
  return { records, problems };
}

const PHONE = /^\+?[0-9 ]{8,16}$/;
const POSTAL_CODE = /^\d{4}$/;

/**
 * The register's own bounds on a record's fields (src/domain/limits.ts, the citizen form's
 * schema): a value the form would refuse makes the row unmatched instead of failing the apply.
 * Answers the first field that does not fit, or null.
 */
export function fieldProblem(r: ImportRecord): { reason: UnmatchedReason; field: string } | null {
  const text: [keyof ImportRecord, number][] = [
    ["firstName", LIMITS.name],
    ["lastName", LIMITS.name],
    ["addressLine", LIMITS.address],
    ["city", LIMITS.name],
    ["district", LIMITS.name],
  ];
  for (const [field, max] of text) {
    const v = r[field];
    if (typeof v === "string" && (v.length > max || v.trim() === ""))
      return { reason: "invalid_value", field };
  }
  if (r.postalCode !== undefined && !POSTAL_CODE.test(r.postalCode))
    return { reason: "invalid_value", field: "postalCode" };
  if (r.phone && (r.phone.length > LIMITS.phone || !PHONE.test(r.phone)))
    return { reason: "invalid_value", field: "phone" };
  if (r.providerSor && !/^\d{1,20}$/.test(r.providerSor))
    return { reason: "invalid_value", field: "providerSor" };
  const hc = r.homeCare;
  if (hc) {
    for (const [field, v] of [
      ["homeCareSince", hc.since],
      ["homeCareEnds", hc.endsOn],
      ["homeCareEnded", hc.endedOn],
    ] as const) {
      if (v !== null && !isCalendarDate(v)) return { reason: "invalid_date", field };
    }
    if (hc.since && hc.endsOn && hc.endsOn < hc.since)
      return { reason: "invalid_date", field: "homeCareEnds" };
  }
  for (const c of r.contacts ?? []) {
    if (c.name.trim() === "" || c.name.length > LIMITS.name)
      return { reason: "invalid_value", field: "contacts" };
    if (c.relation && c.relation.length > LIMITS.shortText)
      return { reason: "invalid_value", field: "contacts" };
    if (c.phone && (c.phone.length > LIMITS.phone || !PHONE.test(c.phone)))
      return { reason: "invalid_value", field: "contacts" };
  }
  return null;
}
