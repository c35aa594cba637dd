/**
 * The catalog as Open Referral HSDS 3.0: organisations → `organization`, activities → `service`
 * (with its location, address, accessibility, schedules, cost and contact nested, and themes,
 * interests, group size and kind of place as taxonomy-term attributes). Pure: the same catalog
 * always gives the same document, ids included (vocabulary.ts), so `fromHsds(toHsds(c))` gives
 * back `c` and a re-import updates rows instead of duplicating them.
 *
 * Times are wall-clock "HH:MM" in Europe/Copenhagen without an offset: HSDS suggests an offset,
 * but a fixed one (+01:00) would be an hour wrong all summer.
 */
import type { AccessibilityFeature } from "../../../../domain/course/vocabulary.js";
import type {
  ActivitySchedule,
  Catalog,
  CatalogActivity,
  CatalogAddress,
  CatalogOrganisation,
} from "../../../../domain/matching/types.js";
import type {
  HsdsAddress,
  HsdsAttribute,
  HsdsCostOption,
  HsdsDocument,
  HsdsLocation,
  HsdsOrganization,
  HsdsSchedule,
  HsdsService,
  HsdsServiceAtLocation,
} from "./types.js";
import {
  BY_ARRANGEMENT_TEXT,
  BYDAY,
  childId,
  COST_PERIOD_LABELS,
  CURRENCY,
  FEATURE_LABELS,
  ORGANISATION_KIND_LABELS,
  TAXONOMIES,
  type TaxonomyKey,
  taxonomyId,
  termId,
} from "./vocabulary.js";

export interface ToHsdsOptions {
  /** Term names for theme and interest ids (e.g. the taxonomy's Danish labels); default: the id. */
  themeNames?: Readonly<Record<string, string>>;
  interestNames?: Readonly<Record<string, string>>;
  /** HSDS requires `state_province` on an address; Danish addresses have none, so the region goes here. */
  region?: string;
}

const WEEKDAY_NAMES = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];
const ORDINALS: Record<string, string> = {
  "1": "første",
  "2": "anden",
  "3": "tredje",
  "4": "fjerde",
  "-1": "sidste",
};
const GROUP_SIZE_NAMES = {
  one_to_one: "En-til-en",
  small: "Lille gruppe (højst 5)",
  large: "Stor gruppe",
} as const;
const PLACE_NAMES = {
  venue: "På et mødested",
  in_home: "I borgerens hjem",
  remote: "Over telefon eller video",
} as const;
const CHANNEL_NAMES = { phone: "Telefon", video: "Video" } as const;
const AGREEMENT_NAMES = {
  none: "Ingen samarbejdsaftale",
  in_progress: "Samarbejdsaftale undervejs",
  signed: "Samarbejdsaftale indgået",
} as const;

function attribute(
  linkId: string,
  linkEntity: "service" | "organization",
  t: TaxonomyKey,
  code: string,
  name: string,
  value?: string,
): HsdsAttribute {
  const tax = TAXONOMIES[t];
  const id = termId(t, code);
  return {
    id: childId(linkId, "attribute", tax.key, code),
    link_id: linkId,
    link_entity: linkEntity,
    link_type: tax.key,
    taxonomy_term_id: id,
    ...(value !== undefined ? { value } : {}),
    taxonomy_term: {
      id,
      code,
      name,
      description: `${tax.name}: ${name}`,
      taxonomy: tax.name,
      taxonomy_id: taxonomyId(t),
      taxonomy_detail: { id: taxonomyId(t), name: tax.name, description: tax.description },
      language: "da",
    },
  };
}

function address(ownerId: string, locationId: string, a: CatalogAddress, region: string): HsdsAddress {
  return {
    id: childId(ownerId, "address"),
    location_id: locationId,
    address_1: a.line,
    city: a.city,
    state_province: region,
    postal_code: a.postalCode,
    country: "DK",
    address_type: "physical",
  };
}

function serviceAtLocation(a: CatalogActivity, region: string): HsdsServiceAtLocation[] {
  const place = a.place;
  if (place.kind === "in_home") return [];
  const locationId = childId(a.id, "location");
  let location: HsdsLocation;
  if (place.kind === "venue") {
    const features = a.accessibility.filter((f) => f !== "transport_offered");
    location = {
      id: locationId,
      location_type: "physical",
      organization_id: a.organisationId,
      name: place.name,
      ...(place.lat !== null && place.lon !== null ? { latitude: place.lat, longitude: place.lon } : {}),
      ...(a.accessibility.includes("transport_offered")
        ? { transportation: FEATURE_LABELS.transport_offered }
        : {}),
      addresses: [address(a.id, locationId, place.address, region)],
      accessibility: features.map((f) => ({
        id: childId(a.id, "accessibility", f),
        location_id: locationId,
        description: FEATURE_LABELS[f],
        details: f,
      })),
    };
  } else {
    location = {
      id: locationId,
      location_type: "virtual",
      organization_id: a.organisationId,
      name: place.channels.map((c) => CHANNEL_NAMES[c]).join(" og ") || PLACE_NAMES.remote,
    };
  }
  return [{ id: childId(a.id, "service_at_location"), service_id: a.id, location_id: locationId, location }];
}

const timeText = (start: string, end: string) => `kl. ${start.replace(":", ".")}–${end.replace(":", ".")}`;

function schedules(a: CatalogActivity): HsdsSchedule[] {
  const s: ActivitySchedule = a.schedule;
  const base = (i: number) => ({ id: childId(a.id, "schedule", i), service_id: a.id });
  switch (s.kind) {
    case "weekly":
      return [
        {
          ...base(0),
          freq: "WEEKLY",
          interval: 1,
          byday: s.weekdays.map((d) => BYDAY[d - 1]).join(","),
          opens_at: s.startTime,
          closes_at: s.endTime,
          description: `Hver ${s.weekdays.map((d) => WEEKDAY_NAMES[d - 1]).join(", ")} ${timeText(s.startTime, s.endTime)}`,
        },
      ];
    case "monthly":
      return [
        {
          ...base(0),
          freq: "MONTHLY",
          interval: 1,
          byday: `${s.week}${BYDAY[s.weekday - 1]}`,
          opens_at: s.startTime,
          closes_at: s.endTime,
          description:
            `${ORDINALS[String(s.week)]} ${WEEKDAY_NAMES[s.weekday - 1]} i måneden ${timeText(s.startTime, s.endTime)}`.replace(
              /^./,
              (c) => c.toUpperCase(),
            ),
        },
      ];
    case "dates":
      return s.dates.map((d, i) => ({
        ...base(i),
        valid_from: d,
        valid_to: d,
        dtstart: d,
        opens_at: s.startTime,
        closes_at: s.endTime,
      }));
    case "by_arrangement":
      return [{ ...base(0), description: BY_ARRANGEMENT_TEXT }];
  }
}

function costOptions(a: CatalogActivity): HsdsCostOption[] {
  const id = childId(a.id, "cost_option");
  if (a.cost.kind === "free")
    return [{ id, service_id: a.id, option: "Gratis", amount: 0, currency: CURRENCY }];
  return [
    {
      id,
      service_id: a.id,
      option: "Betaling",
      amount: a.cost.amountDkk,
      currency: CURRENCY,
      amount_description: COST_PERIOD_LABELS[a.cost.per],
    },
  ];
}

function feesText(a: CatalogActivity): string {
  return a.cost.kind === "free" ? "Gratis" : `${a.cost.amountDkk} kr. ${COST_PERIOD_LABELS[a.cost.per]}`;
}

export function activityToService(a: CatalogActivity, options: ToHsdsOptions = {}): HsdsService {
  const attr = (t: TaxonomyKey, code: string, name: string) => attribute(a.id, "service", t, code, name);
  const features: AccessibilityFeature[] = a.accessibility;
  return {
    id: a.id,
    organization_id: a.organisationId,
    name: a.title,
    description: a.description,
    status: a.active ? "active" : "inactive",
    fees_description: feesText(a),
    ...(a.lastVerifiedOn ? { assured_date: a.lastVerifiedOn } : {}),
    service_at_locations: serviceAtLocation(a, options.region ?? ""),
    schedules: schedules(a),
    cost_options: costOptions(a),
    contacts: a.contact
      ? [
          {
            id: childId(a.id, "contact"),
            name: a.contact.name,
            ...(a.contact.email ? { email: a.contact.email } : {}),
            phones: a.contact.phone
              ? [{ id: childId(a.id, "contact", "phone"), number: a.contact.phone }]
              : [],
          },
        ]
      : [],
    attributes: [
      ...a.themes.map((t) => attr("theme", t, options.themeNames?.[t] ?? t)),
      ...a.interests.map((i) => attr("interest", i, options.interestNames?.[i] ?? i)),
      ...features.map((f) => attr("accessibility", f, FEATURE_LABELS[f])),
      attr("groupSize", a.groupSize, GROUP_SIZE_NAMES[a.groupSize]),
      attr("place", a.place.kind, PLACE_NAMES[a.place.kind]),
      ...(a.place.kind === "remote" ? a.place.channels.map((c) => attr("channel", c, CHANNEL_NAMES[c])) : []),
    ],
  };
}

export function organisationToOrganization(
  o: CatalogOrganisation,
  options: ToHsdsOptions = {},
): HsdsOrganization {
  const locationId = childId(o.id, "location");
  const attributes = [
    attribute(o.id, "organization", "organisationKind", o.kind, ORGANISATION_KIND_LABELS[o.kind]),
    attribute(
      o.id,
      "organization",
      "agreement",
      o.collaborationAgreement,
      AGREEMENT_NAMES[o.collaborationAgreement],
    ),
  ];
  if (o.lastVerifiedOn)
    attributes.push(
      attribute(
        o.id,
        "organization",
        "lastVerified",
        TAXONOMIES.lastVerified.key,
        TAXONOMIES.lastVerified.name,
        o.lastVerifiedOn,
      ),
    );
  if (o.inclusionCriteria)
    attributes.push(
      attribute(
        o.id,
        "organization",
        "inclusion",
        TAXONOMIES.inclusion.key,
        TAXONOMIES.inclusion.name,
        o.inclusionCriteria,
      ),
    );
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    ...(o.email ? { email: o.email } : {}),
    ...(o.website ? { website: o.website } : {}),
    phones: o.phone ? [{ id: childId(o.id, "phone"), number: o.phone }] : [],
    locations: o.address
      ? [
          {
            id: locationId,
            location_type: "physical",
            organization_id: o.id,
            name: o.name,
            addresses: [address(o.id, locationId, o.address, options.region ?? "")],
          },
        ]
      : [],
    attributes,
  };
}

/** The whole catalog as the two HSDS lists, in the catalog's order. */
export function toHsds(catalog: Catalog, options: ToHsdsOptions = {}): HsdsDocument {
  return {
    organizations: catalog.organisations.map((o) => organisationToOrganization(o, options)),
    services: catalog.activities.map((a) => activityToService(a, options)),
  };
}
