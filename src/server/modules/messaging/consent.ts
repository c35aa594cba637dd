/**
 * The citizen's consent to be reached, with its history (issue 16, part "consent"). Each change is a
 * new row (who recorded it, when); the newest is in force. Reading it is a read of the citizen,
 * recording it an update of the citizen, both on the audit trail.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { checkConsent } from "../../../domain/messaging/consent.js";
import { citizenRecipient } from "../../../domain/messaging/reminders.js";
import type { MessagingConsent, MessagingConsentBody } from "../../../shared/api/messaging-consent.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenContacts, citizenMessagingConsents, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, loadCitizenFor } from "../citizens/index.js";
import { consentInForce } from "./consent-store.js";
import { syncCitizenReminders } from "./reminders.js";

/** The citizen, for an action of this part: 404 outside the tenant, 403 without the right. */
export async function citizenFor(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  kind: "citizen.messagingConsent" | "citizen.message",
  opts: { forUpdate?: boolean } = {},
) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read", opts);
  authorize(ctx, { kind, citizen: asResource(citizen) });
  return citizen;
}

async function consentView(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<MessagingConsent> {
  const rows = await tx
    .select({
      row: citizenMessagingConsents,
      relativeName: citizenContacts.name,
      recorderName: users.displayName,
    })
    .from(citizenMessagingConsents)
    .leftJoin(citizenContacts, eq(citizenContacts.id, citizenMessagingConsents.relativeContactId))
    .leftJoin(users, eq(users.id, citizenMessagingConsents.recordedBy))
    .where(and(inTenant(citizenMessagingConsents, ctx), eq(citizenMessagingConsents.citizenId, citizenId)))
    .orderBy(desc(citizenMessagingConsents.recordedAt), desc(citizenMessagingConsents.id));
  const history = rows.map(({ row: r, relativeName, recorderName }) => ({
    id: r.id,
    consent: r.consent,
    channel: r.channel,
    phone: r.phone,
    email: r.email,
    remindersEnabled: r.remindersEnabled,
    relative:
      r.relativeContactId || r.relativeChannel
        ? { id: r.relativeContactId, name: relativeName ?? null }
        : null,
    relativeChannel: r.relativeChannel,
    relativePhone: r.relativePhone,
    relativeEmail: r.relativeEmail,
    lang: r.lang,
    recordedBy: r.recordedBy ? { id: r.recordedBy, name: recorderName ?? "" } : null,
    recordedAt: r.recordedAt.toISOString(),
  }));
  const reach = citizenRecipient(await consentInForce(tx, ctx.actor.municipalityId, citizenId));
  return {
    citizenId,
    current: history[0] ?? null,
    history,
    reachable: typeof reach === "string" ? reach : "yes",
  };
}

export async function getConsent(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<MessagingConsent> {
  await citizenFor(tx, ctx, citizenId, "citizen.messagingConsent");
  await audit(tx, ctx, {
    action: "read",
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
    criterion: { purpose: "messaging_consent" },
  });
  return consentView(tx, ctx, citizenId);
}

/**
 * Records the consent as the citizen gave it now: a new row, never a change of an old one. The
 * citizen's coming reminders follow at once — cancelled when consent is withdrawn or reminders are
 * switched off, readdressed when the phone or e-mail changed.
 */
export async function recordConsent(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  body: MessagingConsentBody,
): Promise<MessagingConsent> {
  // Locked: two recordings at once keep their order (the newest row is the one in force).
  const citizen = await citizenFor(tx, ctx, citizenId, "citizen.messagingConsent", { forUpdate: true });
  if (citizen.anonymisedAt) throw new AppError("citizen_anonymised", 409);
  const contacts = await tx
    .select({ id: citizenContacts.id })
    .from(citizenContacts)
    .where(and(inTenant(citizenContacts, ctx), eq(citizenContacts.citizenId, citizenId)));
  const checked = checkConsent(
    {
      ...body,
      phone: body.phone ?? null,
      email: body.email ?? null,
      relativePhone: body.relativePhone ?? null,
      relativeEmail: body.relativeEmail ?? null,
    },
    new Set(contacts.map((c) => c.id)),
  );
  if (!checked.ok) throw new AppError("validation_failed", 400, { fields: checked.issues });
  await tx.insert(citizenMessagingConsents).values({
    ...checked.value,
    municipalityId: ctx.actor.municipalityId,
    citizenId,
    recordedBy: ctx.actor.userId,
    // The statement's own clock, not the transaction's: the newest row is the one in force.
    recordedAt: sql`clock_timestamp()`,
  });
  await audit(tx, ctx, {
    action: "update",
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
    criterion: { purpose: "messaging_consent", status: body.consent ? "given" : "withdrawn" },
  });
  await syncCitizenReminders(tx, ctx.actor.municipalityId, citizenId);
  return consentView(tx, ctx, citizenId);
}
