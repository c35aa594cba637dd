/**
 * Anonymisation and erasure of one citizen (issue 13 point 5), each in the CALLER's transaction —
 * one per citizen — so a failure anywhere leaves the citizen exactly as they were: no
 * half-anonymised citizen, no deletion record of something that did not happen.
 *
 * What each does per category is the plan in src/domain/privacy/erasure-plan.ts; the map of the
 * citizen's rows is erasure-inventory.ts; the statements are erasure-anonymise.ts,
 * erasure-erase.ts and erasure-stored.ts (stored answers and audit search terms). Decision 0095
 * says why.
 *
 * Callers: the administrator's routes (erasure-routes.ts) and the retention rules.
 */
import {
  ERASURE_CATEGORIES,
  type ErasureBlockers,
  type ErasureCounts,
  type ErasureOperation,
  needsReason,
  touchedCounts,
} from "../../../domain/privacy/erasure-plan.js";
import type { DbOrTx } from "../../db/client.js";
import { redactCriterion } from "../../platform/audit.js";
import { AppError } from "../../platform/errors.js";
import { type CategoryCounts, recordDeletions } from "./deletion-records.js";
import { type EndedWork, clearIdentifyingContent, endOpenWork } from "./erasure-anonymise.js";
import { removePendingImportRows } from "./erasure-care-record.js";
import { deleteEverything } from "./erasure-erase.js";
import { type Inventory, auditSearchTermRows, inventoryOf, loadCitizen } from "./erasure-inventory.js";
import { clearAuditSearchTerms, countStoredAnswers, replaceStoredAnswers } from "./erasure-stored.js";

export interface ErasureInput {
  municipalityId: string;
  citizenId: string;
  /** The administrator who asked; null for a scheduled retention rule. */
  actorUserId?: string | null;
  /** Required when the citizen has an open course or an active referral. */
  reason?: string | null;
  ruleId?: string | null;
  runId?: string | null;
  /** The moment of the operation (a retention run's clock); now by default. */
  now?: Date;
}

export interface ErasureResult {
  operation: ErasureOperation;
  /** Rows removed or cleared, per category (what the deletion records say). */
  counts: CategoryCounts;
  /** Open work that was ended first (anonymisation; erasure removes it with the rest). */
  ended: EndedWork | null;
}

export interface ErasurePreview {
  anonymisedAt: Date | null;
  /** Every category of the citizen's data, with how many rows it has now. */
  counts: ErasureCounts;
  blockers: ErasureBlockers;
  reasonRequired: boolean;
}

function countsOf(inv: Inventory, storedAnswers: number, auditSearchTerms: number): ErasureCounts {
  const counts = {} as ErasureCounts;
  for (const category of ERASURE_CATEGORIES) {
    counts[category] =
      category === "stored_answers"
        ? storedAnswers
        : category === "audit_search_terms"
          ? auditSearchTerms
          : inv.ids[category].length;
  }
  return counts;
}

/** What anonymising or erasing the citizen would touch, and whether a reason is required. Changes nothing. */
export async function erasurePreview(
  tx: DbOrTx,
  municipalityId: string,
  citizenId: string,
): Promise<ErasurePreview> {
  const citizen = await loadCitizen(tx, municipalityId, citizenId, false);
  const inv = await inventoryOf(tx, citizen);
  const counts = countsOf(inv, await countStoredAnswers(tx, inv), await auditSearchTermRows(tx, citizen));
  return {
    anonymisedAt: citizen.anonymisedAt,
    counts,
    blockers: inv.blockers,
    reasonRequired: needsReason(inv.blockers),
  };
}

/** The open course or active referral stands in the way unless a reason is stated (422 naming `reason`). */
function checkReason(inv: Inventory, reason: string | null | undefined): string | null {
  const stated = reason?.trim() ? redactReason(reason.trim()) : null;
  if (needsReason(inv.blockers) && !stated) {
    throw new AppError("erasure_reason_required", 422, {
      fields: [{ field: "reason", reason: "required" }],
      openCourses: inv.blockers.openCourses,
      activeReferrals: inv.blockers.activeReferrals,
    });
  }
  return stated;
}

/** A reason is the administrator's words about why; a CPR number typed into it is masked like on the audit trail. */
function redactReason(reason: string): string {
  return String(redactCriterion({ reason }).reason);
}

async function prepare(tx: DbOrTx, input: ErasureInput, operation: ErasureOperation) {
  const citizen = await loadCitizen(tx, input.municipalityId, input.citizenId, true);
  if (operation === "anonymise" && citizen.anonymisedAt)
    throw new AppError("citizen_already_anonymised", 409);
  const inv = await inventoryOf(tx, citizen);
  const reason = checkReason(inv, input.reason);
  return { inv, reason, now: input.now ?? new Date() };
}

async function finish(
  tx: DbOrTx,
  input: ErasureInput,
  operation: ErasureOperation,
  counts: ErasureCounts,
  reason: string | null,
  ended: EndedWork | null,
): Promise<ErasureResult> {
  const touched = touchedCounts(operation, counts) as CategoryCounts;
  await recordDeletions(
    tx,
    {
      municipalityId: input.municipalityId,
      operation,
      ruleId: input.ruleId,
      runId: input.runId,
      actorUserId: input.actorUserId,
      reason,
    },
    touched,
  );
  return { operation, counts: touched, ended };
}

/**
 * Anonymises the citizen: removes name, CPR, address, phone, contacts, notes, free text and what
 * was shared, everywhere (stored answers included), keeps what the reports count, and sets
 * `citizens.anonymised_at`. 409 when already anonymised; 422 without a reason while work is open.
 */
export async function anonymiseCitizen(tx: DbOrTx, input: ErasureInput): Promise<ErasureResult> {
  const { inv, reason, now } = await prepare(tx, input, "anonymise");
  const ended = await endOpenWork(tx, inv, input.actorUserId ?? null, now);
  // The stored answers are found by the name and CPR too, so before the register row is cleared.
  const storedAnswers = await replaceStoredAnswers(tx, inv);
  const auditSearchTerms = await clearAuditSearchTerms(tx, inv.citizen);
  await removePendingImportRows(tx, inv.citizen);
  await clearIdentifyingContent(tx, inv, now);
  return finish(tx, input, "anonymise", countsOf(inv, storedAnswers, auditSearchTerms), reason, ended);
}

/**
 * Erases the citizen: every row about them deleted (an anonymised citizen too). The audit trail
 * stays under its own retention rule, without the search terms that found them.
 */
export async function eraseCitizen(tx: DbOrTx, input: ErasureInput): Promise<ErasureResult> {
  const { inv, reason } = await prepare(tx, input, "erase");
  const storedAnswers = await replaceStoredAnswers(tx, inv);
  const auditSearchTerms = await clearAuditSearchTerms(tx, inv.citizen);
  await removePendingImportRows(tx, inv.citizen);
  await deleteEverything(tx, inv);
  return finish(tx, input, "erase", countsOf(inv, storedAnswers, auditSearchTerms), reason, null);
}

/** The open course and active referrals that require a reason (for a retention rule's candidates). */
export async function erasureBlockers(
  tx: DbOrTx,
  municipalityId: string,
  citizenId: string,
): Promise<ErasureBlockers> {
  const citizen = await loadCitizen(tx, municipalityId, citizenId, false);
  return (await inventoryOf(tx, citizen)).blockers;
}
