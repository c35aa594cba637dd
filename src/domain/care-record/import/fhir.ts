/**
 * FHIR R4 resources → import records (issue 14, decision 0098). The care record names a citizen
 * receiving home care as a Patient (KL Gateway's CareCitizen, or a dk-core Patient whose name,
 * address and telecom Broen accepts when present) identified by CPR, their planned interventions as
 * CarePlans (KL Gateway's CarePlannedIntervention: an FSIII intervention code and a period), and
 * their relatives as RelatedPerson resources or Patient.contact.
 *
 * One record per citizen: a citizen whose Patient or any CarePlan is wrong (invalid CPR, unknown
 * FSIII code, a period without a start) becomes one unmatched row with the reason, so nothing of
 * them is half-applied. Pure: used for uploaded Bundles and NDJSON files and for a FHIR server's
 * search results (the scheduled pull), which must hand over each changed citizen's Patient with all
 * of its CarePlans (home care is read from all of them together).
 */
import type {
  Bundle,
  CarePlan,
  HumanName,
  Identifier,
  Organization,
  Patient,
  Reference,
  RelatedPerson,
  Resource,
} from "@medplum/fhirtypes";
import { parseCpr } from "../../cpr.js";
import { CPR_SYSTEM, FSIII_SYSTEMS, SOR_SYSTEM, isFsiiiIntervention } from "./codes.js";
import {
  type HomeCareFacts,
  type ImportContact,
  type ImportRecord,
  MAX_IMPORT_ROWS,
  type ParsedSource,
  type RowProblem,
  type UnmatchedReason,
  dropDuplicateCprs,
  fieldProblem,
  isCalendarDate,
} from "./records.js";

/** A record field's FHIR element, so a refusal names where in the resource the value was. */
const PATH_OF: Record<string, string> = {
  firstName: "Patient.name.given",
  lastName: "Patient.name.family",
  addressLine: "Patient.address.line",
  postalCode: "Patient.address.postalCode",
  city: "Patient.address.city",
  phone: "Patient.telecom",
  providerSor: "Patient.managingOrganization.identifier",
  homeCareSince: "CarePlan.period.start",
  homeCareEnds: "CarePlan.period.end",
  homeCareEnded: "CarePlan.period.end",
  contacts: "RelatedPerson",
};

/** A resource with its place in the source and, in a Bundle, its fullUrl. */
interface Item {
  resource: Resource;
  rowNo: number;
  fullUrl?: string | undefined;
}

interface Problem {
  reason: UnmatchedReason;
  field: string;
}

/** A citizen gathered from their resources. */
interface Citizen {
  rowNo: number;
  cpr: string | null;
  birthDate: string | null;
  patient: Patient | null;
  plans: CarePlan[];
  contacts: ImportContact[];
  contactsGiven: boolean;
  problem: Problem | null;
}

/** Resources as a FHIR server's search or a file hands them over; their order is the rows'. */
export function recordsFromFhirResources(resources: readonly Resource[]): ParsedSource {
  return recordsFromItems(resources.map((resource, i) => ({ resource, rowNo: i + 1 })));
}

/** A Bundle file (any type: collection, transaction, searchset …): its entries are the rows. */
export function parseFhirBundle(content: string): ParsedSource {
  let bundle: unknown;
  try {
    bundle = JSON.parse(content);
  } catch {
    return malformed("file");
  }
  if (!isObject(bundle) || bundle.resourceType !== "Bundle") return malformed("resourceType");
  const entries = (bundle as unknown as Bundle).entry ?? [];
  if (!Array.isArray(entries)) return malformed("entry");
  if (entries.length > MAX_IMPORT_ROWS) return malformed("entry");
  const items: Item[] = [];
  const problems: RowProblem[] = [];
  entries.forEach((e, i) => {
    if (isObject(e) && isObject(e.resource) && typeof e.resource.resourceType === "string")
      items.push({
        resource: e.resource as unknown as Resource,
        rowNo: i + 1,
        fullUrl: typeof e.fullUrl === "string" ? e.fullUrl : undefined,
      });
    else problems.push({ rowNo: i + 1, reason: "malformed", field: "entry" });
  });
  return merge(recordsFromItems(items), problems);
}

/** An NDJSON file (FHIR bulk data): one resource per line; a line that is not a resource is an unmatched row. */
export function parseFhirNdjson(content: string): ParsedSource {
  const items: Item[] = [];
  const problems: RowProblem[] = [];
  const lines = content.split(/\r?\n/);
  if (lines.length > MAX_IMPORT_ROWS + 1) return malformed("file");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const r: unknown = JSON.parse(line);
      if (isObject(r) && typeof r.resourceType === "string")
        items.push({ resource: r as unknown as Resource, rowNo: i + 1 });
      else problems.push({ rowNo: i + 1, reason: "malformed", field: "resourceType" });
    } catch {
      problems.push({ rowNo: i + 1, reason: "malformed", field: "line" });
    }
  });
  return merge(recordsFromItems(items), problems);
}

function malformed(field: string): ParsedSource {
  return { records: [], problems: [{ rowNo: 0, reason: "malformed", field }] };
}

function merge(parsed: ParsedSource, more: RowProblem[]): ParsedSource {
  if (more.length === 0) return parsed;
  return {
    records: parsed.records,
    problems: [...parsed.problems, ...more].sort((a, b) => a.rowNo - b.rowNo),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The keys a reference to this resource may use: Type/id, its fullUrl, an absolute URL ending in Type/id. */
function keysOf(item: Item): string[] {
  const r = item.resource;
  const keys: string[] = [];
  if (r.id) keys.push(`${r.resourceType}/${r.id}`);
  if (item.fullUrl) keys.push(item.fullUrl);
  return keys;
}

function referenceKey(ref: Reference | undefined): string | null {
  if (!ref?.reference) return null;
  const r = ref.reference;
  if (r.startsWith("urn:")) return r;
  // An absolute URL (a server's search results) or a relative one: the last two segments; a _history tail dropped.
  const parts = r.replace(/\/_history\/[^/]+$/, "").split("/");
  if (parts.length < 2) return r;
  return `${parts[parts.length - 2]}/${parts[parts.length - 1]}`;
}

function identifierValue(ids: readonly Identifier[] | undefined, system: string): string | null | undefined {
  const found = (ids ?? []).filter((i) => i.system === system);
  if (found.length === 0) return undefined;
  return found[0]?.value?.trim() || null;
}

/** The CPR of a reference by identifier (CarePlan.subject.identifier), for a Patient not in the source. */
function referencedCpr(ref: Reference | undefined): string | null {
  const v = ref?.identifier?.system === CPR_SYSTEM ? ref.identifier.value : undefined;
  return v ? v.trim() : null;
}

function recordsFromItems(items: readonly Item[]): ParsedSource {
  if (items.length > MAX_IMPORT_ROWS) return malformed("file");
  const problems: RowProblem[] = [];
  const byKey = new Map<string, Citizen>();
  const byCpr = new Map<string, Citizen>();
  const citizens: Citizen[] = [];
  const organisations = new Map<string, string | null>();

  const citizenForCpr = (rawCpr: string, rowNo: number): Citizen => {
    const parsed = parseCpr(rawCpr);
    const key = parsed.ok ? parsed.cpr : rawCpr;
    let c = byCpr.get(key);
    if (!c) {
      c = emptyCitizen(rowNo);
      if (parsed.ok) {
        c.cpr = parsed.cpr;
        c.birthDate = parsed.birthDate;
      } else c.problem = { reason: "invalid_cpr", field: "Patient.identifier" };
      byCpr.set(key, c);
      citizens.push(c);
    }
    return c;
  };

  // Patients and organisations first: CarePlans and RelatedPersons refer to them.
  for (const item of items) {
    const r = item.resource;
    if (r.resourceType === "Organization") {
      const sor = identifierValue((r as Organization).identifier, SOR_SYSTEM) ?? null;
      for (const k of keysOf(item)) organisations.set(k, sor);
    }
    if (r.resourceType !== "Patient") continue;
    const p = r as Patient;
    const rawCpr = identifierValue(p.identifier, CPR_SYSTEM);
    let c: Citizen;
    if (!rawCpr) {
      c = emptyCitizen(item.rowNo);
      c.problem = { reason: "missing_value", field: "Patient.identifier" };
      citizens.push(c);
    } else {
      c = citizenForCpr(rawCpr, item.rowNo);
      if (c.patient) {
        // The same CPR on two Patient resources: neither can be trusted.
        problems.push({
          rowNo: item.rowNo,
          reason: "duplicate_cpr",
          field: "Patient.identifier",
          cpr: c.cpr ?? undefined,
        });
        c.problem ??= { reason: "duplicate_cpr", field: "Patient.identifier" };
        continue;
      }
      c.rowNo = Math.min(c.rowNo, item.rowNo);
    }
    c.patient = p;
    for (const k of keysOf(item)) byKey.set(k, c);
  }

  const resolve = (ref: Reference | undefined, rowNo: number, field: string): Citizen | null => {
    const key = referenceKey(ref);
    const found = key ? byKey.get(key) : undefined;
    if (found) return found;
    const cpr = referencedCpr(ref);
    if (cpr) return citizenForCpr(cpr, rowNo);
    problems.push({ rowNo, reason: "unresolved_reference", field });
    return null;
  };

  for (const item of items) {
    const r = item.resource;
    if (r.resourceType === "CarePlan") {
      const plan = r as CarePlan;
      if (plan.status === "entered-in-error") continue;
      const c = resolve(plan.subject, item.rowNo, "CarePlan.subject");
      if (c) c.plans.push(plan);
    } else if (r.resourceType === "RelatedPerson") {
      const rp = r as RelatedPerson;
      if (rp.active === false) continue;
      const c = resolve(rp.patient, item.rowNo, "RelatedPerson.patient");
      if (!c) continue;
      c.contactsGiven = true;
      const contact = contactOf(rp.name, rp.relationship, rp.telecom);
      if (contact) c.contacts.push(contact);
      else c.problem ??= { reason: "missing_value", field: "RelatedPerson.name" };
    }
  }

  const records: ImportRecord[] = [];
  for (const c of citizens) {
    const record = c.problem || !c.cpr || !c.birthDate ? null : toRecord(c, organisations);
    if (!record || "reason" in record) {
      const problem = record ??
        c.problem ?? { reason: "missing_value" as const, field: "Patient.identifier" };
      problems.push({
        rowNo: c.rowNo,
        reason: problem.reason,
        field: problem.field,
        cpr: c.cpr ?? undefined,
      });
      continue;
    }
    const bad = fieldProblem(record);
    if (bad)
      problems.push({
        rowNo: c.rowNo,
        reason: bad.reason,
        field: PATH_OF[bad.field] ?? bad.field,
        cpr: c.cpr ?? undefined,
      });
    else records.push(record);
  }
  records.sort((a, b) => a.rowNo - b.rowNo);
  problems.sort((a, b) => a.rowNo - b.rowNo);
  return dropDuplicateCprs({ records, problems });
}

function emptyCitizen(rowNo: number): Citizen {
  return {
    rowNo,
    cpr: null,
    birthDate: null,
    patient: null,
    plans: [],
    contacts: [],
    contactsGiven: false,
    problem: null,
  };
}

function toRecord(c: Citizen, organisations: ReadonlyMap<string, string | null>): ImportRecord | Problem {
  const record: ImportRecord = { rowNo: c.rowNo, cpr: c.cpr!, birthDate: c.birthDate! };
  const p = c.patient;
  if (p) {
    const name = pickName(p.name);
    if (name) {
      record.firstName = name.first;
      record.lastName = name.last;
    }
    const address = (p.address ?? []).find((a) => a.use === "home") ?? p.address?.[0];
    if (address) {
      const line = (address.line ?? [])
        .map((l) => l.trim())
        .filter(Boolean)
        .join(", ");
      if (line) record.addressLine = line;
      if (address.postalCode) record.postalCode = address.postalCode.trim();
      if (address.city) record.city = address.city.trim();
    }
    if (p.telecom) record.phone = phoneOf(p.telecom);
    const mo = p.managingOrganization;
    if (mo) {
      const sor =
        mo.identifier?.system === SOR_SYSTEM
          ? mo.identifier.value?.trim() || null
          : (organisations.get(referenceKey(mo) ?? "") ?? undefined);
      if (sor !== undefined) record.providerSor = sor;
    }
    if (p.contact) {
      c.contactsGiven = true;
      for (const pc of p.contact) {
        const contact = contactOf(pc.name ? [pc.name] : undefined, pc.relationship, pc.telecom);
        if (!contact) return { reason: "missing_value", field: "Patient.contact.name" };
        c.contacts.push(contact);
      }
    }
  }
  if (c.contactsGiven) record.contacts = c.contacts;
  if (c.plans.length > 0) {
    const hc = homeCareOf(c.plans);
    if ("reason" in hc) return hc;
    record.homeCare = hc.facts;
    record.interventions = hc.codes;
  }
  return record;
}

function pickName(names: readonly HumanName[] | undefined): { first: string; last: string } | null {
  if (!names || names.length === 0) return null;
  const n = names.find((x) => x.use === "official") ?? names.find((x) => x.use !== "old") ?? names[0]!;
  const given = (n.given ?? [])
    .map((g) => g.trim())
    .filter(Boolean)
    .join(" ");
  const family = n.family?.trim() ?? "";
  if (given && family) return { first: given, last: family };
  const text = (n.text ?? "").trim().split(/\s+/).filter(Boolean);
  if (text.length >= 2) return { first: text.slice(0, -1).join(" "), last: text[text.length - 1]! };
  return null;
}

function phoneOf(telecom: readonly { system?: string; value?: string; use?: string }[]): string | null {
  const phones = telecom.filter((t) => t.system === "phone" && t.value);
  const best = phones.find((t) => t.use === "mobile") ?? phones.find((t) => t.use === "home") ?? phones[0];
  return best?.value?.trim() ?? null;
}

function contactOf(
  names: readonly HumanName[] | undefined,
  relationship:
    readonly { text?: string; coding?: readonly { display?: string; code?: string }[] }[] | undefined,
  telecom: readonly { system?: string; value?: string; use?: string }[] | undefined,
): ImportContact | null {
  const n = names?.[0];
  if (!n) return null;
  const name = (
    n.text?.trim() ||
    [...(n.given ?? []), n.family ?? ""]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(" ")
  ).trim();
  if (!name) return null;
  const rel = relationship?.[0];
  const relation =
    rel?.text?.trim() || rel?.coding?.[0]?.display?.trim() || rel?.coding?.[0]?.code?.trim() || null;
  return { name, relation, phone: telecom ? phoneOf(telecom) : null };
}

const CLOSED_STATUSES = new Set(["completed", "revoked"]);

/**
 * Home care from a citizen's planned interventions: open while any intervention is open (not
 * completed or revoked); `since` is the earliest start of the open ones; when none is open, home
 * care ended on the latest end.
 */
function homeCareOf(plans: readonly CarePlan[]): { facts: HomeCareFacts; codes: string[] } | Problem {
  const codes = new Set<string>();
  const open: { start: string; end: string | null }[] = [];
  let lastEnd: string | null = null;
  for (const plan of plans) {
    const details = (plan.activity ?? []).map((a) => a.detail).filter((d) => d !== undefined);
    if (details.length === 0) return { reason: "missing_value", field: "CarePlan.activity.detail.code" };
    for (const d of details) {
      const fsiii = (d.code?.coding ?? []).filter((c) => c.system && FSIII_SYSTEMS.has(c.system));
      if (fsiii.length === 0) return { reason: "unknown_fsiii_code", field: "CarePlan.activity.detail.code" };
      for (const coding of fsiii) {
        if (!coding.code || !isFsiiiIntervention(coding.code))
          return { reason: "unknown_fsiii_code", field: "CarePlan.activity.detail.code" };
        codes.add(coding.code);
      }
    }
    const start = dateOf(plan.period?.start);
    const rawEnd = dateOf(plan.period?.end);
    if (start === undefined) return { reason: "missing_value", field: "CarePlan.period.start" };
    if (start === null || rawEnd === null) return { reason: "invalid_date", field: "CarePlan.period" };
    const end = rawEnd ?? null;
    if (end !== null && end < start) return { reason: "invalid_date", field: "CarePlan.period.end" };
    if (CLOSED_STATUSES.has(plan.status)) {
      if (end !== null && (lastEnd === null || end > lastEnd)) lastEnd = end;
    } else {
      open.push({ start, end });
    }
  }
  if (open.length > 0) {
    const since = open.reduce((m, p) => (p.start < m ? p.start : m), open[0]!.start);
    const endsOn = open.every((p) => p.end !== null)
      ? open.reduce((m, p) => (p.end! > m ? p.end! : m), open[0]!.end!)
      : null;
    return { facts: { since, endsOn, endedOn: null }, codes: [...codes].sort() };
  }
  return { facts: { since: null, endsOn: null, endedOn: lastEnd }, codes: [...codes].sort() };
}

/** A FHIR date or dateTime as its calendar day (the day as written: a care record states days). undefined: absent; null: not a date. */
function dateOf(v: string | undefined): string | null | undefined {
  if (v === undefined) return undefined;
  const day = v.slice(0, 10);
  return isCalendarDate(day) ? day : null;
}
