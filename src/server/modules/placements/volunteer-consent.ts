/**
 * Withdrawal of consent to sharing with the volunteer centre (GDPR art. 7(3), issue 13 point 3).
 * The coordinator (or the administrator, for the DPO) records that the citizen withdrew consent,
 * and sharing stops at once, in one transaction:
 *  - `shared` is emptied: the consented fields and the coordinator's message are gone;
 *  - the status becomes "withdrawn" (the answer it had is kept in `withdrawn_from_status`, so the
 *    figures of past periods still count the volunteer centre's answer as given);
 *  - the volunteer centre's inbox and the referral itself show only that it ended — when, no reason,
 *    no data (volunteer.ts `present`), and no further answer is taken (409 volunteer_referral_withdrawn);
 *  - stored answers of earlier writes on the referral (its creation, the centre's answers, held under
 *    their Idempotency-Keys) are replaced by the "removed" refusal, as erasure does, so a replay
 *    hands out no copy of what was shared;
 *  - consent_withdrawn_at/by are set and the audit trail records "withdraw_consent".
 * It is allowed while the citizen's processing is restricted: it stops processing, it starts none.
 */
import { eq, sql } from "drizzle-orm";
import type { VolunteerReferral } from "../../../shared/api/placements.js";
import type { DbOrTx } from "../../db/client.js";
import { volunteerReferrals } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { replaceStoredAnswers } from "../../platform/stored-answers.js";
import { loadReferral, present, selectReferrals } from "./volunteer.js";

export async function withdrawVolunteerConsent(tx: DbOrTx, ctx: Ctx, id: string): Promise<VolunteerReferral> {
  const row = await loadReferral(tx, ctx, id, { forUpdate: true });
  const [before] = await selectReferrals(tx, eq(volunteerReferrals.id, id));
  authorize(ctx, {
    kind: "volunteerReferral.withdrawConsent",
    citizen: { municipalityId: row.municipalityId, providerOrganisationId: before!.citizenProviderId },
  });
  if (row.status === "withdrawn") throw new AppError("volunteer_referral_withdrawn", 409);
  await tx
    .update(volunteerReferrals)
    .set({
      status: "withdrawn",
      withdrawnFromStatus: row.status,
      shared: {},
      consentWithdrawnAt: sql`now()`,
      consentWithdrawnBy: ctx.actor.userId,
    })
    .where(eq(volunteerReferrals.id, id));
  // Every stored answer about this referral names its id (a random UUID: never a match by chance).
  await replaceStoredAnswers(tx, row.municipalityId, [id]);
  await audit(tx, ctx, {
    action: "withdraw_consent",
    entityType: "volunteer_referral",
    entityId: id,
    citizenId: row.citizenId,
  });
  const [saved] = await selectReferrals(tx, eq(volunteerReferrals.id, id));
  return present(ctx, saved!);
}
