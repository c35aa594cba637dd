/**
 * The administrator's view of the push (issue 14, decision 0100): each citizen's delivery with its
 * status, tries and last error, and a retry. The list names citizens, so every citizen a page
 * shows is on that citizen's audit trail (read, care_record_delivery).
 */
import { and, count, desc, eq, sql } from "drizzle-orm";
import type {
  DeliveriesPage,
  DeliveriesQuery,
  DeliveryView,
} from "../../../shared/api/care-record-exchange.js";
import type { DbOrTx } from "../../db/client.js";
import { careRecordDeliveries, citizens } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { notAnonymised } from "../citizens/index.js";
import type { EnqueueJob } from "./pull-service.js";
import { PUSH_JOB } from "./push-service.js";

const columns = {
  id: careRecordDeliveries.id,
  citizenId: careRecordDeliveries.citizenId,
  citizenName: sql<string>`${citizens.firstName} || ' ' || ${citizens.lastName}`,
  status: careRecordDeliveries.status,
  attempts: careRecordDeliveries.attempts,
  lastError: careRecordDeliveries.lastError,
  queuedAt: careRecordDeliveries.queuedAt,
  sentAt: careRecordDeliveries.sentAt,
  updatedAt: careRecordDeliveries.updatedAt,
};

type Row = {
  id: string;
  citizenId: string;
  citizenName: string;
  status: string;
  attempts: number;
  lastError: string | null;
  queuedAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
};

function present(r: Row): DeliveryView {
  return {
    id: r.id,
    citizenId: r.citizenId,
    citizenName: r.citizenName,
    status: r.status as DeliveryView["status"],
    attempts: r.attempts,
    lastError: r.lastError,
    queuedAt: r.queuedAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listDeliveries(tx: DbOrTx, ctx: Ctx, query: DeliveriesQuery): Promise<DeliveriesPage> {
  authorize(ctx, { kind: "careRecord.exchange" });
  const where = and(
    inTenant(careRecordDeliveries, ctx),
    notAnonymised(),
    query.status ? eq(careRecordDeliveries.status, query.status) : undefined,
  );
  const [rows, [total]] = [
    await tx
      .select(columns)
      .from(careRecordDeliveries)
      .innerJoin(citizens, eq(citizens.id, careRecordDeliveries.citizenId))
      .where(where)
      // The newest changes first: a failure of today is on top.
      .orderBy(desc(careRecordDeliveries.updatedAt), careRecordDeliveries.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    await tx
      .select({ n: count() })
      .from(careRecordDeliveries)
      .innerJoin(citizens, eq(citizens.id, careRecordDeliveries.citizenId))
      .where(where),
  ];
  const criterion = { purpose: "deliveries", status: query.status ?? null, page: query.page };
  await audit(
    tx,
    ctx,
    rows.map((r) => ({
      action: "read" as const,
      entityType: "care_record_delivery" as const,
      entityId: r.id,
      citizenId: r.citizenId,
      criterion,
    })),
  );
  return {
    items: rows.map(present),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Queues the citizen's bundle again now. The sent hash is cleared, so it is sent even when
 * unchanged (the target may have lost it); the tries start afresh.
 */
export async function retryDelivery(
  tx: DbOrTx,
  ctx: Ctx,
  deliveryId: string,
  enqueue: EnqueueJob,
): Promise<DeliveryView> {
  authorize(ctx, { kind: "careRecord.exchange" });
  const m = ctx.actor.municipalityId;
  const [row] = await tx
    .select(columns)
    .from(careRecordDeliveries)
    .innerJoin(citizens, eq(citizens.id, careRecordDeliveries.citizenId))
    .where(and(inTenant(careRecordDeliveries, m), eq(careRecordDeliveries.id, deliveryId), notAnonymised()))
    .for("update", { of: careRecordDeliveries });
  if (!row) throw AppError.notFound("care_record_delivery_not_found");
  const now = new Date();
  const [updated] = await tx
    .update(careRecordDeliveries)
    .set({ status: "queued", attempts: 0, sentHash: null, queuedAt: now, updatedAt: now })
    .where(eq(careRecordDeliveries.id, deliveryId))
    .returning({ status: careRecordDeliveries.status, attempts: careRecordDeliveries.attempts });
  await enqueue(tx, PUSH_JOB, { municipalityId: m, citizenId: row.citizenId }, row.citizenId);
  await audit(tx, ctx, {
    action: "update",
    entityType: "care_record_delivery",
    entityId: deliveryId,
    citizenId: row.citizenId,
    criterion: { action: "retry" },
  });
  return present({ ...row, ...updated, queuedAt: now, updatedAt: now });
}
