/**
 * One page of activities in relevance, distance or Danish title order, and the number of matches,
 * in one statement — fast over 20,000 rows because no order computes anything for every row:
 *
 * - title: the Danish key is a stored column (`title_key`, danishOrder of the title) in the index
 *   `(municipality_id, active, title_key, id)`, so the first page is the index's first entries;
 * - distance: `sphere_point <-> origin` (the cube extension) orders like the great-circle
 *   distance, and its GiST index hands out the nearest first (ties by title key and id, an
 *   incremental sort); places without coordinates come last, by title;
 * - relevance: ts_rank over the text matches only (the GIN index finds them), then title.
 *
 * Computing per row was what cost (issue 19): translate() for the key, or the haversine term, over
 * every matching row took 40–100+ ms on PGlite. The planner still picks a filter's own index when
 * the filter leaves few rows, and then sorts those few by the stored key.
 *
 * The total is counted in the same statement: in the same scan for relevance (every text match
 * is ranked anyway), else by an uncorrelated subquery over the same conditions (run once), so the
 * page can still stop early in its index. Kilometres are computed for the page's rows only, by the same haversine as
 * the domain (distance.ts). The page's full rows are read by id afterwards, so descriptions and
 * JSON stay out of the sort.
 */
import { type SQL, and, inArray, sql } from "drizzle-orm";
import { haversineKm } from "../../../domain/matching/distance.js";
import type { GeoPoint } from "../../../domain/matching/types.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { catalogActivities as a } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { acrossMunicipalities } from "../../platform/tenant-isolation.js";
import type { ActivityRow } from "./presenter.js";
import { selectActivities } from "./queries.js";

export type PageOrder = { kind: "title" } | { kind: "distance" } | { kind: "relevance"; rank: SQL };

/** The origin as a point of the unit sphere, like the generated column `sphere_point`. */
export function spherePointSql(p: GeoPoint): SQL {
  const lat = (p.lat * Math.PI) / 180;
  const lon = (p.lon * Math.PI) / 180;
  const xyz = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  return sql`cube(array[${xyz[0]}, ${xyz[1]}, ${xyz[2]}]::float8[])`;
}

export interface Hit {
  row: ActivityRow;
  distanceKm: number | null;
}

interface IdRow extends Record<string, unknown> {
  id: string;
  total: number | string;
}

export async function findPage(
  tx: DbOrTx,
  ctx: Ctx,
  opts: {
    where: SQL | undefined;
    order: PageOrder;
    limit: number;
    offset: number;
    origin: GeoPoint | null;
    preferIndex?: boolean;
  },
): Promise<{ hits: Hit[]; total: number }> {
  const where = and(inTenant(a, ctx), opts.where);
  const origin = opts.origin;
  const order =
    opts.order.kind === "relevance"
      ? sql`${opts.order.rank} desc, ${a.titleKey}, ${a.id}`
      : opts.order.kind === "distance" && origin
        ? sql`${a.spherePoint} <-> ${spherePointSql(origin)}, ${a.titleKey}, ${a.id}`
        : sql`${a.titleKey}, ${a.id}`;
  // Relevance ranks every text match anyway: count them in the same scan. The other orders can
  // stop after the page in an index, so the count is a subquery of its own (run once).
  const counted =
    opts.order.kind === "relevance" ? sql`count(*) over ()` : sql`(select count(*) from ${a} where ${where})`;
  // The catalog's GIN and GiST indexes serve `@@`, `&&`, `@>` and `<->`, none of them leakproof: under
  // the row-level security PostgreSQL would use none of them and read every activity of the
  // municipality (decision 0109). This one statement names its municipality itself (inTenant above)
  // and answers ids and a count; the activities are then read under the policies.
  const ids = await acrossMunicipalities(tx, ctx.actor.municipalityId, "the catalog's indexes", async () => {
    // The planner underestimates GIN prefix queries ("strik:*") and scans the table instead; the
    // index is about twice as fast (measured on PGlite). Only for this statement of the transaction.
    if (opts.preferIndex) await tx.execute(sql`set local enable_seqscan = off`);
    const found = await rawRows<IdRow>(
      tx,
      sql`select ${a.id} as id, ${counted} as total
      from ${a} where ${where}
      order by ${order}
      limit ${opts.limit} offset ${opts.offset}`,
    );
    if (opts.preferIndex) await tx.execute(sql`set local enable_seqscan = on`);
    return found;
  });
  let total = Number(ids[0]?.total ?? 0);
  if (ids.length === 0 && opts.offset > 0) {
    // Past the last page no row carries the total.
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(a)
      .where(where);
    total = Number(row?.n ?? 0);
  }
  if (ids.length === 0) return { hits: [], total };
  const rows = new Map(
    (
      await selectActivities(
        tx,
        ctx,
        inArray(
          a.id,
          ids.map((i) => i.id),
        ),
      )
    ).map((r) => [r.id, r]),
  );
  return {
    // An id the policies do not show (never, while the statement above names its municipality) is left out.
    hits: ids.flatMap((i) => {
      const row = rows.get(i.id);
      if (!row) return [];
      const km =
        origin && row.lat !== null && row.lon !== null
          ? haversineKm(origin, { lat: row.lat, lon: row.lon })
          : null;
      return [{ row, distanceKm: km }];
    }),
    total,
  };
}
