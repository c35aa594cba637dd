/**
 * The municipality's two FHIR endpoints (issue 14, decision 0100): the care record's server pulled
 * on a schedule (care_record_sources) and the push target (care_record_push_targets). The
 * administrator sets them with optimistic concurrency; the secret is write-only (absent = keep,
 * null = remove); every save is on the audit trail (what changed, never the secret).
 */
import { count } from "drizzle-orm";
import type {
  CareRecordSourceAnswer,
  CareRecordSourceUpdate,
  CareRecordSourceView,
  DeliveryCounts,
  PushTargetAnswer,
  PushTargetUpdate,
  PushTargetView,
} from "../../../shared/api/care-record-exchange.js";
import type { DbOrTx } from "../../db/client.js";
import { careRecordDeliveries, careRecordPushTargets, careRecordSources } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, type FieldIssue } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import type { FhirEndpoint } from "./exchange-http.js";

export type SourceRow = typeof careRecordSources.$inferSelect;
export type PushTargetRow = typeof careRecordPushTargets.$inferSelect;

type EndpointInput = Pick<
  CareRecordSourceUpdate,
  "baseUrl" | "authKind" | "tokenUrl" | "clientId" | "secret"
>;

/** The endpoint as it will be stored: the secret kept, replaced or removed; fields the kind does not use cleared. */
function endpointValues(input: EndpointInput, existingSecret: string | null) {
  const secret = input.secret === undefined ? existingSecret : input.secret;
  const cc = input.authKind === "client_credentials";
  const values = {
    baseUrl: input.baseUrl,
    authKind: input.authKind,
    tokenUrl: cc ? (input.tokenUrl ?? null) : null,
    clientId: cc ? (input.clientId ?? null) : null,
    secret: input.authKind === "none" ? null : secret,
  };
  const fields: FieldIssue[] = [];
  if (cc && !values.tokenUrl) fields.push({ field: "tokenUrl", reason: "required" });
  if (cc && !values.clientId) fields.push({ field: "clientId", reason: "required" });
  if (input.authKind !== "none" && !values.secret) fields.push({ field: "secret", reason: "required" });
  if (fields.length > 0) throw new AppError("validation_failed", 400, { fields });
  return values;
}

/** Names of the settings a save changed (for the audit trail; the secret as "secret", never its value). */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => !before || before[k] !== after[k]);
}

export function endpointOf(row: {
  baseUrl: string;
  authKind: string;
  tokenUrl: string | null;
  clientId: string | null;
  secret: string | null;
}): FhirEndpoint {
  return {
    baseUrl: row.baseUrl,
    authKind: row.authKind,
    tokenUrl: row.tokenUrl,
    clientId: row.clientId,
    secret: row.secret,
  };
}

function presentSource(row: SourceRow): CareRecordSourceView {
  return {
    baseUrl: row.baseUrl,
    authKind: row.authKind as CareRecordSourceView["authKind"],
    tokenUrl: row.tokenUrl,
    clientId: row.clientId,
    hasSecret: row.secret !== null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    scheduleEnabled: row.scheduleEnabled,
    autoApply: row.autoApply,
    cursor: row.cursor?.toISOString() ?? null,
    lastPulledAt: row.lastPulledAt?.toISOString() ?? null,
    lastRunId: row.lastRunId,
    lastFailure: row.lastFailure,
  };
}

function presentTarget(row: PushTargetRow): PushTargetView {
  return {
    baseUrl: row.baseUrl,
    authKind: row.authKind as PushTargetView["authKind"],
    tokenUrl: row.tokenUrl,
    clientId: row.clientId,
    hasSecret: row.secret !== null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    enabled: row.enabled,
  };
}

export async function loadSource(
  tx: DbOrTx,
  municipalityId: string,
  lock = false,
): Promise<SourceRow | null> {
  const q = tx.select().from(careRecordSources).where(inTenant(careRecordSources, municipalityId));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

export async function loadPushTarget(
  tx: DbOrTx,
  municipalityId: string,
  lock = false,
): Promise<PushTargetRow | null> {
  const q = tx.select().from(careRecordPushTargets).where(inTenant(careRecordPushTargets, municipalityId));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

export async function getSource(tx: DbOrTx, ctx: Ctx): Promise<CareRecordSourceAnswer> {
  authorize(ctx, { kind: "careRecord.exchange" });
  const row = await loadSource(tx, ctx.actor.municipalityId);
  return { source: row ? presentSource(row) : null };
}

function checkVersion(row: { version: number } | null, version: number): void {
  const current = row?.version ?? 0;
  if (current !== version) throw new AppError("version_conflict", 409, { currentVersion: current });
}

export async function putSource(
  tx: DbOrTx,
  ctx: Ctx,
  input: CareRecordSourceUpdate,
): Promise<CareRecordSourceAnswer> {
  authorize(ctx, { kind: "careRecord.exchange" });
  const m = ctx.actor.municipalityId;
  const row = await loadSource(tx, m, true);
  checkVersion(row, input.version);
  const values = {
    ...endpointValues(input, row?.secret ?? null),
    scheduleEnabled: input.scheduleEnabled,
    autoApply: input.autoApply,
  };
  const fields = changedFields(row, values);
  const now = new Date();
  // Another server: what the old one's cursor says means nothing there, so the next pull takes everything.
  const cursorReset =
    row !== null && row.baseUrl !== values.baseUrl ? { cursor: null, lastFailure: null } : {};
  if (!row) {
    await tx.insert(careRecordSources).values({ municipalityId: m, ...values, version: 1, updatedAt: now });
  } else if (fields.length > 0) {
    await tx
      .update(careRecordSources)
      .set({ ...values, ...cursorReset, version: row.version + 1, updatedAt: now })
      .where(inTenant(careRecordSources, m));
  }
  await audit(tx, ctx, {
    action: row ? "update" : "create",
    entityType: "care_record_source",
    criterion: { fields, version: row ? row.version + (fields.length > 0 ? 1 : 0) : 1 },
  });
  return getSource(tx, ctx);
}

async function deliveryCounts(tx: DbOrTx, municipalityId: string): Promise<DeliveryCounts> {
  const rows = await tx
    .select({ status: careRecordDeliveries.status, n: count() })
    .from(careRecordDeliveries)
    .where(inTenant(careRecordDeliveries, municipalityId))
    .groupBy(careRecordDeliveries.status);
  const counts: DeliveryCounts = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as keyof DeliveryCounts] = Number(r.n);
  return counts;
}

export async function getPushTarget(tx: DbOrTx, ctx: Ctx): Promise<PushTargetAnswer> {
  authorize(ctx, { kind: "careRecord.exchange" });
  const m = ctx.actor.municipalityId;
  const row = await loadPushTarget(tx, m);
  return { target: row ? presentTarget(row) : null, counts: await deliveryCounts(tx, m) };
}

export async function putPushTarget(
  tx: DbOrTx,
  ctx: Ctx,
  input: PushTargetUpdate,
): Promise<PushTargetAnswer> {
  authorize(ctx, { kind: "careRecord.exchange" });
  const m = ctx.actor.municipalityId;
  const row = await loadPushTarget(tx, m, true);
  checkVersion(row, input.version);
  const values = { ...endpointValues(input, row?.secret ?? null), enabled: input.enabled };
  const fields = changedFields(row, values);
  const now = new Date();
  if (!row) {
    await tx
      .insert(careRecordPushTargets)
      .values({ municipalityId: m, ...values, version: 1, updatedAt: now });
  } else if (fields.length > 0) {
    await tx
      .update(careRecordPushTargets)
      .set({ ...values, version: row.version + 1, updatedAt: now })
      .where(inTenant(careRecordPushTargets, m));
  }
  // Another target has none of what was sent to the old one: the deliveries start afresh, so the
  // next scan (which reads "no delivery yet" as "everything") sends every citizen there.
  if (row && row.baseUrl !== values.baseUrl)
    await tx.delete(careRecordDeliveries).where(inTenant(careRecordDeliveries, m));
  await audit(tx, ctx, {
    action: row ? "update" : "create",
    entityType: "care_record_push_target",
    criterion: { fields, version: row ? row.version + (fields.length > 0 ? 1 : 0) : 1 },
  });
  return getPushTarget(tx, ctx);
}
