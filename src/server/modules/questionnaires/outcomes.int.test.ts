import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import { addDays, formatISO, parseISO, subMonths } from "date-fns";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import { auditEvents, outcomeMeasurements, screenings } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "./service.js";

let t: TestApp;
let coordinator: Client;
let tils: { id: string; items: { id: string; options: { id: string; score: number }[] }[] };
beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  coordinator = await t.as("community_coordinator");
  const list = (await coordinator.get("/api/questionnaires")).json() as {
    id: string;
    key: string;
    definition: typeof tils;
  }[];
  const found = list.find((q) => q.key === "t-ils")!;
  tils = { ...found.definition, id: found.id };
});
afterAll(() => t.close());

async function openCourse(): Promise<CourseDetail> {
  const c = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.publicProvider.id });
  return (await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" })).json() as CourseDetail;
}

/** Moves the course's answered baseline back in time, so today is that far after it. */
async function baselineAgo(courseId: string, months: number, plusDays = 0) {
  // Noon in Copenhagen on that day: far from midnight, whatever the offset.
  const day = formatISO(addDays(subMonths(parseISO(copenhagenDate(new Date())), months), plusDays), {
    representation: "date",
  });
  const at = copenhagenInstant(day, "12:00");
  await t.db
    .update(outcomeMeasurements)
    .set({ answeredAt: at })
    .where(and(eq(outcomeMeasurements.courseId, courseId), eq(outcomeMeasurements.phase, "baseline")));
}

/** T-ILS answers all at the highest (or lowest) option. */
const answers = (lonely: boolean) =>
  Object.fromEntries(
    tils.items.map((i) => [
      i.id,
      [...i.options].sort((a, b) => (lonely ? b.score - a.score : a.score - b.score))[0]!.id,
    ]),
  );

describe("outcome measurement", () => {
  it("schedules T-ILS at baseline today and again six months later when a course opens", async () => {
    const course = await openCourse();
    const list = (await coordinator.get(`/api/courses/${course.id}/outcomes`)).json() as {
      phase: string;
      dueOn: string;
      questionnaireKey: string;
      outcome: null;
    }[];
    const today = copenhagenDate(new Date());
    expect(list.map((m) => [m.phase, m.questionnaireKey, m.outcome])).toEqual([
      ["baseline", "t-ils", null],
      ["follow_up", "t-ils", null],
    ]);
    expect(list[0]!.dueOn).toBe(today);
    const months =
      (Number(list[1]!.dueOn.slice(0, 4)) - Number(today.slice(0, 4))) * 12 +
      Number(list[1]!.dueOn.slice(5, 7)) -
      Number(today.slice(5, 7));
    expect(months).toBe(6);
  });

  it("audits reading a course's outcomes (the citizen's loneliness scores) as a read of that citizen", async () => {
    const course = await openCourse();
    const res = await coordinator.get(`/api/courses/${course.id}/outcomes`);
    expect(res.statusCode).toBe(200);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.citizenId, course.citizen.id), eq(auditEvents.entityType, "outcome_measurements")),
      );
    expect(rows).toEqual([
      expect.objectContaining({
        action: "read",
        entityId: course.id,
        actorUserId: t.tenant.users.community_coordinator.id,
      }),
    ]);
  });

  it("records the baseline once, scored, as an outcome questionnaire — not a detection form", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
      questionnaireId: tils.id,
      answers: answers(true),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().outcome).toMatchObject({ positive: true });
    const again = await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
      questionnaireId: tils.id,
      answers: answers(false),
    });
    expect(errorOf(again).code).toBe("outcome_already_recorded");
    const rows = await t.db.select().from(screenings).where(eq(screenings.citizenId, course.citizen.id));
    expect(rows.map((r) => r.purpose)).toEqual(["outcome"]);
  });

  it("names the unanswered items and writes nothing", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
      questionnaireId: tils.id,
      answers: {},
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(tils.items.map((i) => `answers.${i.id}`));
  });

  it("lists who is due: unanswered measurements due today or earlier", async () => {
    const course = await openCourse();
    const due = (await coordinator.get("/api/outcomes/due")).json() as { courseId: string; phase: string }[];
    expect(due.filter((d) => d.courseId === course.id).map((d) => d.phase)).toEqual(["baseline"]);
    await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
      questionnaireId: tils.id,
      answers: answers(false),
    });
    const after = (await coordinator.get("/api/outcomes/due")).json() as { courseId: string }[];
    expect(after.some((d) => d.courseId === course.id)).toBe(false);
  });

  it("reports the change over baseline/follow-up pairs with the number of pairs, and says when they are too few", async () => {
    for (const [before, after] of [
      [true, false],
      [true, true],
      [true, false],
    ] as const) {
      const course = await openCourse();
      await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
        questionnaireId: tils.id,
        answers: answers(before),
      });
      await baselineAgo(course.id, 6);
      expect(
        (
          await coordinator.post(`/api/courses/${course.id}/outcomes/follow_up`, {
            questionnaireId: tils.id,
            answers: answers(after),
          })
        ).statusCode,
      ).toBe(201);
    }
    const r = (
      await (
        await t.as("manager")
      ).get(`/api/reports/outcomes?from=2026-01-01&to=${copenhagenDate(new Date())}`)
    ).json() as {
      pairs: { value: number };
      lonelyAtBaseline: { value: number };
      movedOutOfLoneliness: { count: { value: number }; percent: number };
      meanChange: number;
      tooFewToConclude: boolean;
      citizens: unknown[];
    };
    expect(r.pairs.value).toBe(3);
    expect(r.lonelyAtBaseline.value).toBe(3);
    expect(r.movedOutOfLoneliness.count.value).toBe(2);
    expect(r.movedOutOfLoneliness.percent).toBe(66.7);
    expect(r.meanChange).toBeLessThan(0);
    expect(r.tooFewToConclude).toBe(true);
    expect(r.citizens).toHaveLength(3);
    const evaluator = (
      await (
        await t.as("evaluator")
      ).get(`/api/reports/outcomes?from=2026-01-01&to=${copenhagenDate(new Date())}`)
    ).json() as { pairs: { suppressed: boolean }; meanChange: null; citizens: unknown[] };
    expect(evaluator.pairs.suppressed).toBe(true);
    expect(evaluator.meanChange).toBeNull();
    expect(evaluator.citizens).toEqual([]);
  });
});

describe("the follow-up's window and a detection form as the baseline (issue 11 point 6)", () => {
  const report = async () =>
    (
      await (
        await t.as("manager")
      ).get(`/api/reports/outcomes?from=2020-01-01&to=${copenhagenDate(new Date())}`)
    ).json() as { citizens: { citizen: { id: string } }[] };

  it("refuses a follow-up outside 5–8 months after the baseline, naming the window, and writes nothing", async () => {
    const course = await openCourse();
    await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
      questionnaireId: tils.id,
      answers: answers(true),
    });
    await baselineAgo(course.id, 3);
    const res = await coordinator.post(`/api/courses/${course.id}/outcomes/follow_up`, {
      questionnaireId: tils.id,
      answers: answers(false),
    });
    expect(res.statusCode).toBe(409);
    const err = errorOf(res);
    expect(err.code).toBe("outcome_outside_window");
    expect(err.details).toMatchObject({ window: { from: expect.any(String), to: expect.any(String) } });
    expect(errorFields(res)).toEqual(["confirmOutOfWindow"]);
    const list = (await coordinator.get(`/api/courses/${course.id}/outcomes`)).json() as {
      phase: string;
      answeredAt: string | null;
      window: { from: string; to: string } | null;
    }[];
    const followUp = list.find((m) => m.phase === "follow_up")!;
    expect(followUp.answeredAt).toBeNull();
    expect(followUp.window).toEqual((err.details as { window: unknown }).window);
    expect(followUp.window!.from > copenhagenDate(new Date())).toBe(true);
  });

  it("records an out-of-window follow-up once confirmed, marks it, and never pairs it in the report", async () => {
    const course = await openCourse();
    await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
      questionnaireId: tils.id,
      answers: answers(true),
    });
    await baselineAgo(course.id, 10);
    const res = await coordinator.post(`/api/courses/${course.id}/outcomes/follow_up`, {
      questionnaireId: tils.id,
      answers: answers(false),
      confirmOutOfWindow: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ phase: "follow_up", outOfWindow: true });
    expect((await report()).citizens.some((c) => c.citizen.id === course.citizen.id)).toBe(false);
  });

  it("pairs a follow-up answered inside the window, near both ends", async () => {
    // Two days inside each end (a month's last day may be clamped); the exact ends are unit-tested.
    for (const [months, plusDays] of [
      [5, -2],
      [8, 2],
    ] as const) {
      const course = await openCourse();
      await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
        questionnaireId: tils.id,
        answers: answers(true),
      });
      await baselineAgo(course.id, months, plusDays);
      const res = await coordinator.post(`/api/courses/${course.id}/outcomes/follow_up`, {
        questionnaireId: tils.id,
        answers: answers(false),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ outOfWindow: false });
      expect((await report()).citizens.some((c) => c.citizen.id === course.citizen.id)).toBe(true);
    }
  });

  it("takes a T-ILS answered at detection in the last 14 days as the baseline, so it is not asked again", async () => {
    const worker = await t.as("home_care_worker");
    const recent = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.publicProvider.id });
    const old = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.publicProvider.id });
    for (const [c, daysAgo] of [
      [recent, 10],
      [old, 15],
    ] as const) {
      expect(
        (
          await worker.post(`/api/citizens/${c.id}/screenings`, {
            questionnaireId: tils.id,
            answers: answers(true),
            consent: "not_asked",
          })
        ).statusCode,
      ).toBe(201);
      await t.db
        .update(screenings)
        .set({ performedAt: new Date(Date.now() - daysAgo * 86_400_000) })
        .where(eq(screenings.citizenId, c.id));
    }
    const open = async (id: string) =>
      (await coordinator.post(`/api/citizens/${id}/courses`, { reason: "Test" })).json() as CourseDetail;
    const withBaseline = await open(recent.id);
    const without = await open(old.id);
    const outcomes = async (id: string) =>
      (await coordinator.get(`/api/courses/${id}/outcomes`)).json() as {
        phase: string;
        answeredAt: string | null;
        fromDetection: boolean;
        outcome: unknown;
      }[];
    expect((await outcomes(withBaseline.id)).find((m) => m.phase === "baseline")).toMatchObject({
      fromDetection: true,
      answeredAt: expect.any(String),
      outcome: expect.objectContaining({ positive: true }),
    });
    expect((await outcomes(without.id)).find((m) => m.phase === "baseline")).toMatchObject({
      fromDetection: false,
      answeredAt: null,
    });
    const due = (await coordinator.get("/api/outcomes/due")).json() as { courseId: string }[];
    expect(due.some((d) => d.courseId === withBaseline.id)).toBe(false);
    expect(due.some((d) => d.courseId === without.id)).toBe(true);
    // The detection form stays one detection form: the baseline points at it, no copy is made.
    expect(
      (await t.db.select().from(screenings).where(eq(screenings.citizenId, recent.id))).map((r) => r.purpose),
    ).toEqual(["detection"]);
  });

  it("lets an administrator change the window and the days, and refuses a window that ends before it starts", async () => {
    const admin = await t.as("administrator");
    const bad = await admin.patch("/api/evaluation/settings", {
      outcomeWindowFromMonths: 9,
      outcomeWindowToMonths: 7,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad)).toEqual(["outcomeWindowToMonths"]);
    expect(
      errorFields(await admin.patch("/api/evaluation/settings", { outcomeWindowFromMonths: 10 })),
    ).toEqual(["outcomeWindowFromMonths"]);
    expect(
      errorFields(await admin.patch("/api/evaluation/settings", { baselineFromDetectionDays: -1 })),
    ).toEqual(["baselineFromDetectionDays"]);
    expect((await admin.get("/api/evaluation/settings")).json()).toEqual({
      outcomeWindowFromMonths: 5,
      outcomeWindowToMonths: 8,
      baselineFromDetectionDays: 14,
    });
    const ok = await admin.patch("/api/evaluation/settings", {
      outcomeWindowFromMonths: 2,
      outcomeWindowToMonths: 4,
    });
    expect(ok.json()).toEqual({
      outcomeWindowFromMonths: 2,
      outcomeWindowToMonths: 4,
      baselineFromDetectionDays: 14,
    });
    try {
      const course = await openCourse();
      await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, {
        questionnaireId: tils.id,
        answers: answers(true),
      });
      await baselineAgo(course.id, 3);
      expect(
        (
          await coordinator.post(`/api/courses/${course.id}/outcomes/follow_up`, {
            questionnaireId: tils.id,
            answers: answers(false),
          })
        ).statusCode,
      ).toBe(201);
    } finally {
      await admin.patch("/api/evaluation/settings", { outcomeWindowFromMonths: 5, outcomeWindowToMonths: 8 });
    }
  });
});
