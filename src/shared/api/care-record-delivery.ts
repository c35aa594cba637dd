/**
 * A citizen's punch-card work as KL Gateway's CareDeliveryReport (issue 14 point 2):
 * `GET /api/citizens/:id/care-delivery-report` answers the FHIR R4 Bundle itself as
 * `application/fhir+json` — a download for the administrator to hand to the care record, or to
 * check what the push sends. The answer is FHIR, not Broen's own shape, so this file only names
 * its content type and the outline of the Bundle (for a program that reads the file, and tests).
 */
import { z } from "zod";

export const FHIR_JSON = "application/fhir+json";

/** The canonical URL of KL's CareDeliveryReport profile, named in the Bundle's meta.profile. */
export const CARE_DELIVERY_REPORT_PROFILE =
  "http://municipality-care-data.gateway.kl.dk/1.0/StructureDefinition/klgateway-care-delivery-report";

/** The outline of the answer: a collection Bundle, one entry per resource (every resource in KL's profiles). */
export const CareDeliveryReportOutline = z.object({
  resourceType: z.literal("Bundle"),
  id: z.string(),
  meta: z.object({ lastUpdated: z.string(), profile: z.array(z.string()) }),
  type: z.literal("collection"),
  timestamp: z.string(),
  entry: z.array(
    z.object({
      fullUrl: z.string(),
      resource: z.looseObject({ resourceType: z.string(), id: z.string() }),
    }),
  ),
});
export type CareDeliveryReportOutline = z.infer<typeof CareDeliveryReportOutline>;

/** The path of the download, for the web page's link (the citizen's id only: no CPR in URLs). */
export function careDeliveryReportPath(citizenId: string): string {
  return `/api/citizens/${encodeURIComponent(citizenId)}/care-delivery-report`;
}
