/**
 * The authorisation matrix across municipalities (issue 15): every route of the app × every caller
 * of municipality A (each role, anonymous and a loneliness ambassador), sent with the ids of
 * municipality B's resources. B's fixture is the matrix's own (test/support/authz/fixture.ts), built
 * by B's own staff in `t.other`; the requests are the matrix's rows (test/support/authz/core.ts)
 * given B's fixture, with B's real ids and current versions where the matrix names no such id or a
 * stale version — so a route that looked the id up without its municipality would get past its
 * checks and succeed.
 *
 * What a route's request names of B decides what counts as refused:
 *  - "path": a path parameter is B's (a citizen, course, clip, user, questionnaire, catalog entry,
 *    run …): 403 or 404 (401 for anonymous and bearer-only routes). Not 400/409/422: the lookup by
 *    id comes before the body's checks, so those would mean B's row was found.
 *  - "body": only the body names B (an organisationId, districtId, courseIds, a hostUserId …):
 *    400, 403, 404, 409 or 422 — a validation that refuses the id is a refusal; a 400/422 must
 *    name a field that holds B's id (not another mistake in the body that hides whether it was checked).
 *  - "query": only the query string names B (a list's filter): any answer below 500 that holds
 *    nothing of B — a filter on another municipality's id is an empty list, not an error.
 *  - "none": the request names nothing of B (lists, own settings, public routes): listed in
 *    NO_REFERENCE with the reason; any answer below 500 that holds nothing of B.
 * The class is computed from the request (B's ids found in its path, query or body), and must agree
 * with NO_REFERENCE, so a new route — collected with the onRoute hook as in the matrix — cannot
 * be missed. MIXED adds requests that name A's own resource in the path and B's in the body: a
 * route that trusts a body id without checking its municipality is caught there.
 *
 * For a GET whose path or query names B, B's own callers (the matrix's allowed roles) must reach
 * it: the control that the refusals are of real ids of the right kind.
 *
 * For every route and caller: never a 5xx, no identifier of B in the answer (any id of a B row,
 * B's CPR numbers, usernames and name) but those the request itself sent, and no row of B changed —
 * a digest of every table with municipality_id (found in information_schema) taken before and
 * after each route. After the sweep, no row of A holds an id of B (a trusted body id written away).
 *
 * B's callers against A would meet the same: the fixtures are built by the same builder and the
 * checks do not depend on which municipality is first, so one direction is swept. The digests read
 * with the test's own connection; should row-level security hide B from it, the sanity check on
 * B's baseline fails instead of the sweep passing on nothing.
 *
 * Row-level security (decision 0106): the sweep runs the app as configured, policies included.
 * CROSS_WITHOUT_RLS=1 disables the policies in this file's database first, so the sweep checks the
 * routes' own municipality filters alone — what stands if a policy is ever missing. With the
 * policies, a forgotten filter finds nothing and the route answers 404 as it should (only the run
 * without them sees the forgotten filter); a body id trusted without any lookup is caught by both
 * (foreign keys do not see the policies).
 *
 * The tables live beside the matrix: CROSS_REQUEST and MIXED in test/support/authz/cross-requests.ts,
 * NO_REFERENCE in cross-classes.ts (or a MatrixPart's own row: Row.noReference), B's extra
 * resources and the digests in cross-fixture.ts. CROSS_DEBUG=1 prints every answer.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EVERYONE, type Row, type Who } from "../../test/support/authz/common.js";
import { MATRIX, defaultUrl } from "../../test/support/authz/core.js";
import {
  NAMES_MUNICIPALITIES,
  NO_REFERENCE,
  SAME_FOR_EVERYONE,
} from "../../test/support/authz/cross-classes.js";
import {
  changedTables,
  digestOf,
  extraOfB,
  municipalityTables,
  rowsOf,
  versionOf,
  withoutRowLevelSecurity,
} from "../../test/support/authz/cross-fixture.js";
import { CROSS_REQUEST, type Ctx, MIXED } from "../../test/support/authz/cross-requests.js";
import { buildMatrixFixture } from "../../test/support/authz/fixture.js";
import { ACTOR_KEYS, type ActorKey } from "../../test/support/factories.js";
import { type Client, type Response, type TestApp, buildTestApp } from "../../test/support/test-app.js";

const seen = vi.hoisted(() => new Set<string>());
vi.mock("fastify", async (importOriginal) => {
  const actual = await importOriginal<typeof import("fastify")>();
  const create = actual.default as unknown as (opts?: unknown) => {
    addHook: (name: string, fn: (route: { method: string | string[]; url: string }) => void) => void;
  };
  const withRouteLog = (opts?: unknown) => {
    const app = create(opts);
    app.addHook("onRoute", (route) => {
      for (const method of [route.method].flat()) if (method !== "HEAD") seen.add(`${method} ${route.url}`);
    });
    return app;
  };
  return { ...actual, default: withRouteLog };
});

let t: TestApp;
let ctx: Ctx;
let ambassador: Client;
const clients = new Map<Who, Client>();
/** What identifies B in a text: the ids of its rows (looked up), and its citizens' CPR numbers, its usernames and its name (searched for). */
let bIds: Set<string>;
let bWords: string[];
let bMunicipality: string[];
let tables: string[];
let baseline: Map<string, string>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

beforeAll(async () => {
  t = await buildTestApp();
  if (process.env.CROSS_WITHOUT_RLS === "1") await withoutRowLevelSecurity(t.db);
  const a = await buildMatrixFixture(t, t.tenant);
  const b = await buildMatrixFixture(t, t.other);
  ambassador = a.ambassador;
  ctx = { a: a.f, b: b.f, bx: await extraOfB(t, b.f, t.other), tenantA: t.tenant, ax: {} };
  for (const who of ACTOR_KEYS) clients.set(who, await t.as(who));
  clients.set("anonymous", t.anonymous);
  tables = await municipalityTables(t.db);
  const rows = await rowsOf(t.db, tables, t.other.municipality.id);
  const ids = new Set<string>();
  for (const list of rows.values()) for (const r of list) for (const id of r.match(UUID) ?? []) ids.add(id);
  const people = Object.values(t.other.citizens).flatMap((c) => [c.cpr, c.cpr.replace("-", "")]);
  const usernames = [
    ...Object.values(t.other.users).map((u) => u.username),
    `matrix.target.${t.other.municipality.code}`,
    `matrix.ambassador.${t.other.municipality.code}`,
  ];
  bMunicipality = [t.other.municipality.id, t.other.municipality.name];
  bIds = ids;
  bWords = [...people, ...usernames, t.other.municipality.name];
  baseline = await digestOf(t.db, tables, t.other.municipality.id);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type Scope = "path" | "body" | "query" | "none";

/** The request a route is swept with: CROSS_REQUEST's, else the matrix's given B's fixture. */
function requestOf(route: string, row: Row): { url: string; body: unknown } {
  const built = CROSS_REQUEST[route]?.(ctx) ?? row.request?.(ctx.b) ?? {};
  return { url: built.url ?? defaultUrl(route, ctx.b), body: built.body };
}

/** B's identifiers a piece of a request carries. */
const namedIn = (text: string): string[] => [
  ...new Set((text.match(UUID) ?? []).filter((id) => bIds.has(id))),
  ...bWords.filter((w) => text.includes(w)),
];

function scopeOf(url: string, body: unknown): Scope {
  const [path, query = ""] = url.split("?");
  if (namedIn(path!).length > 0) return "path";
  if (body !== undefined && namedIn(JSON.stringify(body)).length > 0) return "body";
  if (namedIn(query).length > 0) return "query";
  return "none";
}

/** The body's fields (dotted paths, as the error details name them) whose value names B. */
function fieldsNamingB(value: unknown, path = ""): string[] {
  if (typeof value === "string") return namedIn(value).length > 0 ? [path] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => fieldsNamingB(v, path ? `${path}.${k}` : k));
}

function errorBody(res: Response): { details?: { fields?: { field: string }[] } } | undefined {
  try {
    return (res.json() as { error?: { details?: { fields?: { field: string }[] } } }).error;
  } catch {
    return undefined;
  }
}

/** What is wrong with one answer, or null. */
function judge(
  route: string,
  who: string,
  scope: Scope,
  sent: { url: string; body: unknown },
  res: Response,
  bearerOnly: boolean,
): string | null {
  const status = res.statusCode;
  if (status >= 500) return `${who}: ${status} ${res.body.slice(0, 200)}`;
  const unauthenticated = status === 401 && (who === "anonymous" || bearerOnly);
  if (scope === "path" && !unauthenticated && status !== 403 && status !== 404)
    return `${who}: ${status}, expected 403/404 (the path names B's resource)`;
  if (scope === "body" && !unauthenticated && ![400, 403, 404, 409, 422].includes(status))
    return `${who}: ${status}, expected a refusal of B's id in the body`;
  if (scope === "body" && (status === 400 || status === 422)) {
    // The refusal must be of B's id, not of another mistake in the body that hides whether the id was checked.
    const named = (errorBody(res)?.details?.fields ?? []).map((f) => f.field);
    const carrying = fieldsNamingB(sent.body);
    if (!named.some((f) => carrying.includes(f)))
      return `${who}: ${status} names ${named.join(", ") || "no field"}, not B's id in ${carrying.join(", ")}`;
  }
  const echoed = new Set(namedIn(`${sent.url} ${JSON.stringify(sent.body ?? null)}`));
  const allowed = NAMES_MUNICIPALITIES.has(route) ? new Set(bMunicipality) : new Set<string>();
  const found = namedIn(res.body).filter((id) => !echoed.has(id) && !allowed.has(id));
  return found.length === 0
    ? null
    : `${who}: ${status}, the answer holds B's ${found.slice(0, 5).join(", ")}`;
}

/** Compares B with the last digest (and moves the baseline on, so one write fails one route only). */
async function bChanges(): Promise<string[]> {
  const after = await digestOf(t.db, tables, t.other.municipality.id);
  const changed = changedTables(baseline, after);
  baseline = after;
  return changed;
}

it("finds B's fixture through the test's connection (row-level security must not hide it)", () => {
  expect(tables.length).toBeGreaterThan(40);
  expect(Number(baseline.get("citizens")?.split(":")[0])).toBeGreaterThanOrEqual(10);
  expect(bIds.size).toBeGreaterThan(50);
});

it("sweeps every route of the app: the matrix's rows, and no route the app does not have", () => {
  const app = [...seen].sort();
  const table = Object.keys(MATRIX).sort();
  expect(
    app.filter((r) => !table.includes(r)),
    "routes missing from the matrix (test/support/authz/core.ts)",
  ).toEqual([]);
  expect(
    table.filter((r) => !app.includes(r)),
    "matrix rows for routes the app no longer has",
  ).toEqual([]);
  expect(
    Object.keys(CROSS_REQUEST).filter((r) => !table.includes(r)),
    "CROSS_REQUEST rows for routes the app no longer has",
  ).toEqual([]);
  expect(
    Object.values(MIXED)
      .map((m) => m.route)
      .filter((r) => !table.includes(r)),
    "MIXED cases of routes the app no longer has",
  ).toEqual([]);
});

it("names B's resource in every route's request but those NO_REFERENCE lists with a reason", () => {
  const unlisted: string[] = [];
  const listedButNaming: string[] = [];
  for (const [route, row] of Object.entries(MATRIX)) {
    const sent = requestOf(route, row);
    const scope = scopeOf(sent.url, sent.body);
    const listed = route in NO_REFERENCE || row.noReference !== undefined;
    if (scope === "none" && !listed) unlisted.push(route);
    if (scope !== "none" && listed) listedButNaming.push(`${route} (${scope})`);
  }
  expect(
    unlisted,
    "requests naming nothing of B: give CROSS_REQUEST a request with B's ids, or NO_REFERENCE (or the row's noReference) a reason",
  ).toEqual([]);
  expect(listedButNaming, "NO_REFERENCE routes whose request names B").toEqual([]);
  expect(
    Object.keys(NO_REFERENCE).filter((r) => !seen.has(r)),
    "NO_REFERENCE rows for routes the app no longer has",
  ).toEqual([]);
});

// Before the sweep: its last route (logout) ends A's sessions.
describe.each(Object.keys(MIXED))("%s", (name) => {
  it("is refused: A's resource cannot be linked to B's", async () => {
    const { route, as, request } = MIXED[name]!;
    ctx.ax = {
      citizen: await versionOf(t.db, "citizens", ctx.a.citizenId),
      course: await versionOf(t.db, "courses", ctx.a.courseId),
      catalogActivity: await versionOf(t.db, "catalog_activities", ctx.a.extra.catalogActivityId!),
    };
    const built = request(ctx);
    const sent = { url: built.url ?? route.split(" ")[1]!, body: built.body };
    const scope = scopeOf(sent.url, sent.body);
    expect(scope, "a MIXED case names B").not.toBe("none");
    const problems: string[] = [];
    for (const who of as) {
      const client = who === "anonymous" ? t.anonymous : await t.as(who);
      const res = await client.request(route.split(" ")[0] as Method, sent.url, { body: sent.body });
      if (process.env.CROSS_DEBUG) console.log("MIXED", name, who, res.statusCode, res.body.slice(0, 160));
      const problem = judge(route, who, scope, sent, res, false);
      if (problem) problems.push(problem);
    }
    const changed = await bChanges();
    if (changed.length > 0) problems.push(`rows of B changed: ${changed.join(", ")}`);
    expect(problems).toEqual([]);
  });
});

describe.each(Object.keys(MATRIX))("%s", (route) => {
  it("is refused to every caller of A with B's ids, answers nothing of B and writes nothing in B", async () => {
    const row = MATRIX[route]!;
    const method = route.split(" ")[0] as Method;
    const sent = requestOf(route, row);
    const scope = scopeOf(sent.url, sent.body);
    const problems: string[] = [];
    const callers: [string, Client][] = SAME_FOR_EVERYONE.has(route)
      ? [["anonymous", t.anonymous]]
      : [...EVERYONE.map((who) => [who, clients.get(who)!] as [string, Client]), ["ambassador", ambassador]];
    for (const [who, client] of callers) {
      const res = await client.request(method, sent.url, sent.body === undefined ? {} : { body: sent.body });
      if (process.env.CROSS_DEBUG)
        console.log("SWEEP", route, scope, who, res.statusCode, res.body.slice(0, 120));
      const problem = judge(route, who, scope, sent, res, row.bearerOnly === true);
      if (problem) problems.push(problem);
    }
    const changed = await bChanges();
    if (changed.length > 0) problems.push(`rows of B changed: ${changed.join(", ")}`);
    // The control: B's own callers reach what the request names, so the refusals above are not of
    // an id that names nothing. Reads only (a write would change B); their audit rows are B's own.
    if (method === "GET" && (scope === "path" || scope === "query") && !row.bearerOnly) {
      for (const who of row.allow.filter((w) => w !== "anonymous")) {
        const res = await (await t.as(who as ActorKey, t.other)).get(sent.url);
        if ([401, 403, 404].includes(res.statusCode) || res.statusCode >= 500)
          problems.push(
            `control: B's own ${who} got ${res.statusCode} — the request names nothing reachable`,
          );
      }
      baseline = await digestOf(t.db, tables, t.other.municipality.id);
    }
    expect(problems, `${scope}: ${sent.url}`).toEqual([]);
  });
});

it("leaves no row of A holding an id of B", async () => {
  const found: string[] = [];
  for (const [table, rows] of await rowsOf(t.db, tables, t.tenant.municipality.id))
    for (const r of rows) {
      const hits = (r.match(UUID) ?? []).filter((id) => bIds.has(id));
      if (hits.length > 0) found.push(`${table}: ${r.slice(0, 300)}`);
    }
  expect(found).toEqual([]);
});
