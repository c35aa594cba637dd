/**
 * Issue 4 budgets, with the demo data: registering a clip < 50 ms server time at p95; the
 * citizen timeline with 200 events < 300 ms. Runs the app in-process (app.inject: no network
 * in the numbers) on a fresh PGlite with the demo municipality, or on PostgreSQL with
 * DATABASE_URL (an empty database is seeded). Prints p50/p95 next to the raw SQL the route
 * cannot avoid, as a ratio.
 *
 *   npx tsx bench/course.ts [iterations]
 */
import { sql } from "drizzle-orm";
import { copenhagenDate } from "../src/domain/time.js";
import { expectStatus as ok, openBench, pct, ratio, time, timingLine as line } from "./support.js";

const iterations = Number(process.argv[2] ?? 200);
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
await ok(
  app.inject({
    method: "POST",
    url: `/api/courses/${course.id}/grants`,
    headers: manager,
    payload: { kind: "accompaniment", clips: 100, minutesPerClip: 60, exceptionReason: "Benchmark" },
  }),
  201,
);
await ok(
  app.inject({
    method: "POST",
    url: `/api/courses/${course.id}/grants`,
    headers: manager,
    payload: {
      kind: "accompaniment",
      clips: 100,
      minutesPerClip: 60,
      exceptionReason: "Benchmark, anden bevilling",
    },
  }),
  201,
);
const today = copenhagenDate(new Date());

const register: number[] = [];
const rawRegister: number[] = [];
for (let i = 0; i < Math.min(iterations, 199); i++) {
  register.push(
    await time(() =>
      ok(
        app.inject({
          method: "POST",
          url: `/api/courses/${course.id}/clip-registrations`,
          headers: { ...worker, "idempotency-key": `bench-clip-${Date.now()}-${i}` },
          payload: {
            kind: "accompaniment",
            accompanimentForm: "to_from",
            performedOn: today,
            outcome: "done",
            actualMinutes: 60,
            note: "Benchmark",
          },
        }),
        201,
      ),
    ),
  );
  rawRegister.push(
    await time(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select id from courses where id = ${course.id} for update`);
        await tx.execute(sql`select kind, clips from clip_grants where course_id = ${course.id}`);
        await tx.execute(sql`select kind, status from clips where course_id = ${course.id}`);
        await tx.execute(sql`select 1`);
      }),
    ),
  );
}

// The timeline of the same citizen, who now has well over 200 events.
const timeline: number[] = [];
const rawTimeline: number[] = [];
let events = 0;
for (let i = 0; i < Math.min(iterations, 100); i++) {
  timeline.push(
    await time(async () => {
      const list = (await ok(
        app.inject({
          method: "GET",
          url: `/api/citizens/${course.citizen.id}/timeline?limit=200`,
          headers: coordinator,
        }),
      )) as unknown[];
      events = list.length;
    }),
  );
  rawTimeline.push(
    await time(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(
          sql`select * from clips where citizen_id = ${course.citizen.id} order by created_at desc limit 200`,
        );
      }),
    ),
  );
}

console.log(`Broen course and punch card, on ${database.kind}`);
console.log(line(`register a clip (${register.length}×)`, register));
console.log(line("raw SQL (lock + card reads)", rawRegister));
console.log(line(`citizen timeline, ${events} events (${timeline.length}×)`, timeline));
console.log(line("raw SQL (200 clips of the citizen)", rawTimeline));
console.log(
  `ratio register/raw p95: ${ratio(register, rawRegister)}   ratio timeline/raw p95: ${ratio(timeline, rawTimeline)}`,
);
console.log(
  `budgets: register p95 < 50 ms ${pct(register, 95) < 50 ? "OK" : "OVER"}; timeline (200 events) p95 < 300 ms ${pct(timeline, 95) < 300 ? "OK" : "OVER"}`,
);

await close();
