/**
 * The period and scope of a report request (every report reads its figures through these): the
 * window in Copenhagen days, checked against the municipality, and its citizens as SQL.
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { copenhagenInstant } from "../../../domain/time.js";
import type { ReportQuery } from "../../../shared/api/reports.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { citizens, districts, organisations } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";

export interface Window {
  municipalityId: string;
  from: Date;
  /** Exclusive: the start of the day after the period's last day. */
  to: Date;
  fromDay: string;
  toDay: string;
  providerId: string | null;
  districtId: string | null;
}

/** Period and scope of a report request; a private provider's staff always see their own provider. */
export function windowOf(ctx: Ctx, q: ReportQuery): Window {
  if (q.from > q.to) throw AppError.field("to", "invalid_value");
  const providerId =
    ctx.actor.organisationKind === "private_provider" ? ctx.actor.organisationId : (q.providerId ?? null);
  return {
    municipalityId: ctx.actor.municipalityId,
    from: copenhagenInstant(q.from, "00:00"),
    to: copenhagenInstant(formatISO(addDays(parseISO(q.to), 1), { representation: "date" }), "00:00"),
    fromDay: q.from,
    toDay: q.to,
    providerId,
    districtId: q.districtId ?? null,
  };
}

/**
 * windowOf() plus the scope checked against the municipality: a provider or district that is not
 * one of its home-care providers or districts is a 400 naming the field, never a report of zeros
 * that looks like a real answer (issue 6: "invalid periods or scopes get a 400").
 */
export async function reportWindow(tx: DbOrTx, ctx: Ctx, q: ReportQuery): Promise<Window> {
  const w = windowOf(ctx, q);
  await withoutParallelWorkers(tx);
  if (q.providerId && w.providerId === q.providerId) {
    const [provider] = await rawRows<{ id: string }>(
      tx,
      sql`select id from organisations where id = ${q.providerId} and ${inTenant(organisations, w.municipalityId)} and kind in ('public_provider', 'private_provider')`,
    );
    if (!provider) throw AppError.field("providerId", "invalid_value");
  }
  if (q.districtId) {
    const [district] = await rawRows<{ id: string }>(
      tx,
      sql`select id from districts where id = ${q.districtId} and ${inTenant(districts, w.municipalityId)}`,
    );
    if (!district) throw AppError.field("districtId", "invalid_value");
  }
  return w;
}

/**
 * A report's statements run without parallel workers, for the rest of its transaction (SET LOCAL;
 * issue 19). A report reads thousands of rows, not millions: starting two workers and merging
 * their partial aggregates cost more than it saved, and on a busy machine (2 cores, every request
 * a report) it cost most — the funnel of a mid-sized municipality took 150 ms with workers and
 * 33 ms without (decision 0089).
 */
async function withoutParallelWorkers(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
}

/** The citizens of the scope, as a condition on a citizens row aliased `c`. */
export function inScope(w: Window): SQL {
  return sql`${inTenant(alias(citizens, "c"), w.municipalityId)}
    and (${w.providerId}::uuid is null or c.provider_organisation_id = ${w.providerId}::uuid)
    and (${w.districtId}::uuid is null or c.district_id = ${w.districtId}::uuid)`;
}
