/**
 * Which citizens lists may show (issue 13). An anonymised citizen keeps a row only so the reports
 * still count their course: nobody can act on them, so they vanish from search, the register list,
 * due lists, inboxes and day lists. A citizen whose processing is restricted (art. 18) is kept but
 * not processed, so lists hide them too. One predicate, so every list hides the same citizens.
 *
 * The table side is `citizens` or an `alias()` of it (raw SQL naming `citizens c`).
 */
import { type SQL, and, isNull } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { citizens } from "../../db/schema/index.js";

interface CitizenState {
  anonymisedAt: PgColumn;
  restrictedAt: PgColumn;
}

/** Not anonymised: the register's search and list, and anything that names a citizen to act on. */
export function notAnonymised(table: Pick<CitizenState, "anonymisedAt"> = citizens): SQL {
  return isNull(table.anonymisedAt);
}

/** Neither anonymised nor restricted: work lists (due lists, caseload, inboxes, my day). */
export function listedCitizen(table: CitizenState = citizens): SQL {
  return and(isNull(table.anonymisedAt), isNull(table.restrictedAt))!;
}
