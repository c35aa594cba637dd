/**
 * Ajv validators for the HSDS 3.0 schemas copied into ./schema (never read from outside the
 * project). The schemas carry no `$schema`; they are validated as JSON Schema 2020-12, the
 * dialect of the HSDS 3.0 OpenAPI 3.1 document that references them (they use only keywords
 * that mean the same in draft-07). Their `$ref`s name files ("attribute.json"), so every schema
 * is added under its file name. Compiled once, on first use.
 */
import Ajv2020, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import accessibility from "./schema/accessibility.json" with { type: "json" };
import address from "./schema/address.json" with { type: "json" };
import attribute from "./schema/attribute.json" with { type: "json" };
import contact from "./schema/contact.json" with { type: "json" };
import costOption from "./schema/cost_option.json" with { type: "json" };
import funding from "./schema/funding.json" with { type: "json" };
import language from "./schema/language.json" with { type: "json" };
import location from "./schema/location.json" with { type: "json" };
import metadata from "./schema/metadata.json" with { type: "json" };
import organization from "./schema/organization.json" with { type: "json" };
import organizationIdentifier from "./schema/organization_identifier.json" with { type: "json" };
import phone from "./schema/phone.json" with { type: "json" };
import program from "./schema/program.json" with { type: "json" };
import requiredDocument from "./schema/required_document.json" with { type: "json" };
import schedule from "./schema/schedule.json" with { type: "json" };
import service from "./schema/service.json" with { type: "json" };
import serviceArea from "./schema/service_area.json" with { type: "json" };
import serviceAtLocation from "./schema/service_at_location.json" with { type: "json" };
import taxonomy from "./schema/taxonomy.json" with { type: "json" };
import taxonomyTerm from "./schema/taxonomy_term.json" with { type: "json" };

const SCHEMAS: Record<string, unknown> = {
  "accessibility.json": accessibility,
  "address.json": address,
  "attribute.json": attribute,
  "contact.json": contact,
  "cost_option.json": costOption,
  "funding.json": funding,
  "language.json": language,
  "location.json": location,
  "metadata.json": metadata,
  "organization.json": organization,
  "organization_identifier.json": organizationIdentifier,
  "phone.json": phone,
  "program.json": program,
  "required_document.json": requiredDocument,
  "schedule.json": schedule,
  "service.json": service,
  "service_area.json": serviceArea,
  "service_at_location.json": serviceAtLocation,
  "taxonomy.json": taxonomy,
  "taxonomy_term.json": taxonomyTerm,
};

/** HSDS's own annotations (Frictionless Data table hints); declared so Ajv's strict mode accepts them. */
const HSDS_ANNOTATIONS = [
  "name",
  "path",
  "datapackage_metadata",
  "datapackage_type",
  "tabular_required",
  "core",
  "constraints",
  "example",
];

export interface HsdsValidators {
  organization: ValidateFunction;
  service: ValidateFunction;
}

let compiled: HsdsValidators | undefined;

export function hsdsValidators(): HsdsValidators {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    ajv.addVocabulary(HSDS_ANNOTATIONS);
    for (const [file, schema] of Object.entries(SCHEMAS)) ajv.addSchema(schema as AnySchemaObject, file);
    compiled = { organization: ajv.getSchema("organization.json")!, service: ajv.getSchema("service.json")! };
  }
  return compiled;
}

/** Ajv's error as a JSON Pointer to the offending field (a missing one included) and a message. */
export function describeAjvError(e: ErrorObject): { field: string; message: string } {
  if (e.keyword === "required") {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { field: `${e.instancePath}/${missing}`, message: "is required" };
  }
  return { field: e.instancePath || "/", message: e.message ?? e.keyword };
}
