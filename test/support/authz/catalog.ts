/** Authorisation-matrix rows of the activity catalog: organisations, activities, search, upkeep, HSDS import/export, printable list (issue 5). */
import type { MatrixPart } from "./common.js";

export const catalogPart: MatrixPart = {
  rows: {},
};
