/**
 * One page of activities in relevance, distance or Danish title order, and the number of matches —
 * fast over 20,000 rows because no order computes anything for every row:
 *
 * - title: the Danish key is a stored column (`title_key`, danishOrder of the title) in the index
 *   `(municipality_id, active, title_key, id)`, so the first page is the index's first entries;
 * - distance: `sphere_point <-> origin` (the cube extension) orders like the great-circle
 *   distance, and its GiST index hands out the nearest first (ties by title key and id, an
 *   incremental sort); places without coordinates come last, by title;
 * - relevance: ts_rank over the text matches only (the GIN index finds them), then title.
 *
 * Computing per row was what cost (issue 19): translate() for the key, or the haversine term, over
 * every matching row took 40–100+ ms on PGlite.
 *
 * Relevance counts in the same scan (every text match is ranked anyway). The other orders count the
 * matches first; a few (FILTER_FIRST_MAX) are found through the filters' own indexes and then
 * ordered, many are read in the order's index, which soon has a page of them. Kilometres are
 * computed for the page's rows only, by the same haversine as the domain (distance.ts). The page's
 * full rows are read by id afterwards, so descriptions and JSON stay out of the sort.
 */
import { type SQL, and, sql } from "drizzle-orm";
import { haversineKm } from "../../../domain/matching/distance.js";
import type { GeoPoint } from "../../../domain/matching/types.js";
import { builtOnceSql } from "../../db/built-once.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { catalogActivities as a } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { acrossMunicipalities } from "../../platform/tenant-isolation.js";
import type { ActivityRow } from "./presenter.js";
import { selectActivitiesByIds } from "./queries.js";

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

/**
 * At most this many matches are found first and then ordered; with more, the page is read in the
 * order's own index. Walking that index to the page costs about (offset + limit) × activities ÷
 * matches rows — little when matches are many, nearly the whole catalog when they are few and lie
 * late in the order (a text 25 km away by distance walked 20,000 activities for 22 matches, 27 ms on
 * PGlite). Finding few matches first costs about what counting them did.
 */
export const FILTER_FIRST_MAX = 2_000;

type OrderOf = (c: { id: SQL; titleKey: SQL; spherePoint: SQL }) => SQL;

/** The page's ids in order, and the number of matches. */
async function findIds(
  tx: DbOrTx,
  where: SQL | undefined,
  orderOf: OrderOf,
  opts: { order: PageOrder; limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const page = sql`limit ${opts.limit} offset ${opts.offset}`;
  const order = orderOf({
    id: sql`${a.id}`,
    titleKey: sql`${a.titleKey}`,
    spherePoint: sql`${a.spherePoint}`,
  });
  const countAll = async () =>
    Number(
      (await rawRows<{ n: number }>(tx, sql`select count(*)::int as n from ${a} where ${where}`))[0]?.n ?? 0,
    );
  if (opts.order.kind === "relevance") {
    // Relevance ranks every text match anyway: count them in the same scan.
    const found = await rawRows<IdRow>(
      tx,
      sql`select ${a.id} as id, count(*) over () as total from ${a} where ${where} order by ${order} ${page}`,
    );
    let total = Number(found[0]?.total ?? 0);
    // Past the last page no row carries the total.
    if (found.length === 0 && opts.offset > 0) total = await countAll();
    return { ids: found.map((r) => r.id), total };
  }
  const total = await countAll();
  if (total === 0 || opts.offset >= total) return { ids: [], total };
  const found =
    total <= FILTER_FIRST_MAX
      ? // MATERIALIZED: the matches through the filters' own indexes, then ordered — not a walk of the order's index.
        await rawRows<{ id: string }>(
          tx,
          sql`with m as materialized (
              select ${a.id} as id, ${a.titleKey} as title_key, ${a.spherePoint} as sphere_point from ${a} where ${where}
            )
            select m.id from m order by ${orderOf({ id: sql`m.id`, titleKey: sql`m.title_key`, spherePoint: sql`m.sphere_point` })} ${page}`,
        )
      : await rawRows<{ id: string }>(
          tx,
          sql`select ${a.id} as id from ${a} where ${where} order by ${order} ${page}`,
        );
  return { ids: found.map((r) => r.id), total };
}

const seqscanOff = builtOnceSql(sql`set local enable_seqscan = off`);
const seqscanOn = builtOnceSql(sql`set local enable_seqscan = on`);

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
  const orderOf: OrderOf = (c) =>
    opts.order.kind === "relevance"
      ? sql`${opts.order.rank} desc, ${c.titleKey}, ${c.id}`
      : opts.order.kind === "distance" && origin
        ? sql`${c.spherePoint} <-> ${spherePointSql(origin)}, ${c.titleKey}, ${c.id}`
        : sql`${c.titleKey}, ${c.id}`;
  // The catalog's GIN and GiST indexes serve `@@`, `&&`, `@>` and `<->`, none of them leakproof: under
  // the row-level security PostgreSQL would use none of them and read every activity of the
  // municipality (decision 0109). These statements name their municipality themselves (inTenant above)
  // and answer ids and a count; the activities are then read under the policies.
  const { ids, total } = await acrossMunicipalities(
    tx,
    ctx.actor.municipalityId,
    "the catalog's indexes",
    async () => {
      // The planner underestimates GIN prefix queries ("strik:*") and scans the table instead; the
      // index is about twice as fast (measured on PGlite). Only for these statements of the transaction.
      if (opts.preferIndex) await seqscanOff(tx, {});
      const page = await findIds(tx, where, orderOf, opts);
      if (opts.preferIndex) await seqscanOn(tx, {});
      return page;
    },
  );
  if (ids.length === 0) return { hits: [], total };
  const rows = new Map((await selectActivitiesByIds(tx, ctx, ids)).map((r) => [r.id, r]));
  return {
    // An id the policies do not show (never, while the statement above names its municipality) is left out.
    hits: ids.flatMap((id) => {
      const row = rows.get(id);
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
