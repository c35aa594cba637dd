/**
 * A citizen's CareDeliveryReport for an administrator (issue 14 point 2, decision 0097): the
 * punch-card work in KL Gateway's profiles, validated before it leaves (FHIR R4 + KL's rules), and
 * recorded on the citizen's audit trail as an export. The push (push-service.ts) builds the same
 * Bundle from the same functions without a person.
 */
import type { Bundle } from "@medplum/fhirtypes";
import { and, eq } from "drizzle-orm";
import { careDeliveryReport } from "../../../domain/care-record/fhir/resources.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, assertMayProcess } from "../citizens/index.js";
import { collectCareData } from "./delivery-collect.js";
import { fhirErrors } from "./fhir-validation.js";

/** Thrown when Broen built a report KL's profiles refuse: a fault of Broen, logged with paths only. */
export class InvalidDeliveryReportError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`care delivery report fails validation at ${paths.slice(0, 10).join(", ")}`);
    this.name = "InvalidDeliveryReportError";
  }
}

/**
 * The report of one citizen: 404 outside the municipality, 403 for anyone but an administrator,
 * 409 for a restricted (art. 18: no sharing) or anonymised citizen and for a provider without a
 * SOR code (the care record knows the citizen by it).
 */
export async function produceCareDeliveryReport(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  now: Date = new Date(),
): Promise<Bundle> {
  const [row] = await tx
    .select({
      id: citizens.id,
      municipalityId: citizens.municipalityId,
      providerOrganisationId: citizens.providerOrganisationId,
      restrictedAt: citizens.restrictedAt,
      anonymisedAt: citizens.anonymisedAt,
    })
    .from(citizens)
    .where(and(eq(citizens.id, citizenId), inTenant(citizens, ctx)));
  if (!row) throw AppError.notFound("citizen_not_found");
  authorize(ctx, { kind: "citizen.careDeliveryReport", citizen: asResource(row) });
  // Handing the data to another system is new processing: refused while restricted (art. 18).
  assertMayProcess(ctx, { ...asResource(row), restrictedAt: row.restrictedAt });
  if (row.anonymisedAt) throw new AppError("care_record_citizen_not_deliverable", 409);

  const [data] = await collectCareData(tx, row.municipalityId, [row.id]);
  if (!data) throw new AppError("care_record_citizen_not_deliverable", 409);
  if (!data.providerSorCode) throw new AppError("care_record_provider_sor_missing", 409);

  const bundle = careDeliveryReport(data, now);
  const errors = fhirErrors(bundle);
  if (errors.length > 0) throw new InvalidDeliveryReportError(errors.map((e) => e.path));

  await audit(tx, ctx, {
    action: "export",
    entityType: "care_delivery_report",
    entityId: row.id,
    citizenId: row.id,
  });
  return bundle;
}

/** The file's name: the day and a short id — never the citizen's name or CPR number. */
export function careDeliveryReportFileName(citizenId: string, now: Date = new Date()): string {
  return `broen-omsorgsjournal-${copenhagenDate(now)}-${citizenId.slice(0, 8)}.fhir.json`;
}
