/**
 * The access export's messages (issue 16): every SMS and e-mail Broen sent, is to send, or could
 * not send to the citizen or their relative — to whom, the text, and what became of it. The
 * municipality's channels and templates are configuration (access-export-tables.ts); a staff
 * member's digest names no citizen by design (counts and links only), so it is not theirs to see.
 */
import { and, asc, eq } from "drizzle-orm";
import type { ExportOutboxMessage } from "../../../shared/api/privacy-access.js";
import type { DbOrTx } from "../../db/client.js";
import { outboxMessages } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { type Presenting, at, atOrNull } from "./access-export-words.js";

export async function collectMessagingData(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  const messages = await tx
    .select()
    .from(outboxMessages)
    .where(and(inTenant(outboxMessages, ctx), eq(outboxMessages.citizenId, citizenId)))
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id));
  return { messages };
}
export type MessagingData = Awaited<ReturnType<typeof collectMessagingData>>;

export function presentMessaging(p: Presenting, d: MessagingData): { outboxMessages: ExportOutboxMessage[] } {
  const { w } = p;
  return {
    outboxMessages: d.messages.map((m) => ({
      kind: w.word("outboxKind", m.kind),
      channel: w.word("outboxChannel", m.channel),
      recipient: w.word("outboxRecipient", m.recipientKind),
      to: m.toAddress,
      subject: m.subject,
      text: m.body,
      status: w.word("outboxStatus", m.status),
      queuedAt: at(m.createdAt),
      sentAt: atOrNull(m.sentAt),
      attempts: m.attempts,
    })),
  };
}
