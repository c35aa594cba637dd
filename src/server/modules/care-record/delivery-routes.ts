/**
 * `GET /api/citizens/:id/care-delivery-report` (issue 14 point 2): the citizen's punch-card work as
 * KL Gateway's CareDeliveryReport, a FHIR R4 Bundle answered as application/fhir+json and sent as a
 * download whose name holds neither CPR nor name. Every call is an export on the citizen's trail.
 */
import { FHIR_JSON } from "../../../shared/api/care-record-delivery.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { careDeliveryReportFileName, produceCareDeliveryReport } from "./delivery-service.js";

export async function deliveryReportRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/care-delivery-report",
    tags: ["care-record"],
    summary: "A citizen's punch-card work as KL Gateway's CareDeliveryReport (FHIR R4; administrators)",
    description:
      "A FHIR R4 Bundle (type collection, profile klgateway-care-delivery-report) with the citizen as CareCitizen (CPR and the provider's SOR code only), Følelsesfunktioner as CareCondition with one version per assessment, the citizen's own view, the punch card and INDSATS 1–6 as CarePlannedIntervention, performed clips and held conversations as CareCompletedIntervention, visitation and follow-up meetings as CareEncounter and follow-up results as CareFollowUpObservation. Validated against FHIR R4 and KL's profile rules before it is sent. 409 care_record_provider_sor_missing when the citizen's provider has no SOR code; 409 citizen_restricted / care_record_citizen_not_deliverable for a restricted or anonymised citizen. Sent as a download (Content-Disposition; the file name holds neither CPR nor name). Every call is an export on the citizen's audit trail.",
    access: { action: "citizen.careDeliveryReport" },
    audit: { records: [{ action: "export", entity: "care_delivery_report" }] },
    params: IdParams,
    produces: [FHIR_JSON],
    handler: async ({ tx, ctx, params, reply }) => {
      const now = new Date();
      const bundle = await produceCareDeliveryReport(tx, ctx, params.id, now);
      reply.header("content-type", `${FHIR_JSON}; charset=utf-8`);
      reply.header(
        "content-disposition",
        `attachment; filename="${careDeliveryReportFileName(params.id, now)}"`,
      );
      reply.header("cache-control", "no-store");
      return JSON.stringify(bundle);
    },
  });
}
