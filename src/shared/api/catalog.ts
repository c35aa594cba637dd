/**
 * API of the activity catalog (issue 5): organisations and their activities, search, the
 * association listing with its statistics, upkeep (review list, change history), the printable
 * list and HSDS 3.0 import/export. Requests validate with the common text helpers; responses are
 * plain objects (no transforms), so the same schemas serialise and document the answers.
 */
import { z } from "zod";
import { ACCESSIBILITY_FEATURES } from "../../domain/course/vocabulary.js";
import { TIME_PATTERN } from "../../domain/matching/schedule.js";
import {
  COLLABORATION_AGREEMENTS,
  COST_PERIODS,
  GROUP_SIZES,
  ORGANISATION_KINDS,
  PLACE_KINDS,
  REMOTE_CHANNELS,
  TIMES_OF_DAY,
} from "../../domain/matching/types.js";
import { LIMITS } from "../../domain/limits.js";
import {
  ACTIVITY_SORTS,
  CATALOG_CHANGE_ACTIONS,
  CATALOG_ENTITY_TYPES,
  IMPORT_MODES,
} from "../../domain/vocabulary/catalog.js";
import { IdRef, isoDate, optionalText, Page, PageQuery, Phone, requiredText, text, uuid } from "./common.js";

export const CatalogOrganisationKind = z.enum(ORGANISATION_KINDS);
export const CollaborationAgreement = z.enum(COLLABORATION_AGREEMENTS);
export const GroupSize = z.enum(GROUP_SIZES);
export const TimeOfDay = z.enum(TIMES_OF_DAY);
export const AccessibilityFeature = z.enum(ACCESSIBILITY_FEATURES);
export const RemoteChannel = z.enum(REMOTE_CHANNELS);
export const CostPeriod = z.enum(COST_PERIODS);
export const PlaceKind = z.enum(PLACE_KINDS);

/** How long an entry may go unverified before it shows up for review (issue 5, catalog upkeep). */
export const DEFAULT_REVIEW_MONTHS = 12;
/** Entries on one printed page at most: a large-print A4 page holds about this many. */
export const DEFAULT_PRINT_LIMIT = 30;
/** The radius of a printable list around an address when none is given. */
export const DEFAULT_PRINT_RADIUS_KM = 5;

const Version = z.int().min(1);
/** Ids of the interest taxonomy's themes and interests (EntryId in course-definitions.ts). */
const EntryId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_]*$/);
const PostalCode = z
  .string()
  .trim()
  .regex(/^\d{4}$/);
const Time = z.string().regex(TIME_PATTERN);
const Weekday = z.int().min(1).max(7);
const Email = z.string().trim().max(LIMITS.shortText).pipe(z.email());
/** The API's one rule for web addresses (http/https only); the HSDS import applies it too. */
export const Website = z
  .string()
  .trim()
  .max(LIMITS.shortText)
  .pipe(z.url({ protocol: /^https?$/ }));

const unique = <T>(list: T[]) => new Set(list).size === list.length;
const uniqueList = <T extends z.ZodType>(item: T, max: number, min = 0) =>
  z
    .array(item)
    .min(min)
    .max(max)
    .refine((l) => unique(l), { params: { reason: "invalid_value" } });

// ---- requests ----

export const AddressInput = z.strictObject({
  line: requiredText(LIMITS.address),
  postalCode: PostalCode,
  city: requiredText(LIMITS.name),
});

const Coordinate = (limit: number) => z.number().min(-limit).max(limit).nullable().optional();

export const PlaceInput = z.discriminatedUnion("kind", [
  z
    .strictObject({
      kind: z.literal("venue"),
      name: requiredText(LIMITS.shortText),
      address: AddressInput,
      lat: Coordinate(90),
      lon: Coordinate(180),
    })
    // Half a coordinate is a typing error, not an unknown position.
    .refine((p) => ((p.lat ?? null) === null) === ((p.lon ?? null) === null), {
      path: ["lon"],
      params: { reason: "required" },
    }),
  z.strictObject({ kind: z.literal("in_home") }),
  z.strictObject({ kind: z.literal("remote"), channels: uniqueList(RemoteChannel, 2, 1) }),
]);
export type PlaceInput = z.infer<typeof PlaceInput>;

const endAfterStart = { path: ["endTime"], params: { reason: "invalid_value" } };
const later = (s: { startTime: string; endTime: string }) => s.endTime > s.startTime;

export const ScheduleInput = z.discriminatedUnion("kind", [
  z
    .strictObject({
      kind: z.literal("weekly"),
      weekdays: uniqueList(Weekday, 7, 1),
      startTime: Time,
      endTime: Time,
    })
    .refine(later, endAfterStart),
  z
    .strictObject({
      kind: z.literal("monthly"),
      weekday: Weekday,
      week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
      startTime: Time,
      endTime: Time,
    })
    .refine(later, endAfterStart),
  z
    .strictObject({
      kind: z.literal("dates"),
      dates: uniqueList(isoDate, 60, 1),
      startTime: Time,
      endTime: Time,
    })
    .refine(later, endAfterStart),
  z.strictObject({ kind: z.literal("by_arrangement") }),
]);
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export const CostInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("free") }),
  z.strictObject({ kind: z.literal("paid"), amountDkk: z.int().min(1).max(100_000), per: CostPeriod }),
]);

export const ContactInput = z.strictObject({
  name: requiredText(LIMITS.name),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
});

const activityFields = {
  title: requiredText(LIMITS.shortText),
  description: optionalText(LIMITS.note),
  themes: uniqueList(EntryId, 20).default([]),
  interests: uniqueList(EntryId, 40).default([]),
  place: PlaceInput,
  schedule: ScheduleInput,
  accessibility: uniqueList(AccessibilityFeature, ACCESSIBILITY_FEATURES.length).default([]),
  cost: CostInput,
  groupSize: GroupSize,
  contact: ContactInput.nullable().optional(),
};

export const CreateActivityBody = z.strictObject({
  organisationId: uuid,
  ...activityFields,
  /** Default: today (whoever types the entry in has just checked it). */
  lastVerifiedOn: isoDate.nullable().optional(),
});
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;

/** Only the fields sent change; `active: true` reactivates (deactivating has its own request). */
export const UpdateActivityBody = z.strictObject({
  version: Version,
  organisationId: uuid.optional(),
  title: activityFields.title.optional(),
  description: activityFields.description,
  themes: uniqueList(EntryId, 20).optional(),
  interests: uniqueList(EntryId, 40).optional(),
  place: PlaceInput.optional(),
  schedule: ScheduleInput.optional(),
  accessibility: uniqueList(AccessibilityFeature, ACCESSIBILITY_FEATURES.length).optional(),
  cost: CostInput.optional(),
  groupSize: GroupSize.optional(),
  contact: ContactInput.nullable().optional(),
  active: z.literal(true).optional(),
});
export type UpdateActivityBody = z.infer<typeof UpdateActivityBody>;

const organisationFields = {
  name: requiredText(LIMITS.shortText),
  kind: CatalogOrganisationKind,
  description: optionalText(LIMITS.note),
  address: AddressInput.nullable().optional(),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  website: Website.nullable().optional(),
  inclusionCriteria: optionalText(LIMITS.note),
  collaborationAgreement: CollaborationAgreement,
  /** The volunteer centre (an organisation of the municipality) whose staff keep the entry up to date. */
  managedByOrganisationId: uuid.nullable().optional(),
};

export const CreateOrganisationBody = z.strictObject({
  ...organisationFields,
  collaborationAgreement: CollaborationAgreement.default("none"),
  lastVerifiedOn: isoDate.nullable().optional(),
});
export type CreateOrganisationBody = z.infer<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = z.strictObject({
  version: Version,
  name: organisationFields.name.optional(),
  kind: CatalogOrganisationKind.optional(),
  description: organisationFields.description,
  address: organisationFields.address,
  phone: organisationFields.phone,
  email: organisationFields.email,
  website: organisationFields.website,
  inclusionCriteria: organisationFields.inclusionCriteria,
  collaborationAgreement: CollaborationAgreement.optional(),
  managedByOrganisationId: organisationFields.managedByOrganisationId,
  active: z.literal(true).optional(),
});
export type UpdateOrganisationBody = z.infer<typeof UpdateOrganisationBody>;

export const VersionBody = z.strictObject({ version: Version });
export type VersionBody = z.infer<typeof VersionBody>;

/** "a,b" or repeated keys (?x=a&x=b) → a list. */
const csv = <T extends z.ZodType>(item: T, max = 20) =>
  z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => (typeof s === "string" ? s.split(",") : [s]))
        .map((s) => (typeof s === "string" ? s.trim() : s))
        .filter((s) => s !== ""),
    z.array(item).min(1).max(max),
  );

/** "56.4,8.6" → { lat, lon }. */
const LatLon = z
  .string()
  .trim()
  .max(60)
  .regex(/^-?\d{1,2}(\.\d+)?,\s*-?\d{1,3}(\.\d+)?$/)
  .transform((s) => {
    const [lat, lon] = s.split(",").map(Number) as [number, number];
    return { lat, lon };
  })
  .pipe(z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }));

export const ActivitySearchQuery = z
  .strictObject({
    /** Words; each matches the start of a word of the title, description, place or town (Danish stemming). */
    q: text(LIMITS.search).optional(),
    /** Any of these themes / interests. */
    theme: csv(EntryId).optional(),
    interest: csv(EntryId).optional(),
    organisationId: uuid.optional(),
    /** The area: venues in any of these postal codes, or in this town. */
    postalCode: csv(PostalCode, 50).optional(),
    city: text(LIMITS.name).optional(),
    /** Distance from a point ("lat,lon") or from a citizen's home (the citizen must be readable). */
    near: LatLon.optional(),
    nearCitizenId: uuid.optional(),
    maxKm: z.coerce.number().positive().max(500).optional(),
    /** ISO weekdays (1 = Monday) and times of day: any of them; offers "by arrangement" fit every one. */
    weekday: csv(z.coerce.number().pipe(Weekday), 7).optional(),
    timeOfDay: csv(TimeOfDay, 3).optional(),
    /** Every listed feature is required. */
    accessibility: csv(AccessibilityFeature, ACCESSIBILITY_FEATURES.length).optional(),
    free: z.stringbool().optional(),
    groupSize: csv(GroupSize, GROUP_SIZES.length).optional(),
    placeKind: csv(PlaceKind, PLACE_KINDS.length).optional(),
    /** Catalog editors only: inactive entries too. */
    includeInactive: z.stringbool().optional(),
    /** Default: relevance with words, else distance with a point, else title (Danish order). */
    sort: z.enum(ACTIVITY_SORTS).optional(),
    ...PageQuery,
  })
  .refine((q) => !(q.near && q.nearCitizenId), {
    path: ["nearCitizenId"],
    params: { reason: "invalid_value" },
  })
  .refine((q) => q.maxKm === undefined || q.near !== undefined || q.nearCitizenId !== undefined, {
    path: ["maxKm"],
    params: { reason: "invalid_value" },
  })
  .refine((q) => q.sort !== "distance" || q.near !== undefined || q.nearCitizenId !== undefined, {
    path: ["sort"],
    params: { reason: "invalid_value" },
  });
export type ActivitySearchQuery = z.infer<typeof ActivitySearchQuery>;

export const OrganisationListQuery = z.strictObject({
  q: text(LIMITS.search).optional(),
  kind: csv(CatalogOrganisationKind, ORGANISATION_KINDS.length).optional(),
  includeInactive: z.stringbool().optional(),
  ...PageQuery,
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

export const ReviewQuery = z.strictObject({
  months: z.coerce.number().int().min(1).max(120).default(DEFAULT_REVIEW_MONTHS),
  ...PageQuery,
});
export type ReviewQuery = z.infer<typeof ReviewQuery>;

export const ChangesQuery = z.strictObject({ entityId: uuid });

export const PrintQuery = z
  .strictObject({
    postalCode: csv(PostalCode, 50).optional(),
    near: LatLon.optional(),
    nearCitizenId: uuid.optional(),
    radiusKm: z.coerce.number().positive().max(50).default(DEFAULT_PRINT_RADIUS_KM),
    limit: z.coerce.number().int().min(1).max(100).default(DEFAULT_PRINT_LIMIT),
  })
  .refine((q) => [q.postalCode, q.near, q.nearCitizenId].filter((x) => x !== undefined).length === 1, {
    path: ["postalCode"],
    params: { reason: "required" },
  });
export type PrintQuery = z.infer<typeof PrintQuery>;

export const ImportBody = z.strictObject({
  mode: z.enum(IMPORT_MODES),
  /** An HSDS 3.0 document: { organizations: [...], services: [...] }. */
  data: z.unknown(),
});
export type ImportBody = z.infer<typeof ImportBody>;

// ---- responses ----

export const Address = z.object({ line: z.string(), postalCode: z.string(), city: z.string() });

export const Place = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("venue"),
    name: z.string(),
    address: Address,
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  }),
  z.object({ kind: z.literal("in_home") }),
  z.object({ kind: z.literal("remote"), channels: z.array(RemoteChannel) }),
]);

export const Schedule = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("weekly"),
    weekdays: z.array(z.number()),
    startTime: z.string(),
    endTime: z.string(),
  }),
  z.object({
    kind: z.literal("monthly"),
    weekday: z.number(),
    week: z.number(),
    startTime: z.string(),
    endTime: z.string(),
  }),
  z.object({
    kind: z.literal("dates"),
    dates: z.array(z.string()),
    startTime: z.string(),
    endTime: z.string(),
  }),
  z.object({ kind: z.literal("by_arrangement") }),
]);

export const Cost = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("free") }),
  z.object({ kind: z.literal("paid"), amountDkk: z.number(), per: CostPeriod }),
]);

export const Contact = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const Activity = z.object({
  id: z.string(),
  organisation: IdRef,
  /** The organisation's managing volunteer centre: with `can("catalog.edit")` the web knows who may edit. */
  managedByOrganisationId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  themes: z.array(z.string()),
  interests: z.array(z.string()),
  place: Place,
  schedule: Schedule,
  /** Derived from the schedule for filtering (ISO weekdays; empty for "by arrangement"). */
  weekdays: z.array(z.number()),
  timesOfDay: z.array(TimeOfDay),
  accessibility: z.array(AccessibilityFeature),
  cost: Cost,
  groupSize: GroupSize,
  contact: Contact.nullable(),
  lastVerifiedOn: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityHit = Activity.extend({
  /** Null when no point was asked for, for in-home and remote offers, and when either end has no coordinates ("distance unknown"). */
  distanceKm: z.number().nullable(),
});
export type ActivityHit = z.infer<typeof ActivityHit>;

export const ActivitySearchResult = Page(ActivityHit).extend({
  /** The order used: relevance needs words and distance a known point; otherwise title. */
  sort: z.enum(ACTIVITY_SORTS),
  /** What distances were measured from; `known: false` when the citizen's home has no coordinates (no distance, no maxKm). */
  origin: z.object({ kind: z.enum(["point", "citizen"]), known: z.boolean() }).nullable(),
});
export type ActivitySearchResult = z.infer<typeof ActivitySearchResult>;

export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: CatalogOrganisationKind,
  description: z.string(),
  address: Address.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  inclusionCriteria: z.string().nullable(),
  collaborationAgreement: CollaborationAgreement,
  managedBy: IdRef.nullable(),
  lastVerifiedOn: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationSummary = Organisation.extend({ activeActivities: z.number() });
export const OrganisationPage = Page(OrganisationSummary);
export type OrganisationPage = z.infer<typeof OrganisationPage>;

/**
 * From the placements recorded in the organisation's activities. Null parts mean "no data":
 * no placement has left "contacted" yet.
 */
export const OrganisationStatistics = z.object({
  placements: z.number(),
  /** Median time from a placement entering "contacted" to its next status change. */
  replyTime: z.object({ medianHours: z.number(), measured: z.number() }).nullable(),
  /** Placements that reached a trial visit or participation ÷ placements that left "contacted". */
  takenOn: z.object({ share: z.number(), taken: z.number(), of: z.number() }).nullable(),
});
export type OrganisationStatistics = z.infer<typeof OrganisationStatistics>;

export const OrganisationDetail = Organisation.extend({
  activities: z.array(Activity),
  statistics: OrganisationStatistics,
});
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

export const ReviewEntry = z.object({
  entityType: z.enum(CATALOG_ENTITY_TYPES),
  id: z.string(),
  name: z.string(),
  /** The organisation an activity belongs to (null for an organisation). */
  organisation: IdRef.nullable(),
  managedByOrganisationId: z.string().nullable(),
  lastVerifiedOn: z.string().nullable(),
  version: z.number(),
});
export const ReviewPage = Page(ReviewEntry).extend({ months: z.number(), cutoff: z.string() });
export type ReviewPage = z.infer<typeof ReviewPage>;

export const CatalogChange = z.object({
  id: z.string(),
  entityType: z.enum(CATALOG_ENTITY_TYPES),
  entityId: z.string(),
  action: z.enum(CATALOG_CHANGE_ACTIONS),
  /** { field: { from, to } } */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  actor: IdRef.nullable(),
  at: z.string(),
});
export type CatalogChange = z.infer<typeof CatalogChange>;

export const ThemeLabel = z.object({ da: z.string(), en: z.string().nullable() });

export const PrintEntry = z.object({
  id: z.string(),
  title: z.string(),
  organisationName: z.string(),
  place: Place,
  schedule: Schedule,
  timesOfDay: z.array(TimeOfDay),
  /** The activity's contact phone, else the organisation's. */
  phone: z.string().nullable(),
  cost: Cost,
  accessibility: z.array(AccessibilityFeature),
  groupSize: GroupSize,
  distanceKm: z.number().nullable(),
});

export const PrintList = z.object({
  area: z.object({
    postalCodes: z.array(z.string()).nullable(),
    near: z.object({ lat: z.number(), lon: z.number() }).nullable(),
    radiusKm: z.number().nullable(),
  }),
  generatedOn: z.string(),
  /** Activities that matched; `shown` of them are on the page (the nearest, or the first by title). */
  total: z.number(),
  shown: z.number(),
  groups: z.array(
    z.object({
      theme: z.object({ id: z.string(), label: ThemeLabel }).nullable(),
      activities: z.array(PrintEntry),
    }),
  ),
});
export type PrintList = z.infer<typeof PrintList>;

export const ImportIssue = z.object({
  entity: z.enum(["document", "organization", "service"]),
  index: z.number(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

const ImportCounts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
export const ImportReport = z.object({
  mode: z.enum(IMPORT_MODES),
  organisations: ImportCounts,
  activities: ImportCounts,
  /** Rows left out (valid_rows); with all_or_nothing an error answers 422 instead and nothing is stored. */
  errors: z.array(ImportIssue),
  warnings: z.array(ImportIssue),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const HsdsExport = z.object({
  organizations: z.array(z.record(z.string(), z.unknown())),
  services: z.array(z.record(z.string(), z.unknown())),
});
