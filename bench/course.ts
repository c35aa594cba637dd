/**
 * Issue 4 budgets, with the demo data: registering a clip < 50 ms server time at p95; the
 * citizen timeline with 200 events < 300 ms. Runs the app in-process (app.inject: no network
 * in the numbers — bench/http measures over TCP with logging) on a fresh PGlite with the demo
 * municipality, or on PostgreSQL with DATABASE_URL (an empty database is seeded).
 *
 * Like with like (issue 19, point 6): next to each route stand exactly the statements it sent,
 * recorded at the driver for one real request (support.ts recordRoute) — "replay": all of them,
 * session lookup, BEGIN, data, audit, idempotency row, COMMIT, on the connections the route used
 * (a registration's replay with a fresh Idempotency-Key and fresh ids, so it writes a clip as the
 * route does); "data": only the route's data statements. Ten warm-up rounds of each come first,
 * then the three alternate.
 *
 *   npx tsx bench/course.ts [iterations]
 */
import { copenhagenDate } from "../src/domain/time.js";
import {
  expectStatus as ok,
  openBench,
  pct,
  ratio,
  recordRoute,
  time,
  timingLine as line,
} from "./support.js";

const iterations = Math.min(Number(process.argv[2] ?? 200), 190);
const WARMUP = 10;
const { app, database, session, close } = await openBench();
const coordinator = await session("koordinator");
const worker = await session("hjemmehjaelper");

// A demo course of a Hjemmeplejen citizen, with enough accompaniment clips granted for the run (a manager's recorded exception).
const caseload = (await ok(
  app.inject({ method: "GET", url: "/api/courses/caseload", headers: coordinator }),
)) as { id: string; stage: string; citizen: { id: string } }[];
const manager = await session("leder");
let course: { id: string; citizen: { id: string } } | undefined;
for (const c of caseload.filter((x) => x.stage !== "clarification")) {
  const card = (await ok(
    app.inject({ method: "GET", url: `/api/courses/${c.id}/card`, headers: worker }),
  )) as { clips: { provider: { name: string } }[] };
  if (card.clips.some((clip) => clip.provider.name === "Hjemmeplejen")) {
    course = c;
    break;
  }
}
if (!course) throw new Error("no demo course of Hjemmeplejen found");
// Broen's registrations, the replays' and the data statements' each write a done clip on the course:
// grants (at most 100 clips each) for all of them, warm-ups included.
for (let g = 0; g < Math.ceil((3 * (iterations + WARMUP) + 2) / 100); g++) {
  await ok(
    app.inject({
      method: "POST",
      url: `/api/courses/${course.id}/grants`,
      headers: manager,
      payload: {
        kind: "accompaniment",
        clips: 100,
        minutesPerClip: 60,
        exceptionReason: `Benchmark ${g + 1}`,
      },
    }),
    201,
  );
}
const today = copenhagenDate(new Date());
const registration = {
  method: "POST" as const,
  url: `/api/courses/${course.id}/clip-registrations`,
  payload: {
    kind: "accompaniment",
    accompanimentForm: "to_from",
    performedOn: today,
    outcome: "done",
    actualMinutes: 60,
    note: "Benchmark",
  },
};
const timelineRequest = {
  method: "GET" as const,
  url: `/api/citizens/${course.citizen.id}/timeline?limit=200`,
  headers: coordinator,
};

/** Broen's route, its replay and its data statements, alternating after the warm-up. */
async function compare(
  route: () => Promise<unknown>,
  recording: Awaited<ReturnType<typeof recordRoute>>,
  runs: number,
) {
  const out = { broen: [] as number[], replay: [] as number[], data: [] as number[] };
  for (let i = -WARMUP; i < runs; i++) {
    const b = await time(route);
    const r = await time(() => recording.replay());
    const d = await time(() => recording.data());
    if (i < 0) continue;
    out.broen.push(b);
    out.replay.push(r);
    out.data.push(d);
  }
  return out;
}

const registerRecording = await recordRoute(database, app, { ...registration, headers: worker }, 201);
let n = 0;
const register = await compare(
  () =>
    ok(
      app.inject({
        ...registration,
        headers: { ...worker, "idempotency-key": `bench-clip-${Date.now()}-${n++}` },
      }),
      201,
    ),
  registerRecording,
  iterations,
);

// The timeline of the same citizen, who now has well over 200 events (recorded after the registrations).
const timelineRecording = await recordRoute(database, app, timelineRequest);
let events = 0;
const timeline = await compare(
  async () => {
    events = ((await ok(app.inject(timelineRequest))) as unknown[]).length;
  },
  timelineRecording,
  Math.min(iterations, 100),
);

const show = (name: string, r: typeof register, rec: typeof registerRecording) => {
  console.log(line(`${name} (${r.broen.length}×)`, r.broen));
  console.log(line(`  replay, all ${rec.count.all} statements`, r.replay));
  console.log(line(`  data statements only (${rec.count.data})`, r.data));
  console.log(
    `  ratio Broen/replay p50 ${(pct(r.broen, 50) / pct(r.replay, 50)).toFixed(1)} p95 ${ratio(r.broen, r.replay)}   Broen/data p50 ${(pct(r.broen, 50) / pct(r.data, 50)).toFixed(1)} p95 ${ratio(r.broen, r.data)}`,
  );
};
console.log(`Broen course and punch card, on ${database.kind} (app.inject, ${WARMUP} warm-up rounds)`);
show("register a clip", register, registerRecording);
show(`citizen timeline, ${events} events`, timeline, timelineRecording);
console.log(
  `budgets: register p95 < 50 ms ${pct(register.broen, 95) < 50 ? "OK" : "OVER"}; timeline (200 events) p95 < 300 ms ${pct(timeline.broen, 95) < 300 ? "OK" : "OVER"}`,
);

await close();
