/**
 * The catalog's three shapes and the mappings between them: database rows (flat columns, the
 * schedule and contact as JSON), the domain types that matching and HSDS share
 * (domain/matching/types.ts), and the API's responses (shared/api/catalog.ts). Never returns a
 * row as it is.
 */
import type { AccessibilityFeature } from "../../../domain/course/vocabulary.js";
import { timesOfDay } from "../../../domain/matching/schedule.js";
import type {
  ActivityCost,
  ActivityPlace,
  ActivitySchedule,
  CatalogActivity,
  CatalogOrganisation,
  ContactPerson,
  RemoteChannel,
} from "../../../domain/matching/types.js";
import type { Activity, Organisation } from "../../../shared/api/catalog.js";
import type { catalogActivities, catalogOrganisations } from "../../db/schema/index.js";

type ActivityTable = typeof catalogActivities.$inferSelect;
type OrganisationTable = typeof catalogOrganisations.$inferSelect;

/** The columns a person (or an import) sets on an activity; the rest is bookkeeping. */
export type ActivityContent = Pick<
  ActivityTable,
  | "organisationId"
  | "title"
  | "description"
  | "themes"
  | "interests"
  | "placeKind"
  | "placeName"
  | "addressLine"
  | "postalCode"
  | "city"
  | "lat"
  | "lon"
  | "remoteChannels"
  | "schedule"
  | "weekdays"
  | "timesOfDay"
  | "accessibility"
  | "costKind"
  | "costAmountDkk"
  | "costPer"
  | "groupSize"
  | "contact"
  | "lastVerifiedOn"
  | "active"
>;

export type OrganisationContent = Pick<
  OrganisationTable,
  | "name"
  | "kind"
  | "description"
  | "addressLine"
  | "postalCode"
  | "city"
  | "phone"
  | "email"
  | "website"
  | "inclusionCriteria"
  | "collaborationAgreement"
  | "managedByOrganisationId"
  | "lastVerifiedOn"
  | "active"
>;

/** The columns kept for search and matching, never read back. */
type IndexColumns = "search" | "titleKey" | "spherePoint" | "catalogVersion";

/** An activity row with what the API shows of its organisation. */
export type ActivityRow = Omit<ActivityTable, IndexColumns> & {
  organisationName: string;
  managedByOrganisationId: string | null;
  organisationPhone: string | null;
};
export type OrganisationRow = OrganisationTable & { managedByName: string | null };

// ---- the schedule's derived columns ----

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
function isoWeekday(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The weekdays an activity meets on, for the weekday filter; "by arrangement" has none (it fits any day). */
export function weekdaysOf(schedule: ActivitySchedule): number[] {
  switch (schedule.kind) {
    case "weekly":
      return [...new Set(schedule.weekdays)].sort((a, b) => a - b);
    case "monthly":
      return [schedule.weekday];
    case "dates":
      return [...new Set(schedule.dates.map(isoWeekday))].sort((a, b) => a - b);
    case "by_arrangement":
      return [];
  }
}

/** Stored in a canonical order, so an unchanged schedule compares equal and the history stays quiet. */
export function canonicalSchedule(s: ActivitySchedule): ActivitySchedule {
  switch (s.kind) {
    case "weekly":
      return {
        kind: "weekly",
        weekdays: [...new Set(s.weekdays)].sort((a, b) => a - b),
        startTime: s.startTime,
        endTime: s.endTime,
      };
    case "monthly":
      return {
        kind: "monthly",
        weekday: s.weekday,
        week: s.week,
        startTime: s.startTime,
        endTime: s.endTime,
      };
    case "dates":
      return {
        kind: "dates",
        dates: [...new Set(s.dates)].sort(),
        startTime: s.startTime,
        endTime: s.endTime,
      };
    case "by_arrangement":
      return { kind: "by_arrangement" };
  }
}

// ---- domain → columns ----

export function placeColumns(
  place: ActivityPlace,
): Pick<
  ActivityContent,
  "placeKind" | "placeName" | "addressLine" | "postalCode" | "city" | "lat" | "lon" | "remoteChannels"
> {
  const none = {
    placeName: null,
    addressLine: null,
    postalCode: null,
    city: null,
    lat: null,
    lon: null,
    remoteChannels: [],
  };
  switch (place.kind) {
    case "venue":
      return {
        ...none,
        placeKind: "venue",
        placeName: place.name,
        addressLine: place.address.line,
        postalCode: place.address.postalCode,
        city: place.address.city,
        lat: place.lat ?? null,
        lon: place.lon ?? null,
      };
    case "remote":
      return { ...none, placeKind: "remote", remoteChannels: [...new Set(place.channels)] };
    case "in_home":
      return { ...none, placeKind: "in_home" };
  }
}

export function costColumns(
  cost: ActivityCost,
): Pick<ActivityContent, "costKind" | "costAmountDkk" | "costPer"> {
  return cost.kind === "free"
    ? { costKind: "free", costAmountDkk: null, costPer: null }
    : { costKind: "paid", costAmountDkk: cost.amountDkk, costPer: cost.per };
}

export function contactColumn(
  contact:
    { name: string; phone?: string | null | undefined; email?: string | null | undefined } | null | undefined,
): ContactPerson | null {
  return contact ? { name: contact.name, phone: contact.phone ?? null, email: contact.email ?? null } : null;
}

export function scheduleColumns(
  schedule: ActivitySchedule,
): Pick<ActivityContent, "schedule" | "weekdays" | "timesOfDay"> {
  const s = canonicalSchedule(schedule);
  return { schedule: s, weekdays: weekdaysOf(s), timesOfDay: timesOfDay(s) };
}

/** A domain activity (an HSDS import) as columns. */
export function activityContentOf(a: CatalogActivity): ActivityContent {
  return {
    organisationId: a.organisationId.toLowerCase(),
    title: a.title,
    description: a.description,
    themes: [...a.themes],
    interests: [...a.interests],
    ...placeColumns(a.place),
    ...scheduleColumns(a.schedule),
    accessibility: [...a.accessibility],
    ...costColumns(a.cost),
    groupSize: a.groupSize,
    contact: a.contact,
    lastVerifiedOn: a.lastVerifiedOn,
    active: a.active,
  };
}

/** A domain organisation (an HSDS import) as columns; who manages it is Broen's own and kept as it is. */
export function organisationContentOf(
  o: CatalogOrganisation,
  keep: Pick<OrganisationContent, "managedByOrganisationId" | "active">,
): OrganisationContent {
  return {
    name: o.name,
    kind: o.kind,
    description: o.description,
    addressLine: o.address?.line ?? null,
    postalCode: o.address?.postalCode ?? null,
    city: o.address?.city ?? null,
    phone: o.phone,
    email: o.email,
    website: o.website,
    inclusionCriteria: o.inclusionCriteria,
    collaborationAgreement: o.collaborationAgreement,
    lastVerifiedOn: o.lastVerifiedOn,
    ...keep,
  };
}

// ---- columns → domain ----

export function placeOf(
  c: Pick<
    ActivityContent,
    "placeKind" | "placeName" | "addressLine" | "postalCode" | "city" | "lat" | "lon" | "remoteChannels"
  >,
): ActivityPlace {
  switch (c.placeKind) {
    case "venue":
      return {
        kind: "venue",
        name: c.placeName ?? "",
        address: { line: c.addressLine ?? "", postalCode: c.postalCode ?? "", city: c.city ?? "" },
        lat: c.lat,
        lon: c.lon,
      };
    case "remote":
      return { kind: "remote", channels: c.remoteChannels as RemoteChannel[] };
    case "in_home":
      return { kind: "in_home" };
  }
}

export function costOf(c: Pick<ActivityContent, "costKind" | "costAmountDkk" | "costPer">): ActivityCost {
  return c.costKind === "paid" && c.costAmountDkk !== null && c.costPer !== null
    ? { kind: "paid", amountDkk: c.costAmountDkk, per: c.costPer }
    : { kind: "free" };
}

export function toCatalogActivity(row: Omit<ActivityTable, IndexColumns>): CatalogActivity {
  return {
    id: row.id,
    organisationId: row.organisationId,
    title: row.title,
    description: row.description,
    themes: row.themes,
    interests: row.interests,
    place: placeOf(row),
    schedule: row.schedule as ActivitySchedule,
    accessibility: row.accessibility as AccessibilityFeature[],
    cost: costOf(row),
    groupSize: row.groupSize,
    contact: (row.contact as ContactPerson | null) ?? null,
    lastVerifiedOn: row.lastVerifiedOn,
    active: row.active,
  };
}

export function toCatalogOrganisation(row: OrganisationTable): CatalogOrganisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    address:
      row.addressLine !== null && row.postalCode !== null && row.city !== null
        ? { line: row.addressLine, postalCode: row.postalCode, city: row.city }
        : null,
    phone: row.phone,
    email: row.email,
    website: row.website,
    inclusionCriteria: row.inclusionCriteria,
    collaborationAgreement: row.collaborationAgreement,
    lastVerifiedOn: row.lastVerifiedOn,
  };
}

/**
 * What the change history compares and records: the fields as a person reads them (a place, a
 * cost), not the columns behind them.
 */
export function activitySnapshot(c: ActivityContent): Record<string, unknown> {
  return {
    organisationId: c.organisationId,
    title: c.title,
    description: c.description,
    themes: c.themes,
    interests: c.interests,
    place: placeOf(c),
    schedule: c.schedule,
    accessibility: c.accessibility,
    cost: costOf(c),
    groupSize: c.groupSize,
    contact: c.contact ?? null,
    lastVerifiedOn: c.lastVerifiedOn,
    active: c.active,
  };
}

export function organisationSnapshot(c: OrganisationContent): Record<string, unknown> {
  return {
    name: c.name,
    kind: c.kind,
    description: c.description,
    address: c.addressLine !== null ? { line: c.addressLine, postalCode: c.postalCode, city: c.city } : null,
    phone: c.phone,
    email: c.email,
    website: c.website,
    inclusionCriteria: c.inclusionCriteria,
    collaborationAgreement: c.collaborationAgreement,
    managedByOrganisationId: c.managedByOrganisationId,
    lastVerifiedOn: c.lastVerifiedOn,
    active: c.active,
  };
}

// ---- rows → API ----

export function activityOut(row: ActivityRow): Activity {
  const a = toCatalogActivity(row);
  return {
    id: a.id,
    organisation: { id: row.organisationId, name: row.organisationName },
    managedByOrganisationId: row.managedByOrganisationId,
    title: a.title,
    description: a.description,
    themes: a.themes,
    interests: a.interests,
    place: a.place,
    schedule: a.schedule,
    weekdays: row.weekdays,
    timesOfDay: row.timesOfDay as Activity["timesOfDay"],
    accessibility: a.accessibility,
    cost: a.cost,
    groupSize: a.groupSize,
    contact: a.contact,
    lastVerifiedOn: a.lastVerifiedOn,
    active: a.active,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function organisationOut(row: OrganisationRow): Organisation {
  const o = toCatalogOrganisation(row);
  return {
    ...o,
    managedBy:
      row.managedByOrganisationId && row.managedByName !== null
        ? { id: row.managedByOrganisationId, name: row.managedByName }
        : null,
    active: row.active,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Kilometres to one decimal, as a person reads them (and as matching shows them). */
export const roundKm = (km: number | null): number | null => (km === null ? null : Math.round(km * 10) / 10);
