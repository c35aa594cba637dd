/**
 * One HSDS row (already valid against the HSDS schema) → one catalog row, with Broen's own
 * checks: what HSDS leaves open but matching needs (times as HH:MM, known codes, a venue with an
 * address). Every problem is collected with a JSON Pointer into the row; a row with an error is
 * not returned. Where HSDS data from another system lacks a Broen attribute and a safe default
 * exists, the default is used and a warning says so.
 */
import { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from "../../../../domain/course/vocabulary.js";
import { DATE_PATTERN, TIME_PATTERN } from "../../../../domain/matching/schedule.js";
import { isGeoPoint } from "../../../../domain/matching/distance.js";
import {
  type ActivityCost,
  type ActivityPlace,
  type ActivitySchedule,
  type CatalogActivity,
  type CatalogAddress,
  type CatalogOrganisation,
  COLLABORATION_AGREEMENTS,
  COST_PERIODS,
  type CostPeriod,
  GROUP_SIZES,
  ORGANISATION_KINDS,
  PLACE_KINDS,
  REMOTE_CHANNELS,
  type RemoteChannel,
} from "../../../../domain/matching/types.js";
import type { HsdsAddress, HsdsAttribute, HsdsOrganization, HsdsSchedule, HsdsService } from "./types.js";
import { LIMITS } from "../../../../domain/limits.js";
import { Website } from "../../../../shared/api/catalog.js";
import {
  BYDAY,
  COST_PERIOD_LABELS,
  isFeature,
  TAXONOMIES,
  type TaxonomyKey,
  taxonomyId,
  termId,
} from "./vocabulary.js";

export interface ImportIssue {
  entity: "document" | "organization" | "service";
  /** Position in the document's list; -1 for the document itself. */
  index: number;
  /** JSON Pointer into the row ("/schedules/0/opens_at"). */
  field: string;
  /** Machine-readable: an Ajv keyword ("format", "required") or Broen's own code. */
  code: string;
  message: string;
}

export class RowIssues {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  constructor(
    private readonly entity: ImportIssue["entity"],
    private readonly index: number,
  ) {}
  error(field: string, code: string, message: string) {
    this.errors.push({ entity: this.entity, index: this.index, field, code, message });
  }
  warn(field: string, code: string, message: string) {
    this.warnings.push({ entity: this.entity, index: this.index, field, code, message });
  }
}

/** Broen's text limits (domain/limits.ts), so an imported row fits where a typed-in one would. */
function checkLengths(issues: RowIssues, fields: [string | null | undefined, number, string][]) {
  for (const [value, max, field] of fields) {
    if (value && value.length > max) issues.error(field, "too_long", `must be at most ${max} characters`);
  }
}

/** Entry ids of the interest taxonomy (EntryId in shared/api/course-definitions.ts). */
const ENTRY_ID = /^[a-z0-9][a-z0-9_]*$/;

const FINITE: Partial<Record<TaxonomyKey, readonly string[]>> = {
  accessibility: ACCESSIBILITY_FEATURES,
  groupSize: GROUP_SIZES,
  place: PLACE_KINDS,
  channel: REMOTE_CHANNELS,
  organisationKind: ORGANISATION_KINDS,
  agreement: COLLABORATION_AGREEMENTS,
  lastVerified: [TAXONOMIES.lastVerified.key],
  inclusion: [TAXONOMIES.inclusion.key],
};
const TAXONOMY_BY_ID = new Map((Object.keys(TAXONOMIES) as TaxonomyKey[]).map((t) => [taxonomyId(t), t]));
const TERM_BY_ID = new Map(
  Object.entries(FINITE).flatMap(([t, codes]) =>
    codes.map((c) => [termId(t as TaxonomyKey, c), { t: t as TaxonomyKey, code: c }]),
  ),
);

interface Classified {
  t: TaxonomyKey;
  code: string;
  value: string | undefined;
  field: string;
}

/** Broen's attributes of a row, by taxonomy; attributes of other taxonomies are left alone. */
function classify(attrs: HsdsAttribute[] | undefined, issues: RowIssues): Map<TaxonomyKey, Classified[]> {
  const out = new Map<TaxonomyKey, Classified[]>();
  (attrs ?? []).forEach((a, i) => {
    const term = a.taxonomy_term;
    const known = a.taxonomy_term_id ? TERM_BY_ID.get(a.taxonomy_term_id) : undefined;
    const t = (term?.taxonomy_id ? TAXONOMY_BY_ID.get(term.taxonomy_id) : undefined) ?? known?.t;
    if (!t) return;
    const code = term?.code ?? known?.code;
    const field = `/attributes/${i}/taxonomy_term/code`;
    const allowed = FINITE[t];
    if (
      code === undefined ||
      (allowed ? !allowed.includes(code) : !ENTRY_ID.test(code) || code.length > 64)
    ) {
      issues.error(field, "unknown_code", `not a code of ${TAXONOMIES[t].name}`);
      return;
    }
    out.set(t, [...(out.get(t) ?? []), { t, code, value: a.value, field }]);
  });
  return out;
}

const codesOf = (m: Map<TaxonomyKey, Classified[]>, t: TaxonomyKey) => [
  ...new Set((m.get(t) ?? []).map((c) => c.code)),
];

function checkDate(value: string | undefined, field: string, issues: RowIssues): string | null {
  if (value === undefined || value === "") return null;
  if (!DATE_PATTERN.test(value)) {
    issues.error(field, "invalid_date", "must be a date YYYY-MM-DD");
    return null;
  }
  return value;
}

/** A web address by the API's own rule (Website in shared/api/catalog.ts): http/https only. */
function checkWebsite(value: string | undefined, field: string, issues: RowIssues): string | null {
  if (value === undefined || value === "") return null;
  const parsed = Website.safeParse(value);
  if (!parsed.success) {
    issues.error(field, "invalid_url", "must be an http or https address");
    return null;
  }
  return parsed.data;
}

function addressOf(a: HsdsAddress | undefined): CatalogAddress | null {
  return a
    ? {
        line: a.address_2 ? `${a.address_1}, ${a.address_2}` : a.address_1,
        postalCode: a.postal_code,
        city: a.city,
      }
    : null;
}

/** "10:00", "10:00:00" or with a Danish offset (+01:00/+02:00), read as wall-clock time in Denmark. */
function time(value: string | undefined, field: string, issues: RowIssues): string {
  const m = /^(\d\d:\d\d)(:00)?(\+0[12]:00)?$/.exec(value ?? "");
  if (!m || !TIME_PATTERN.test(m[1]!)) {
    issues.error(field, "invalid_time", "must be a time HH:MM (Danish local time)");
    return "00:00";
  }
  return m[1]!;
}

function weekday(code: string): number {
  return BYDAY.indexOf(code as (typeof BYDAY)[number]) + 1;
}

function schedule(svc: HsdsService, issues: RowIssues): ActivitySchedule {
  const list = svc.schedules?.length
    ? svc.schedules
    : (svc.service_at_locations?.[0]?.location?.schedules ?? []);
  const at = (i: number, f: string) => `/schedules/${i}/${f}`;
  const first = list[0];
  if (!first || (!first.freq && !first.valid_from && !first.dtstart)) return { kind: "by_arrangement" };
  const times = (s: HsdsSchedule, i: number) => ({
    startTime: time(s.opens_at, at(i, "opens_at"), issues),
    endTime: time(s.closes_at, at(i, "closes_at"), issues),
  });
  if (first.freq === "WEEKLY" || first.freq === "MONTHLY") {
    if (list.length > 1)
      issues.warn("/schedules/1", "extra_schedules_ignored", "only the first schedule is kept");
    const days = (first.byday ?? "").split(",").map((d) => d.trim());
    if (first.freq === "WEEKLY") {
      const weekdays = days.map(weekday);
      if (days.length === 0 || weekdays.some((d) => d === 0))
        issues.error(at(0, "byday"), "invalid_byday", "must list weekdays MO,TU,…");
      return { kind: "weekly", weekdays: [...new Set(weekdays)].sort((a, b) => a - b), ...times(first, 0) };
    }
    const m = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(days[0] ?? "");
    if (!m || days.length !== 1) {
      issues.error(at(0, "byday"), "invalid_byday", "must be one weekday of the month, e.g. 1TU or -1FR");
      return { kind: "monthly", weekday: 1, week: 1, ...times(first, 0) };
    }
    return {
      kind: "monthly",
      weekday: weekday(m[2]!),
      week: Number(m[1]) as 1 | 2 | 3 | 4 | -1,
      ...times(first, 0),
    };
  }
  const dates = list.map(
    (s, i) => checkDate(s.valid_from ?? s.dtstart ?? "", at(i, "valid_from"), issues) ?? "",
  );
  if (dates.some((d) => d === ""))
    issues.error(at(0, "valid_from"), "invalid_date", "every dated schedule needs a date");
  const t = times(first, 0);
  if (list.some((s) => s.opens_at !== first.opens_at || s.closes_at !== first.closes_at))
    issues.warn("/schedules", "times_differ", "dates with different times: the first date's times are kept");
  return { kind: "dates", dates: [...new Set(dates)].sort(), ...t };
}

function cost(svc: HsdsService, issues: RowIssues): ActivityCost {
  const c = svc.cost_options?.[0];
  if (!c) {
    issues.warn("/cost_options", "defaulted", "no cost option: imported as free");
    return { kind: "free" };
  }
  if (c.amount === undefined || c.amount === 0) return { kind: "free" };
  if (c.amount < 0) issues.error("/cost_options/0/amount", "invalid_amount", "must not be negative");
  if (c.currency !== undefined && c.currency.toUpperCase() !== "DKK")
    issues.error("/cost_options/0/currency", "invalid_currency", "only DKK is supported");
  const text = (c.amount_description ?? c.option ?? "").trim().toLowerCase();
  const per = COST_PERIODS.find((p) => text === p || text === COST_PERIOD_LABELS[p]);
  if (!per)
    issues.error(
      "/cost_options/0/amount_description",
      "invalid_period",
      `must say ${COST_PERIODS.map((p) => `"${COST_PERIOD_LABELS[p]}"`).join(", ")}`,
    );
  return { kind: "paid", amountDkk: c.amount, per: per ?? ("time" satisfies CostPeriod) };
}

function place(svc: HsdsService, attrs: Map<TaxonomyKey, Classified[]>, issues: RowIssues): ActivityPlace {
  const location = svc.service_at_locations?.[0]?.location;
  let kind = codesOf(attrs, "place")[0] as ActivityPlace["kind"] | undefined;
  if (!kind) {
    kind = location?.location_type === "virtual" ? "remote" : location ? "venue" : undefined;
    if (!kind) {
      issues.error(
        "/service_at_locations",
        "missing_place",
        "a service needs a location or Broen's place attribute (in_home)",
      );
      return { kind: "in_home" };
    }
    issues.warn("/service_at_locations/0/location/location_type", "defaulted", `place inferred as ${kind}`);
  }
  if (kind === "in_home") return { kind };
  if (kind === "remote") {
    const channels = codesOf(attrs, "channel") as RemoteChannel[];
    if (channels.length === 0) issues.warn("/attributes", "defaulted", "no channel: imported as phone");
    return { kind, channels: channels.length ? channels : ["phone"] };
  }
  const address = addressOf(location?.addresses?.[0]);
  if (!address)
    issues.error("/service_at_locations/0/location/addresses", "missing_address", "a venue needs an address");
  const lat = location?.latitude ?? null;
  const lon = location?.longitude ?? null;
  const known = lat !== null && lon !== null;
  if ((lat === null) !== (lon === null) || (known && !isGeoPoint(lat, lon)))
    issues.error(
      "/service_at_locations/0/location/latitude",
      "invalid_coordinates",
      "latitude and longitude must both be valid WGS84 or both absent",
    );
  return {
    kind: "venue",
    name: location?.name ?? svc.name,
    address: address ?? { line: "", postalCode: "", city: "" },
    lat: known ? lat : null,
    lon: known ? lon : null,
  };
}

export function serviceToActivity(
  svc: HsdsService,
  knownOrganisations: ReadonlySet<string>,
  issues: RowIssues,
): CatalogActivity {
  const attrs = classify(svc.attributes, issues);
  if (!svc.organization_id) issues.error("/organization_id", "required", "is required");
  else if (!knownOrganisations.has(svc.organization_id))
    issues.error(
      "/organization_id",
      "unknown_organization",
      "no such organization in the document or the catalog",
    );
  const groupSize = codesOf(attrs, "groupSize")[0] as CatalogActivity["groupSize"] | undefined;
  if (!groupSize) issues.warn("/attributes", "defaulted", "no group size: imported as large");
  const p = place(svc, attrs, issues);
  const fromLocation = (svc.service_at_locations?.[0]?.location?.accessibility ?? [])
    .map((a) => a.details)
    .filter(isFeature);
  const features = new Set<AccessibilityFeature>([
    ...(codesOf(attrs, "accessibility") as AccessibilityFeature[]),
    ...fromLocation,
  ]);
  const c = svc.contacts?.[0];
  const phone = c?.phones?.[0]?.number ?? null;
  const at = "/service_at_locations/0/location";
  checkLengths(issues, [
    [svc.name, LIMITS.shortText, "/name"],
    [svc.description, LIMITS.note, "/description"],
    [p.kind === "venue" ? p.name : null, LIMITS.shortText, `${at}/name`],
    [p.kind === "venue" ? p.address.line : null, LIMITS.address, `${at}/addresses/0/address_1`],
    [c?.name, LIMITS.name, "/contacts/0/name"],
    [phone, LIMITS.phone, "/contacts/0/phones/0/number"],
  ]);
  return {
    id: svc.id,
    organisationId: svc.organization_id ?? "",
    title: svc.name,
    description: svc.description ?? "",
    themes: codesOf(attrs, "theme"),
    interests: codesOf(attrs, "interest"),
    place: p,
    schedule: schedule(svc, issues),
    accessibility: ACCESSIBILITY_FEATURES.filter((f) => features.has(f)),
    cost: cost(svc, issues),
    groupSize: groupSize ?? "large",
    contact: c && (c.name || phone || c.email) ? { name: c.name ?? "", phone, email: c.email ?? null } : null,
    lastVerifiedOn: checkDate(svc.assured_date, "/assured_date", issues),
    active: svc.status === "active",
  };
}

export function organizationToOrganisation(org: HsdsOrganization, issues: RowIssues): CatalogOrganisation {
  const attrs = classify(org.attributes, issues);
  const kind = codesOf(attrs, "organisationKind")[0] as CatalogOrganisation["kind"] | undefined;
  if (!kind) issues.warn("/attributes", "defaulted", "no organisation kind: imported as association");
  const valueOf = (t: TaxonomyKey) => attrs.get(t)?.[0];
  const verified = valueOf("lastVerified");
  const location = org.locations?.find((l) => l.location_type === "physical") ?? org.locations?.[0];
  const inclusion = valueOf("inclusion");
  checkLengths(issues, [
    [org.name, LIMITS.shortText, "/name"],
    [org.description, LIMITS.note, "/description"],
    [org.phones?.[0]?.number, LIMITS.phone, "/phones/0/number"],
    [
      inclusion?.value,
      LIMITS.note,
      inclusion?.field.replace(/taxonomy_term\/code$/, "value") ?? "/attributes",
    ],
  ]);
  return {
    id: org.id,
    name: org.name,
    kind: kind ?? "association",
    description: org.description,
    address: addressOf(location?.addresses?.[0]),
    phone: org.phones?.[0]?.number ?? null,
    email: org.email ?? null,
    website: checkWebsite(org.website, "/website", issues),
    inclusionCriteria: inclusion?.value || null,
    collaborationAgreement:
      (codesOf(attrs, "agreement")[0] as CatalogOrganisation["collaborationAgreement"] | undefined) ?? "none",
    lastVerifiedOn: verified
      ? checkDate(verified.value, verified.field.replace(/taxonomy_term\/code$/, "value"), issues)
      : null,
  };
}
