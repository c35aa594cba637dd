import type { App } from "../../../platform/app-type.js";

/** The FHIR R4 read API under /fhir/R4 (issue 14 point 3). Placeholder until its helper lands it. */
export async function fhirApiRoutes(app: App): Promise<void> {
  void app;
}
