/**
 * Authorisation-matrix rows of the citizen's letter (issue 16, part "letter"): only the coordinator
 * prints it (policy citizen.letter), for a citizen they see; the fixture's citizen has an open course,
 * so the coordinator gets the PDF and everyone else 401/403.
 */
import { COORDINATOR, type MatrixPart } from "./common.js";

export const messagingLetterPart: MatrixPart = {
  rows: {
    "GET /api/citizens/:id/letter": { allow: COORDINATOR },
  },
};
