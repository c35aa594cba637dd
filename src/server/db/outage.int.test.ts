/**
 * A PostgreSQL outage under load: the network to the server is cut, the backends are terminated,
 * the database refuses connections. Broen must keep running (an unhandled 'error' event from a
 * pg client would fail this file), answer every request meanwhile with 503 database_unavailable
 * in the error shape (or a normal success for one that finished in time), and serve again by
 * itself once the database is back. Only on PostgreSQL; PGlite runs in the process.
 */
import { type AddressInfo, type Server, type Socket, createServer, connect as netConnect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  type Response,
  type TestApp,
  buildTestApp,
  errorOf,
} from "../../../test/support/test-app.js";
import { type TestDatabase, openTestDatabase } from "../../../test/support/test-db.js";
import { type Database, openDatabase } from "./client.js";

const onPostgres = process.env.TEST_DB === "postgres";

/** A TCP proxy on 127.0.0.1 (ephemeral port) that the test can cut (every socket reset, new ones refused) and restore. */
interface Proxy {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

async function startProxy(targetHost: string, targetPort: number): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let open = true;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const server: Server = createServer((downstream) => {
    track(downstream);
    if (!open) {
      downstream.resetAndDestroy();
      return;
    }
    const upstream = netConnect(targetPort, targetHost);
    track(upstream);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    downstream.on("close", () => upstream.destroy());
    upstream.on("close", () => downstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      open = false;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let testDb: TestDatabase;
let proxy: Proxy;
let proxied: Database;
let admin: pg.Client;
let t: TestApp;
let dbName: string;

beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await openTestDatabase();
  const url = new URL(testDb.url!);
  dbName = url.pathname.slice(1);
  proxy = await startProxy(url.hostname, Number(url.port || 5432));
  url.host = `127.0.0.1:${proxy.port}`;
  proxied = await openDatabase({ url: url.toString(), poolSize: 4 });
  t = await buildTestApp({ database: proxied });
  admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
});

afterAll(async () => {
  if (!onPostgres) return;
  await admin?.query(`alter database "${dbName}" allow_connections true`).catch(() => undefined);
  await admin?.end().catch(() => undefined);
  await t?.close().catch(() => undefined);
  await proxied?.close().catch(() => undefined);
  await proxy?.close();
  await testDb?.close();
});

/** Reads that check out a connection for a transaction (citizen list, audited), plus the session lookup alone. */
function read(client: Client, i: number): Promise<Response> {
  return i % 3 === 2 ? client.get("/api/auth/me") : client.get("/api/citizens?pageSize=5");
}

/** `rounds` rounds of `width` concurrent reads (a bounded load); `during` runs once, `afterMs` into the first round. */
async function underLoad(
  client: Client,
  rounds: number,
  width: number,
  during?: () => Promise<void>,
  afterMs = 5,
): Promise<Response[]> {
  const responses: Response[] = [];
  for (let round = 0; round < rounds; round++) {
    const batch = Array.from({ length: width }, (_, i) => read(client, i));
    if (round === 0 && during) {
      await new Promise((r) => setTimeout(r, afterMs));
      await during();
    }
    responses.push(...(await Promise.all(batch)));
  }
  return responses;
}

function expectOkOrUnavailable(responses: Response[]): void {
  for (const res of responses) {
    if (res.statusCode === 200) continue;
    expect({ status: res.statusCode, body: res.body }).toMatchObject({ status: 503 });
    expect(Object.keys(res.json() as object)).toEqual(["error"]);
    expect(errorOf(res).code).toBe("database_unavailable");
  }
}

function expectAllUnavailable(responses: Response[]): void {
  for (const res of responses) {
    expect({ status: res.statusCode, body: res.body }).toMatchObject({ status: 503 });
    expect(errorOf(res).code).toBe("database_unavailable");
  }
}

/** After an outage the app serves again on its own: the first reads may still meet a dead connection, within seconds all succeed. */
async function expectRecovered(client: Client): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const responses = await underLoad(client, 1, 6);
    expectOkOrUnavailable(responses);
    if (responses.every((r) => r.statusCode === 200)) break;
    if (Date.now() > deadline) throw new Error("the app did not recover after the database came back");
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await underLoad(client, 2, 6)).map((r) => r.statusCode)).toEqual(Array(12).fill(200));
  expect((await t.anonymous.get("/ready")).statusCode).toBe(200);
}

async function terminateBackends(): Promise<number> {
  const res = await admin.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [dbName],
  );
  return res.rowCount ?? 0;
}

describe.runIf(onPostgres)("a lost PostgreSQL connection", () => {
  let planner: Client;
  beforeAll(async () => {
    planner = await t.as("planner");
  });

  it("serves normally through the proxy", async () => {
    expect((await underLoad(planner, 2, 6)).map((r) => r.statusCode)).toEqual(Array(12).fill(200));
  });

  it("survives the network being cut under load: 503 database_unavailable meanwhile, serving again when it is back", async () => {
    // Cut at different moments, to meet connections in the session lookup, in a transaction and idle.
    for (const afterMs of [1, 10, 40]) {
      expectOkOrUnavailable(await underLoad(planner, 3, 8, async () => proxy.cut(), afterMs));
      // While it is cut, every request is refused in the error shape — the session lookup included.
      expectAllUnavailable(await underLoad(planner, 2, 6));
      expectAllUnavailable([
        await planner.post("/api/citizens", {}),
        await t.anonymous.post("/api/auth/login", { username: "x", password: "y" }),
      ]);
      expect((await t.anonymous.get("/health")).statusCode).toBe(200);
      expect((await t.anonymous.get("/ready")).statusCode).toBe(503);
      proxy.restore();
      await expectRecovered(planner);
    }
  });

  it("survives its backends being terminated under load (57P01), again and again", async () => {
    for (let i = 0; i < 3; i++) {
      expectOkOrUnavailable(await underLoad(planner, 3, 8, async () => void (await terminateBackends())));
      await expectRecovered(planner);
    }
  });

  it("answers 503 while the database refuses connections (55000) and recovers when it accepts them again", async () => {
    await admin.query(`alter database "${dbName}" allow_connections false`);
    try {
      expectOkOrUnavailable(await underLoad(planner, 3, 8, async () => void (await terminateBackends())));
      await terminateBackends();
      expectAllUnavailable(await underLoad(planner, 2, 6));
    } finally {
      await admin.query(`alter database "${dbName}" allow_connections true`);
    }
    await expectRecovered(planner);
  });
});
