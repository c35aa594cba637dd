/**
 * The municipality's retention rules: the shipped defaults installed for every municipality, the
 * administrator's changes (optimistic concurrency, audited), and the presenters of rules and runs.
 * The legal basis is the shipped text (code-owned, kept up to date at each start); the period,
 * on/off and the confirmation share are the municipality's.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  RETENTION_DEFAULTS,
  type RetentionKind,
  isRetentionKind,
  retentionDefault,
} from "../../../domain/privacy/retention-defaults.js";
import { keepDaysProblem } from "../../../domain/privacy/retention-rules.js";
import type {
  RetentionRuleList,
  RetentionRuleUpdate,
  RetentionRuleView,
  RetentionRunStatus,
  RetentionRunView,
} from "../../../shared/api/privacy-retention.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import { municipalities, retentionRules, retentionRuns, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import type { Lang } from "../../platform/messages.js";
import { inTenant } from "../../platform/tenancy.js";
import { citizensInMunicipality } from "./retention-candidates.js";

export type RuleRow = typeof retentionRules.$inferSelect;
export type RunRow = typeof retentionRuns.$inferSelect;

/** Statuses of a run that is not finished: the rule gets no second run beside it. */
export const PENDING_STATUSES: readonly RetentionRunStatus[] = [
  "queued",
  "awaiting_confirmation",
  "confirmed",
  "running",
];
export const FINISHED_STATUSES: readonly RetentionRunStatus[] = [
  "succeeded",
  "partly_failed",
  "failed",
  "cancelled",
];

function shippedRows(municipalityIds: readonly string[]) {
  return municipalityIds.flatMap((municipalityId) =>
    RETENTION_DEFAULTS.map((d) => ({
      municipalityId,
      kind: d.kind,
      keepDays: d.keepDays,
      legalBasis: d.da.legalBasis,
      confirmAbovePercent: d.confirmAbovePercent,
    })),
  );
}

/** Gives one municipality the shipped rules it lacks (a new municipality, the seeds). */
export async function installShippedRetentionRules(tx: DbOrTx, municipalityId: string): Promise<void> {
  await tx
    .insert(retentionRules)
    .values(shippedRows([municipalityId]))
    .onConflictDoNothing();
}

/**
 * Every municipality gets every shipped rule it lacks, and the shipped legal-basis text where it
 * changed; a municipality's own period, on/off and share are never touched. main.ts runs it at each
 * start and the daily job before its runs, so existing databases and new kinds are covered. A start
 * on data that has them all writes nothing.
 */
export async function installShippedRetentionRulesEverywhere(tx: DbOrTx): Promise<number> {
  const [all, have] = await inSequence([
    () => tx.select({ id: municipalities.id }).from(municipalities),
    () =>
      tx
        .select({
          municipalityId: retentionRules.municipalityId,
          kind: retentionRules.kind,
          legalBasis: retentionRules.legalBasis,
        })
        .from(retentionRules),
  ]);
  const existing = new Map(have.map((r) => [`${r.municipalityId} ${r.kind}`, r.legalBasis]));
  const rows = shippedRows(all.map((m) => m.id)).filter(
    (r) => existing.get(`${r.municipalityId} ${r.kind}`) !== r.legalBasis,
  );
  if (rows.length === 0) return 0;
  await tx
    .insert(retentionRules)
    .values(rows)
    .onConflictDoUpdate({
      target: [retentionRules.municipalityId, retentionRules.kind],
      set: { legalBasis: sql`excluded.legal_basis` },
    });
  return rows.length;
}

function presentRun(row: RunRow, startedBy: string | null): RetentionRunView {
  let failures: Record<string, number> = {};
  if (row.error) {
    try {
      failures = JSON.parse(row.error) as Record<string, number>;
    } catch {
      failures = { error: 1 };
    }
  }
  return {
    id: row.id,
    ruleId: row.ruleId,
    kind: row.kind as RetentionKind,
    trigger: row.trigger as RetentionRunView["trigger"],
    status: row.status as RetentionRunStatus,
    asOf: row.asOf.toISOString(),
    candidates: row.candidates,
    processed: row.processed,
    failed: row.failed,
    failures,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    startedBy: row.actorUserId ? { id: row.actorUserId, displayName: startedBy ?? "" } : null,
  };
}

/** Runs with the name of whoever started them. */
export async function presentRuns(tx: DbOrTx, rows: readonly RunRow[]): Promise<RetentionRunView[]> {
  const ids = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => id !== null))];
  const names = ids.length
    ? new Map(
        (
          await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
        ).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  return rows.map((r) => presentRun(r, r.actorUserId ? (names.get(r.actorUserId) ?? null) : null));
}

function presentRule(
  row: RuleRow,
  lang: Lang,
  updatedBy: string | null,
  lastRun: RetentionRunView | null,
  pendingRun: RetentionRunView | null,
): RetentionRuleView {
  const d = retentionDefault(row.kind as RetentionKind);
  const texts = d[lang];
  return {
    id: row.id,
    kind: d.kind,
    operation: d.operation,
    scope: d.scope,
    title: texts.title,
    startingEvent: texts.startingEvent,
    action: texts.action,
    legalBasis: lang === "da" ? row.legalBasis : texts.legalBasis,
    keepDays: row.keepDays,
    defaultKeepDays: d.keepDays,
    minKeepDays: d.minKeepDays,
    maxKeepDays: d.maxKeepDays,
    enabled: row.enabled,
    confirmAbovePercent: row.confirmAbovePercent,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy ? { id: row.updatedBy, displayName: updatedBy ?? "" } : null,
    lastRun,
    pendingRun,
  };
}

/** The rules of one municipality in the shipped order (kinds this release does not know are left out). */
export async function loadRules(tx: DbOrTx, municipalityId: string): Promise<RuleRow[]> {
  const rows = await tx.select().from(retentionRules).where(inTenant(retentionRules, municipalityId));
  const order = (kind: string) => RETENTION_DEFAULTS.findIndex((d) => d.kind === kind);
  return rows.filter((r) => isRetentionKind(r.kind)).sort((a, b) => order(a.kind) - order(b.kind));
}

export async function loadRule(
  tx: DbOrTx,
  municipalityId: string,
  ruleId: string,
  lock = false,
): Promise<RuleRow> {
  const query = tx
    .select()
    .from(retentionRules)
    .where(and(inTenant(retentionRules, municipalityId), eq(retentionRules.id, ruleId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !isRetentionKind(row.kind)) throw AppError.notFound();
  return row;
}

/** The newest run of each rule in `statuses`. */
async function newestRuns(
  tx: DbOrTx,
  municipalityId: string,
  statuses: readonly RetentionRunStatus[],
): Promise<Map<string, RunRow>> {
  const rows = await tx
    .selectDistinctOn([retentionRuns.ruleId])
    .from(retentionRuns)
    .where(and(inTenant(retentionRuns, municipalityId), inArray(retentionRuns.status, [...statuses])))
    .orderBy(retentionRuns.ruleId, desc(retentionRuns.startedAt), desc(retentionRuns.id));
  return new Map(rows.map((r) => [r.ruleId, r]));
}

export async function listRetentionRules(tx: DbOrTx, ctx: Ctx): Promise<RetentionRuleList> {
  authorize(ctx, { kind: "retention.read" });
  const m = ctx.actor.municipalityId;
  // A municipality created before this release, or by a path that skipped the seed: its rules now.
  await installShippedRetentionRules(tx, m);
  const rules = await loadRules(tx, m);
  const [last, pending, citizens] = await inSequence([
    () => newestRuns(tx, m, FINISHED_STATUSES),
    () => newestRuns(tx, m, PENDING_STATUSES),
    () => citizensInMunicipality(tx, m),
  ]);
  const runs = await presentRuns(tx, [...last.values(), ...pending.values()]);
  const byId = new Map(runs.map((r) => [r.id, r]));
  const editorIds = [...new Set(rules.map((r) => r.updatedBy).filter((id): id is string => id !== null))];
  const editors = editorIds.length
    ? new Map(
        (
          await tx
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, editorIds))
        ).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  return {
    rules: rules.map((r) =>
      presentRule(
        r,
        ctx.lang,
        r.updatedBy ? (editors.get(r.updatedBy) ?? null) : null,
        byId.get(last.get(r.id)?.id ?? "") ?? null,
        byId.get(pending.get(r.id)?.id ?? "") ?? null,
      ),
    ),
    citizensInMunicipality: citizens,
  };
}

/** One rule as the list shows it (after a change). */
async function ruleView(tx: DbOrTx, ctx: Ctx, ruleId: string): Promise<RetentionRuleView> {
  const list = await listRetentionRules(tx, ctx);
  const found = list.rules.find((r) => r.id === ruleId);
  if (!found) throw AppError.notFound();
  return found;
}

export async function updateRetentionRule(
  tx: DbOrTx,
  ctx: Ctx,
  ruleId: string,
  input: RetentionRuleUpdate,
): Promise<RetentionRuleView> {
  authorize(ctx, { kind: "retention.manage" });
  const row = await loadRule(tx, ctx.actor.municipalityId, ruleId, true);
  if (row.version !== input.version)
    throw new AppError("version_conflict", 409, { currentVersion: row.version });
  const kind = row.kind as RetentionKind;
  if (input.keepDays !== undefined) {
    const problem = keepDaysProblem(kind, input.keepDays);
    if (problem) {
      const d = retentionDefault(kind);
      throw new AppError("retention_period_out_of_range", 422, {
        fields: [{ field: "keepDays", reason: problem === "too_long" ? "too_long" : "too_short" }],
        minKeepDays: d.minKeepDays,
        maxKeepDays: d.maxKeepDays,
      });
    }
  }
  const changes = {
    ...(input.keepDays !== undefined && input.keepDays !== row.keepDays ? { keepDays: input.keepDays } : {}),
    ...(input.enabled !== undefined && input.enabled !== row.enabled ? { enabled: input.enabled } : {}),
    ...(input.confirmAbovePercent !== undefined && input.confirmAbovePercent !== row.confirmAbovePercent
      ? { confirmAbovePercent: input.confirmAbovePercent }
      : {}),
  };
  const fields = Object.keys(changes);
  if (fields.length > 0) {
    await tx
      .update(retentionRules)
      .set({ ...changes, version: row.version + 1, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(eq(retentionRules.id, row.id));
  }
  // Audited even when nothing changed: the administrator saved the rule as it stood.
  await audit(tx, ctx, {
    action: "update",
    entityType: "retention_rule",
    entityId: row.id,
    criterion: { kind, fields, version: fields.length ? row.version + 1 : row.version },
  });
  return ruleView(tx, ctx, row.id);
}
