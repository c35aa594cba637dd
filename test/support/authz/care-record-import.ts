/** Authorisation-matrix rows of the care-record import (issue 14, decision 0098): administrators only. */
import { ADMIN, type MatrixPart, NO_SUCH_ID } from "./common.js";

export const careRecordImportPart: MatrixPart = {
  rows: {
    // An empty file: whoever gets past the policy gets a preview of one malformed row.
    "POST /api/care-record/imports": {
      allow: ADMIN,
      request: () => ({ body: { format: "csv", scope: "changes", content: "cpr" } }),
    },
    "GET /api/care-record/imports": { allow: ADMIN },
    "GET /api/care-record/imports/:id": {
      allow: ADMIN,
      request: () => ({ url: `/api/care-record/imports/${NO_SUCH_ID}` }),
    },
    "GET /api/care-record/imports/:id/rows": {
      allow: ADMIN,
      request: () => ({ url: `/api/care-record/imports/${NO_SUCH_ID}/rows` }),
    },
    "POST /api/care-record/imports/:id/apply": {
      allow: ADMIN,
      request: () => ({ url: `/api/care-record/imports/${NO_SUCH_ID}/apply`, body: { version: 1 } }),
    },
    "POST /api/care-record/imports/:id/discard": {
      allow: ADMIN,
      request: () => ({ url: `/api/care-record/imports/${NO_SUCH_ID}/discard`, body: {} }),
    },
  },
};
