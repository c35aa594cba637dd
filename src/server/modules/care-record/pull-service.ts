/**
 * The scheduled pull from the care record's FHIR server (issue 14, decision 0100).
 *
 * A pull searches Patient and CarePlan with `_lastUpdated=gt<cursor>` (everything on the first
 * pull), following the server's `next` links, then completes the picture the import needs — each
 * changed citizen's Patient with ALL of its CarePlans (home care is read from them together): the
 * Patients of changed CarePlans and the CarePlans of changed Patients are fetched by id. The
 * resources go through the import's own parser (recordsFromFhirResources) into an import run of
 * scope "changes", so a pulled change gets the same preview, rules and audit as an uploaded file.
 *
 *  - The cursor (the newest meta.lastUpdated seen) advances in the same transaction that stores
 *    the run: a pull that fails anywhere before leaves it where it was, and the next try asks again.
 *  - A pull that finds nothing creates no run (the schedule would fill the list with empty runs).
 *  - With auto-apply on, a run without unmatched rows is applied at once (its own transaction); a
 *    run with an unmatched row waits for the administrator, who sees why.
 *  - A server that cannot be reached, times out or answers 5xx/429 is recorded on the source
 *    (`lastFailure`, a code — never the answer's body) and the job throws, so the queue retries it
 *    with backoff; a refusal that another try will not change (bad credentials, 4xx) is recorded
 *    and not retried. Nothing of it reaches the app's requests.
 */
import type { Bundle, CarePlan, Resource } from "@medplum/fhirtypes";
import { recordsFromFhirResources } from "../../../domain/care-record/import/fhir.js";
import type { PullQueued } from "../../../shared/api/care-record-exchange.js";
import type { Db, DbOrTx } from "../../db/client.js";
import { careRecordSources } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import type { JobData, JobLogger } from "../../platform/jobs.js";
import { inTenant } from "../../platform/tenancy.js";
import { endpointOf, loadSource } from "./exchange-config.js";
import { ExchangeError, type FhirConnection, connect, exchangeErrorOf } from "./exchange-http.js";
import { applyImportRun, createImportRun, systemActor } from "./import-service.js";

export const PULL_JOB = "care-record.pull";
export const PULL_DUE_JOB = "care-record.pull-due";

/** Enqueues a job in the caller's transaction (a route's `tx`, or a job's own). */
export type EnqueueJob = (
  tx: DbOrTx,
  name: string,
  data: JobData,
  singletonKey?: string,
) => Promise<string | null>;

/** Entries asked for per search page. */
export const PULL_PAGE_SIZE = 200;
/** Ids per follow-up search (`_id=a,b,…`, `subject=Patient/a,…`): URLs stay well under proxies' limits. */
const IDS_PER_SEARCH = 40;
/** A server whose `next` links never end is stopped here (200 × 2,000 = 400,000 resources). */
const MAX_PAGES = 2_000;

/** "Pull now": one pull job per municipality waits at most (the queue's stately policy). */
export async function requestPull(tx: DbOrTx, ctx: Ctx, enqueue: EnqueueJob): Promise<PullQueued> {
  authorize(ctx, { kind: "careRecord.exchange" });
  const m = ctx.actor.municipalityId;
  if (!(await loadSource(tx, m))) throw new AppError("care_record_source_missing", 409);
  const id = await enqueue(tx, PULL_JOB, { municipalityId: m }, m);
  await audit(tx, ctx, { action: "update", entityType: "care_record_source", criterion: { action: "pull" } });
  return { queued: id !== null };
}

/** The schedule's job: a pull for every municipality whose source has the schedule on. */
export async function enqueueDuePulls(db: Db, enqueue: EnqueueJob): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        municipalityId: careRecordSources.municipalityId,
        scheduleEnabled: careRecordSources.scheduleEnabled,
      })
      .from(careRecordSources);
    let n = 0;
    for (const s of due.filter((d) => d.scheduleEnabled)) {
      if (await enqueue(tx, PULL_JOB, { municipalityId: s.municipalityId }, s.municipalityId)) n += 1;
    }
    return n;
  });
}

function entriesOf(page: unknown, resourceType: string): Resource[] {
  const bundle = page as Bundle | null;
  if (!bundle || bundle.resourceType !== "Bundle") throw new ExchangeError("fhir_invalid_answer", true);
  // Only the type searched for: an OperationOutcome or an _include'd resource is not a match.
  return (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is Resource => r !== undefined && r.resourceType === resourceType);
}

/** Every match of a search, page after page. */
async function searchAll(conn: FhirConnection, resourceType: string, params: Record<string, string>) {
  const out: Resource[] = [];
  let page = await conn.get(`${resourceType}?${new URLSearchParams(params).toString()}`);
  for (let pages = 1; ; pages++) {
    out.push(...entriesOf(page, resourceType));
    const next = (page as unknown as Bundle).link?.find((l) => l.relation === "next")?.url;
    if (!next) return out;
    if (pages >= MAX_PAGES) throw new ExchangeError("fhir_too_many_pages", false);
    page = await conn.get(next);
  }
}

/** `Patient/<id>` of a reference (relative or an absolute URL of the server; a _history tail dropped). */
function patientIdOf(ref: string | undefined): string | null {
  if (!ref) return null;
  const parts = ref.replace(/\/_history\/[^/]+$/, "").split("/");
  const [type, id] = parts.slice(-2);
  return type === "Patient" && id ? id : null;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export interface FetchedChanges {
  /** Patients first (by id), then their CarePlans: what recordsFromFhirResources reads. */
  resources: Resource[];
  /** The newest meta.lastUpdated among the changed resources; null when nothing changed. */
  newest: Date | null;
  /** Resources the `_lastUpdated` searches found (before the completion by id). */
  changed: number;
}

/** What changed after `cursor` on the server, completed to whole citizens (see the file comment). */
export async function fetchChanges(conn: FhirConnection, cursor: Date | null): Promise<FetchedChanges> {
  const since: Record<string, string> = { _count: String(PULL_PAGE_SIZE) };
  if (cursor) since._lastUpdated = `gt${cursor.toISOString()}`;
  const changedPatients = await searchAll(conn, "Patient", since);
  const changedPlans = (await searchAll(conn, "CarePlan", since)) as CarePlan[];
  const changed = [...changedPatients, ...changedPlans];
  let newest: number | null = null;
  for (const r of changed) {
    const at = Date.parse(r.meta?.lastUpdated ?? "");
    if (!Number.isNaN(at) && (newest === null || at > newest)) newest = at;
  }
  if (changed.length === 0) return { resources: [], newest: null, changed: 0 };

  const patients = new Map(changedPatients.filter((p) => p.id).map((p) => [p.id as string, p]));
  const patientIds = new Set(patients.keys());
  for (const plan of changedPlans) {
    const id = patientIdOf(plan.subject?.reference);
    if (id) patientIds.add(id);
  }
  // The Patients of changed CarePlans that did not change themselves.
  const missing = [...patientIds].filter((id) => !patients.has(id));
  for (const ids of chunks(missing, IDS_PER_SEARCH)) {
    for (const p of await searchAll(conn, "Patient", { _id: ids.join(","), _count: String(PULL_PAGE_SIZE) }))
      if (p.id) patients.set(p.id, p);
  }
  // Every CarePlan of each of those citizens, changed or not.
  const plans = new Map<string, Resource>();
  for (const plan of changedPlans) plans.set(plan.id ?? `#${plans.size}`, plan);
  for (const ids of chunks([...patientIds], IDS_PER_SEARCH)) {
    const subject = ids.map((id) => `Patient/${id}`).join(",");
    for (const plan of await searchAll(conn, "CarePlan", { subject, _count: String(PULL_PAGE_SIZE) }))
      plans.set(plan.id ?? `#${plans.size}`, plan);
  }
  const byId = (a: Resource, b: Resource) => (a.id ?? "").localeCompare(b.id ?? "");
  return {
    resources: [...[...patients.values()].sort(byId), ...[...plans.values()].sort(byId)],
    newest: newest === null ? null : new Date(newest),
    changed: changed.length,
  };
}

export interface PullOutcome {
  /** The run created, or null when nothing had changed (or the pull failed). */
  runId: string | null;
  applied: boolean;
  failure: string | null;
}

async function recordFailure(db: Db, municipalityId: string, code: string): Promise<void> {
  await db
    .update(careRecordSources)
    .set({ lastFailure: code, lastPulledAt: new Date() })
    .where(inTenant(careRecordSources, municipalityId));
}

/**
 * One pull of one municipality (the job's handler). Throws an ExchangeError for a failure another
 * try may cure, after recording it; answers the outcome otherwise.
 */
export async function runPull(db: Db, municipalityId: string, log?: JobLogger): Promise<PullOutcome> {
  const source = await loadSource(db, municipalityId);
  if (!source) return { runId: null, applied: false, failure: null };
  let fetched: FetchedChanges;
  try {
    fetched = await fetchChanges(await connect(endpointOf(source)), source.cursor);
  } catch (err) {
    const e = exchangeErrorOf(err);
    await recordFailure(db, municipalityId, e.code);
    log?.warn({ pull: { code: e.code, transient: e.transient } }, "care-record pull failed");
    if (e.transient) throw e;
    return { runId: null, applied: false, failure: e.code };
  }

  const stored = await db.transaction(async (tx) => {
    // The source as it is now: an administrator who pointed it elsewhere meanwhile gets a fresh pull.
    const now = await loadSource(tx, municipalityId, true);
    if (!now || now.baseUrl !== source.baseUrl || now.cursor?.getTime() !== source.cursor?.getTime())
      return null;
    const pulledAt = new Date();
    if (fetched.resources.length === 0) {
      await tx
        .update(careRecordSources)
        .set({ lastPulledAt: pulledAt, lastFailure: null })
        .where(inTenant(careRecordSources, municipalityId));
      return { run: null, autoApply: false };
    }
    const run = await createImportRun(tx, systemActor(municipalityId), {
      municipalityId,
      source: "fhir_server",
      scope: "changes",
      fileName: null,
      parsed: recordsFromFhirResources(fetched.resources),
    });
    await tx
      .update(careRecordSources)
      .set({
        cursor: fetched.newest ?? now.cursor,
        lastPulledAt: pulledAt,
        lastRunId: run.id,
        lastFailure: null,
      })
      .where(inTenant(careRecordSources, municipalityId));
    return { run, autoApply: now.autoApply };
  });
  if (!stored?.run) return { runId: null, applied: false, failure: null };
  const { run } = stored;
  if (!stored.autoApply || run.counts.unmatched > 0) return { runId: run.id, applied: false, failure: null };
  try {
    await db.transaction((tx) => applyImportRun(tx, systemActor(municipalityId), run.id, run.version));
    return { runId: run.id, applied: true, failure: null };
  } catch (err) {
    // The run stays a preview: the administrator applies it by hand and sees why it was not.
    const code = err instanceof AppError ? err.code : "auto_apply_failed";
    await recordFailure(db, municipalityId, `auto_apply:${code}`);
    log?.warn({ pull: { code } }, "care-record pull: auto-apply failed");
    return { runId: run.id, applied: false, failure: `auto_apply:${code}` };
  }
}
