/**
 * A run of one retention rule (issue 13 points 4–6): evaluated against its `asOf` (the clock a
 * test sets forward), it waits for an administrator when a citizen rule would touch more than the
 * rule's share of the municipality's citizens, and otherwise works through what is due:
 *  - citizen rules: ONE TRANSACTION PER CITIZEN (anonymiseCitizen / eraseCitizen of erasure.ts),
 *    so a failure half-way leaves no half-anonymised citizen; a citizen that fails is counted
 *    (with the error's code, never who) and the run goes on with the others;
 *  - row rules: batches, each its own transaction with its deletion record and the run's count.
 *
 * Safe to repeat (a job may run again after kill -9): a finished run does nothing; a run found
 * "running" resumes — what it already did is no longer due, and the counts it committed stand.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { type RetentionKind, retentionDefault } from "../../../domain/privacy/retention-defaults.js";
import { needsConfirmation, retentionCutoff } from "../../../domain/privacy/retention-rules.js";
import type { RetentionRunStatus } from "../../../shared/api/privacy-retention.js";
import type { Db, DbOrTx } from "../../db/client.js";
import { deletionRecords, retentionRules, retentionRuns } from "../../db/schema/index.js";
import { type AnonymousCaller, audit } from "../../platform/audit.js";
import { AppError } from "../../platform/errors.js";
import { failureOf } from "../../platform/jobs.js";
import { recordDeletion } from "./deletion-records.js";
import { anonymiseCitizen, eraseCitizen } from "./erasure.js";
import {
  type CitizenKind,
  ROW_CATEGORIES,
  type RowKind,
  citizensInMunicipality,
  countDue,
  deleteDueBatch,
  dueCitizenIds,
  isCitizenKind,
  lockIfStillDue,
  mainCategory,
} from "./retention-candidates.js";
import type { RuleRow, RunRow } from "./retention-rules-store.js";

/** Rows deleted per transaction: short locks on busy tables (the audit trail), few round trips. */
export const PURGE_BATCH = 2000;

async function setRun(
  db: DbOrTx,
  runId: string,
  values: Partial<RunRow>,
  from?: readonly RetentionRunStatus[],
) {
  const rows = await db
    .update(retentionRuns)
    .set(values)
    .where(and(eq(retentionRuns.id, runId), from ? inArray(retentionRuns.status, [...from]) : undefined))
    .returning({ id: retentionRuns.id });
  return rows.length === 1;
}

/** An error as a code a DPO can read in the run's summary: the AppError's code, a SQLSTATE, or the class. */
function failureCode(err: unknown): string {
  if (err instanceof AppError) return err.code;
  const f = failureOf(err);
  return f.code ? `${f.error}:${f.code}` : f.error;
}

export interface RunOptions {
  /** The job's last try: a run that still throws is marked failed instead of left "running". */
  lastTry?: boolean;
  batchSize?: number;
}

/**
 * Executes (or resumes) run `runId`. Reads the run and its rule by id alone: the run was created
 * for its municipality by the route or the daily schedule, and the job carries only the id.
 */
export async function executeRetentionRun(db: Db, runId: string, opts: RunOptions = {}): Promise<void> {
  const [run] = await db.select().from(retentionRuns).where(eq(retentionRuns.id, runId));
  if (!run) return;
  const [rule] = await db.select().from(retentionRules).where(eq(retentionRules.id, run.ruleId));
  if (!rule) return;
  try {
    await execute(db, run, rule, opts.batchSize ?? PURGE_BATCH);
  } catch (err) {
    if (opts.lastTry) {
      await setRun(
        db,
        run.id,
        { status: "failed", error: JSON.stringify({ [failureCode(err)]: 1 }), finishedAt: new Date() },
        ["queued", "confirmed", "running"],
      );
    }
    throw err;
  }
}

async function execute(db: Db, run: RunRow, rule: RuleRow, batchSize: number): Promise<void> {
  const status = run.status as RetentionRunStatus;
  if (status !== "queued" && status !== "confirmed" && status !== "running") return;
  const kind = run.kind as RetentionKind;
  const m = run.municipalityId;
  if (!rule.enabled && status === "queued") {
    // Switched off between the schedule and the run: nothing is done, and the run says why.
    await setRun(
      db,
      run.id,
      { status: "failed", error: JSON.stringify({ retention_rule_disabled: 1 }), finishedAt: new Date() },
      ["queued"],
    );
    return;
  }
  const cutoff = retentionCutoff(run.asOf, rule.keepDays);

  if (status === "queued" || status === "confirmed") {
    const due = await countDue(db, kind, m, cutoff);
    if (
      status === "queued" &&
      isCitizenKind(kind) &&
      needsConfirmation(due.candidates, await citizensInMunicipality(db, m), rule.confirmAbovePercent)
    ) {
      await setRun(db, run.id, { status: "awaiting_confirmation", candidates: due.candidates }, ["queued"]);
      return;
    }
    // Compare-and-set: of two executors of one run, one goes on.
    if (!(await setRun(db, run.id, { status: "running", candidates: due.candidates }, [status]))) return;
  } else {
    // Resumed after an interruption: what was done stays counted; what is still due (citizens that
    // failed before included, tried again) is counted anew.
    const due = await countDue(db, kind, m, cutoff);
    await db
      .update(retentionRuns)
      .set({ failed: 0, error: null, candidates: sql`${retentionRuns.processed} + ${due.candidates}` })
      .where(eq(retentionRuns.id, run.id));
  }

  const failed = isCitizenKind(kind)
    ? await runCitizens(db, run, rule, kind, cutoff)
    : await runRows(db, run, rule, kind, cutoff, batchSize);
  await setRun(db, run.id, { status: failed > 0 ? "partly_failed" : "succeeded", finishedAt: new Date() }, [
    "running",
  ]);
}

/** Broen itself as the one acting on the audit trail: a scheduled or confirmed run has no requester's address. */
const SYSTEM_CALLER = (municipalityId: string): AnonymousCaller => ({
  actor: null,
  municipalityId,
  ip: null,
  userAgent: null,
  role: "system",
});

async function runCitizens(
  db: Db,
  run: RunRow,
  rule: RuleRow,
  kind: CitizenKind,
  cutoff: Date,
): Promise<number> {
  const m = run.municipalityId;
  const operate = kind === "closed_course_anonymise" ? anonymiseCitizen : eraseCitizen;
  const failures: Record<string, number> = {};
  let failed = 0;
  for (const citizenId of await dueCitizenIds(db, kind, m, cutoff)) {
    try {
      await db.transaction(async (tx) => {
        // Re-checked under the row lock: a course opened or a restriction set since the list was read wins.
        if (!(await lockIfStillDue(tx, kind, m, citizenId, cutoff))) return;
        const result = await operate(tx, {
          municipalityId: m,
          citizenId,
          ruleId: rule.id,
          runId: run.id,
          now: run.asOf,
        });
        // On the citizen's own trail too (an anonymised citizen keeps it; an erased one's trail has
        // its own retention rule): Broen did it, by this rule — no reason, no content, a row count.
        await audit(tx, SYSTEM_CALLER(m), {
          action: kind === "closed_course_anonymise" ? "anonymise" : "erase",
          entityType: "citizen",
          entityId: citizenId,
          citizenId,
          criterion: { kind, rows: Object.values(result.counts).reduce((sum, n) => sum + (n ?? 0), 0) },
        });
        await tx
          .update(retentionRuns)
          .set({ processed: sql`${retentionRuns.processed} + 1` })
          .where(eq(retentionRuns.id, run.id));
      });
    } catch (err) {
      const code = failureCode(err);
      failures[code] = (failures[code] ?? 0) + 1;
      failed += 1;
      await db
        .update(retentionRuns)
        .set({ failed: sql`${retentionRuns.failed} + 1`, error: JSON.stringify(failures) })
        .where(eq(retentionRuns.id, run.id));
    }
  }
  return failed;
}

/** Adds `count` to the run's deletion record of `category`, writing the record with the first batch. */
async function addToDeletionRecord(tx: DbOrTx, run: RunRow, rule: RuleRow, category: string, count: number) {
  const updated = await tx
    .update(deletionRecords)
    .set({ count: sql`${deletionRecords.count} + ${count}` })
    .where(and(eq(deletionRecords.runId, run.id), eq(deletionRecords.category, category)))
    .returning({ id: deletionRecords.id });
  if (updated.length > 0) return;
  await recordDeletion(tx, {
    municipalityId: run.municipalityId,
    operation: retentionDefault(rule.kind as RetentionKind).operation,
    category,
    count,
    ruleId: rule.id,
    runId: run.id,
  });
}

async function runRows(
  db: Db,
  run: RunRow,
  rule: RuleRow,
  kind: RowKind,
  cutoff: Date,
  batchSize: number,
): Promise<number> {
  const counted = (category: string) => category === mainCategory(kind) || kind === "security_log_erase";
  // In the declared order: a referral's history goes before the referral it references.
  for (const cat of ROW_CATEGORIES[kind]) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const deleted = await deleteDueBatch(tx, cat, run.municipalityId, cutoff, batchSize);
        if (deleted > 0) {
          await addToDeletionRecord(tx, run, rule, cat.category, deleted);
          if (counted(cat.category))
            await tx
              .update(retentionRuns)
              .set({ processed: sql`${retentionRuns.processed} + ${deleted}` })
              .where(eq(retentionRuns.id, run.id));
        }
        return deleted;
      });
      if (n < batchSize) break;
    }
  }
  return 0;
}
