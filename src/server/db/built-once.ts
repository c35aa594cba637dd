/**
 * A statement of one fixed shape, built by Drizzle once per process and run in the caller's
 * transaction with this request's values, given as `sql.placeholder(…)`s.
 *
 * Why: building a statement with Drizzle's builder costs 150–200 µs of CPU (the clip insert with
 * RETURNING, a course read with two joins), the largest part of Broen's own work per request that
 * was left (issue 19, decision 0092). Drizzle's own `.prepare()` keeps the built statement but binds
 * it to the connection it was built on, so it cannot serve a later request's transaction. Here the
 * built SQL, its parameters and its result fields are kept, and each call hands them to the
 * session of the transaction it is given — the same `prepareQuery` Drizzle's builders call, so rows
 * are mapped exactly as the builder's own `await` would map them.
 *
 * The safety rule: every value in a built statement is a named placeholder. A value written into
 * the builder would be baked into the statement for every later request (another municipality's
 * id, another citizen's) — so the first build refuses a statement with any parameter that is not a
 * placeholder, before it runs; and a call with a value the statement has no placeholder for (a
 * column added to the caller but not to the statement) is refused instead of silently dropped.
 */
import { Column, Param, Placeholder, SQL, Subquery, getTableName, is } from "drizzle-orm";
import type { DbOrTx } from "./client.js";

/** What Drizzle's builders answer from `_prepare()` (pg-core's PgPreparedQuery, both drivers). */
interface PreparedLike {
  queryString: string;
  params: unknown[];
  fields: unknown;
  _isResponseInArrayMode: boolean;
  customResultMapper: unknown;
  joinsNotNullableMap?: unknown;
  execute(values?: Record<string, unknown>): Promise<unknown>;
}

interface SessionLike {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: unknown,
    name: string | undefined,
    isResponseInArrayMode: boolean,
    customResultMapper?: unknown,
  ): PreparedLike;
}

interface Built {
  query: { sql: string; params: unknown[] };
  names: ReadonlySet<string>;
  fields: unknown;
  arrayMode: boolean;
  mapper: unknown;
  joins: unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** A selected field as the builder orders them: where it goes in the row object, and what it is. */
interface SelectedField {
  path: string[];
  field: unknown;
}

/** How Drizzle's mapResultRow (drizzle-orm/utils.js) finds a field's decoder. */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  const decoder = (sql: unknown) => (sql as { decoder: Decoder }).decoder;
  if (is(field, SQL)) return decoder(field);
  if (is(field, Subquery)) return decoder((field as unknown as { _: { sql: SQL } })._.sql);
  return decoder((field as { sql: SQL }).sql);
}

/**
 * The rows of a built statement mapped as Drizzle's mapResultRow maps them — the nested objects of
 * the selection, each value through its column's decoder, a left-joined table's object null when
 * all its columns are — with each field's decoder, path and table worked out once at build instead
 * of for every field of every row (Drizzle's `is()` checks were 2–5 % of a caseload's CPU).
 * built-once.int.test.ts holds it to the builder's own answers on both stores.
 */
function compiledMapper(
  fields: readonly SelectedField[],
  joinsNotNullable: Record<string, boolean> | undefined,
): (rows: unknown[][]) => Record<string, unknown>[] {
  const columns = fields.map(({ path, field }) => ({
    parents: path.slice(0, -1),
    key: path[path.length - 1]!,
    object: path[0]!,
    decoder: decoderOf(field),
    // Only a table's own column directly under a selected object decides whether that object is null.
    table: joinsNotNullable && is(field, Column) && path.length === 2 ? getTableName(field.table) : null,
  }));
  const nullable = columns.some((c) => c.table !== null);
  return (rows) =>
    rows.map((row) => {
      const result: Record<string, unknown> = {};
      const nullify: Record<string, string | false> = {};
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i]!;
        let node = result;
        for (const p of c.parents) node = (node[p] ??= {}) as Record<string, unknown>;
        const raw = row[i];
        const value = raw === null ? null : c.decoder.mapFromDriverValue(raw);
        node[c.key] = value;
        if (c.table === null) continue;
        const seen = nullify[c.object];
        if (seen === undefined) nullify[c.object] = value === null ? c.table : false;
        else if (typeof seen === "string" && seen !== c.table) nullify[c.object] = false;
      }
      if (nullable)
        for (const [object, table] of Object.entries(nullify))
          if (typeof table === "string" && !joinsNotNullable![table]) result[object] = null;
      return result;
    });
}

export class BuiltOnceError extends Error {}

const isPlaceholder = (p: unknown) => is(p, Placeholder) || (is(p, Param) && is(p.value, Placeholder));

/** The placeholders' names; refuses a statement with a value written in (it would serve every later call). */
function placeholderNames(text: string, params: readonly unknown[]): ReadonlySet<string> {
  const baked = params.filter((p) => !isPlaceholder(p));
  if (baked.length > 0)
    throw new BuiltOnceError(
      `a built-once statement has ${baked.length} value(s) that are not placeholders: ${text}`,
    );
  return new Set(params.map((p) => (is(p, Placeholder) ? p : ((p as Param).value as Placeholder)).name));
}

/** A value the statement has no place for would be dropped without a word (an insert's new column). */
function checkValues(text: string, names: ReadonlySet<string>, values: Record<string, unknown>): void {
  for (const name of Object.keys(values))
    if (!names.has(name)) throw new BuiltOnceError(`no placeholder "${name}" in ${text}`);
}

/**
 * `builtOnce((tx) => tx.select(…).where(eq(t.id, sql.placeholder("id"))))` answers a function
 * `(tx, { id }) => rows`, typed as the builder's own result.
 */
export function builtOnce<Values extends Record<string, unknown>, Query extends PromiseLike<unknown>>(
  build: (tx: DbOrTx) => Query,
): (tx: DbOrTx, values: Values) => Promise<Awaited<Query>> {
  let built: Built | undefined;
  return async (tx: DbOrTx, values: Values): Promise<Awaited<Query>> => {
    if (!built) {
      const prepared = (build(tx) as unknown as { _prepare(name?: string): PreparedLike })._prepare();
      built = {
        query: { sql: prepared.queryString, params: prepared.params },
        names: placeholderNames(prepared.queryString, prepared.params),
        fields: prepared.fields,
        arrayMode: prepared._isResponseInArrayMode,
        // A builder with a mapper of its own (Drizzle's relational queries) keeps it.
        mapper:
          prepared.customResultMapper ??
          (Array.isArray(prepared.fields)
            ? compiledMapper(
                prepared.fields as SelectedField[],
                prepared.joinsNotNullableMap as Record<string, boolean> | undefined,
              )
            : undefined),
        joins: prepared.joinsNotNullableMap,
      };
    }
    checkValues(built.query.sql, built.names, values);
    const session = (tx as unknown as { session: SessionLike }).session;
    const query = session.prepareQuery(built.query, built.fields, undefined, built.arrayMode, built.mapper);
    query.joinsNotNullableMap = built.joins;
    return (await query.execute(values)) as Awaited<Query>;
  };
}

/** What `sqlToQuery` answers; the dialect is the same object for both drivers (pg-core's PgDialect). */
interface DialectLike {
  sqlToQuery(sql: SQL): { sql: string; params: unknown[] };
}

/**
 * A plain SQL statement (the `sql` template, as `tx.execute` takes it) built once, answering its
 * rows. Turning the template into text and parameters cost ~30 µs per call — paid by the platform's
 * own statements on every request (the tenant's settings, the audit insert). Same rules as
 * builtOnce: every value a `sql.placeholder`, constants in the text.
 */
export function builtOnceSql<Row extends Record<string, unknown>, Values extends Record<string, unknown>>(
  statement: SQL,
): (tx: DbOrTx, values: Values) => Promise<Row[]> {
  let built: { query: { sql: string; params: unknown[] }; names: ReadonlySet<string> } | undefined;
  return async (tx, values) => {
    if (!built) {
      const query = (tx as unknown as { dialect: DialectLike }).dialect.sqlToQuery(statement);
      built = { query, names: placeholderNames(query.sql, query.params) };
    }
    checkValues(built.query.sql, built.names, values);
    const session = (tx as unknown as { session: SessionLike }).session;
    const result = (await session.prepareQuery(built.query, undefined, undefined, false).execute(values)) as {
      rows: Row[];
    };
    return result.rows;
  };
}

/** What decides a statement's SQL text: which filters, which order, how many words — never a value. */
export type Shape = Readonly<Record<string, string | number | boolean | null>>;

/** One statement per shape, the least recently used dropped past `limit` (built again when next met). */
function perShape<S extends Shape, Statement>(
  make: (shape: S) => Statement,
  limit: number,
): (shape: S) => Statement {
  const statements = new Map<string, Statement>();
  return (shape) => {
    const key = JSON.stringify(shape);
    let statement = statements.get(key);
    if (statement !== undefined) statements.delete(key);
    else {
      statement = make(shape);
      if (statements.size >= limit) statements.delete(statements.keys().next().value!);
    }
    // A Map keeps insertion order: re-inserting on use keeps the least recently used first.
    statements.set(key, statement);
    return statement;
  };
}

/**
 * A statement whose SQL depends on the request's shape (which filters are given, the order, the
 * number of search words), built once per shape. The build sees only the shape, and the shape is
 * the cache key (its JSON), so two requests can share a statement only if they have the same
 * shape; every value still travels as a placeholder, with builtOnce's checks. A route has a few
 * dozen shapes in practice; past `limit` the least recently used one is built again when next met,
 * so no request can grow the cache without end.
 */
export function builtOncePerShape<
  S extends Shape,
  Values extends Record<string, unknown>,
  Query extends PromiseLike<unknown>,
>(
  build: (tx: DbOrTx, shape: S) => Query,
  limit = 64,
): (tx: DbOrTx, shape: S, values: Values) => Promise<Awaited<Query>> {
  const statementOf = perShape((shape: S) => builtOnce<Values, Query>((t) => build(t, shape)), limit);
  return (tx, shape, values) => statementOf(shape)(tx, values);
}

/** builtOnceSql per shape: a plain `sql` statement whose text depends on the shape only (same rules). */
export function builtOnceSqlPerShape<
  S extends Shape,
  Row extends Record<string, unknown>,
  Values extends Record<string, unknown> = Record<string, unknown>,
>(build: (shape: S) => SQL, limit = 64): (tx: DbOrTx, shape: S, values: Values) => Promise<Row[]> {
  const statementOf = perShape((shape: S) => builtOnceSql<Row, Values>(build(shape)), limit);
  return (tx, shape, values) => statementOf(shape)(tx, values);
}
