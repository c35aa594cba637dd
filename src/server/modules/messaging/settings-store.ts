/**
 * The municipality's messaging settings as the delivery and the routes read them: the stored row,
 * or Broen's defaults while the municipality has saved nothing (both channels off, quiet hours
 * 20:00–08:00, digest at 7, 6 attempts) — the defaults come from the table's own column defaults.
 */
import { getTableColumns } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { messagingSettings } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

export type MessagingSettingsRow = typeof messagingSettings.$inferSelect;
export type OutboxChannel = "email" | "sms";
export type ChannelState = "ready" | "disabled" | "not_configured";

/** The row a municipality has before its first save (version 0). */
export function defaultSettings(municipalityId: string): MessagingSettingsRow {
  const d = (key: keyof MessagingSettingsRow) => {
    const col = getTableColumns(messagingSettings)[key];
    return (col.hasDefault ? (col.default as unknown) : null) ?? null;
  };
  return {
    municipalityId,
    emailEnabled: false,
    smtpHost: null,
    smtpPort: null,
    smtpSecure: false,
    smtpUser: null,
    smtpPassword: null,
    emailFrom: null,
    smsEnabled: false,
    smsProvider: "generic_http",
    smsUrl: null,
    smsToken: null,
    smsSender: null,
    quietFrom: d("quietFrom") as string | null,
    quietTo: d("quietTo") as string | null,
    digestHour: d("digestHour") as number,
    maxAttempts: d("maxAttempts") as number,
    version: 0,
    updatedBy: null,
    updatedAt: new Date(0),
  };
}

export async function loadSettings(
  tx: DbOrTx,
  municipalityId: string,
  lock = false,
): Promise<{ row: MessagingSettingsRow; stored: boolean }> {
  const q = tx.select().from(messagingSettings).where(inTenant(messagingSettings, municipalityId));
  const [row] = lock ? await q.for("update") : await q;
  return row ? { row, stored: true } : { row: defaultSettings(municipalityId), stored: false };
}

/** Whether a channel can send: switched on and with what it needs. */
export function channelState(s: MessagingSettingsRow, channel: OutboxChannel): ChannelState {
  if (channel === "email") {
    if (!s.emailEnabled) return "disabled";
    return s.smtpHost && s.smtpPort && s.emailFrom ? "ready" : "not_configured";
  }
  if (!s.smsEnabled) return "disabled";
  return s.smsUrl && s.smsToken ? "ready" : "not_configured";
}

/** The lastError a waiting message gets while its channel cannot send (e.g. "sms_disabled"). */
export function channelWaitCode(channel: OutboxChannel, state: Exclude<ChannelState, "ready">): string {
  return `${channel}_${state}`;
}
