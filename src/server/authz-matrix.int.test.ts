/**
 * The authorisation matrix: every route of the app × every role (and anonymous), against the
 * explicit table in test/support/authz/core.ts. "Allowed" means the request got past authentication and authorisation
 * (any answer but 401/403 — a 400, 404 or 409 after the check is fine); "denied" is 401 for
 * anonymous and 403 for a signed-in user.
 *
 * The app's routes are collected with an onRoute hook; a route missing from the table (CORE or a
 * module's MatrixPart beside it) fails the test, so a new route cannot ship without its row there.
 * Citizen-scoped routes use a citizen of the public provider (so private-provider staff are
 * denied); bodies are valid, because input is validated before the policy is asked. The fixture
 * (test/support/authz/fixture.ts) is shared with the cross-municipality sweep.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EVERYONE, type Fixture, type Who } from "../../test/support/authz/common.js";
import { MATRIX, defaultUrl } from "../../test/support/authz/core.js";
import { buildMatrixFixture } from "../../test/support/authz/fixture.js";
import { ACTOR_KEYS } from "../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../test/support/test-app.js";

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

/**
 * A loneliness ambassador is a home-care worker (of the public provider, district north) marked as
 * ambassador for north: exactly the home-care worker's rights plus reading the due lists (and the
 * settings they follow) — minus what belongs to that particular worker (their referral, their clip,
 * the small community they host).
 */
const AMBASSADOR_ALSO: ReadonlySet<string> = new Set([
  "GET /api/detection/due",
  "GET /api/detection/settings",
]);
const NOT_THIS_WORKERS: ReadonlySet<string> = new Set([
  "POST /api/referrals/:id/reply",
  "POST /api/detection-clips/:id/settle",
  "POST /api/small-communities/:id/meetings",
]);
let ambassador: Client;

let t: TestApp;
let f: Fixture;
const clients = new Map<Who, Client>();

beforeAll(async () => {
  t = await buildTestApp();
  ({ f, ambassador } = await buildMatrixFixture(t));
  for (const who of ACTOR_KEYS) clients.set(who, await t.as(who));
  clients.set("anonymous", t.anonymous);
});
afterAll(async () => {
  await t?.close();
});

it("lists every route of the app in the matrix, and no route the app does not have", () => {
  const app = [...seen].sort();
  const table = Object.keys(MATRIX).sort();
  expect(
    app.filter((r) => !table.includes(r)),
    "routes missing from MATRIX — add a row with who may call them",
  ).toEqual([]);
  expect(
    table.filter((r) => !app.includes(r)),
    "rows in MATRIX for routes the app no longer has",
  ).toEqual([]);
});

describe.each(Object.keys(MATRIX))("%s", (route) => {
  it("lets exactly the expected callers through", async () => {
    const row = MATRIX[route]!;
    const method = route.split(" ")[0] as "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const who of EVERYONE) {
      expected[who] = row.allow.includes(who)
        ? "allowed"
        : who === "anonymous" || row.bearerOnly
          ? "401"
          : "403";
      const { url, body } = row.request?.(f) ?? {};
      const res = await clients
        .get(who)!
        .request(method, url ?? defaultUrl(route, f), body === undefined ? {} : { body });
      // A 5xx is never an authorisation answer: show it, so the row fails loudly.
      actual[who] =
        res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500
          ? String(res.statusCode)
          : "allowed";
    }
    const asWorker = row.allow.includes("home_care_worker") && !NOT_THIS_WORKERS.has(route);
    expected.ambassador = asWorker || AMBASSADOR_ALSO.has(route) ? "allowed" : row.bearerOnly ? "401" : "403";
    const { url, body } = row.request?.(f) ?? {};
    const res = await ambassador.request(
      method,
      url ?? defaultUrl(route, f),
      body === undefined ? {} : { body },
    );
    actual.ambassador =
      res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500
        ? String(res.statusCode)
        : "allowed";
    expect(actual).toEqual(expected);
  });
});
