/**
 * Front door of the care-record module (issue 14: exchange with the care record in KL Gateway's
 * FHIR R4 profiles): import of the home-care population (CSV, FHIR files, a FHIR server pulled on a
 * schedule), the punch-card work as CareDeliveryReport bundles, the FHIR read API at /fhir/R4 for
 * system clients, and the optional push to a configured FHIR endpoint. The only file another
 * module, app.ts, main.ts or a test support file may import.
 */
export { careRecordRoutes } from "./routes.js";
export { fhirApiRoutes } from "./fhir-api/routes.js";
export { careRecordJobs } from "./jobs.js";
export { validateFhirResource } from "./fhir-validation.js";
