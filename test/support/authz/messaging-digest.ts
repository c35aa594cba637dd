/**
 * Authorisation-matrix rows of the staff digest's own choices (issue 16 point 2): every signed-in
 * user but the evaluator (notifications.own). The save sends a version no row has (409 for those
 * allowed), so the matrix changes nothing.
 */
import { SIGNED_IN, type MatrixPart } from "./common.js";

const OWN = SIGNED_IN.filter((w) => w !== "evaluator");

export const messagingDigestPart: MatrixPart = {
  rows: {
    "GET /api/me/notifications": { allow: OWN },
    "PUT /api/me/notifications": {
      allow: OWN,
      request: () => ({ body: { email: null, digestEnabled: true, mutedTopics: [], version: 999 } }),
    },
  },
};
