/** Authorisation-matrix rows of placements, matching, volunteer-centre referrals and small communities (issue 5). */
import type { MatrixPart } from "./common.js";

export const placementsPart: MatrixPart = {
  rows: {},
};
