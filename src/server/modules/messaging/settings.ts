/**
 * The administrator's messaging settings (issue 16, decision 0105): the SMTP server, the SMS
 * gateway, quiet hours, the digest hour and the attempts before a message is failed. Optimistic
 * concurrency by `version`; the SMTP password and the gateway's token are write-only (absent =
 * keep, null = remove); every save is on the audit trail (which fields changed, never a secret).
 * A test message goes straight to the channel (not through the outbox) so the answer says at once
 * whether the settings work.
 */
import type {
  MessagingSettingsUpdate,
  MessagingSettingsView,
  TestMessageRequest,
  TestMessageResult,
} from "../../../shared/api/messaging-outbox.js";
import type { Db, DbOrTx } from "../../db/client.js";
import { messagingSettings, municipalities } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, type FieldIssue } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { tenantTransaction } from "../../platform/tenant-isolation.js";
import { eq } from "drizzle-orm";
import { createEmailTransport } from "./email-transport.js";
import { type MessagingSettingsRow, channelState, loadSettings } from "./settings-store.js";
import { genericHttpGateway } from "./sms-gateway.js";
import { DeliveryError } from "./transport.js";

function present(row: MessagingSettingsRow, stored: boolean): MessagingSettingsView {
  return {
    emailEnabled: row.emailEnabled,
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    smtpSecure: row.smtpSecure,
    smtpUser: row.smtpUser,
    hasSmtpPassword: row.smtpPassword !== null,
    emailFrom: row.emailFrom,
    emailState: channelState(row, "email"),
    smsEnabled: row.smsEnabled,
    smsProvider: row.smsProvider,
    smsUrl: row.smsUrl,
    hasSmsToken: row.smsToken !== null,
    smsSender: row.smsSender,
    smsState: channelState(row, "sms"),
    quietFrom: row.quietFrom,
    quietTo: row.quietTo,
    digestHour: row.digestHour,
    maxAttempts: row.maxAttempts,
    version: row.version,
    updatedAt: stored ? row.updatedAt.toISOString() : null,
  };
}

export async function getSettings(tx: DbOrTx, ctx: Ctx): Promise<MessagingSettingsView> {
  authorize(ctx, { kind: "messaging.configure" });
  const { row, stored } = await loadSettings(tx, ctx.actor.municipalityId);
  return present(row, stored);
}

/** The fields a switched-on channel needs, and quiet hours set both or neither. */
function requiredFields(
  v: Omit<MessagingSettingsRow, "municipalityId" | "version" | "updatedBy" | "updatedAt">,
) {
  const fields: FieldIssue[] = [];
  if (v.emailEnabled) {
    if (!v.smtpHost) fields.push({ field: "smtpHost", reason: "required" });
    if (!v.smtpPort) fields.push({ field: "smtpPort", reason: "required" });
    if (!v.emailFrom) fields.push({ field: "emailFrom", reason: "required" });
    if (v.smtpUser && !v.smtpPassword) fields.push({ field: "smtpPassword", reason: "required" });
  }
  if (v.smsEnabled) {
    if (!v.smsUrl) fields.push({ field: "smsUrl", reason: "required" });
    if (!v.smsToken) fields.push({ field: "smsToken", reason: "required" });
  }
  if ((v.quietFrom === null) !== (v.quietTo === null))
    fields.push({ field: v.quietFrom === null ? "quietFrom" : "quietTo", reason: "required" });
  if (fields.length > 0) throw new AppError("validation_failed", 400, { fields });
}

export async function putSettings(
  tx: DbOrTx,
  ctx: Ctx,
  input: MessagingSettingsUpdate,
): Promise<MessagingSettingsView> {
  authorize(ctx, { kind: "messaging.configure" });
  const m = ctx.actor.municipalityId;
  const { row, stored } = await loadSettings(tx, m, true);
  if (row.version !== input.version)
    throw new AppError("version_conflict", 409, { currentVersion: row.version });
  const values = {
    emailEnabled: input.emailEnabled,
    smtpHost: input.smtpHost,
    smtpPort: input.smtpPort,
    smtpSecure: input.smtpSecure,
    smtpUser: input.smtpUser || null,
    smtpPassword: input.smtpPassword === undefined ? row.smtpPassword : input.smtpPassword,
    emailFrom: input.emailFrom,
    smsEnabled: input.smsEnabled,
    smsProvider: "generic_http" as const,
    smsUrl: input.smsUrl,
    smsToken: input.smsToken === undefined ? row.smsToken : input.smsToken,
    smsSender: input.smsSender,
    quietFrom: input.quietFrom,
    quietTo: input.quietTo,
    digestHour: input.digestHour,
    maxAttempts: input.maxAttempts,
  };
  requiredFields(values);
  const fields = (Object.keys(values) as (keyof typeof values)[]).filter((k) => row[k] !== values[k]);
  const version = stored ? row.version + (fields.length > 0 ? 1 : 0) : 1;
  const now = new Date();
  if (!stored)
    await tx
      .insert(messagingSettings)
      .values({ municipalityId: m, ...values, version, updatedBy: ctx.actor.userId, updatedAt: now });
  else if (fields.length > 0)
    await tx
      .update(messagingSettings)
      .set({ ...values, version, updatedBy: ctx.actor.userId, updatedAt: now })
      .where(inTenant(messagingSettings, m));
  await audit(tx, ctx, {
    action: stored ? "update" : "create",
    entityType: "messaging_settings",
    criterion: { fields, version },
  });
  return getSettings(tx, ctx);
}

/** "+45 12 34 56 78", "12345678" → "+4512345678"; null when it is no phone number. */
function phoneOf(raw: string): string | null {
  const s = raw.replace(/[\s-]/g, "");
  if (/^\d{8}$/.test(s)) return `+45${s}`;
  if (/^\+[1-9]\d{7,14}$/.test(s)) return s;
  if (/^00[1-9]\d{7,14}$/.test(s)) return `+${s.slice(2)}`;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sends a test message now with the saved settings (the route runs outside a transaction: an
 * unreachable server can take seconds to give up). Names no citizen and stores nothing.
 */
export async function sendTestMessage(
  db: Db,
  ctx: Ctx,
  input: TestMessageRequest,
): Promise<TestMessageResult> {
  authorize(ctx, { kind: "messaging.configure" });
  const m = ctx.actor.municipalityId;
  // Read like any staff request (the municipality's row-level security, decision 0106); the send
  // itself then runs outside any transaction.
  const { row, municipality } = await tenantTransaction(db, m, async (tx) => ({
    row: (await loadSettings(tx, m)).row,
    municipality: (
      await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, m))
    )[0],
  }));
  if (channelState(row, input.channel) !== "ready") throw new AppError("messaging_channel_not_ready", 409);
  const name = municipality?.name ?? "Broen";
  const text =
    `Dette er en prøvebesked fra Broen (${name}).\n\n` +
    "Kommer den frem, virker indstillingerne: påmindelser og beskeder til borgere og medarbejdere sendes herfra.";
  const id = crypto.randomUUID();
  try {
    if (input.channel === "email") {
      if (!EMAIL.test(input.to)) throw AppError.field("to", "invalid_format");
      const transport = createEmailTransport(row, name);
      try {
        const r = await transport.send({ id, to: input.to, subject: "Prøvebesked fra Broen", text });
        return { sent: true, error: null, providerMessageId: r.providerMessageId };
      } finally {
        transport.close();
      }
    }
    const to = phoneOf(input.to);
    if (!to) throw AppError.field("to", "invalid_format");
    const r = await genericHttpGateway(row.smsUrl!, row.smsToken).send({
      to,
      from: row.smsSender,
      text,
      reference: id,
    });
    return { sent: true, error: null, providerMessageId: r.providerMessageId };
  } catch (err) {
    if (err instanceof DeliveryError) return { sent: false, error: err.code, providerMessageId: null };
    throw err;
  }
}
