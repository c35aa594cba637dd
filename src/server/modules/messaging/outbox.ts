/**
 * The outbox (issue 16): every message is a row written in the transaction of the event that causes
 * it, and delivered later by the job queue (delivery.ts). A message is identified per municipality
 * by its dedupe key, so a retried request, a double tap or a repeated job never queues it twice.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { OUTBOX_CHANNELS, OUTBOX_KINDS, OUTBOX_RECIPIENTS, outboxMessages } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

export interface QueueMessageInput {
  municipalityId: string;
  kind: (typeof OUTBOX_KINDS)[number];
  channel: (typeof OUTBOX_CHANNELS)[number];
  recipientKind: (typeof OUTBOX_RECIPIENTS)[number];
  citizenId?: string | null;
  userId?: string | null;
  toAddress: string;
  subject?: string | null;
  body: string;
  templateKey?: string | null;
  templateVersion?: number | null;
  clipId?: string | null;
  conversationId?: string | null;
  dedupeKey: string;
  /** Not before this moment; quiet hours are applied on delivery (delivery.ts), never dropped. */
  notBefore?: Date;
  createdBy?: string | null;
}

/**
 * Queues one message; answers its id and whether this call created it (false: a message with the
 * same dedupe key was queued before, and that one stands).
 */
export async function queueMessage(
  tx: DbOrTx,
  input: QueueMessageInput,
): Promise<{ id: string; created: boolean }> {
  const [inserted] = await tx
    .insert(outboxMessages)
    .values({ ...input, notBefore: input.notBefore ?? new Date() })
    .onConflictDoNothing({ target: [outboxMessages.municipalityId, outboxMessages.dedupeKey] })
    .returning({ id: outboxMessages.id });
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await tx
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(inTenant(outboxMessages, input.municipalityId), eq(outboxMessages.dedupeKey, input.dedupeKey)),
    );
  return { id: existing!.id, created: false };
}

/** Cancels the messages still waiting for a clip or a conversation (cancelled or moved); sent ones stay as history. */
export async function cancelQueuedMessages(
  tx: DbOrTx,
  municipalityId: string,
  about: { clipId: string } | { conversationId: string },
): Promise<number> {
  const rows = await tx
    .update(outboxMessages)
    .set({ status: "cancelled", cancelledAt: sql`now()` })
    .where(
      and(
        inTenant(outboxMessages, municipalityId),
        "clipId" in about
          ? eq(outboxMessages.clipId, about.clipId)
          : eq(outboxMessages.conversationId, about.conversationId),
        inArray(outboxMessages.status, ["queued"]),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}
