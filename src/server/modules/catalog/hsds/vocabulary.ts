/**
 * How Broen's catalog words are written in HSDS 3.0, shared by export and import.
 *
 * HSDS has no fields for themes, interests, group size, the kind of place (venue / at home /
 * phone) or an organisation's collaboration agreement, so they travel as `attributes` pointing at
 * taxonomy terms of Broen's own taxonomies (the HSDS way to classify). Every nested HSDS object
 * needs a UUID; they are derived from the owning row's UUID and the object's role (name-based,
 * RFC 4122 version 5), so exporting the same catalog twice gives the same ids and a re-import
 * matches instead of duplicating.
 */
import { createHash } from "node:crypto";
import { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from "../../../../domain/course/vocabulary.js";
import type { CostPeriod, OrganisationKind } from "../../../../domain/matching/types.js";

/** Broen's namespace for name-based UUIDs (a random v4 UUID fixed once; never change it). */
export const BROEN_HSDS_NAMESPACE = "6f1c2a0e-3b7d-4c59-9e1a-5d8b2f4c7a90";

/** RFC 4122 version 5 UUID (SHA-1) of `name` in `namespace`. */
export function uuidV5(name: string, namespace = BROEN_HSDS_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The stable id of a nested object: the owner's id plus its role, e.g. (serviceId, "location"). */
export const childId = (ownerId: string, ...role: (string | number)[]) =>
  uuidV5([ownerId, ...role].join("/"));

/** Broen's taxonomies. `name` is what HSDS calls the taxonomy; `key` is used in term ids. */
export const TAXONOMIES = {
  theme: { key: "theme", name: "Broen: temaer", description: "Temaer i Broens interessetaksonomi." },
  interest: {
    key: "interest",
    name: "Broen: interesser",
    description: "Interesser i Broens interessetaksonomi.",
  },
  accessibility: {
    key: "accessibility",
    name: "Broen: tilgængelighed",
    description: "Hvad stedet tilbyder (niveaufri adgang, toilet, teleslynge, kørsel).",
  },
  groupSize: {
    key: "group_size",
    name: "Broen: gruppestørrelse",
    description: "En-til-en, lille gruppe (højst 5) eller stor gruppe.",
  },
  place: {
    key: "place",
    name: "Broen: sted",
    description: "Et sted, i borgerens hjem eller over telefon/video.",
  },
  channel: { key: "channel", name: "Broen: kanal", description: "Telefon eller video." },
  organisationKind: {
    key: "organisation_kind",
    name: "Broen: organisationstype",
    description: "Forening, kirke, aktivitetscenter, frivilligcenter, besøgstjeneste, kommunal.",
  },
  agreement: {
    key: "collaboration_agreement",
    name: "Broen: samarbejdsaftale",
    description: "Status for samarbejdsaftalen med kommunen.",
  },
  lastVerified: {
    key: "last_verified_on",
    name: "Broen: sidst bekræftet",
    description: "Dato hvor oplysningerne sidst blev bekræftet (værdi: ÅÅÅÅ-MM-DD).",
  },
  inclusion: {
    key: "inclusion_criteria",
    name: "Broen: målgruppe",
    description: "Hvem organisationen tager imod (værdi: fritekst).",
  },
} as const;
export type TaxonomyKey = keyof typeof TAXONOMIES;

export const taxonomyId = (t: TaxonomyKey) => uuidV5(`taxonomy/${TAXONOMIES[t].key}`);
export const termId = (t: TaxonomyKey, code: string) => uuidV5(`term/${TAXONOMIES[t].key}/${code}`);

/** Danish labels shown to people reading the export; the codes are what import reads. */
export const FEATURE_LABELS: Record<AccessibilityFeature, string> = {
  step_free: "Niveaufri adgang (ingen trapper)",
  wheelchair_rollator: "Plads til kørestol og rollator",
  accessible_toilet: "Handicaptoilet",
  hearing_loop: "Teleslynge",
  transport_offered: "Kørsel til og fra kan aftales",
};
export const isFeature = (s: unknown): s is AccessibilityFeature =>
  typeof s === "string" && (ACCESSIBILITY_FEATURES as readonly string[]).includes(s);

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  association: "Forening",
  church: "Kirke",
  activity_centre: "Aktivitetscenter",
  volunteer_centre: "Frivilligcenter",
  visiting_service: "Besøgstjeneste",
  municipal: "Kommunalt tilbud",
};

export const COST_PERIOD_LABELS: Record<CostPeriod, string> = {
  time: "pr. gang",
  month: "pr. måned",
  year: "pr. år",
};

/** ISO weekday (1 = Monday) ↔ RFC 5545 BYDAY. */
export const BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** What HSDS schedule.description says for offers whose times are agreed with the citizen. */
export const BY_ARRANGEMENT_TEXT = "Efter aftale";
export const CURRENCY = "DKK";
