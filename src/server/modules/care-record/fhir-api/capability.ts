/**
 * The CapabilityStatement of Broen's FHIR read API (GET /fhir/R4/metadata): what a client may
 * search and read, with which parameters, and how it authenticates. Public, like every FHIR
 * server's, so a client can discover the token endpoint before it has a token.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from "@medplum/fhirtypes";
import { KL_PROFILES } from "../../../../domain/care-record/fhir/codes.js";
import { FHIR_RESOURCE_TYPES, type FhirResourceType } from "../../../../shared/api/care-record-clients.js";
import { DEFAULT_COUNT, MAX_COUNT } from "./search-params.js";
import { TOKEN_TTL_SECONDS } from "./token.js";

/** KL Gateway profiles each type's resources claim (meta.profile), where Broen uses one. */
const PROFILES: Record<FhirResourceType, string[]> = {
  Patient: [KL_PROFILES.citizen],
  Condition: [KL_PROFILES.condition],
  CarePlan: [KL_PROFILES.plannedIntervention],
  Procedure: [KL_PROFILES.completedIntervention],
  Encounter: [KL_PROFILES.encounter],
  Observation: [KL_PROFILES.followUpObservation, KL_PROFILES.citizensOwnObservation],
  QuestionnaireResponse: [],
};

const LAST_UPDATED = {
  name: "_lastUpdated",
  type: "date" as const,
  documentation:
    "Prefixes gt, ge, lt, le (repeat the parameter for a range). A date without a time is a UTC day.",
};
const COUNT = {
  name: "_count",
  type: "number" as const,
  documentation: `Entries per page, 1–${MAX_COUNT} (default ${DEFAULT_COUNT}). Follow the Bundle's next link for the following page.`,
};
const ID = { name: "_id", type: "token" as const, documentation: "The resource's id." };

function resource(type: FhirResourceType): CapabilityStatementRestResource {
  const byPatient =
    type === "Patient"
      ? [
          {
            name: "identifier",
            type: "token" as const,
            documentation:
              "CPR: urn:oid:1.2.208.176.1.2|DDMMYYXXXX. Only with POST Patient/_search (form body): a CPR never travels in a URL.",
          },
        ]
      : [
          {
            name: "patient",
            type: "reference" as const,
            documentation: "Patient/<id> or <id>; `subject` is accepted for the same.",
          },
        ];
  return {
    type,
    ...(PROFILES[type].length ? { supportedProfile: PROFILES[type] } : {}),
    interaction: [{ code: "read" }, { code: "search-type" }],
    versioning: "no-version",
    readHistory: false,
    updateCreate: false,
    searchParam: [...byPatient, ID, LAST_UPDATED, COUNT],
  };
}

export function capabilityStatement(baseUrl: string, software: { version: string }): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: "2026-12-06",
    publisher: "Broen",
    kind: "instance",
    software: { name: "Broen", version: software.version },
    implementation: {
      description: "Broen's FHIR R4 read API: the community punch-card work in KL Gateway's profiles",
      url: baseUrl,
    },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json", "json"],
    rest: [
      {
        mode: "server",
        documentation:
          "Read-only. Errors are OperationOutcome resources. Every citizen whose data is answered is written to the audit trail under the system client's name.",
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: "http://terminology.hl7.org/CodeSystem/restful-security-service",
                  code: "SMART-on-FHIR",
                },
              ],
              text: "OAuth 2.0 client credentials (SMART Backend Services scopes system/<Type>.read, system/*.read)",
            },
          ],
          description: `POST ${baseUrl}/auth/token (grant_type=client_credentials, client_id, client_secret, scope) gives a bearer token for ${TOKEN_TTL_SECONDS / 60} minutes. An administrator issues and revokes clients in Broen.`,
          extension: [
            {
              url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
              extension: [{ url: "token", valueUri: `${baseUrl}/auth/token` }],
            },
          ],
        },
        resource: FHIR_RESOURCE_TYPES.map(resource),
      },
    ],
  };
}
