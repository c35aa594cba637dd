import { describe, expect, it } from "vitest";
import type { Catalog, CatalogActivity, CatalogOrganisation } from "../../../../domain/matching/types.js";
import { generateDemoCatalog } from "../../../seed/catalog-demo-data.js";
import { toHsds } from "./export.js";
import { fromHsds } from "./import.js";
import type { HsdsDocument, HsdsService } from "./types.js";
import { hsdsValidators } from "./validator.js";
import { uuidV5 } from "./vocabulary.js";

const ORG = "5b0c3a52-9a53-4c0e-8f4e-1d2a3b4c5d6e";
const uuid = (n: number) => `7e1d2c3b-4a59-4687-9a0b-${String(n).padStart(12, "0")}`;

const organisation: CatalogOrganisation = {
  id: ORG,
  name: "Ældre Sagen Fjordby",
  kind: "visiting_service",
  description: "Besøgsvenner og telefonvenner.",
  address: { line: "Havnegade 4", postalCode: "9901", city: "Fjordby" },
  phone: "40123456",
  email: "kontakt@aeldresagen-fjordby.fjordby.example",
  website: "https://aeldresagen-fjordby.fjordby.example/",
  inclusionCriteria: "Ældre, der føler sig ensomme.",
  collaborationAgreement: "signed",
  lastVerifiedOn: "2025-11-03",
};
const bare: CatalogOrganisation = {
  ...organisation,
  id: uuid(99),
  name: "Mandeklubben i Nørremarken",
  kind: "association",
  address: null,
  phone: null,
  email: null,
  website: null,
  inclusionCriteria: null,
  collaborationAgreement: "none",
  lastVerifiedOn: null,
};

const base: Pick<
  CatalogActivity,
  "organisationId" | "description" | "accessibility" | "cost" | "contact" | "lastVerifiedOn" | "active"
> = {
  organisationId: ORG,
  description: "Nye er altid velkomne.",
  accessibility: [],
  cost: { kind: "free" },
  contact: null,
  lastVerifiedOn: null,
  active: true,
};

const activities: CatalogActivity[] = [
  {
    ...base,
    id: uuid(1),
    title: "Strikkecafé i Fjordby Kulturhus",
    themes: ["creative", "meals_social"],
    interests: ["knitting", "coffee_club"],
    place: {
      kind: "venue",
      name: "Fjordby Kulturhus",
      address: { line: "Fjordvej 12", postalCode: "9901", city: "Fjordby" },
      lat: 56.401234,
      lon: 8.598765,
    },
    schedule: { kind: "weekly", weekdays: [2, 4], startTime: "14:00", endTime: "16:00" },
    accessibility: [
      "step_free",
      "wheelchair_rollator",
      "accessible_toilet",
      "hearing_loop",
      "transport_offered",
    ],
    cost: { kind: "paid", amountDkk: 20, per: "time" },
    groupSize: "small",
    contact: { name: "Birthe Holm", phone: "22334455", email: "birthe@strik.fjordby.example" },
    lastVerifiedOn: "2026-01-15",
  },
  {
    ...base,
    id: uuid(2),
    title: "Sangeftermiddag i Klitby Kirke",
    themes: ["music"],
    interests: ["community_singing"],
    place: {
      kind: "venue",
      name: "Klitby Kirke",
      address: { line: "Kirkestien 1", postalCode: "9906", city: "Klitby" },
      lat: null,
      lon: null,
    },
    schedule: { kind: "monthly", weekday: 2, week: -1, startTime: "14:00", endTime: "15:30" },
    cost: { kind: "paid", amountDkk: 150, per: "year" },
    groupSize: "large",
    active: false,
  },
  {
    ...base,
    id: uuid(3),
    title: "Besøgsvenner – Ældre Sagen Fjordby",
    themes: ["visiting_friend"],
    interests: ["visiting_friend"],
    place: { kind: "in_home" },
    schedule: { kind: "by_arrangement" },
    groupSize: "one_to_one",
    contact: { name: "Peter Skov", phone: null, email: null },
  },
  {
    ...base,
    id: uuid(4),
    organisationId: bare.id,
    title: "Telefonvenner – Ældre Sagen",
    themes: ["visiting_friend"],
    interests: ["phone_friend"],
    place: { kind: "remote", channels: ["phone", "video"] },
    schedule: { kind: "by_arrangement" },
    groupSize: "one_to_one",
  },
  {
    ...base,
    id: uuid(5),
    title: "Udflugt til Kongernes Jelling",
    themes: ["culture"],
    interests: ["excursions"],
    place: {
      kind: "venue",
      name: "Bækmarken Forsamlingshus",
      address: { line: "Engtoften 3", postalCode: "9904", city: "Bækmarken" },
      lat: 56.35,
      lon: 8.75,
    },
    schedule: { kind: "dates", dates: ["2026-05-12", "2026-06-09"], startTime: "09:00", endTime: "16:00" },
    cost: { kind: "paid", amountDkk: 90, per: "month" },
    groupSize: "large",
  },
];
const small: Catalog = { organisations: [organisation, bare], activities };

const validate = (doc: HsdsDocument) => {
  const { organization, service } = hsdsValidators();
  const errors = [
    ...doc.organizations.flatMap((o) => (organization(o) ? [] : (organization.errors ?? []))),
    ...doc.services.flatMap((s) => (service(s) ? [] : (service.errors ?? []))),
  ];
  return errors;
};

/** Every `id` anywhere in the document, with the object kinds that carry it. */
function allIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => allIds(v, out));
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "id" && typeof v === "string") out.push(v);
      else if (k !== "taxonomy_term") allIds(v, out);
    }
  }
  return out;
}

describe("HSDS export", () => {
  it("validates against the HSDS 3.0 organization and service schemas (Ajv)", () => {
    const doc = toHsds(small);
    expect(doc.organizations).toHaveLength(2);
    expect(doc.services).toHaveLength(5);
    expect(validate(doc)).toEqual([]);
  });

  it("validates for the whole demo catalog", () => {
    expect(validate(toHsds(generateDemoCatalog()))).toEqual([]);
  });

  it("is checked by a validator that does refuse invalid HSDS", () => {
    const doc = toHsds(small);
    const broken = { ...doc.services[0]!, id: "not-a-uuid", status: "open" };
    expect(hsdsValidators().service(broken)).toBe(false);
  });

  it("keeps our UUIDs as HSDS ids and gives nested objects the same ids on every export", () => {
    const doc = toHsds(small);
    expect(doc.services.map((s) => s.id)).toEqual(activities.map((a) => a.id));
    expect(doc.organizations.map((o) => o.id)).toEqual([ORG, bare.id]);
    expect(toHsds(structuredClone(small))).toEqual(doc);
    const ids = allIds(doc);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("derives nested ids as RFC 4122 version 5 UUIDs (the RFC's own example)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("writes the HSDS fields a reader expects", () => {
    const [knit, song, visit, phone] = toHsds(small).services as [
      HsdsService,
      HsdsService,
      HsdsService,
      HsdsService,
    ];
    expect(knit.service_at_locations![0]!.location).toMatchObject({
      location_type: "physical",
      latitude: 56.401234,
      longitude: 8.598765,
      transportation: expect.any(String),
    });
    expect(knit.schedules![0]).toMatchObject({
      freq: "WEEKLY",
      byday: "TU,TH",
      opens_at: "14:00",
      closes_at: "16:00",
    });
    expect(knit.cost_options![0]).toMatchObject({
      amount: 20,
      currency: "DKK",
      amount_description: "pr. gang",
    });
    expect(song).toMatchObject({ status: "inactive", schedules: [{ freq: "MONTHLY", byday: "-1TU" }] });
    expect(song.service_at_locations![0]!.location!.latitude).toBeUndefined();
    expect(visit.service_at_locations).toEqual([]);
    expect(phone.service_at_locations![0]!.location!.location_type).toBe("virtual");
  });
});

describe("HSDS import", () => {
  it("gives back the same catalog after export (round trip through JSON)", () => {
    const result = fromHsds(JSON.parse(JSON.stringify(toHsds(small))));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toEqual(small);
  });

  it("gives back the whole demo catalog", () => {
    const demo = generateDemoCatalog();
    const result = fromHsds(toHsds(demo));
    expect(result.errors).toEqual([]);
    expect(result.ok).toEqual(demo);
  });

  it("never duplicates on re-import: the ids are the catalog's, so an upsert by id replaces", () => {
    const stored = new Map<string, CatalogActivity>();
    for (let i = 0; i < 2; i++) for (const a of fromHsds(toHsds(small)).ok.activities) stored.set(a.id, a);
    expect([...stored.keys()]).toEqual(activities.map((a) => a.id));
  });

  it("reports both bad rows with the paths of their bad fields, and keeps the good rows", () => {
    const doc = toHsds(small);
    const services = structuredClone(doc.services) as unknown as Record<string, unknown>[];
    services[1]!.status = "open";
    (services[1]!.schedules as Record<string, unknown>[])[0]!.opens_at = 1400;
    delete services[3]!.name;
    services[3]!.organization_id = "nope";
    const result = fromHsds({ organizations: doc.organizations, services });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: "service", index: 1, field: "/status", code: "enum" }),
        expect.objectContaining({
          entity: "service",
          index: 1,
          field: "/schedules/0/opens_at",
          code: "type",
        }),
        expect.objectContaining({ entity: "service", index: 3, field: "/name", code: "required" }),
        expect.objectContaining({ entity: "service", index: 3, field: "/organization_id", code: "format" }),
      ]),
    );
    expect(new Set(result.errors.map((e) => e.index))).toEqual(new Set([1, 3]));
    expect(result.ok.activities.map((a) => a.id)).toEqual([uuid(1), uuid(3), uuid(5)]);
  });

  it("applies Broen's own checks: times, codes, dates, known organisations, text limits, duplicates", () => {
    const doc = toHsds(small);
    const s = structuredClone(doc.services);
    s[0]!.schedules![0]!.opens_at = "25:00";
    s[0]!.attributes!.find((a) => a.link_type === "group_size")!.taxonomy_term!.code = "huge";
    s[2]!.assured_date = "3 March";
    s[2]!.organization_id = uuid(500);
    s[3]!.name = "x".repeat(201);
    s[4]!.id = s[0]!.id;
    const result = fromHsds({ organizations: doc.organizations, services: s });
    const byRow = (i: number) => result.errors.filter((e) => e.index === i).map((e) => [e.field, e.code]);
    expect(byRow(0)).toEqual(
      expect.arrayContaining([
        ["/schedules/0/opens_at", "invalid_time"],
        [expect.stringMatching(/^\/attributes\/\d+\/taxonomy_term\/code$/), "unknown_code"],
      ]),
    );
    expect(byRow(2)).toEqual(
      expect.arrayContaining([
        ["/organization_id", "unknown_organization"],
        ["/assured_date", "invalid_date"],
      ]),
    );
    expect(byRow(3)).toEqual([["/name", "too_long"]]);
    expect(byRow(4)).toEqual([["/id", "duplicate_id"]]);
    expect(result.ok.activities.map((a) => a.id)).toEqual([uuid(2)]);
  });

  it("applies the API's web-address rule (http/https only) to the organization's website", () => {
    const doc = toHsds(small);
    for (const website of [
      "javascript:alert(1)",
      "data:text/html;base64,PGI+eDwvYj4=",
      "ftp://example.org/",
      "vbscript:msgbox",
    ]) {
      const organizations = structuredClone(doc.organizations);
      organizations[0]!.website = website;
      const result = fromHsds({ organizations, services: doc.services });
      expect(result.errors.filter((e) => e.entity === "organization")).toEqual([
        expect.objectContaining({ index: 0, field: "/website", code: "invalid_url" }),
      ]);
      expect(result.ok.organisations.map((o) => o.id)).not.toContain(organizations[0]!.id);
    }
    const organizations = structuredClone(doc.organizations);
    organizations[0]!.website = "http://fjordby.example/klub";
    expect(fromHsds({ organizations, services: doc.services }).ok.organisations[0]?.website).toBe(
      "http://fjordby.example/klub",
    );
  });

  it("accepts services of organisations already in the catalog", () => {
    const doc = toHsds(small);
    expect(fromHsds({ services: doc.services }).errors.every((e) => e.code === "unknown_organization")).toBe(
      true,
    );
    expect(fromHsds({ services: doc.services }, { knownOrganisationIds: [ORG, bare.id] }).errors).toEqual([]);
  });

  it("imports HSDS from another system with defaults and says which", () => {
    const foreign = {
      organizations: [{ id: ORG, name: "Lokalforening", description: "En forening." }],
      services: [
        {
          id: uuid(42),
          organization_id: ORG,
          name: "Kortspil",
          status: "active",
          service_at_locations: [
            {
              id: uuid(43),
              location: {
                id: uuid(44),
                location_type: "physical",
                addresses: [
                  {
                    id: uuid(45),
                    address_1: "Mågevej 2",
                    city: "Fjordby",
                    state_province: "",
                    postal_code: "9901",
                    country: "DK",
                    address_type: "physical",
                  },
                ],
              },
            },
          ],
          schedules: [
            { id: uuid(46), freq: "WEEKLY", byday: "WE", opens_at: "13:00:00+01:00", closes_at: "15:00" },
          ],
        },
      ],
    };
    const result = fromHsds(foreign);
    expect(result.errors).toEqual([]);
    expect(result.ok.activities[0]).toMatchObject({
      place: { kind: "venue", name: "Kortspil", lat: null, lon: null, address: { line: "Mågevej 2" } },
      schedule: { kind: "weekly", weekdays: [3], startTime: "13:00", endTime: "15:00" },
      groupSize: "large",
      cost: { kind: "free" },
    });
    expect(result.ok.organisations[0]).toMatchObject({
      kind: "association",
      collaborationAgreement: "none",
      address: null,
    });
    expect(result.warnings.map((w) => [w.entity, w.code])).toEqual(
      expect.arrayContaining([
        ["service", "defaulted"],
        ["organization", "defaulted"],
      ]),
    );
  });

  it("refuses a document that is not an object of lists", () => {
    expect(fromHsds([]).errors).toEqual([expect.objectContaining({ entity: "document", field: "/" })]);
    expect(fromHsds({ services: {} }).errors).toEqual([
      expect.objectContaining({ entity: "document", field: "/services", code: "type" }),
    ]);
  });
});
