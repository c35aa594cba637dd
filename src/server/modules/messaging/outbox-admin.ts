/**
 * The administrator's outbox (issue 16, decision 0105): every message with its status, attempts
 * and last error, one message with its text, a retry of a failed one and the cancelling of a
 * waiting one. Recipients and texts are shown to the administrator only (messaging.outbox); the
 * list names citizens, so every citizen a page shows is on that citizen's audit trail (read,
 * outbox_message), like the other lists that name citizens.
 */
import { and, count, desc, eq, sql } from "drizzle-orm";
import type {
  OutboxCounts,
  OutboxItem,
  OutboxMessage,
  OutboxPage,
  OutboxQuery,
} from "../../../shared/api/messaging-outbox.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, outboxMessages, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";

const itemColumns = {
  id: outboxMessages.id,
  kind: outboxMessages.kind,
  channel: outboxMessages.channel,
  recipientKind: outboxMessages.recipientKind,
  citizenId: outboxMessages.citizenId,
  // An anonymised citizen has no name to show (their messages' addresses and texts are cleared too).
  citizenName: sql<
    string | null
  >`case when ${citizens.anonymisedAt} is null then ${citizens.firstName} || ' ' || ${citizens.lastName} end`,
  citizenAnonymised: sql<boolean>`${citizens.anonymisedAt} is not null`,
  userId: outboxMessages.userId,
  userName: users.displayName,
  toAddress: outboxMessages.toAddress,
  subject: outboxMessages.subject,
  status: outboxMessages.status,
  notBefore: outboxMessages.notBefore,
  attempts: outboxMessages.attempts,
  lastError: outboxMessages.lastError,
  lastAttemptAt: outboxMessages.lastAttemptAt,
  sentAt: outboxMessages.sentAt,
  cancelledAt: outboxMessages.cancelledAt,
  createdAt: outboxMessages.createdAt,
};
const messageColumns = {
  ...itemColumns,
  body: outboxMessages.body,
  templateKey: outboxMessages.templateKey,
  templateVersion: outboxMessages.templateVersion,
  providerMessageId: outboxMessages.providerMessageId,
};

interface ItemRow {
  id: string;
  kind: OutboxItem["kind"];
  channel: OutboxItem["channel"];
  recipientKind: OutboxItem["recipientKind"];
  citizenId: string | null;
  citizenName: string | null;
  citizenAnonymised: boolean | null;
  userId: string | null;
  userName: string | null;
  toAddress: string;
  subject: string | null;
  status: OutboxItem["status"];
  notBefore: Date;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentItem(r: ItemRow): OutboxItem {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    recipientKind: r.recipientKind,
    citizenId: r.citizenId,
    citizenName: r.citizenName,
    userId: r.userId,
    userName: r.userName,
    toAddress: r.toAddress,
    subject: r.subject,
    status: r.status,
    notBefore: r.notBefore.toISOString(),
    attempts: r.attempts,
    lastError: r.lastError,
    lastAttemptAt: iso(r.lastAttemptAt),
    sentAt: iso(r.sentAt),
    cancelledAt: iso(r.cancelledAt),
    createdAt: r.createdAt.toISOString(),
  };
}

function base<T extends Record<string, unknown>>(tx: DbOrTx, columns: T) {
  return tx
    .select(columns as never)
    .from(outboxMessages)
    .leftJoin(citizens, eq(citizens.id, outboxMessages.citizenId))
    .leftJoin(users, eq(users.id, outboxMessages.userId));
}

/** One read row per shown citizen on their trail (an anonymised citizen is no one to name). */
async function auditReads(tx: DbOrTx, ctx: Ctx, rows: ItemRow[], criterion: Record<string, unknown>) {
  await audit(
    tx,
    ctx,
    rows
      .filter((r) => r.citizenId !== null && !r.citizenAnonymised)
      .map((r) => ({
        action: "read" as const,
        entityType: "outbox_message" as const,
        entityId: r.id,
        citizenId: r.citizenId,
        criterion,
      })),
  );
}

export async function listOutbox(tx: DbOrTx, ctx: Ctx, query: OutboxQuery): Promise<OutboxPage> {
  authorize(ctx, { kind: "messaging.outbox" });
  const m = ctx.actor.municipalityId;
  const where = and(
    inTenant(outboxMessages, m),
    query.status ? eq(outboxMessages.status, query.status) : undefined,
    query.kind ? eq(outboxMessages.kind, query.kind) : undefined,
    query.channel ? eq(outboxMessages.channel, query.channel) : undefined,
  );
  const rows = (await base(tx, itemColumns)
    .where(where)
    // The newest first: what was queued today is on top.
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)) as unknown as ItemRow[];
  const [total] = await tx.select({ n: count() }).from(outboxMessages).where(where);
  const byStatus = await tx
    .select({ status: outboxMessages.status, n: count() })
    .from(outboxMessages)
    .where(inTenant(outboxMessages, m))
    .groupBy(outboxMessages.status);
  const counts: OutboxCounts = { queued: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of byStatus) counts[r.status] = Number(r.n);
  await auditReads(tx, ctx, rows, {
    purpose: "outbox",
    filter: { status: query.status ?? null, kind: query.kind ?? null, channel: query.channel ?? null },
    page: query.page,
  });
  return {
    items: rows.map(presentItem),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    counts,
  };
}

async function loadMessage(tx: DbOrTx, m: string, id: string, lock = false) {
  const q = base(tx, messageColumns).where(and(inTenant(outboxMessages, m), eq(outboxMessages.id, id)));
  const [row] = (lock ? await q.for("update", { of: outboxMessages }) : await q) as unknown as (ItemRow & {
    body: string;
    templateKey: string | null;
    templateVersion: number | null;
    providerMessageId: string | null;
  })[];
  if (!row) throw AppError.notFound("outbox_message_not_found");
  return row;
}

function presentMessage(r: Awaited<ReturnType<typeof loadMessage>>): OutboxMessage {
  return {
    ...presentItem(r),
    body: r.body,
    templateKey: r.templateKey,
    templateVersion: r.templateVersion,
    providerMessageId: r.providerMessageId,
  };
}

export async function getOutboxMessage(tx: DbOrTx, ctx: Ctx, id: string): Promise<OutboxMessage> {
  authorize(ctx, { kind: "messaging.outbox" });
  const row = await loadMessage(tx, ctx.actor.municipalityId, id);
  await auditReads(tx, ctx, [row], { purpose: "outbox" });
  return presentMessage(row);
}

/**
 * A failed message queued again now, its attempts starting afresh (the administrator has put the
 * cause right, or wants one more go). `enqueueDelivery` asks for a delivery round at once.
 */
export async function retryOutboxMessage(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  enqueueDelivery: (tx: DbOrTx) => Promise<unknown>,
): Promise<OutboxMessage> {
  authorize(ctx, { kind: "messaging.outbox" });
  const m = ctx.actor.municipalityId;
  const row = await loadMessage(tx, m, id, true);
  if (row.status !== "failed") throw new AppError("outbox_not_failed", 409, { status: row.status });
  if (row.citizenAnonymised) throw AppError.notFound("outbox_message_not_found");
  await tx
    .update(outboxMessages)
    .set({ status: "queued", attempts: 0, notBefore: new Date(), lastError: null })
    .where(and(inTenant(outboxMessages, m), eq(outboxMessages.id, id)));
  await enqueueDelivery(tx);
  await audit(tx, ctx, {
    action: "update",
    entityType: "outbox_message",
    entityId: id,
    citizenId: row.citizenId,
    criterion: { action: "retry" },
  });
  return getOutboxMessageUnaudited(tx, m, id);
}

/** A waiting message that should not go out after all (a sent one is history and stays). */
export async function cancelOutboxMessage(tx: DbOrTx, ctx: Ctx, id: string): Promise<OutboxMessage> {
  authorize(ctx, { kind: "messaging.outbox" });
  const m = ctx.actor.municipalityId;
  const row = await loadMessage(tx, m, id, true);
  if (row.status !== "queued") throw new AppError("outbox_not_queued", 409, { status: row.status });
  await tx
    .update(outboxMessages)
    .set({ status: "cancelled", cancelledAt: new Date() })
    .where(and(inTenant(outboxMessages, m), eq(outboxMessages.id, id)));
  await audit(tx, ctx, {
    action: "update",
    entityType: "outbox_message",
    entityId: id,
    citizenId: row.citizenId,
    criterion: { action: "cancel" },
  });
  return getOutboxMessageUnaudited(tx, m, id);
}

async function getOutboxMessageUnaudited(tx: DbOrTx, m: string, id: string): Promise<OutboxMessage> {
  return presentMessage(await loadMessage(tx, m, id));
}
