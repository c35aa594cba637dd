/**
 * The app under test: buildApp() on this file's fresh database (test-db.ts), two tenants built by
 * the factories (the second one only to prove isolation), and clients that log in as a role and
 * call app.inject with the session cookie.
 *
 *   const t = await buildTestApp();
 *   const planner = await t.as("planner");
 *   const res = await planner.get("/api/citizens");
 */
import type { InjectOptions, LightMyRequestResponse as Response } from "fastify";
import { type App, type AppOptions, buildApp } from "../../src/server/app.js";
import type { Database, Db } from "../../src/server/db/client.js";
import { SESSION_COOKIE } from "../../src/server/platform/auth.js";
import { type ActorKey, TEST_PASSWORD, type Tenant, createTenant } from "./factories.js";
import { type TestDatabase, type TestDbKind, openTestDatabase } from "./test-db.js";

export type { LightMyRequestResponse as Response } from "fastify";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD";

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is (no JSON encoding), e.g. to test malformed JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Client {
  /** The session cookie (`broen_session=…`), or null for an anonymous client. */
  readonly cookie: string | null;
  request(method: Method, url: string, opts?: RequestOptions): Promise<Response>;
  get(url: string, opts?: RequestOptions): Promise<Response>;
  post(url: string, body?: unknown, opts?: RequestOptions): Promise<Response>;
  patch(url: string, body?: unknown, opts?: RequestOptions): Promise<Response>;
  put(url: string, body?: unknown, opts?: RequestOptions): Promise<Response>;
  delete(url: string, opts?: RequestOptions): Promise<Response>;
}

export interface TestApp {
  app: App;
  database: Database;
  db: Db;
  kind: TestDbKind;
  /** PostgreSQL: this file's database URL (to open a second, independent pool on the same data). */
  url: string | undefined;
  /** The municipality the tests work in. */
  tenant: Tenant;
  /** Another municipality: its data must never be reachable from `tenant`. */
  other: Tenant;
  /** A client logged in as this actor (one session per actor and tenant, reused). */
  as(actor: ActorKey, tenant?: Tenant): Promise<Client>;
  /** A client with a new session of its own. */
  login(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  /** A client carrying exactly this cookie header (or none). */
  client(cookie: string | null): Client;
  close(): Promise<void>;
}

export function makeClient(app: App, cookie: string | null): Client {
  const request = (method: Method, url: string, opts: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...opts.headers };
    const inject: InjectOptions = { method, url, headers };
    if (opts.rawBody !== undefined) {
      inject.payload = opts.rawBody;
      headers["content-type"] ??= "application/json";
    } else if (opts.body !== undefined) {
      inject.payload = JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    return app.inject(inject);
  };
  return {
    cookie,
    request,
    get: (url, opts) => request("GET", url, opts),
    post: (url, body, opts) => request("POST", url, { ...opts, body }),
    patch: (url, body, opts) => request("PATCH", url, { ...opts, body }),
    put: (url, body, opts) => request("PUT", url, { ...opts, body }),
    delete: (url, opts) => request("DELETE", url, opts),
  };
}

/** `broen_session=<token>` from a login response's Set-Cookie. */
export function sessionCookieOf(res: Response): string {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no session cookie in the response (status ${res.statusCode}: ${res.body})`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}

export async function loginClient(app: App, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await makeClient(app, null).post("/api/auth/login", { username, password });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  return makeClient(app, sessionCookieOf(res));
}

export interface BuildTestAppOptions {
  /** Extra options for buildApp (the database and webDir are the test's). */
  app?: Partial<Omit<AppOptions, "database">>;
  /** Reuse a database (e.g. a second app instance on the same data); it is not closed by close(). */
  database?: Database;
  /** Tenants already built on that database. */
  tenants?: { tenant: Tenant; other: Tenant };
  /** Extra routes for a test of the platform itself, declared before the app is ready. */
  extraRoutes?: (app: App) => void;
}

export async function buildTestApp(opts: BuildTestAppOptions = {}): Promise<TestApp> {
  let testDb: TestDatabase | null = null;
  let database = opts.database;
  let kind: TestDbKind = database?.kind ?? "pglite";
  if (!database) {
    testDb = await openTestDatabase();
    database = testDb.database;
    kind = testDb.kind;
  }
  const tenant = opts.tenants?.tenant ?? (await createTenant(database.db));
  const other = opts.tenants?.other ?? (await createTenant(database.db));
  // Tests log in many times from one address: the per-IP limits are not what they test.
  const app = await buildApp({
    database,
    webDir: null,
    loginRateLimit: 10_000,
    publicRateLimit: 10_000,
    ...opts.app,
  });
  opts.extraRoutes?.(app);
  await app.ready();

  const sessions = new Map<string, Promise<Client>>();
  const login = (username: string, password = TEST_PASSWORD) => loginClient(app, username, password);
  return {
    app,
    database,
    db: database.db,
    kind,
    url: testDb?.url,
    tenant,
    other,
    as(actor, inTenant = tenant) {
      const key = `${inTenant.municipality.id}:${actor}`;
      let session = sessions.get(key);
      if (!session) {
        session = login(inTenant.users[actor].username);
        sessions.set(key, session);
      }
      return session;
    },
    login,
    anonymous: makeClient(app, null),
    client: (cookie) => makeClient(app, cookie),
    async close() {
      await app.close();
      if (testDb) await testDb.close();
    },
  };
}

/** The error body every failure has. */
export interface ErrorResponse {
  error: {
    code: string;
    message: string;
    details?: { fields?: { field: string; reason: string; message?: string }[]; [k: string]: unknown };
  };
}

export function errorOf(res: Response): ErrorResponse["error"] {
  return (res.json() as ErrorResponse).error;
}

/** The fields an error names, e.g. ["cpr", "firstName"]. */
export function errorFields(res: Response): string[] {
  return (errorOf(res).details?.fields ?? []).map((f) => f.field);
}
