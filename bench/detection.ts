/**
 * Issue 3 budget: opening the detection form and saving it, < 150 ms server time at p95
 * with the demo data. Runs the app in-process (app.inject, so no network in the numbers)
 * on a fresh PGlite with the demo municipality, or on PostgreSQL with DATABASE_URL
 * (an empty database: it is seeded). Prints p50/p95 and the ratio to the raw SQL the
 * route cannot avoid (one insert + one select of the same shape).
 *
 *   npx tsx bench/detection.ts [iterations]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { buildApp } from "../src/server/app.js";
import { openDatabase } from "../src/server/db/client.js";
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../src/server/seed/demo.js";

const iterations = Number(process.argv[2] ?? 200);
const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), "broen-bench-"));
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir });
await database.migrate();
if (await isEmpty(database.db)) await seedDemo(database.db);
const app = await buildApp({ database, webDir: null, loginRateLimit: 1_000_000 });
await app.ready();

const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "hjemmehjaelper", password: DEMO_PASSWORD } });
const cookie = `broen_session=${login.cookies.find((c) => c.name === "broen_session")!.value}`;
const headers = { cookie, "content-type": "application/json" };
const list = (await app.inject({ method: "GET", url: "/api/citizens?pageSize=100", headers })).json() as { items: { id: string }[] };
const questionnaires = (await app.inject({ method: "GET", url: "/api/questionnaires", headers })).json() as { id: string; key: string }[];
const tils = questionnaires.find((q) => q.key === "t-ils")!.id;

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const open: number[] = [];
const save: number[] = [];
const raw: number[] = [];
for (let i = 0; i < iterations; i++) {
  const citizenId = list.items[i % list.items.length]!.id;
  open.push(
    await time(async () => {
      const a = await app.inject({ method: "GET", url: `/api/questionnaires/${tils}`, headers });
      const b = await app.inject({ method: "GET", url: `/api/citizens/${citizenId}`, headers });
      if (a.statusCode !== 200 || b.statusCode !== 200) throw new Error(`open failed ${a.statusCode} ${b.statusCode}`);
    }),
  );
  save.push(
    await time(async () => {
      const r = await app.inject({
        method: "POST",
        url: `/api/citizens/${citizenId}/screenings`,
        headers: { ...headers, "idempotency-key": `bench-${Date.now()}-${i}` },
        payload: { questionnaireId: tils, answers: { isoleret: "ofte", savner_nogen: "en_gang_imellem", udenfor: "sjaeldent" }, consent: "not_asked" },
      });
      if (r.statusCode !== 201) throw new Error(`save failed ${r.statusCode} ${r.body}`);
    }),
  );
  raw.push(
    await time(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select * from citizens where id = ${citizenId}`);
        await tx.execute(sql`select 1 from screenings where citizen_id = ${citizenId} limit 1`);
      }),
    ),
  );
}

const line = (name: string, v: number[]) => `${name.padEnd(34)} p50 ${pct(v, 50).toFixed(1).padStart(6)} ms   p95 ${pct(v, 95).toFixed(1).padStart(6)} ms`;
console.log(`Broen detection form, ${iterations} iterations on ${database.kind}`);
console.log(line("open form (questionnaire + citizen)", open));
console.log(line("save screening (idempotent write)", save));
console.log(line("raw SQL (citizen + screening read)", raw));
console.log(`ratio open/raw p95: ${(pct(open, 95) / pct(raw, 95)).toFixed(1)}   ratio save/raw p95: ${(pct(save, 95) / pct(raw, 95)).toFixed(1)}`);
console.log(`budget: p95 < 150 ms — open ${pct(open, 95) < 150 ? "OK" : "OVER"}, save ${pct(save, 95) < 150 ? "OK" : "OVER"}`);

await app.close();
await database.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
