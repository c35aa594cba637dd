/**
 * The search parameters of the FHIR read API, parsed strictly (decision 0099): an unknown
 * parameter or a bad value is a 400 OperationOutcome naming it, never silently ignored — a client
 * that believes it filtered by something Broen ignores would receive (and the audit trail record)
 * far more citizens than it asked for. A CPR identifier is accepted only from a POST body.
 *
 * Paging is by an opaque cursor (`_cursor`) in the Bundle's next link: the position after the
 * last entry answered (the citizen's place in the _lastUpdated order and how many of its resources
 * were answered), tied to the search it belongs to by a fingerprint of its parameters.
 */
import { createHash } from "node:crypto";
import { parseCpr } from "../../../../domain/cpr.js";
import { CPR_SYSTEM } from "../../../../domain/care-record/fhir/codes.js";
import { FHIR_RESOURCE_TYPES, type FhirResourceType } from "../../../../shared/api/care-record-clients.js";
import { AppError } from "../../../platform/errors.js";

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;

export type RawParams = Record<string, string | string[] | undefined>;

/** A position in the answer: after `skip` resources of citizen `citizenId`, whose place in the order is `at`. */
export interface Cursor {
  /** The citizen's lastUpdated (ISO) when the page was answered; absent in a one-citizen search. */
  at?: string;
  citizenId: string;
  /** Resources of that citizen already answered; null when all of them were. */
  skip: number | null;
}

export interface SearchSpec {
  type: FhirResourceType;
  /** Only this citizen (patient=, or a Patient's identifier / _id). */
  patientId: string | null;
  /** A CPR (DDMMYY-SSSS) from Patient's identifier. */
  cpr: string | null;
  /** Only resources with these ids. */
  ids: string[] | null;
  /** meta.lastUpdated ≥ from and < to (FHIR's gt/ge/lt/le turned into one half-open range). */
  from: Date | null;
  to: Date | null;
  count: number;
  cursor: Cursor | null;
  /** The parameters that define the search (not _count, not _cursor), for the next link and the fingerprint. */
  canonical: [string, string][];
}

export function isSupportedType(type: string): type is FhirResourceType {
  return (FHIR_RESOURCE_TYPES as readonly string[]).includes(type);
}

const bad = (field: string) => AppError.field(field, "invalid_value", "fhir_search_parameter");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

/**
 * A FHIR date or instant as the range it stands for: 2026, 2026-03, 2026-03-05 (UTC days) or an
 * instant with a time zone (to the millisecond).
 */
export function dateRange(value: string): { start: Date; end: Date } | null {
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = m[2] ? Number(m[2]) - 1 : null;
    const d = m[3] ? Number(m[3]) : null;
    if (mo !== null && (mo < 0 || mo > 11)) return null;
    const start = new Date(Date.UTC(y, mo ?? 0, d ?? 1));
    if (d !== null && start.getUTCDate() !== d) return null;
    const end =
      d !== null
        ? new Date(Date.UTC(y, mo!, d + 1))
        : mo !== null
          ? new Date(Date.UTC(y, mo + 1, 1))
          : new Date(Date.UTC(y + 1, 0, 1));
    return { start, end };
  }
  m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return null;
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) return null;
  const seconds = /T\d{2}:\d{2}:\d{2}/.test(value);
  const fraction = /\.\d+/.test(value);
  // The precision given is the range: a minute, a second, or a millisecond.
  const width = fraction ? 1 : seconds ? 1000 : 60_000;
  return { start, end: new Date(start.getTime() + width) };
}

function values(raw: RawParams, name: string): string[] {
  const v = raw[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim());
}

/** `Patient/<id>` or `<id>` → the citizen's id (Patient ids are citizens' ids). */
function patientRef(value: string, field: string): string {
  const id = value.startsWith("Patient/") ? value.slice("Patient/".length) : value;
  if (!UUID.test(id)) throw bad(field);
  return id.toLowerCase();
}

/** `urn:oid:1.2.208.176.1.2|0101011234`, `|…` or a bare value: a CPR. */
function cprOf(value: string): string {
  const bar = value.indexOf("|");
  const system = bar < 0 ? null : value.slice(0, bar);
  const code = bar < 0 ? value : value.slice(bar + 1);
  if (system !== null && system !== "" && system !== CPR_SYSTEM) throw bad("identifier");
  const parsed = parseCpr(code);
  if (!parsed.ok) throw bad("identifier");
  return parsed.cpr;
}

export function encodeCursor(cursor: Cursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ ...cursor, f: fingerprint })).toString("base64url");
}

function decodeCursor(value: string, fingerprint: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw new AppError("fhir_cursor_invalid", 400);
  }
  const c = parsed as { at?: unknown; citizenId?: unknown; skip?: unknown; f?: unknown };
  const ok =
    typeof c === "object" &&
    c !== null &&
    c.f === fingerprint &&
    typeof c.citizenId === "string" &&
    UUID.test(c.citizenId) &&
    (c.skip === null || (typeof c.skip === "number" && Number.isInteger(c.skip) && c.skip >= 0)) &&
    (c.at === undefined || (typeof c.at === "string" && !Number.isNaN(new Date(c.at).getTime())));
  if (!ok) throw new AppError("fhir_cursor_invalid", 400);
  return {
    ...(c.at !== undefined ? { at: c.at as string } : {}),
    citizenId: c.citizenId as string,
    skip: c.skip as number | null,
  };
}

export function fingerprintOf(type: string, canonical: readonly [string, string][]): string {
  return createHash("sha256")
    .update(JSON.stringify([type, canonical]))
    .digest("base64url")
    .slice(0, 16);
}

const latestOf = (a: Date | null, b: Date): Date => (a && a.getTime() > b.getTime() ? a : b);
const earliestOf = (a: Date | null, b: Date): Date => (a && a.getTime() < b.getTime() ? a : b);

/** Parameters any search may carry that change nothing Broen answers. */
const IGNORED = new Set(["_format", "_pretty"]);

export function parseSearch(type: FhirResourceType, raw: RawParams, via: "get" | "post"): SearchSpec {
  const allowed = new Set([
    "_id",
    "_lastUpdated",
    "_count",
    "_cursor",
    ...(type === "Patient" ? ["identifier"] : ["patient", "subject"]),
  ]);
  for (const name of Object.keys(raw)) {
    if (raw[name] === undefined || IGNORED.has(name)) continue;
    if (!allowed.has(name.split(":")[0]!) || name.includes(":")) throw bad(name);
  }
  const canonical: [string, string][] = [];

  let cpr: string | null = null;
  if (raw.identifier !== undefined) {
    // Before anything else: a CPR in a URL is refused even when the rest of the search is wrong.
    if (via === "get") throw AppError.field("identifier", "not_in_url", "fhir_identifier_in_url");
    const list = values(raw, "identifier");
    if (list.length !== 1) throw bad("identifier");
    cpr = cprOf(list[0]!);
  }

  let patientId: string | null = null;
  for (const name of ["patient", "subject"]) {
    const list = values(raw, name);
    if (list.length === 0) continue;
    if (list.length > 1 || (patientId !== null && patientRef(list[0]!, name) !== patientId)) throw bad(name);
    patientId = patientRef(list[0]!, name);
  }
  if (patientId) canonical.push(["patient", patientId]);

  let ids: string[] | null = null;
  const idList = values(raw, "_id");
  if (raw._id !== undefined) {
    if (idList.length === 0 || idList.length > MAX_COUNT || idList.some((id) => !FHIR_ID.test(id)))
      throw bad("_id");
    ids = [...new Set(idList)];
    canonical.push(["_id", ids.join(",")]);
  }

  let from: Date | null = null;
  let to: Date | null = null;
  const lastUpdated = raw._lastUpdated === undefined ? [] : [raw._lastUpdated].flat();
  for (const v of lastUpdated) {
    const m = /^(gt|ge|lt|le)(.+)$/.exec(v?.trim() ?? "");
    const range = m ? dateRange(m[2]!) : null;
    if (!m || !range) throw bad("_lastUpdated");
    const bound =
      m[1] === "gt" ? range.end : m[1] === "ge" ? range.start : m[1] === "lt" ? range.start : range.end;
    if (m[1] === "gt" || m[1] === "ge") from = latestOf(from, bound);
    else to = earliestOf(to, bound);
    canonical.push(["_lastUpdated", v!.trim()]);
  }

  let count = DEFAULT_COUNT;
  const countList = values(raw, "_count");
  if (raw._count !== undefined) {
    const n = Number(countList[0]);
    if (countList.length !== 1 || !Number.isInteger(n) || n < 1 || n > MAX_COUNT) throw bad("_count");
    count = n;
  }

  const fingerprint = fingerprintOf(type, canonical);
  let cursor: Cursor | null = null;
  if (raw._cursor !== undefined) {
    const list = values(raw, "_cursor");
    if (list.length !== 1) throw new AppError("fhir_cursor_invalid", 400);
    cursor = decodeCursor(list[0]!, fingerprint);
  }
  return { type, patientId, cpr, ids, from, to, count, cursor, canonical };
}
