/**
 * Every table with municipal data has municipality_id; every query scopes by
 * the caller's municipality through this helper (also the Citus distribution key).
 */
import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Ctx } from "./context.js";

export function inTenant(table: { municipalityId: PgColumn }, ctx: Pick<Ctx, "actor">): SQL {
  return eq(table.municipalityId, ctx.actor.municipalityId);
}
