/**
 * `npm run bench:http` — Broen over real TCP with production logging, next to a bare route server
 * replaying exactly the statements Broen sent (issue 19, "How to measure"). See the section "HTTP
 * benchmark" of docs/OPERATIONS.md for what it compares and how fair it is.
 *
 *   npm run bench:http [-- --duration 5 --rounds 3 --warmup 2 --routes cpr4,name,caseload,register,catalog,matching,timeline
 *                         --connections 1,10 --log broen.log --show-sql]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/broen_scale npm run bench:http [-- --municipality 0901
 *                         --coordinator koordinator.0901.1]  (default: the municipality's busiest coordinator)
 *
 * Without DATABASE_URL: a fresh PGlite in a temporary folder with the demo municipality. With it:
 * that database as it is (migrated like `npm start` does; an empty one gets the demo). Clip
 * registration writes real clips (and one bench grant per course, see routes.ts).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { buildApp } from "../../src/server/app.js";
import { sql } from "drizzle-orm";
import { openDatabase, rawRows } from "../../src/server/db/client.js";
import { installShippedDefaultsEverywhere } from "../../src/server/seed/defaults.js";
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../../src/server/seed/demo.js";
import { SCALE_PASSWORD } from "../../src/server/seed/scale.js";
import { printSummary, runLine, summarise } from "./print.js";
import { type Driver, type Statement, driverOf } from "./recorder.js";
import { type Recording, recordingOf, startReplayServer } from "./replay-server.js";
import { type Answer, type BenchRoute, type Client, ROUTE_NAMES, login, resolveRoutes } from "./routes.js";
import { measure, startLoad } from "./runner.js";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const list = (v: string | undefined) =>
  v
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const duration = Number(option("duration") ?? 5);
const rounds = Number(option("rounds") ?? 3);
const warmup = Number(option("warmup") ?? 2);
const wanted = list(option("routes")) ?? [...ROUTE_NAMES];
const connections = list(option("connections"))?.map(Number) ?? null;
const code = option("municipality") ?? "0901";
const showSql = args.includes("--show-sql");
const unknown = wanted.filter((r) => !(ROUTE_NAMES as readonly string[]).includes(r));
if (unknown.length > 0)
  throw new Error(`unknown route(s) ${unknown.join(", ")}; known: ${ROUTE_NAMES.join(", ")}`);

// The store: the pool size and options are production's (openDatabase's defaults, as main.ts).
const url = process.env.DATABASE_URL;
const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), "broen-bench-http-"));
const database = await openDatabase({ url, dataDir });
await database.migrate();
if (await isEmpty(database.db)) await seedDemo(database.db);
await installShippedDefaultsEverywhere(database.db);
const driver: Driver = driverOf(database);

// Broen as main.ts builds it: logging at info with the same redaction, to a file (synchronous
// writes, like pino's default stdout) — not switched off.
const logFile = option("log") ?? join(tmpdir(), `broen-bench-http-${process.pid}.log`);
const app = await buildApp({
  database,
  webDir: null,
  // A few logins from one address; the limit is production's concern, not this measurement's.
  loginRateLimit: 1000,
  logger: {
    level: "info",
    redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
    stream: pino.destination({ dest: logFile, sync: true }),
  },
});
const broenUrl = await app.listen({ port: 0, host: "127.0.0.1" });

const client = (base: string): Client => ({
  async call(method, path, headers = {}, body) {
    const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const session = res.headers.getSetCookie().find((c) => c.startsWith("broen_session="));
    return { status: res.status, text, ...(session ? { cookie: session.split(";")[0] } : {}) } as Answer;
  },
});
const broen = client(broenUrl);

// On the national-scale data: the municipality's busiest coordinator (most open courses; ~40 in 0901, issue 19's caseload).
const busiest = async () => {
  const [row] = await rawRows<{ username: string }>(
    database.db,
    sql`select u.username from users u join municipalities m on m.id = u.municipality_id
        where m.code = ${code} and u.role = 'community_coordinator'
        order by (select count(*) from courses c where c.coordinator_user_id = u.id and c.stage <> 'closed') desc, u.username
        limit 1`,
  );
  if (!row) throw new Error(`no coordinator in municipality ${code}`);
  return row.username;
};
const [coordinatorName, workerName, password] = url
  ? [option("coordinator") ?? (await busiest()), `hjemmehjaelper.${code}.1`, SCALE_PASSWORD]
  : ["koordinator", "hjemmehjaelper", DEMO_PASSWORD];
const setupUsers = {
  coordinator: await login(broen, database.db, coordinatorName, password),
  worker: await login(broen, database.db, workerName, password),
};
console.log(
  `Broen HTTP benchmark on ${database.kind}${url ? ` (${new URL(url).pathname.slice(1)})` : " (demo data)"}, as ${coordinatorName} and ${workerName}`,
);
const load1 = () => loadavg()[0]!.toFixed(1);
console.log(
  `Broen ${broenUrl} · logging to ${logFile} · load generator in a child process · load average ${load1()} on ${cpus().length} cores`,
);
const routes = await resolveRoutes(broen, database.db, setupUsers, wanted);

// Fresh logins just before recording: a session seen within the last 5 minutes is not touched,
// so the recording holds what a request in a busy session sends (the touch is once per 5 min).
const users = {
  coordinator: await login(broen, database.db, coordinatorName, password),
  worker: await login(broen, database.db, workerName, password),
};
const headersOf = (route: BenchRoute) => users[route.user].headers;

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
async function record(route: BenchRoute): Promise<Recording[]> {
  const out: Recording[] = [];
  for (const request of route.requests) {
    const key = route.write ? `bench-${randomUUID()}` : undefined;
    const headers = key ? { ...headersOf(route), "idempotency-key": key } : headersOf(route);
    const stop = driver.record();
    let answer: Answer;
    let statements: Statement[];
    try {
      answer = await broen.call(route.method, request.path, headers, request.body);
      await settle();
    } finally {
      statements = stop();
    }
    if (answer.status < 200 || answer.status > 299)
      throw new Error(
        `${route.title}: ${request.path} answered ${answer.status} ${answer.text.slice(0, 300)}`,
      );
    out.push(
      recordingOf(statements, answer, {
        input: `${request.path} ${request.body ?? ""}`,
        idempotencyKey: key,
      }),
    );
  }
  return out;
}

const recordings = new Map<string, Recording[]>();
for (const route of routes) {
  const recs = await record(route);
  recordings.set(route.name, recs);
  const first = recs[0]!;
  const roles = first.statements.filter((s) => !s.marker);
  const data = roles.filter((s) => s.role === "data").length;
  console.log(
    `  ${route.title.padEnd(44)} ${route.method} ${route.requests[0]!.path.slice(0, 60)}  ${roles.length} statements (${data} data), answer ${first.bytes} bytes${route.write ? `; ${first.plan.describe()}` : ""}`,
  );
  if (showSql)
    for (const s of first.statements)
      console.log(
        `      ${String(s.via).padEnd(4)} ${s.role.padEnd(11)} ${s.text.replace(/\s+/g, " ").slice(0, 150)}`,
      );
}

const replay = await startReplayServer(driver, recordings);
const bare = client(replay.url);
// Every recording replayed twice (a write must not collide with itself) and run as data once; a
// replayed write must store its idempotency row each time (a reused key would insert nothing).
const keyRows = async () =>
  Number((await rawRows<{ n: string }>(database.db, sql`select count(*) as n from idempotency_keys`))[0]!.n);
for (const route of routes) {
  const keysBefore = route.write ? await keyRows() : 0;
  for (let k = 0; k < route.requests.length; k++) {
    for (const path of [
      `/replay/${route.name}?k=${k}`,
      `/replay/${route.name}?k=${k}`,
      `/data/${route.name}?k=${k}`,
    ]) {
      const body = route.requests[k]!.body;
      const answer = await bare.call(
        route.method,
        path,
        body ? { "content-type": "application/json" } : {},
        body,
      );
      if (answer.status !== recordings.get(route.name)![k]!.status)
        throw new Error(`${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
  }
  const added = route.write ? (await keyRows()) - keysBefore : 0;
  if (route.write && added !== 2 * route.requests.length)
    throw new Error(`${route.title}: ${2 * route.requests.length} replays stored ${added} idempotency rows`);
}

/**
 * When autocannon stops, up to `connections` requests are still being served (on PGlite they
 * advance one statement at a time, interleaved, so they may all still be running); they would
 * queue in front of the next run. Drained: the replay server serves none, and nobody has touched
 * the database for 300 ms (recorder.ts quiet()).
 */
async function drain(): Promise<void> {
  const until = Date.now() + 180_000;
  while (replay.inFlight() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  await driver.quiet(300);
}

console.log(
  `\n${rounds} round(s) of ${duration} s per route, connection count and target${warmup > 0 ? `, after a ${warmup} s warm-up each` : ""}:`,
);
const load = startLoad();
const titles = new Map(routes.map((r) => [r.name, r.title]));
try {
  const all = await measure(load, routes, {
    urls: { broen: broenUrl, replay: replay.url },
    headersOf,
    connections,
    duration,
    warmup,
    rounds,
    drain,
    onResult: (m) => console.log(runLine(m, titles.get(m.route) ?? m.route)),
  });
  printSummary(summarise(routes, all), rounds);
  console.log(`load average at the end: ${load1()} (other work on the machine moves every number)`);
} finally {
  load.close();
  await replay.app.close();
  await app.close();
  await database.close();
  console.log(`\nBroen's log: ${(statSync(logFile).size / 1e6).toFixed(1)} MB in ${logFile}`);
  if (!option("log")) rmSync(logFile, { force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
