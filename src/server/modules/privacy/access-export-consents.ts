/**
 * The access export's consents to be reached (issue 16): every recording of the citizen's consent
 * to SMS and e-mail, oldest first — how, where, whether reminders come, the relative who gets a
 * copy — and who recorded it when. The messages themselves are access-export-messaging.ts.
 */
import { and, asc, eq } from "drizzle-orm";
import type { ExportMessagingConsent } from "../../../shared/api/privacy-access.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenContacts, citizenMessagingConsents } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { type Presenting, at } from "./access-export-words.js";

export async function collectConsentData(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  const consents = await tx
    .select({ row: citizenMessagingConsents, relativeName: citizenContacts.name })
    .from(citizenMessagingConsents)
    .leftJoin(citizenContacts, eq(citizenContacts.id, citizenMessagingConsents.relativeContactId))
    .where(and(inTenant(citizenMessagingConsents, ctx), eq(citizenMessagingConsents.citizenId, citizenId)))
    .orderBy(asc(citizenMessagingConsents.recordedAt), asc(citizenMessagingConsents.id));
  return { consents };
}
export type ConsentData = Awaited<ReturnType<typeof collectConsentData>>;

export function presentConsents(
  p: Presenting,
  d: ConsentData,
): { messagingConsents: ExportMessagingConsent[] } {
  const { w } = p;
  return {
    messagingConsents: d.consents.map(({ row: c, relativeName }) => ({
      consent: c.consent,
      channel: w.maybe("messageChannel", c.channel),
      phone: c.phone,
      email: c.email,
      reminders: c.remindersEnabled,
      relative: relativeName ?? null,
      relativeChannel: w.maybe("outboxChannel", c.relativeChannel),
      relativePhone: c.relativePhone,
      relativeEmail: c.relativeEmail,
      language: w.word("messageLang", c.lang),
      recordedAt: at(c.recordedAt),
      recordedBy: p.staff(c.recordedBy),
    })),
  };
}
