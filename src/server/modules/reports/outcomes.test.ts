import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import { auditEvents, screenings } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../detection/questionnaires.js";

let t: TestApp;
let coordinator: Client;
let tils: { id: string; items: { id: string; options: { id: string; score: number }[] }[] };
beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  coordinator = await t.as("community_coordinator");
  const list = (await coordinator.get("/api/questionnaires")).json() as { id: string; key: string; definition: typeof tils }[];
  const found = list.find((q) => q.key === "t-ils")!;
  tils = { ...found.definition, id: found.id };
});
afterAll(() => t.close());

async function openCourse(): Promise<CourseDetail> {
  const c = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.publicProvider.id });
  return (await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" })).json() as CourseDetail;
}

/** T-ILS answers all at the highest (or lowest) option. */
const answers = (lonely: boolean) => Object.fromEntries(tils.items.map((i) => [i.id, [...i.options].sort((a, b) => (lonely ? b.score - a.score : a.score - b.score))[0]!.id]));

describe("outcome measurement", () => {
  it("schedules T-ILS at baseline today and again six months later when a course opens", async () => {
    const course = await openCourse();
    const list = (await coordinator.get(`/api/courses/${course.id}/outcomes`)).json() as { phase: string; dueOn: string; questionnaireKey: string; outcome: null }[];
    const today = copenhagenDate(new Date());
    expect(list.map((m) => [m.phase, m.questionnaireKey, m.outcome])).toEqual([
      ["baseline", "t-ils", null],
      ["follow_up", "t-ils", null],
    ]);
    expect(list[0]!.dueOn).toBe(today);
    const months = (Number(list[1]!.dueOn.slice(0, 4)) - Number(today.slice(0, 4))) * 12 + Number(list[1]!.dueOn.slice(5, 7)) - Number(today.slice(5, 7));
    expect(months).toBe(6);
  });

  it("audits reading a course's outcomes (the citizen's loneliness scores) as a read of that citizen", async () => {
    const course = await openCourse();
    const res = await coordinator.get(`/api/courses/${course.id}/outcomes`);
    expect(res.statusCode).toBe(200);
    const rows = await t.db.select().from(auditEvents).where(and(eq(auditEvents.citizenId, course.citizen.id), eq(auditEvents.entityType, "outcome_measurements")));
    expect(rows).toEqual([expect.objectContaining({ action: "read", entityId: course.id, actorUserId: t.tenant.users.community_coordinator.id })]);
  });

  it("records the baseline once, scored, as an outcome questionnaire — not a detection form", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, { questionnaireId: tils.id, answers: answers(true) });
    expect(res.statusCode).toBe(201);
    expect(res.json().outcome).toMatchObject({ positive: true });
    const again = await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, { questionnaireId: tils.id, answers: answers(false) });
    expect(errorOf(again).code).toBe("outcome_already_recorded");
    const rows = await t.db.select().from(screenings).where(eq(screenings.citizenId, course.citizen.id));
    expect(rows.map((r) => r.purpose)).toEqual(["outcome"]);
  });

  it("names the unanswered items and writes nothing", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, { questionnaireId: tils.id, answers: {} });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(tils.items.map((i) => `answers.${i.id}`));
  });

  it("lists who is due: unanswered measurements due today or earlier", async () => {
    const course = await openCourse();
    const due = (await coordinator.get("/api/outcomes/due")).json() as { courseId: string; phase: string }[];
    expect(due.filter((d) => d.courseId === course.id).map((d) => d.phase)).toEqual(["baseline"]);
    await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, { questionnaireId: tils.id, answers: answers(false) });
    const after = (await coordinator.get("/api/outcomes/due")).json() as { courseId: string }[];
    expect(after.some((d) => d.courseId === course.id)).toBe(false);
  });

  it("reports the change over baseline/follow-up pairs with the number of pairs, and says when they are too few", async () => {
    for (const [before, after] of [[true, false], [true, true], [true, false]] as const) {
      const course = await openCourse();
      await coordinator.post(`/api/courses/${course.id}/outcomes/baseline`, { questionnaireId: tils.id, answers: answers(before) });
      await coordinator.post(`/api/courses/${course.id}/outcomes/follow_up`, { questionnaireId: tils.id, answers: answers(after) });
    }
    const r = (await (await t.as("manager")).get(`/api/reports/outcomes?from=2026-01-01&to=${copenhagenDate(new Date())}`)).json() as {
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
    const evaluator = (await (await t.as("evaluator")).get(`/api/reports/outcomes?from=2026-01-01&to=${copenhagenDate(new Date())}`)).json() as { pairs: { suppressed: boolean }; meanChange: null; citizens: unknown[] };
    expect(evaluator.pairs.suppressed).toBe(true);
    expect(evaluator.meanChange).toBeNull();
    expect(evaluator.citizens).toEqual([]);
  });
});
