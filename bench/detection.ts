/**
 * Issue 3 budget: opening the detection form and saving it, < 150 ms server time at p95
 * with the demo data. Runs the app in-process (app.inject, so no network in the numbers)
 * on a fresh PGlite with the demo municipality, or on PostgreSQL with DATABASE_URL
 * (an empty database: it is seeded). Prints p50/p95 and the ratio to the raw SQL the
 * route cannot avoid (one insert + one select of the same shape).
 *
 *   npx tsx bench/detection.ts [iterations]
 */
import { sql } from "drizzle-orm";
import { openBench, pct, ratio, time, timingLine as line } from "./support.js";

const iterations = Number(process.argv[2] ?? 200);
const { app, database, session, close } = await openBench();
const headers = await session("hjemmehjaelper");
const list = (await app.inject({ method: "GET", url: "/api/citizens?pageSize=100", headers })).json() as {
  items: { id: string }[];
};
const questionnaires = (await app.inject({ method: "GET", url: "/api/questionnaires", headers })).json() as {
  id: string;
  key: string;
}[];
const tils = questionnaires.find((q) => q.key === "t-ils")!.id;

const open: number[] = [];
const save: number[] = [];
const raw: number[] = [];
for (let i = 0; i < iterations; i++) {
  const citizenId = list.items[i % list.items.length]!.id;
  open.push(
    await time(async () => {
      const a = await app.inject({ method: "GET", url: `/api/questionnaires/${tils}`, headers });
      const b = await app.inject({ method: "GET", url: `/api/citizens/${citizenId}`, headers });
      if (a.statusCode !== 200 || b.statusCode !== 200)
        throw new Error(`open failed ${a.statusCode} ${b.statusCode}`);
    }),
  );
  save.push(
    await time(async () => {
      const r = await app.inject({
        method: "POST",
        url: `/api/citizens/${citizenId}/screenings`,
        headers: { ...headers, "idempotency-key": `bench-${Date.now()}-${i}` },
        payload: {
          questionnaireId: tils,
          answers: { isoleret: "ofte", savner_nogen: "en_gang_imellem", udenfor: "sjaeldent" },
          consent: "not_asked",
        },
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

console.log(`Broen detection form, ${iterations} iterations on ${database.kind}`);
console.log(line("open form (questionnaire + citizen)", open));
console.log(line("save screening (idempotent write)", save));
console.log(line("raw SQL (citizen + screening read)", raw));
console.log(`ratio open/raw p95: ${ratio(open, raw)}   ratio save/raw p95: ${ratio(save, raw)}`);
console.log(
  `budget: p95 < 150 ms — open ${pct(open, 95) < 150 ? "OK" : "OVER"}, save ${pct(save, 95) < 150 ? "OK" : "OVER"}`,
);

await close();
