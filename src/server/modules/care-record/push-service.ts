/**
 * The push of the punch-card work to the municipality's FHIR endpoint (issue 14, decision 0100).
 *
 * The scan (a cron job) finds the citizens whose data changed since the last scan — changes since
 * the newest delivery was queued, with an hour's overlap; everything when none was ever queued —
 * builds each one's CareDeliveryReport and compares its hash with what was last sent: only a
 * citizen whose bundle differs is queued (one delivery row per citizen, and one push job per
 * citizen at most waiting: the queue's stately policy keyed by the citizen). A citizen with no
 * punch-card work yet (no condition, course, clip, conversation, follow-up or T-ILS) is not sent.
 *
 * The push job builds the bundle again (the data may have changed since the scan), sends nothing
 * when it equals what was last sent, validates it with the one validator (R4 + KL Gateway's
 * rules — an invalid bundle is never sent), and PUTs it as `Bundle/<stable id per citizen>`: the
 * same bundle twice is one resource at the target, so a retry after a lost answer does no harm.
 * A failure another try may cure (network, timeout, 5xx, 429) keeps the delivery queued and
 * throws, so the queue retries with backoff; after the last try, or for a refusal (4xx), the
 * delivery is "failed" with the code (e.g. fhir_http_422), never the answer's body. Each bundle
 * sent is on the citizen's audit trail (export, by Broen).
 */
import { createHash } from "node:crypto";
import type { Bundle } from "@medplum/fhirtypes";
import { and, eq, inArray, lt, max, sql } from "drizzle-orm";
import type { CitizenCareData } from "../../../domain/care-record/fhir/care-data.js";
import { careDeliveryReport } from "../../../domain/care-record/fhir/resources.js";
import type { Db, DbOrTx } from "../../db/client.js";
import { careRecordDeliveries, careRecordPushTargets } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { inTenant } from "../../platform/tenancy.js";
import { citizensChangedSince, changedCursor, collectCareData } from "./delivery-collect.js";
import { endpointOf, loadPushTarget } from "./exchange-config.js";
import { connect, exchangeErrorOf } from "./exchange-http.js";
import { validateFhirResource } from "./fhir-validation.js";
import { systemActor } from "./import-service.js";
import type { EnqueueJob } from "./pull-service.js";
import type { JobLogger } from "../../platform/jobs.js";

export const PUSH_SCAN_JOB = "care-record.push-scan";
export const PUSH_JOB = "care-record.push";
/** Tries of one push after the first (with backoff: 1, 2, 4, 8, 16 minutes). */
export const PUSH_RETRIES = 5;

/** Citizens per scan transaction (one collectCareData batch). */
const SCAN_PAGE = 250;
/** Changes are looked for from this long before the newest queued delivery (clocks, late commits). */
const SCAN_OVERLAP_MS = 60 * 60 * 1000;
/** A delivery queued this long ago and never picked up (the target was switched off) is queued again. */
const STALE_QUEUED_MS = 30 * 60 * 1000;

type DeliveryRow = typeof careRecordDeliveries.$inferSelect;

/** Has the citizen anything of the punch-card work to report? (A bare Patient is not sent.) */
export function hasPunchCardWork(d: CitizenCareData): boolean {
  return (
    d.assessments.length > 0 ||
    d.courses.length > 0 ||
    d.punchCards.length > 0 ||
    d.interventions.length > 0 ||
    d.clips.length > 0 ||
    d.conversations.length > 0 ||
    d.followUps.length > 0 ||
    d.tils.length > 0
  );
}

/** SHA-256 of the bundle without its timestamp (the moment it was built is no change of the data). */
export function bundleHash(bundle: Bundle): string {
  const { timestamp: _timestamp, ...rest } = bundle;
  return createHash("sha256").update(JSON.stringify(rest)).digest("hex");
}

/** The bundle, or null when it cannot be built (the builder refuses the data: e.g. no provider SOR code). */
function buildBundle(d: CitizenCareData): Bundle | null {
  try {
    return careDeliveryReport(d, new Date());
  } catch {
    return null;
  }
}

async function deliveriesOf(tx: DbOrTx, municipalityId: string, citizenIds: readonly string[]) {
  if (citizenIds.length === 0) return new Map<string, DeliveryRow>();
  const rows = await tx
    .select()
    .from(careRecordDeliveries)
    .where(
      and(
        inTenant(careRecordDeliveries, municipalityId),
        inArray(careRecordDeliveries.citizenId, [...citizenIds]),
      ),
    );
  return new Map(rows.map((r) => [r.citizenId, r]));
}

/** Queues (or re-queues) these citizens' deliveries and their push jobs, in `tx`. */
async function queue(tx: DbOrTx, municipalityId: string, citizenIds: readonly string[], enqueue: EnqueueJob) {
  if (citizenIds.length === 0) return;
  const now = new Date();
  await tx
    .insert(careRecordDeliveries)
    .values(
      citizenIds.map((citizenId) => ({
        municipalityId,
        citizenId,
        status: "queued",
        queuedAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: careRecordDeliveries.citizenId,
      set: { status: "queued", attempts: 0, queuedAt: now, updatedAt: now },
    });
  for (const citizenId of citizenIds) await enqueue(tx, PUSH_JOB, { municipalityId, citizenId }, citizenId);
}

/** Should the scan queue this citizen? See the file comment. */
function needsDelivery(d: CitizenCareData, hash: string, delivery: DeliveryRow | undefined): boolean {
  if (!delivery) return true;
  if (delivery.status === "queued" || delivery.status === "sending") return false;
  if (delivery.sentHash === hash) return false;
  // A failed delivery is tried again when the data changed after it failed (the admin may retry sooner).
  if (delivery.status === "failed") return d.lastUpdated.getTime() > delivery.updatedAt.getTime();
  return true;
}

/** One municipality's scan; answers how many citizens were queued. */
export async function scanMunicipality(db: Db, municipalityId: string, enqueue: EnqueueJob): Promise<number> {
  const m = municipalityId;
  const [newest] = await db
    .select({ at: max(careRecordDeliveries.queuedAt) })
    .from(careRecordDeliveries)
    .where(inTenant(careRecordDeliveries, m));
  const since = newest?.at ? new Date(newest.at.getTime() - SCAN_OVERLAP_MS) : null;
  let after: string | undefined;
  let queued = 0;
  for (;;) {
    const page = await db.transaction(async (tx) => {
      const changed = await citizensChangedSince(tx, m, since, SCAN_PAGE, after);
      if (changed.length === 0) return changed;
      const ids = changed.map((c) => c.citizenId);
      const [data, deliveries] = [await collectCareData(tx, m, ids), await deliveriesOf(tx, m, ids)];
      const due: string[] = [];
      for (const d of data) {
        if (!hasPunchCardWork(d)) continue;
        const bundle = buildBundle(d);
        // A bundle that cannot be built is queued all the same: the push records why it failed.
        if (needsDelivery(d, bundle ? bundleHash(bundle) : "", deliveries.get(d.citizenId)))
          due.push(d.citizenId);
      }
      await queue(tx, m, due, enqueue);
      queued += due.length;
      return changed;
    });
    if (page.length < SCAN_PAGE) break;
    after = changedCursor(page[page.length - 1]!);
  }
  // Deliveries queued long ago whose job ended without sending (the target was off): again.
  await db.transaction(async (tx) => {
    const stale = await tx
      .select({ citizenId: careRecordDeliveries.citizenId })
      .from(careRecordDeliveries)
      .where(
        and(
          inTenant(careRecordDeliveries, m),
          eq(careRecordDeliveries.status, "queued"),
          lt(careRecordDeliveries.updatedAt, new Date(Date.now() - STALE_QUEUED_MS)),
        ),
      )
      .limit(1000);
    for (const s of stale)
      await enqueue(tx, PUSH_JOB, { municipalityId: m, citizenId: s.citizenId }, s.citizenId);
  });
  return queued;
}

/** The scan's job: every municipality whose push target is on. */
export async function scanForPush(db: Db, enqueue: EnqueueJob): Promise<number> {
  const targets = await db
    .select({ municipalityId: careRecordPushTargets.municipalityId })
    .from(careRecordPushTargets)
    .where(eq(careRecordPushTargets.enabled, true));
  let n = 0;
  for (const t of targets) n += await scanMunicipality(db, t.municipalityId, enqueue);
  return n;
}

async function setDelivery(
  db: DbOrTx,
  municipalityId: string,
  citizenId: string,
  values: Partial<DeliveryRow>,
) {
  await db
    .update(careRecordDeliveries)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(inTenant(careRecordDeliveries, municipalityId), eq(careRecordDeliveries.citizenId, citizenId)),
    );
}

export interface PushOptions {
  /** The job's last try: a failure now is final ("failed"). */
  lastTry?: boolean;
  log?: JobLogger;
}

export type PushResult = "sent" | "unchanged" | "skipped" | "failed" | "invalid";

/**
 * Pushes one citizen's bundle (the job's handler). Throws an ExchangeError when another try may
 * succeed and tries are left; answers what happened otherwise.
 */
export async function pushCitizen(
  db: Db,
  municipalityId: string,
  citizenId: string,
  opts: PushOptions = {},
): Promise<PushResult> {
  const m = municipalityId;
  const target = await loadPushTarget(db, m);
  // Switched off (or removed) after the scan: the delivery stays queued; the scan queues it again later.
  if (!target?.enabled) return "skipped";

  const prepared = await db.transaction(async (tx) => {
    const [delivery] = [...(await deliveriesOf(tx, m, [citizenId])).values()];
    const [data] = await collectCareData(tx, m, [citizenId]);
    if (!data || !hasPunchCardWork(data)) {
      // Anonymised, restricted, erased, or nothing left to report: nothing is sent.
      if (delivery) await tx.delete(careRecordDeliveries).where(eq(careRecordDeliveries.id, delivery.id));
      return { kind: "skipped" as const };
    }
    const bundle = buildBundle(data);
    if (!bundle) {
      await setDelivery(tx, m, citizenId, { status: "failed", lastError: "bundle_not_built" });
      return { kind: "invalid" as const };
    }
    const hash = bundleHash(bundle);
    if (delivery?.sentHash === hash) {
      await setDelivery(tx, m, citizenId, { status: "sent", lastError: null });
      return { kind: "unchanged" as const };
    }
    const errors = validateFhirResource(bundle).filter((i) => i.severity === "error");
    if (errors.length > 0) {
      // Broen's own builder made something KL's profiles refuse: a bug to fix, not to retry.
      opts.log?.warn(
        { push: { errors: errors.length, first: errors[0]?.path } },
        "care-record push: invalid bundle",
      );
      await setDelivery(tx, m, citizenId, { status: "failed", lastError: "invalid_bundle" });
      return { kind: "invalid" as const };
    }
    if (!delivery)
      await tx
        .insert(careRecordDeliveries)
        .values({ municipalityId: m, citizenId, status: "queued" })
        .onConflictDoNothing();
    await tx
      .update(careRecordDeliveries)
      .set({ status: "sending", attempts: sql`${careRecordDeliveries.attempts} + 1`, updatedAt: new Date() })
      .where(and(inTenant(careRecordDeliveries, m), eq(careRecordDeliveries.citizenId, citizenId)));
    return { kind: "send" as const, bundle: bundle as Bundle & { id: string }, hash };
  });
  if (prepared.kind !== "send") return prepared.kind;

  try {
    const conn = await connect(endpointOf(target));
    await conn.put({ ...prepared.bundle, resourceType: "Bundle" } as never);
  } catch (err) {
    const e = exchangeErrorOf(err);
    const final = !e.transient || opts.lastTry === true;
    await setDelivery(db, m, citizenId, { status: final ? "failed" : "queued", lastError: e.code });
    opts.log?.warn({ push: { code: e.code, final } }, "care-record push failed");
    if (!final) throw e;
    return "failed";
  }

  await db.transaction(async (tx) => {
    await setDelivery(tx, m, citizenId, {
      status: "sent",
      sentHash: prepared.hash,
      sentAt: new Date(),
      lastError: null,
    });
    await audit(tx, systemActor(m), {
      action: "export",
      entityType: "care_record_delivery",
      entityId: prepared.bundle.id,
      citizenId,
      criterion: { format: "fhir", purpose: "push" },
    });
  });
  return "sent";
}
