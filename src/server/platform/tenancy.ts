/**
 * Every table with municipal data has municipality_id; every query scopes by the caller's
 * municipality through this helper (also the Citus distribution key) — query builder and raw SQL
 * alike, so the filter is written in one place and `tenancy.test.ts` refuses one typed by hand.
 *
 * The table side is a Drizzle table or an `alias()` of one, so the column is typed, never a
 * string: in raw SQL that names its tables by aliases (`from screenings s`), pass
 * `alias(screenings, "s")` and the condition reads `"s"."municipality_id" = $1` — the same plain,
 * index-friendly comparison as before.
 */
import { type Placeholder, type SQL, eq } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Ctx } from "./context.js";

/** A table (or an alias of one) that carries its municipality. */
export interface Tenanted {
  municipalityId: PgColumn;
}

/**
 * Whose rows: a request's context, or a municipality's id where there is no session (the public
 * referral form, jobs, the seed) or the caller's municipality has been resolved already.
 */
export type Tenant = Pick<Ctx, "actor"> | string;

function municipalityOf(tenant: Tenant): string {
  return typeof tenant === "string" ? tenant : tenant.actor.municipalityId;
}

/**
 * `<table>.municipality_id = <the tenant's municipality>`, for `.where()` and `sql` templates alike;
 * in a statement built once (db/built-once.ts) the municipality is a placeholder filled per request.
 */
export function inTenant(table: Tenanted, tenant: Tenant | Placeholder): SQL {
  return eq(
    table.municipalityId,
    typeof tenant === "object" && !("actor" in tenant) ? tenant : municipalityOf(tenant),
  );
}
