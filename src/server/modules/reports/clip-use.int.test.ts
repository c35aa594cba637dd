/**
 * Punch-card use from the monthly sums (issue 19 point 3, decision 0089 amended): clip_use_months
 * is exactly the sum of the clips after every kind of write — the app's plan, registration,
 * cancellation and erasure, and plain SQL inserts, updates and deletes of many rows — and the
 * report answers, for periods cut anywhere in a month, what the clips themselves say. Merging the
 * change rows (the nightly job) changes no answer.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { ACCOMPANIMENT_FORMS } from "../../../domain/course/vocabulary.js";
import { distribution } from "../../../domain/reporting/statistics.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type { UsageReport } from "../../../shared/api/reports.js";
import { rawRows } from "../../db/client.js";
import { clipUseMonths, clips } from "../../db/schema/index.js";
import { CLIP_USE_COMPACT_JOB, compactClipUse } from "./clip-use.js";

let t: TestApp;
let coordinator: Client;
let manager: Client;
const today = copenhagenDate(new Date());

type Kind = "accompaniment" | "participation" | "conversation" | "follow_up";
type Status = "planned" | "done" | "cancelled";
interface TestClip {
  id: string;
  course: number;
  kind: Kind;
  status: Status;
  form: (typeof ACCOMPANIMENT_FORMS)[number] | null;
  minutes: number | null;
  day: string;
  provider: "publicProvider" | "privateProviderA";
}
/** The clips the test wrote with SQL, kept in step with every change it makes. */
const written: TestClip[] = [];
const courseIds: string[] = [];
const citizenIds: string[] = [];
const districtOfCourse: string[] = [];

async function openCourse(district: "north" | "south"): Promise<void> {
  const c = await insertCitizen(t.db, t.tenant, {
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts[district].id,
  });
  const course = (
    await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" })
  ).json() as CourseDetail;
  courseIds.push(course.id);
  citizenIds.push(c.id);
  districtOfCourse.push(district === "north" ? "Distrikt Nord" : "Distrikt Syd");
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The clips' own sums per key, and the table's: they must be equal in every snapshot. */
async function sumsMatchClips(): Promise<void> {
  const fromTable = await rawRows<Record<string, unknown>>(
    t.db,
    sql`select month::text as month, course_id, citizen_id, kind, status, provider_organisation_id, accompaniment_form,
        sum(clips)::int as clips, sum(minutes)::int as minutes
      from clip_use_months group by 1, 2, 3, 4, 5, 6, 7 having sum(clips) <> 0 or sum(minutes) <> 0 order by 1, 2, 3, 4, 5, 6, 7`,
  );
  const fromClips = await rawRows<Record<string, unknown>>(
    t.db,
    sql`select date_trunc('month', coalesce(performed_on, planned_on)::timestamp)::date::text as month, course_id, citizen_id, kind,
        status, provider_organisation_id, accompaniment_form, count(*)::int as clips, coalesce(sum(actual_minutes), 0)::int as minutes
      from clips where coalesce(performed_on, planned_on) is not null group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`,
  );
  expect(fromTable).toEqual(fromClips);
}

/** What punch-card use must say about the SQL-written clips of a period (the courses above only). */
function expected(from: string, to: string) {
  const inPeriod = written.filter((c) => c.day >= from && c.day <= to);
  const lines = (xs: TestClip[]) =>
    [...new Set(xs.map((c) => c.kind))].sort().map((kind) => {
      const of = (s: Status) => xs.filter((c) => c.kind === kind && c.status === s);
      return [
        kind,
        of("planned").length,
        of("done").length,
        of("done").reduce((a, c) => a + (c.minutes ?? 0), 0),
        of("cancelled").length,
      ];
    });
  const perCourse = courseIds
    .map((_, i) => inPeriod.filter((c) => c.course === i && c.status === "done"))
    .filter((xs) => xs.length > 0);
  const accompanimentDone = inPeriod.filter((c) => c.kind === "accompaniment" && c.status === "done");
  return {
    kinds: lines(inPeriod),
    byDistrict: [...new Set(districtOfCourse)].sort().flatMap((name) => {
      const xs = inPeriod.filter((c) => districtOfCourse[c.course] === name);
      return xs.length > 0 ? [[name, lines(xs)]] : [];
    }),
    byProvider: (["publicProvider", "privateProviderA"] as const)
      .map((p) => [t.tenant.orgs[p].name, lines(inPeriod.filter((c) => c.provider === p))] as const)
      .filter(([, l]) => l.length > 0)
      .sort((a, b) => a[0].localeCompare(b[0], "da")),
    forms: [...ACCOMPANIMENT_FORMS, null].flatMap((form) => {
      const n = accompanimentDone.filter((c) => c.form === form).length;
      return n > 0 ? [{ form, count: { value: n, suppressed: false } }] : [];
    }),
    minutesPerCourse: distribution(perCourse.map((xs) => xs.reduce((a, c) => a + (c.minutes ?? 0), 0))),
    accompanimentClipsPerCourse: distribution(
      perCourse.map((xs) => xs.filter((c) => c.kind === "accompaniment").length),
    ),
  };
}

async function actual(from: string, to: string) {
  const r = (await manager.get(`/api/reports/punch-card?from=${from}&to=${to}`)).json() as UsageReport;
  const lines = (ks: UsageReport["kinds"]) =>
    ks
      .filter((k) => k.planned.value! + k.used.value! + k.cancelled.value! > 0)
      .map((k) => [k.kind, k.planned.value, k.used.value, k.usedMinutes.value, k.cancelled.value]);
  return {
    kinds: lines(r.kinds),
    byDistrict: r.byDistrict.map((d) => [d.name, lines(d.kinds)]),
    byProvider: r.byProvider.map((p) => [p.name, lines(p.kinds)] as const),
    forms: r.accompanimentByForm,
    minutesPerCourse: r.minutesPerCourse,
    accompanimentClipsPerCourse: r.accompanimentClipsPerCourse,
  };
}

/** Periods cut at month ends, a few days into a month, most of a month, inside one month, across a year. */
const PERIODS: [string, string][] = [
  ["2025-10-01", "2026-04-30"],
  ["2025-10-25", "2026-04-03"],
  ["2025-11-03", "2026-03-29"],
  ["2026-01-10", "2026-01-20"],
  ["2026-01-02", "2026-01-30"],
  ["2025-12-31", "2026-01-01"],
  ["2026-02-14", "2026-03-15"],
  ["2024-01-01", "2027-12-31"],
];

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  manager = await t.as("manager");
  await openCourse("north");
  await openCourse("north");
  await openCourse("south");
  // ~60 clips from late October to mid-April, every kind, status and form, two carrying organisations.
  const kinds: Kind[] = ["accompaniment", "accompaniment", "participation", "conversation", "follow_up"];
  const statuses: Status[] = ["done", "done", "cancelled", "planned", "done"];
  for (let i = 0; i < 60; i++) {
    const kind = kinds[i % kinds.length]!;
    const status = statuses[(i * 7) % statuses.length]!;
    written.push({
      id: crypto.randomUUID(),
      course: i % 3,
      kind,
      status,
      form:
        kind === "accompaniment"
          ? i % 11 === 0
            ? null
            : ACCOMPANIMENT_FORMS[i % ACCOMPANIMENT_FORMS.length]!
          : null,
      minutes: status === "done" ? 15 + ((i * 37) % 150) : null,
      day: addDays("2025-10-20", i * 3),
      provider: i % 4 === 0 ? "privateProviderA" : "publicProvider",
    });
  }
  const m = t.tenant.municipality.id;
  await t.db.insert(clips).values(
    written.map((c) => ({
      id: c.id,
      municipalityId: m,
      courseId: courseIds[c.course]!,
      citizenId: citizenIds[c.course]!,
      providerOrganisationId: t.tenant.orgs[c.provider].id,
      kind: c.kind,
      accompanimentForm: c.form,
      status: c.status,
      plannedOn: c.status === "done" ? null : c.day,
      performedOn: c.status === "done" ? c.day : null,
      actualMinutes: c.minutes,
    })),
  );
});
afterAll(() => t?.close());

describe("the monthly sums of punch-card use", () => {
  it("are the clips' own sums after a bulk insert", async () => {
    await sumsMatchClips();
  });

  it("answer punch-card use as the clips do, for periods cut anywhere in a month", async () => {
    for (const [from, to] of PERIODS)
      expect(await actual(from, to), `${from} – ${to}`).toEqual(expected(from, to));
  });

  it("follow updates of many rows at once (registered, moved to another month, re-carried) and deletes", async () => {
    // Every planned clip registered as done with 40 minutes (as registering a planned clip does, in bulk).
    const planned = written.filter((c) => c.status === "planned");
    expect(planned.length).toBeGreaterThan(3);
    await t.db.execute(
      sql`update clips set status = 'done', performed_on = planned_on, actual_minutes = 40 where status = 'planned' and municipality_id = ${t.tenant.municipality.id}`,
    );
    for (const c of planned) Object.assign(c, { status: "done", minutes: 40 });
    // Clips moved into the next month, and carried by the other organisation.
    const moved = written.filter((c) => c.status === "done").slice(0, 5);
    for (const c of moved) {
      await t.db
        .update(clips)
        .set({ performedOn: addDays(c.day, 20), providerOrganisationId: t.tenant.orgs.publicProvider.id })
        .where(eq(clips.id, c.id));
      Object.assign(c, { day: addDays(c.day, 20), provider: "publicProvider" });
    }
    // A note changed (nothing counted): no change row.
    const before = (await t.db.select().from(clipUseMonths)).length;
    await t.db.update(clips).set({ note: "Ny note" }).where(eq(clips.id, written[1]!.id));
    expect((await t.db.select().from(clipUseMonths)).length).toBe(before);
    // Three clips deleted in one statement.
    const gone = written.splice(10, 3);
    await t.db.execute(
      sql`delete from clips where id in (${sql.join(
        gone.map((c) => sql`${c.id}::uuid`),
        sql`, `,
      )})`,
    );
    await sumsMatchClips();
    for (const [from, to] of PERIODS)
      expect(await actual(from, to), `${from} – ${to}`).toEqual(expected(from, to));
  });

  it("merges each key's change rows into one without changing an answer, and the nightly job does the same", async () => {
    // Change rows: minutes corrected on some clips, some done clips cancelled after all.
    for (const c of written.filter((x) => x.status === "done").slice(0, 8)) {
      await t.db
        .update(clips)
        .set({ actualMinutes: c.minutes! + 5 })
        .where(eq(clips.id, c.id));
      c.minutes! += 5;
    }
    for (const c of written.filter((x) => x.status === "done").slice(8, 11)) {
      await t.db
        .update(clips)
        .set({ status: "cancelled", performedOn: null, plannedOn: c.day, actualMinutes: null })
        .where(eq(clips.id, c.id));
      Object.assign(c, { status: "cancelled", minutes: null });
    }
    const answers = await Promise.all(PERIODS.map(([from, to]) => actual(from, to)));
    expect(answers).toEqual(PERIODS.map(([from, to]) => expected(from, to)));
    const rows = async () => (await t.db.select().from(clipUseMonths)).length;
    const before = await rows();
    const result = await t.db.transaction((tx) => compactClipUse(tx, t.tenant.municipality.id));
    expect(result.merged).toBeGreaterThan(result.written);
    expect(await rows()).toBe(before - result.merged + result.written);
    const [most] = await rawRows<{ n: number }>(
      t.db,
      sql`select coalesce(max(n), 0)::int as n from (select count(*) as n from clip_use_months
        group by municipality_id, month, course_id, kind, status, provider_organisation_id, accompaniment_form) k`,
    );
    expect(most!.n).toBe(1);
    expect(await rawRows(t.db, sql`select 1 from clip_use_months where clips = 0 and minutes = 0`)).toEqual(
      [],
    );
    await sumsMatchClips();
    expect(await Promise.all(PERIODS.map(([from, to]) => actual(from, to)))).toEqual(answers);

    // A change row again, then the job: merged, nothing else changes.
    await t.db
      .update(clips)
      .set({ actualMinutes: 41 })
      .where(eq(clips.id, written.find((c) => c.status === "done")!.id));
    written.find((c) => c.status === "done")!.minutes = 41;
    await t.app.jobs.enqueue(CLIP_USE_COMPACT_JOB);
    expect((await t.app.jobs.runDueJobs(CLIP_USE_COMPACT_JOB)).completed).toHaveLength(1);
    const [after] = await rawRows<{ n: number }>(
      t.db,
      sql`select coalesce(max(n), 0)::int as n from (select count(*) as n from clip_use_months
        group by municipality_id, month, course_id, kind, status, provider_organisation_id, accompaniment_form) k`,
    );
    expect(after!.n).toBe(1);
    await sumsMatchClips();
    for (const [from, to] of PERIODS)
      expect(await actual(from, to), `${from} – ${to}`).toEqual(expected(from, to));
  });

  it("follow the app's own writes: plan, register, cancel, and an erasure leaves no row naming the citizen", async () => {
    const worker = await t.as("home_care_worker");
    const planner = await t.as("planner");
    await openCourse("south");
    const courseId = courseIds.at(-1)!;
    const citizenId = citizenIds.at(-1)!;
    expect(
      (
        await coordinator.post(`/api/courses/${courseId}/grants`, {
          kind: "accompaniment",
          clips: 5,
          minutesPerClip: 90,
        })
      ).statusCode,
    ).toBe(201);
    const plan = (plannedStart: string) =>
      planner.post(`/api/courses/${courseId}/clips`, {
        kind: "accompaniment",
        accompanimentForm: "to_from",
        plannedOn: today,
        plannedStart,
        plannedMinutes: 60,
        workerUserId: t.tenant.users.home_care_worker.id,
      });
    const first = await plan("09:00");
    const second = await plan("13:00");
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    await sumsMatchClips();
    const registered = await worker.post(`/api/courses/${courseId}/clip-registrations`, {
      clipId: (first.json() as { id: string }).id,
      kind: "accompaniment",
      performedOn: today,
      outcome: "done",
      actualMinutes: 75,
    });
    expect(registered.statusCode).toBe(201);
    expect(
      (await planner.post(`/api/clips/${(second.json() as { id: string }).id}/cancel`, { reason: "Flyttet" }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await worker.post(`/api/courses/${courseId}/clip-registrations`, {
          kind: "accompaniment",
          accompanimentForm: "before_departure",
          performedOn: today,
          outcome: "done",
          actualMinutes: 30,
        })
      ).statusCode,
    ).toBe(201);
    await sumsMatchClips();
    const mine = await rawRows<{ status: string; clips: number; minutes: number }>(
      t.db,
      sql`select status, sum(clips)::int as clips, sum(minutes)::int as minutes from clip_use_months
        where citizen_id = ${citizenId} group by status having sum(clips) <> 0 order by status`,
    );
    expect(mine).toEqual([
      { status: "cancelled", clips: 1, minutes: 0 },
      { status: "done", clips: 2, minutes: 105 },
    ]);

    const admin = await t.as("administrator");
    expect(
      (await admin.post(`/api/citizens/${citizenId}/erasure`, { reason: "Registreret ved en fejl" }))
        .statusCode,
    ).toBe(200);
    expect(
      await rawRows(
        t.db,
        sql`select 1 from clip_use_months where citizen_id = ${citizenId} or course_id = ${courseId}`,
      ),
    ).toEqual([]);
    await sumsMatchClips();
  });
});
