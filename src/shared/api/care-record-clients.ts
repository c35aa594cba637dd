/**
 * The system clients of the FHIR read API (issue 14 point 3): the care record or the
 * municipality's data warehouse, each with a client id, a secret shown once, and the scopes an
 * administrator gave it. The FHIR API itself (/fhir/R4) answers FHIR resources, not these schemas.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { IdRef, requiredText, uuid } from "./common.js";

/** The resource types the FHIR read API serves; a scope names one of them or `*`. */
export const FHIR_RESOURCE_TYPES = [
  "Patient",
  "Condition",
  "CarePlan",
  "Procedure",
  "Encounter",
  "Observation",
  "QuestionnaireResponse",
] as const;
export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];

/** SMART-style system scopes: read one resource type, or every type (`system/*.read`). */
export const FHIR_SCOPES = ["system/*.read", ...FHIR_RESOURCE_TYPES.map((t) => `system/${t}.read`)] as const;
export const FhirScope = z.enum(FHIR_SCOPES as unknown as [string, ...string[]]);
export type FhirScope = z.infer<typeof FhirScope>;

export const CreateFhirClientBody = z.strictObject({
  /** What the client is, for the administrator and the audit trail (e.g. "Nexus", "Datavarehus"). */
  name: requiredText(LIMITS.name),
  scopes: z
    .array(FhirScope)
    .min(1)
    .max(FHIR_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, { params: { reason: "invalid_value" } }),
});
export type CreateFhirClientBody = z.infer<typeof CreateFhirClientBody>;

export const FhirClient = z.object({
  id: uuid,
  name: z.string(),
  /** Sent with the secret to POST /fhir/R4/auth/token. */
  clientId: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  /** Null when the administrator who issued it has since been removed. */
  createdBy: IdRef.nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: IdRef.nullable(),
  /** When the client last got a token. */
  lastUsedAt: z.string().nullable(),
});
export type FhirClient = z.infer<typeof FhirClient>;

/** A client just issued: the secret is in this answer only (only its hash is kept). */
export const IssuedFhirClient = FhirClient.extend({ clientSecret: z.string() });
export type IssuedFhirClient = z.infer<typeof IssuedFhirClient>;

export const FhirClientList = z.object({ items: z.array(FhirClient) });
export type FhirClientList = z.infer<typeof FhirClientList>;
