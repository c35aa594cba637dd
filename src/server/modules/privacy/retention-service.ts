/**
 * What the administrator's retention page asks of the server: a preview of a rule (counts only),
 * starting a run by hand, confirming or cancelling a run that waits for confirmation, and the
 * lists of runs and deletion records. A manual run goes through the same job queue as the
 * schedule's: the route creates the run row and enqueues its job in its own transaction.
 */
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { RetentionKind } from "../../../domain/privacy/retention-defaults.js";
import { needsConfirmation, retentionCutoff } from "../../../domain/privacy/retention-rules.js";
import type {
  DeletionRecordView,
  DeletionRecordsPage,
  DeletionRecordsQuery,
  RetentionPreview,
  RetentionPreviewQuery,
  RetentionRunView,
  RetentionRunsPage,
  RetentionRunsQuery,
} from "../../../shared/api/privacy-retention.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import { deletionRecords, retentionRules, retentionRuns, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { citizensInMunicipality, countDue, isCitizenKind } from "./retention-candidates.js";
import {
  PENDING_STATUSES,
  type RuleRow,
  type RunRow,
  loadRule,
  presentRuns,
} from "./retention-rules-store.js";

/** Puts a run's job on the queue in the caller's transaction (the route's `tx`, the daily job's). */
export type EnqueueRun = (tx: DbOrTx, runId: string, municipalityId: string) => Promise<unknown>;

export async function previewRetention(
  tx: DbOrTx,
  ctx: Ctx,
  ruleId: string,
  q: RetentionPreviewQuery,
): Promise<RetentionPreview> {
  authorize(ctx, { kind: "retention.read" });
  const m = ctx.actor.municipalityId;
  const rule = await loadRule(tx, m, ruleId);
  const kind = rule.kind as RetentionKind;
  const asOf = q.asOf ? new Date(q.asOf) : new Date();
  const keepDays = q.keepDays ?? rule.keepDays;
  const cutoff = retentionCutoff(asOf, keepDays);
  const [due, citizens] = await inSequence([
    () => countDue(tx, kind, m, cutoff),
    () => citizensInMunicipality(tx, m),
  ]);
  return {
    ruleId: rule.id,
    kind,
    asOf: asOf.toISOString(),
    keepDays,
    cutoff: cutoff.toISOString(),
    candidates: due.candidates,
    categories: due.categories,
    heldBackRestricted: due.heldBackRestricted,
    citizensInMunicipality: citizens,
    confirmAbovePercent: rule.confirmAbovePercent,
    needsConfirmation:
      isCitizenKind(kind) && needsConfirmation(due.candidates, citizens, rule.confirmAbovePercent),
  };
}

/** A new run of `rule`, queued; its job is enqueued in the same transaction. */
export async function createRun(
  tx: DbOrTx,
  rule: RuleRow,
  input: { trigger: "schedule" | "manual"; asOf: Date; actorUserId: string | null },
  enqueue: EnqueueRun,
): Promise<RunRow> {
  const [run] = await tx
    .insert(retentionRuns)
    .values({
      municipalityId: rule.municipalityId,
      ruleId: rule.id,
      kind: rule.kind,
      trigger: input.trigger,
      status: "queued",
      asOf: input.asOf,
      actorUserId: input.actorUserId,
    })
    .returning();
  const jobId = await enqueue(tx, run!.id, rule.municipalityId);
  if (typeof jobId === "string") {
    await tx.update(retentionRuns).set({ jobId }).where(eq(retentionRuns.id, run!.id));
    run!.jobId = jobId;
  }
  return run!;
}

async function pendingRunOf(tx: DbOrTx, rule: RuleRow): Promise<RunRow | undefined> {
  const [pending] = await tx
    .select()
    .from(retentionRuns)
    .where(
      and(
        inTenant(retentionRuns, rule.municipalityId),
        eq(retentionRuns.ruleId, rule.id),
        inArray(retentionRuns.status, [...PENDING_STATUSES]),
      ),
    )
    .limit(1);
  return pending;
}

export async function startManualRun(
  tx: DbOrTx,
  ctx: Ctx,
  ruleId: string,
  enqueue: EnqueueRun,
): Promise<RetentionRunView> {
  authorize(ctx, { kind: "retention.manage" });
  // Locked: two presses of "Kør nu" from two screens make one run.
  const rule = await loadRule(tx, ctx.actor.municipalityId, ruleId, true);
  if (!rule.enabled) throw new AppError("retention_rule_disabled", 409);
  if (await pendingRunOf(tx, rule)) throw new AppError("retention_run_pending", 409);
  const run = await createRun(
    tx,
    rule,
    { trigger: "manual", asOf: new Date(), actorUserId: ctx.actor.userId },
    enqueue,
  );
  await audit(tx, ctx, {
    action: "create",
    entityType: "retention_run",
    entityId: run.id,
    criterion: { kind: rule.kind },
  });
  const [view] = await presentRuns(tx, [run]);
  return view!;
}

async function loadRun(tx: DbOrTx, ctx: Ctx, runId: string): Promise<RunRow> {
  const [run] = await tx
    .select()
    .from(retentionRuns)
    .where(and(inTenant(retentionRuns, ctx), eq(retentionRuns.id, runId)))
    .for("update");
  if (!run) throw AppError.notFound();
  return run;
}

/**
 * The administrator's yes to a run that would touch more than the rule's share: the run goes on
 * (through the queue) with the same `asOf` it was evaluated against. `confirm: false` cancels it;
 * the next day's schedule then evaluates the rule afresh (after a changed period, say).
 */
export async function decideRun(
  tx: DbOrTx,
  ctx: Ctx,
  runId: string,
  confirm: boolean,
  enqueue: EnqueueRun,
): Promise<RetentionRunView> {
  authorize(ctx, { kind: "retention.manage" });
  const run = await loadRun(tx, ctx, runId);
  if (run.status !== "awaiting_confirmation")
    throw new AppError("retention_run_not_awaiting_confirmation", 409);
  const [updated] = await tx
    .update(retentionRuns)
    .set(confirm ? { status: "confirmed" } : { status: "cancelled", finishedAt: new Date() })
    .where(eq(retentionRuns.id, run.id))
    .returning();
  if (confirm) {
    const jobId = await enqueue(tx, run.id, run.municipalityId);
    if (typeof jobId === "string")
      await tx.update(retentionRuns).set({ jobId }).where(eq(retentionRuns.id, run.id));
  }
  await audit(tx, ctx, {
    action: "update",
    entityType: "retention_run",
    entityId: run.id,
    criterion: { kind: run.kind, action: confirm ? "confirm" : "cancel", rows: run.candidates },
  });
  const [view] = await presentRuns(tx, [updated!]);
  return view!;
}

export async function listRetentionRuns(
  tx: DbOrTx,
  ctx: Ctx,
  q: RetentionRunsQuery,
): Promise<RetentionRunsPage> {
  authorize(ctx, { kind: "retention.read" });
  const where = and(inTenant(retentionRuns, ctx), q.ruleId ? eq(retentionRuns.ruleId, q.ruleId) : undefined);
  const [[total], rows] = await inSequence([
    () => tx.select({ n: count() }).from(retentionRuns).where(where),
    () =>
      tx
        .select()
        .from(retentionRuns)
        .where(where)
        .orderBy(desc(retentionRuns.startedAt), desc(retentionRuns.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
  ]);
  return { items: await presentRuns(tx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function listDeletionRecords(
  tx: DbOrTx,
  ctx: Ctx,
  q: DeletionRecordsQuery,
): Promise<DeletionRecordsPage> {
  authorize(ctx, { kind: "retention.read" });
  const where = and(inTenant(deletionRecords, ctx), q.runId ? eq(deletionRecords.runId, q.runId) : undefined);
  const [[total], rows] = await inSequence([
    () => tx.select({ n: count() }).from(deletionRecords).where(where),
    () =>
      tx
        .select({
          id: deletionRecords.id,
          at: deletionRecords.at,
          operation: deletionRecords.operation,
          category: deletionRecords.category,
          count: deletionRecords.count,
          kind: retentionRules.kind,
          runId: deletionRecords.runId,
          actorId: users.id,
          actorName: users.displayName,
          reason: deletionRecords.reason,
        })
        .from(deletionRecords)
        .leftJoin(retentionRules, eq(retentionRules.id, deletionRecords.ruleId))
        .leftJoin(users, eq(users.id, deletionRecords.actorUserId))
        .where(where)
        .orderBy(desc(deletionRecords.at), desc(deletionRecords.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
  ]);
  return {
    items: rows.map((r): DeletionRecordView => ({
      id: r.id,
      at: r.at.toISOString(),
      operation: r.operation as DeletionRecordView["operation"],
      category: r.category,
      count: r.count,
      kind: (r.kind as RetentionKind | null) ?? null,
      runId: r.runId,
      actor: r.actorId ? { id: r.actorId, displayName: r.actorName ?? "" } : null,
      reason: r.reason,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
