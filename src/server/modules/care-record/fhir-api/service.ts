/**
 * Search and read of the FHIR read API (issue 14 point 3, decision 0099). Broen stores no FHIR
 * resources: a citizen's resources are built on request from the same data and builders as the
 * CareDeliveryReport (delivery-collect.ts → domain/care-record/fhir/resources.ts), then filtered by
 * type, id and meta.lastUpdated. A search walks citizens — in the order of their latest change
 * (citizensChangedSince), or one citizen (patient=, a CPR), or the citizens an `_id` list names —
 * and pages by a cursor holding the position in that walk. Each request builds at most
 * SCAN_LIMIT citizens: a page may then hold fewer entries than `_count`, with a next link.
 *
 * Every citizen of whom something is answered gets one audit row (search or read of
 * fhir_resource) under the system client's service user, in the request's transaction.
 */
import type { Bundle, BundleEntry, BundleLink, Resource } from "@medplum/fhirtypes";
import type { CitizenCareData } from "../../../../domain/care-record/fhir/care-data.js";
import { careResources } from "../../../../domain/care-record/fhir/resources.js";
import type { FhirResourceType } from "../../../../shared/api/care-record-clients.js";
import type { DbOrTx } from "../../../db/client.js";
import { audit } from "../../../platform/audit.js";
import { authorize } from "../../../platform/authz.js";
import { AppError } from "../../../platform/errors.js";
import { changedCursor, citizensChangedSince, collectCareData } from "../delivery-collect.js";
import { citizenByCpr, citizensOfRows, rowIdOf } from "./queries.js";
import { type Cursor, type SearchSpec, encodeCursor, fingerprintOf } from "./search-params.js";
import { type BearerCaller, mayRead } from "./token.js";

/** Citizens built per request at most (a sparse type may need many for one page). */
export const SCAN_LIMIT = 500;
/** Citizens read and built together. */
const BATCH = 50;

function assertScope(caller: BearerCaller, type: FhirResourceType): void {
  authorize(caller.ctx, { kind: "fhir.read" });
  if (!mayRead(caller.scopes, type)) throw new AppError("fhir_scope_missing", 403);
}

/** The citizen's resources a search matches, in the builders' order. */
function matching(d: CitizenCareData, spec: SearchSpec): Resource[] {
  return careResources(d).filter((r) => {
    if (r.resourceType !== spec.type) return false;
    if (spec.ids && !spec.ids.includes(r.id ?? "")) return false;
    const at = Date.parse(r.meta?.lastUpdated ?? "");
    if (spec.from && !(at >= spec.from.getTime())) return false;
    if (spec.to && !(at < spec.to.getTime())) return false;
    return true;
  });
}

interface Walk {
  /** The next citizens to build, after `position`; empty when there are no more. */
  next(limit: number): Promise<{ citizenId: string; at?: string }[]>;
}

/** The citizens a search walks: a fixed list (sorted by id), or the _lastUpdated order. */
async function walkOf(tx: DbOrTx, municipalityId: string, spec: SearchSpec): Promise<Walk> {
  let fixed: string[] | null = null;
  if (spec.cpr) {
    const id = await citizenByCpr(tx, municipalityId, spec.cpr);
    fixed = id && (!spec.patientId || spec.patientId === id) ? [id] : [];
  } else if (spec.patientId) {
    fixed = [spec.patientId];
  } else if (spec.ids) {
    const rows = spec.ids.map(rowIdOf).filter((id): id is string => id !== null);
    fixed =
      spec.type === "Patient" ? [...new Set(rows)].sort() : await citizensOfRows(tx, municipalityId, rows);
  }
  const cursor = spec.cursor;
  if (fixed) {
    const list = fixed;
    // After the cursor's citizen (a partly answered citizen is taken up again by the caller).
    let i = cursor ? list.findIndex((id) => id > cursor.citizenId) : 0;
    if (i < 0) i = list.length;
    return {
      async next(limit) {
        const out = list.slice(i, i + limit).map((citizenId) => ({ citizenId }));
        i += out.length;
        return out;
      },
    };
  }
  // Only changes at or after `from` (or after the cursor's place) can put a citizen in the answer.
  const fromMs = Math.max(spec.from?.getTime() ?? -Infinity, cursor?.at ? Date.parse(cursor.at) : -Infinity);
  const since = Number.isFinite(fromMs) ? new Date(fromMs - 1) : null;
  let after = cursor?.at
    ? changedCursor({ citizenId: cursor.citizenId, lastUpdated: new Date(cursor.at) })
    : undefined;
  return {
    async next(limit) {
      const rows = await citizensChangedSince(tx, municipalityId, since, limit, after);
      const last = rows.at(-1);
      if (last) after = changedCursor(last);
      return rows.map((r) => ({ citizenId: r.citizenId, at: r.lastUpdated.toISOString() }));
    },
  };
}

export interface SearchResult {
  bundle: Bundle;
}

function searchUrl(baseUrl: string, spec: SearchSpec, extra: [string, string][] = []): string {
  const params = new URLSearchParams([...spec.canonical, ...extra]);
  const query = params.toString();
  return `${baseUrl}/${spec.type}${query ? `?${query}` : ""}`;
}

export async function searchResources(
  tx: DbOrTx,
  caller: BearerCaller,
  spec: SearchSpec,
  baseUrl: string,
): Promise<Bundle> {
  assertScope(caller, spec.type);
  const m = caller.ctx.actor.municipalityId;
  const entries: BundleEntry[] = [];
  const shown = new Map<string, number>();
  const take = (d: CitizenCareData, resources: Resource[]) => {
    for (const resource of resources) {
      entries.push({
        fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id as string}`,
        resource,
        search: { mode: "match" },
      });
    }
    if (resources.length > 0) shown.set(d.citizenId, (shown.get(d.citizenId) ?? 0) + resources.length);
  };

  let next: Cursor | null = null;
  let scanned = 0;
  // A citizen the previous page answered only partly: the rest of it first.
  if (spec.cursor && spec.cursor.skip !== null) {
    const [d] = await collectCareData(tx, m, [spec.cursor.citizenId]);
    scanned++;
    if (d) {
      const rest = matching(d, spec).slice(spec.cursor.skip);
      take(d, rest.slice(0, spec.count));
      if (rest.length > spec.count) next = { ...spec.cursor, skip: spec.cursor.skip + spec.count };
    }
    // The page is full with the citizen's last resources: the next page starts after it.
    if (!next && entries.length >= spec.count) next = { ...spec.cursor, skip: null };
  }

  const walk = await walkOf(tx, m, spec);
  while (!next && entries.length < spec.count && scanned < SCAN_LIMIT) {
    const batch = await walk.next(Math.min(BATCH, SCAN_LIMIT - scanned));
    if (batch.length === 0) break;
    scanned += batch.length;
    const data = new Map(
      (
        await collectCareData(
          tx,
          m,
          batch.map((b) => b.citizenId),
        )
      ).map((d) => [d.citizenId, d]),
    );
    for (const b of batch) {
      const d = data.get(b.citizenId);
      const found = d ? matching(d, spec) : [];
      const room = spec.count - entries.length;
      if (d) take(d, found.slice(0, room));
      if (found.length > room) {
        next = { ...(b.at ? { at: b.at } : {}), citizenId: b.citizenId, skip: room };
        break;
      }
      if (entries.length >= spec.count) {
        next = { ...(b.at ? { at: b.at } : {}), citizenId: b.citizenId, skip: null };
        break;
      }
    }
    if (!next && batch.length > 0 && (entries.length >= spec.count || scanned >= SCAN_LIMIT)) {
      const last = batch.at(-1)!;
      next = { ...(last.at ? { at: last.at } : {}), citizenId: last.citizenId, skip: null };
    }
  }

  const fingerprint = fingerprintOf(spec.type, spec.canonical);
  const link: BundleLink[] = [
    { relation: "self", url: searchUrl(baseUrl, spec, [["_count", String(spec.count)]]) },
  ];
  // A CPR search answers one citizen at most: it never pages, so its CPR never needs a next link.
  if (next && !spec.cpr)
    link.push({
      relation: "next",
      url: searchUrl(baseUrl, spec, [
        ["_count", String(spec.count)],
        ["_cursor", encodeCursor(next, fingerprint)],
      ]),
    });

  const criterion = { kind: spec.type };
  await audit(
    tx,
    caller.ctx,
    [...shown].map(([citizenId, rows]) => ({
      action: "search" as const,
      entityType: "fhir_resource" as const,
      citizenId,
      criterion: { ...criterion, rows },
    })),
  );
  return { resourceType: "Bundle", type: "searchset", link, entry: entries };
}

export async function readResource(
  tx: DbOrTx,
  caller: BearerCaller,
  type: FhirResourceType,
  id: string,
): Promise<Resource> {
  assertScope(caller, type);
  const m = caller.ctx.actor.municipalityId;
  const rowId = rowIdOf(id);
  if (!rowId) throw AppError.notFound();
  const citizenIds = type === "Patient" ? [rowId] : await citizensOfRows(tx, m, [rowId]);
  for (const d of await collectCareData(tx, m, citizenIds)) {
    const resource = careResources(d).find((r) => r.resourceType === type && r.id === id);
    if (!resource) continue;
    await audit(tx, caller.ctx, {
      action: "read",
      entityType: "fhir_resource",
      entityId: `${type}/${id}`,
      citizenId: d.citizenId,
    });
    return resource;
  }
  throw AppError.notFound();
}
