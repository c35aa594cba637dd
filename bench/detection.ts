/**
 * Issue 3 budget: opening the detection form and saving it, < 150 ms server time at p95
 * with the demo data. Runs the app in-process (app.inject, so no network in the numbers —
 * bench/http measures over TCP with logging) on a fresh PGlite with the demo municipality, or on
 * PostgreSQL with DATABASE_URL (an empty database: it is seeded).
 *
 * Like with like (issue 19, point 6): each route stands next to exactly the statements it sent
 * for the same citizen, recorded at the driver for one real request (support.ts recordRoute) —
 * "replay": all of them (session lookup, BEGIN, data, audit, idempotency row, COMMIT; a save's
 * replay with a fresh Idempotency-Key and fresh ids, so it stores a screening as the route does);
 * "data": only the data statements. Opening the form is two requests (the questionnaire and the
 * citizen), so its replay is both recordings; saving is held against its own statements, not
 * against reads. The citizens rotate over the first 20 of the list, each recorded during the
 * warm-up.
 *
 *   npx tsx bench/detection.ts [iterations]
 */
import { openBench, pct, ratio, recordRoute, time, timingLine as line } from "./support.js";

const iterations = Number(process.argv[2] ?? 200);
const CITIZENS = 20;
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
const citizens = list.items.slice(0, CITIZENS).map((c) => c.id);

const openRequests = (citizenId: string) =>
  [
    { method: "GET" as const, url: `/api/questionnaires/${tils}`, headers },
    { method: "GET" as const, url: `/api/citizens/${citizenId}`, headers },
  ] as const;
const saveRequest = (citizenId: string) => ({
  method: "POST" as const,
  url: `/api/citizens/${citizenId}/screenings`,
  headers,
  payload: {
    questionnaireId: tils,
    answers: { isoleret: "ofte", savner_nogen: "en_gang_imellem", udenfor: "sjaeldent" },
    consent: "not_asked",
  },
});

// One recording per citizen (they are also the warm-up): the open form's two requests and a save.
const recorded = [];
for (const citizenId of citizens) {
  const [questionnaire, citizen] = openRequests(citizenId);
  recorded.push({
    citizenId,
    open: [await recordRoute(database, app, questionnaire), await recordRoute(database, app, citizen)],
    save: await recordRoute(database, app, saveRequest(citizenId), 201),
  });
}
const warmups = 10;
const m = {
  open: [] as number[],
  openReplay: [] as number[],
  openData: [] as number[],
  save: [] as number[],
  saveReplay: [] as number[],
  saveData: [] as number[],
};
for (let i = -warmups; i < iterations; i++) {
  const r = recorded[(i + warmups) % recorded.length]!;
  const times = {
    open: await time(async () => {
      for (const request of openRequests(r.citizenId)) {
        const res = await app.inject(request);
        if (res.statusCode !== 200) throw new Error(`open failed ${res.statusCode} ${res.body}`);
      }
    }),
    openReplay: await time(async () => {
      for (const rec of r.open) await rec.replay();
    }),
    openData: await time(async () => {
      for (const rec of r.open) await rec.data();
    }),
    save: await time(async () => {
      const res = await app.inject({
        ...saveRequest(r.citizenId),
        headers: { ...headers, "idempotency-key": `bench-${Date.now()}-${i}` },
      });
      if (res.statusCode !== 201) throw new Error(`save failed ${res.statusCode} ${res.body}`);
    }),
    saveReplay: await time(() => r.save.replay()),
    saveData: await time(() => r.save.data()),
  };
  if (i < 0) continue;
  for (const [k, v] of Object.entries(times)) m[k as keyof typeof m].push(v);
}

const first = recorded[0]!;
const ratios = (broen: number[], replay: number[], data: number[]) =>
  `ratio Broen/replay p50 ${(pct(broen, 50) / pct(replay, 50)).toFixed(1)} p95 ${ratio(broen, replay)}   Broen/data p50 ${(pct(broen, 50) / pct(data, 50)).toFixed(1)} p95 ${ratio(broen, data)}`;
console.log(
  `Broen detection form, ${iterations} iterations on ${database.kind} (app.inject, ${warmups} warm-up rounds, ${citizens.length} citizens)`,
);
console.log(line("open form (questionnaire + citizen)", m.open));
console.log(
  line(`  replay, all ${first.open.reduce((n, r) => n + r.count.all, 0)} statements`, m.openReplay),
);
console.log(line(`  data statements only (${first.open.reduce((n, r) => n + r.count.data, 0)})`, m.openData));
console.log(`  ${ratios(m.open, m.openReplay, m.openData)}`);
console.log(line("save screening (idempotent write)", m.save));
console.log(line(`  replay, all ${first.save.count.all} statements`, m.saveReplay));
console.log(line(`  data statements only (${first.save.count.data})`, m.saveData));
console.log(`  ${ratios(m.save, m.saveReplay, m.saveData)}`);
console.log(
  `budget: p95 < 150 ms — open ${pct(m.open, 95) < 150 ? "OK" : "OVER"}, save ${pct(m.save, 95) < 150 ? "OK" : "OVER"}`,
);

await close();
