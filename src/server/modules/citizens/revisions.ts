/**
 * Rectification keeps history (GDPR art. 16): every change of a citizen's register data writes a
 * citizen_revisions row with the values it replaced, who and when, and the reason if one was given,
 * in the change's own transaction. Written here, in the module that changes the register, so the
 * privacy module (which presents the history) depends on citizens and never the other way round.
 */
import { type RegisterValues, replacedValues } from "../../../domain/privacy/rectification.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenRevisions } from "../../db/schema/index.js";
import type { AnonymousCaller } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import type { CitizenRow } from "./queries.js";

/** The register as the revisions name it (API field names). */
export function registerValues(row: CitizenRow): RegisterValues {
  return {
    cpr: row.cpr,
    firstName: row.firstName,
    lastName: row.lastName,
    addressLine: row.addressLine,
    postalCode: row.postalCode,
    city: row.city,
    phone: row.phone,
    providerId: row.providerOrganisationId,
    districtId: row.districtId,
    homeCareSince: row.homeCareSince,
    inTargetGroup: row.inTargetGroup,
  };
}

/**
 * Writes the revision of one change (nothing when no value really changed) and answers the names
 * of the fields that changed. `change` holds the normalised new values by API field name.
 */
export async function recordRevision(
  tx: DbOrTx,
  ctx: Ctx | AnonymousCaller,
  before: CitizenRow,
  change: Record<string, unknown>,
  reason: string | null,
): Promise<string[]> {
  const previous = replacedValues(registerValues(before), change);
  const fields = Object.keys(previous);
  if (fields.length === 0) return [];
  await tx.insert(citizenRevisions).values({
    municipalityId: before.municipalityId,
    citizenId: before.id,
    version: before.version,
    previous,
    reason,
    changedBy: ctx.actor?.userId ?? null,
  });
  return fields;
}
