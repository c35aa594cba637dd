/**
 * The record of a deletion (issue 13 point 5): what category, how many, when, by which rule or by
 * whom and why. Never the content and never the citizen id — a record of an erasure that named the
 * erased citizen would keep exactly what was erased. Written in the caller's transaction, so the
 * record exists if and only if the deletion it describes was committed.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { deletionRecords } from "../../db/schema/privacy.js";
import { inTenant } from "../../platform/tenancy.js";

export type DeletionOperation = "anonymise" | "erase" | "purge";

export interface DeletionRecordInput {
  municipalityId: string;
  operation: DeletionOperation;
  /** What kind of data, e.g. "citizen", "notes", "idempotency_keys" (stable, English, no content). */
  category: string;
  count: number;
  ruleId?: string | null;
  runId?: string | null;
  actorUserId?: string | null;
  /** The administrator's stated reason; a reason must not quote the citizen's data. */
  reason?: string | null;
}

/** Per-category counts, the shape anonymise/erase/purge answer. */
export type CategoryCounts = Record<string, number>;

/**
 * Writes one deletion record, or nothing when `count` is 0 (a record of nothing is noise in the
 * DPO's overview).
 */
export async function recordDeletion(tx: DbOrTx, input: DeletionRecordInput): Promise<void> {
  await recordDeletions(
    tx,
    {
      municipalityId: input.municipalityId,
      operation: input.operation,
      ruleId: input.ruleId,
      runId: input.runId,
      actorUserId: input.actorUserId,
      reason: input.reason,
    },
    { [input.category]: input.count },
  );
}

/**
 * Writes one record per category with a count above 0, in one insert; answers how many rows were
 * written. Within a retention run (`runId`) a category's count is added to the run's record of that
 * category instead, so a run over 214 citizens leaves one record per category, not 214.
 */
export async function recordDeletions(
  tx: DbOrTx,
  common: Omit<DeletionRecordInput, "category" | "count">,
  counts: CategoryCounts,
): Promise<number> {
  if (common.runId) {
    const runId = common.runId;
    const fresh: CategoryCounts = {};
    for (const [category, count] of Object.entries(counts)) {
      if (count <= 0) continue;
      const added = await tx
        .update(deletionRecords)
        .set({ count: sql`${deletionRecords.count} + ${count}` })
        .where(
          and(
            inTenant(deletionRecords, common.municipalityId),
            eq(deletionRecords.runId, runId),
            eq(deletionRecords.operation, common.operation),
            eq(deletionRecords.category, category),
          ),
        )
        .returning({ id: deletionRecords.id });
      if (added.length === 0) fresh[category] = count;
    }
    return insertRecords(tx, common, fresh);
  }
  return insertRecords(tx, common, counts);
}

async function insertRecords(
  tx: DbOrTx,
  common: Omit<DeletionRecordInput, "category" | "count">,
  counts: CategoryCounts,
): Promise<number> {
  const rows = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([category, count]) => ({
      municipalityId: common.municipalityId,
      operation: common.operation,
      category,
      count,
      ruleId: common.ruleId ?? null,
      runId: common.runId ?? null,
      actorUserId: common.actorUserId ?? null,
      reason: common.reason ?? null,
    }));
  if (rows.length === 0) return 0;
  await tx.insert(deletionRecords).values(rows);
  return rows.length;
}
