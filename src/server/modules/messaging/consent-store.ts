/**
 * The citizen's consent row in force (issue 16, part "consent"): the newest row of
 * citizen_messaging_consents. Read by reminders and the coordinator's message before anything is
 * queued, so no message leaves Broen without it.
 */
import { and, desc, eq } from "drizzle-orm";
import type { ConsentInForce } from "../../../domain/messaging/reminders.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenMessagingConsents } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

export async function consentInForce(
  tx: DbOrTx,
  municipalityId: string,
  citizenId: string,
): Promise<ConsentInForce | null> {
  const [row] = await tx
    .select({
      consent: citizenMessagingConsents.consent,
      channel: citizenMessagingConsents.channel,
      phone: citizenMessagingConsents.phone,
      email: citizenMessagingConsents.email,
      remindersEnabled: citizenMessagingConsents.remindersEnabled,
      relativeChannel: citizenMessagingConsents.relativeChannel,
      relativePhone: citizenMessagingConsents.relativePhone,
      relativeEmail: citizenMessagingConsents.relativeEmail,
      lang: citizenMessagingConsents.lang,
    })
    .from(citizenMessagingConsents)
    .where(
      and(
        inTenant(citizenMessagingConsents, municipalityId),
        eq(citizenMessagingConsents.citizenId, citizenId),
      ),
    )
    .orderBy(desc(citizenMessagingConsents.recordedAt), desc(citizenMessagingConsents.id))
    .limit(1);
  return row ?? null;
}
