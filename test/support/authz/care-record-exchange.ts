/**
 * Authorisation-matrix rows of the exchange with the care record's FHIR servers (issue 14,
 * decision 0100): the administrator only. The writes are sent from a version that does not exist
 * (409 after the policy), so the matrix changes no setting of its municipality.
 */
import { ADMIN, type MatrixPart, NO_SUCH_ID } from "./common.js";

const endpoint = { version: 999, baseUrl: "https://fhir.example/R4", authKind: "none" };

export const careRecordExchangePart: MatrixPart = {
  rows: {
    "GET /api/care-record/source": { allow: ADMIN },
    "PUT /api/care-record/source": {
      allow: ADMIN,
      request: () => ({ body: { ...endpoint, scheduleEnabled: false, autoApply: false } }),
    },
    // No source in the matrix's municipality: 409 care_record_source_missing after the policy.
    "POST /api/care-record/source/pull": { allow: ADMIN, request: () => ({ body: {} }) },
    "GET /api/care-record/push-target": { allow: ADMIN },
    "PUT /api/care-record/push-target": {
      allow: ADMIN,
      request: () => ({ body: { ...endpoint, enabled: false } }),
    },
    "GET /api/care-record/deliveries": { allow: ADMIN },
    "POST /api/care-record/deliveries/:id/retry": {
      allow: ADMIN,
      request: () => ({ url: `/api/care-record/deliveries/${NO_SUCH_ID}/retry`, body: {} }),
    },
  },
};
