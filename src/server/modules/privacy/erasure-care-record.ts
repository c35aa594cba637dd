/**
 * A pending import from the care record (issue 14) holds the citizen's source record — CPR, name,
 * address, relatives — in its preview rows until the run is applied or discarded. Anonymisation
 * and erasure remove those rows: left standing, they would keep the citizen identifiable, and an
 * apply of the run would write the identity back onto the anonymised register row. Rows matched
 * to the citizen are found by id, unmatched ones by the CPR they carry (both record shapes of
 * import rows: `{ kind: "record", record: { cpr } }` and `{ kind: "problem", cpr }`).
 * The deliveries to the care record stay: they name no one, and they say to whom the citizen's
 * data was disclosed.
 */
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { careRecordImportRows } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";
import type { CitizenRecord } from "./erasure-inventory.js";

/** Deletes the citizen's rows of pending imports; answers how many. Call before the CPR is replaced. */
export async function removePendingImportRows(tx: DbOrTx, citizen: CitizenRecord): Promise<number> {
  const removed = await tx
    .delete(careRecordImportRows)
    .where(
      and(
        inTenant(careRecordImportRows, citizen.municipalityId),
        or(
          eq(careRecordImportRows.citizenId, citizen.id),
          and(
            isNull(careRecordImportRows.citizenId),
            or(
              sql`${careRecordImportRows.record}->'record'->>'cpr' = ${citizen.cpr}`,
              sql`${careRecordImportRows.record}->>'cpr' = ${citizen.cpr}`,
            ),
          ),
        ),
      ),
    )
    .returning({ id: careRecordImportRows.id });
  return removed.length;
}
