/**
 * One page of activities in relevance, distance or Danish title order, fast over 20,000 rows.
 *
 * The Danish sort key (queries.ts, danishOrder) costs string work per row — evaluated for every
 * matching row it alone takes ~100 ms over 20,000 titles on PGlite and ~60 ms on PostgreSQL, and
 * there is no index on it (no schema change for the catalog). So the page is found in two steps:
 *
 * 1. For every matching row only cheap values: the rank or the haversine term (it orders like the
 *    distance; kilometres are computed for the page's rows only), and the *bucket*: the code
 *    point of the first character of the Danish key (bucketSql), from the first two characters.
 *    The row in position offset+limit in (primary, bucket) order is the cut.
 * 2. The full key is computed only for rows up to the cut in (primary, bucket) order, which are
 *    sorted by (primary, Danish key, id) and paged.
 *
 * Exact, because the bucket orders like the key: two rows in different buckets compare the same
 * way under both, so any row beyond the cut has at least offset+limit rows before it. The rank
 * and distance are computed once (a materialised CTE), so comparing them for equality is exact.
 * The page's full rows are then read by id (descriptions and JSON stay out of the sort).
 */
import { type SQL, and, inArray, sql } from "drizzle-orm";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { catalogActivities as a } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import type { ActivityRow } from "./presenter.js";
import { danishOrder, kmOfTerm, selectActivities } from "./queries.js";

export type PageOrder = { kind: "title" } | { kind: "distance" } | { kind: "relevance"; rank: SQL };

/** First characters whose place the Danish key changes (lower and upper case) → the key's character. */
const FIRST_LETTER: [number[], number][] = [
  [[230, 198, 228, 196], 123], // æ Æ ä Ä → "{" (æ)
  [[248, 216, 246, 214], 124], // ø Ø ö Ö → "|" (ø)
  [[229, 197], 125], // å Å → "}" (å)
  [[252, 220], 121], // ü → y
  [[233, 232, 234, 201, 200, 202], 101], // é è ê → e
  [[243, 211], 111], // ó → o
  [[237, 205], 105], // í → i
  [[250, 218], 117], // ú → u
];
/** a, A, á, à, Á, À: all "a" in the key — and with another of them after it, "å". */
const A_LIKE = [97, 65, 225, 224, 193, 192];

/**
 * The code point of the first character of danishOrder(title) — "aa" is å, æ ø å after z, accents
 * folded — from ascii(), which reads the first character without copying the string (the cheap
 * part of the work over every row). Other non-ASCII capitals go through lower().
 */
export function bucketSql(title: SQL): SQL {
  const list = (codes: number[]) => sql.raw(codes.join(", "));
  const second = sql`ascii(substr(${title}, 2, 1))`;
  const whens = sql.raw(
    FIRST_LETTER.flatMap(([codes, to]) => codes.map((c) => `when ${c} then ${to}`)).join(" "),
  );
  const aLike = sql.join(
    A_LIKE.map(
      (c) =>
        sql`when ${sql.raw(String(c))} then (case when ${second} in (${list(A_LIKE)}) then 125 else 97 end)`,
    ),
    sql` `,
  );
  const first = sql`ascii(${title})`;
  return sql`(case ${first} ${aLike} ${whens} else (case when ${first} between 65 and 90 then ${first} + 32 when ${first} < 128 then ${first} else ascii(lower(left(${title}, 1))) end) end)`;
}

export interface Hit {
  row: ActivityRow;
  distanceKm: number | null;
}

interface IdRow extends Record<string, unknown> {
  id: string;
  km: number | string | null;
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
    distanceTerm: SQL | null;
    preferIndex?: boolean;
  },
): Promise<{ hits: Hit[]; total: number }> {
  const where = and(inTenant(a, ctx), opts.where);
  const order =
    opts.order.kind === "distance" && opts.distanceTerm === null ? ({ kind: "title" } as const) : opts.order;
  const rank = order.kind === "relevance" ? order.rank : sql`null::real`;
  const primary =
    order.kind === "distance"
      ? sql`f.d asc nulls last,`
      : order.kind === "relevance"
        ? sql`f.r desc,`
        : sql``;
  // The cut's values as one-time subqueries (InitPlans), so the filter over every row is plain comparisons.
  const cb = sql`(select b from cut)`;
  const cd = sql`(select d from cut)`;
  const cr = sql`(select r from cut)`;
  const upToCut =
    order.kind === "distance"
      ? sql`((${cd} is null and (f.d is not null or f.b <= ${cb})) or (${cd} is not null and (f.d < ${cd} or (f.d = ${cd} and f.b <= ${cb}))))`
      : order.kind === "relevance"
        ? sql`(f.r > ${cr} or (f.r = ${cr} and f.b <= ${cb}))`
        : sql`f.b <= ${cb}`;
  // The planner underestimates GIN prefix queries ("strik:*") and scans the table instead; the
  // index is about twice as fast (measured on PGlite). Only for this statement of the transaction.
  if (opts.preferIndex) await tx.execute(sql`set local enable_seqscan = off`);
  const ids = await rawRows<IdRow>(
    tx,
    sql`with f as materialized (
      select ${a.id} as id, ${a.title} as title, ${rank} as r, ${opts.distanceTerm ?? sql`null::double precision`} as d, ${bucketSql(sql`${a.title}`)} as b
      from ${a} where ${where}
    ), cut as materialized (
      select r, d, b from f order by ${primary} b limit 1 offset ${opts.offset + opts.limit - 1}
    )
    select f.id, ${kmOfTerm(sql`f.d`)} as km, (select count(*) from f) as total
    from f
    where (select count(*) from cut) = 0 or ${upToCut}
    order by ${primary} ${danishOrder(sql`f.title`)}, f.id
    limit ${opts.limit} offset ${opts.offset}`,
  );
  if (opts.preferIndex) await tx.execute(sql`set local enable_seqscan = on`);
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
    hits: ids.map((i) => ({ row: rows.get(i.id)!, distanceKm: i.km === null ? null : Number(i.km) })),
    total,
  };
}
