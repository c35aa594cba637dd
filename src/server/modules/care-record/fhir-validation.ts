/**
 * Validation of every FHIR resource Broen produces or receives (issue 14): the R4 base definitions
 * with @medplum/core's validator, then KL Gateway's profile rules. Placeholder until its helper lands it.
 */
export function validateFhirResource(resource: unknown): string[] {
  void resource;
  return [];
}
