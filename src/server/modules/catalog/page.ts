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
import { type SQL, sql } from "drizzle-orm";
import { haversineKm } from "../../../domain/matching/distance.js";
import type { GeoPoint } from "../../../domain/matching/types.js";
import { builtOnceSql, builtOnceSqlPerShape } from "../../db/built-once.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogActivities as a } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { acrossMunicipalities } from "../../platform/tenant-isolation.js";
import { type ActivityFilter, type FilterShape, filterSql, tsQuerySql } from "./filter.js";
import type { ActivityRow } from "./presenter.js";
import { selectActivitiesByIds } from "./queries.js";

/** Relevance needs words (the filter's text), distance an origin. */
export type PageOrder = "title" | "distance" | "relevance";

/** The origin as a point of the unit sphere, like the generated column `sphere_point`. */
function spherePoint(p: GeoPoint): { ox: number; oy: number; oz: number } {
  const lat = (p.lat * Math.PI) / 180;
  const lon = (p.lon * Math.PI) / 180;
  return { ox: Math.cos(lat) * Math.cos(lon), oy: Math.cos(lat) * Math.sin(lon), oz: Math.sin(lat) };
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

/** Which statement of a page, in which order, over which filter: all that shapes its SQL. */
interface StatementShape extends FilterShape {
  order: PageOrder;
  statement: "ranked" | "count" | "filterFirst" | "inOrder";
}

function orderSql(order: PageOrder, c: { id: SQL; titleKey: SQL; spherePoint: SQL }): SQL {
  if (order === "relevance") return sql`ts_rank(${a.search}, ${tsQuerySql}) desc, ${c.titleKey}, ${c.id}`;
  if (order === "distance")
    return sql`${c.spherePoint} <-> cube(array[${sql.placeholder("ox")}, ${sql.placeholder("oy")}, ${sql.placeholder("oz")}]::float8[]), ${c.titleKey}, ${c.id}`;
  return sql`${c.titleKey}, ${c.id}`;
}

const page = sql`limit ${sql.placeholder("limit")} offset ${sql.placeholder("offset")}`;
const columns = { id: sql`${a.id}`, titleKey: sql`${a.titleKey}`, spherePoint: sql`${a.spherePoint}` };

const pageStatement = builtOnceSqlPerShape<StatementShape, Record<string, unknown>>((shape) => {
  const where = filterSql(shape);
  switch (shape.statement) {
    case "count":
      return sql`select count(*)::int as n from ${a} where ${where}`;
    case "ranked":
      return sql`select ${a.id} as id, count(*) over () as total from ${a} where ${where} order by ${orderSql(shape.order, columns)} ${page}`;
    case "filterFirst":
      // MATERIALIZED: the matches through the filters' own indexes, then ordered — not a walk of the order's index.
      return sql`with m as materialized (
          select ${a.id} as id, ${a.titleKey} as title_key, ${a.spherePoint} as sphere_point from ${a} where ${where}
        )
        select m.id from m order by ${orderSql(shape.order, { id: sql`m.id`, titleKey: sql`m.title_key`, spherePoint: sql`m.sphere_point` })} ${page}`;
    case "inOrder":
      return sql`select ${a.id} as id from ${a} where ${where} order by ${orderSql(shape.order, columns)} ${page}`;
  }
});

/** The page's ids in order, and the number of matches. */
async function findIds(
  tx: DbOrTx,
  filter: ActivityFilter,
  opts: { order: PageOrder; limit: number; offset: number; origin: GeoPoint | null; municipalityId: string },
): Promise<{ ids: string[]; total: number }> {
  const values = { ...filter.values, municipalityId: opts.municipalityId };
  const paged = { ...values, limit: opts.limit, offset: opts.offset };
  const ordered =
    opts.order === "distance" && opts.origin ? { ...paged, ...spherePoint(opts.origin) } : paged;
  const shapeOf = (statement: StatementShape["statement"]): StatementShape => ({
    ...filter.shape,
    order: opts.order,
    statement,
  });
  const countAll = async () => Number((await pageStatement(tx, shapeOf("count"), values))[0]?.n ?? 0);
  if (opts.order === "relevance") {
    // Relevance ranks every text match anyway: count them in the same scan.
    const found = (await pageStatement(tx, shapeOf("ranked"), paged)) as IdRow[];
    let total = Number(found[0]?.total ?? 0);
    // Past the last page no row carries the total.
    if (found.length === 0 && opts.offset > 0) total = await countAll();
    return { ids: found.map((r) => r.id), total };
  }
  const total = await countAll();
  if (total === 0 || opts.offset >= total) return { ids: [], total };
  const found = await pageStatement(
    tx,
    shapeOf(total <= FILTER_FIRST_MAX ? "filterFirst" : "inOrder"),
    ordered,
  );
  return { ids: found.map((r) => r.id as string), total };
}

const seqscanOff = builtOnceSql(sql`set local enable_seqscan = off`);
const seqscanOn = builtOnceSql(sql`set local enable_seqscan = on`);

export async function findPage(
  tx: DbOrTx,
  ctx: Ctx,
  opts: {
    filter: ActivityFilter;
    order: PageOrder;
    limit: number;
    offset: number;
    origin: GeoPoint | null;
    preferIndex?: boolean;
  },
): Promise<{ hits: Hit[]; total: number }> {
  const origin = opts.origin;
  const order: PageOrder =
    (opts.order === "distance" && !origin) || (opts.order === "relevance" && !opts.filter.shape.text)
      ? "title"
      : opts.order;
  // The catalog's GIN and GiST indexes serve `@@`, `&&`, `@>` and `<->`, none of them leakproof: under
  // the row-level security PostgreSQL would use none of them and read every activity of the
  // municipality (decision 0109). These statements name their municipality themselves (filterSql's
  // first condition) and answer ids and a count; the activities are then read under the policies.
  const { ids, total } = await acrossMunicipalities(
    tx,
    ctx.actor.municipalityId,
    "the catalog's indexes",
    async () => {
      // The planner underestimates GIN prefix queries ("strik:*") and scans the table instead; the
      // index is about twice as fast (measured on PGlite). Only for these statements of the transaction.
      if (opts.preferIndex) await seqscanOff(tx, {});
      const found = await findIds(tx, opts.filter, {
        order,
        limit: opts.limit,
        offset: opts.offset,
        origin,
        municipalityId: ctx.actor.municipalityId,
      });
      if (opts.preferIndex) await seqscanOn(tx, {});
      return found;
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
