import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type { UsageReport } from "../../../shared/api/reports.js";

let t: TestApp;
let coordinator: Client;
const today = copenhagenDate(new Date());

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  const worker = await t.as("home_care_worker");
  // Two courses: 3 and 2 accompaniment clips granted; 2 used (to/from, 60 + 90 min) and 1 cancelled on the first, 1 used on the second.
  const plans = [
    { granted: 3, done: [60, 90], cancelled: 1 },
    { granted: 2, done: [45], cancelled: 0 },
  ];
  for (const p of plans) {
    const c = await insertCitizen(t.db, t.tenant, {
      providerId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.north.id,
    });
    const course = (
      await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" })
    ).json() as CourseDetail;
    // 90 minutes a clip: the longest visit below stays within its grant (issue 11 point 7).
    await coordinator.post(`/api/courses/${course.id}/grants`, {
      kind: "accompaniment",
      clips: p.granted,
      minutesPerClip: 90,
    });
    for (const minutes of p.done) {
      const res = await worker.post(`/api/courses/${course.id}/clip-registrations`, {
        kind: "accompaniment",
        accompanimentForm: "to_from",
        performedOn: today,
        outcome: "done",
        actualMinutes: minutes,
      });
      if (res.statusCode !== 201) throw new Error(res.body);
    }
    for (let i = 0; i < p.cancelled; i++) {
      await worker.post(`/api/courses/${course.id}/clip-registrations`, {
        kind: "accompaniment",
        performedOn: today,
        outcome: "citizen_cancelled",
        cancelReason: "Syg",
      });
    }
  }
});
afterAll(() => t.close());

describe("punch-card use", () => {
  it("counts granted, used and cancelled clips per kind and minutes per course", async () => {
    const r = (
      await (await t.as("manager")).get(`/api/reports/punch-card?from=2026-01-01&to=${today}`)
    ).json() as UsageReport;
    const acc = r.kinds.find((k) => k.kind === "accompaniment")!;
    expect([acc.granted.value, acc.used.value, acc.usedMinutes.value, acc.cancelled.value]).toEqual([
      5, 3, 195, 1,
    ]);
    expect(r.minutesPerCourse).toMatchObject({ n: 2, min: 45, max: 150 });
    expect(r.accompanimentByForm).toEqual([{ form: "to_from", count: { value: 3, suppressed: false } }]);
    expect(r.byProvider.map((p) => p.name)).toEqual(["Hjemmeplejen"]);
    expect(r.byDistrict.map((d) => d.name)).toEqual(["Distrikt Nord"]);
  });

  it("counts opsporingsklip as kind detection, carried out by the worker's organisation, and keeps them out of the per-course figures", async () => {
    const planner = await t.as("planner");
    const worker = await t.as("home_care_worker");
    const citizen = await insertCitizen(t.db, t.tenant, {
      providerId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.south.id,
    });
    const grant = (minutes: number) =>
      planner.post(`/api/citizens/${citizen.id}/detection-clips`, {
        workerUserId: t.tenant.users.home_care_worker.id,
        plannedDate: today,
        minutes,
      });
    const done = (await grant(30)).json() as { id: string };
    const cancelled = (await grant(20)).json() as { id: string };
    await grant(25);
    expect((await worker.post(`/api/detection-clips/${done.id}/settle`, { status: "done" })).statusCode).toBe(
      200,
    );
    expect(
      (await worker.post(`/api/detection-clips/${cancelled.id}/settle`, { status: "cancelled" })).statusCode,
    ).toBe(200);

    const r = (
      await (await t.as("manager")).get(`/api/reports/punch-card?from=2026-01-01&to=${today}`)
    ).json() as UsageReport;
    const detection = r.kinds.find((k) => k.kind === "detection")!;
    expect([
      detection.granted.value,
      detection.planned.value,
      detection.used.value,
      detection.usedMinutes.value,
      detection.cancelled.value,
    ]).toEqual([3, 1, 1, 30, 1]);
    expect(r.byDistrict.find((d) => d.name === "Distrikt Syd")!.kinds.map((k) => k.kind)).toEqual([
      "detection",
    ]);
    expect(
      r.byProvider.find((p) => p.name === "Hjemmeplejen")!.kinds.find((k) => k.kind === "detection")!.used
        .value,
    ).toBe(1);
    // The distribution is of courses: still the two courses above.
    expect(r.minutesPerCourse).toMatchObject({ n: 2, min: 45, max: 150 });
  });

  it("exports punch-card use as CSV with the clip kinds in Danish", async () => {
    const csv = (
      await (await t.as("manager")).get(`/api/reports/punch-card/export.csv?from=2026-01-01&to=${today}`)
    ).body;
    expect(csv).toContain("I alt,Ledsagelse,5,0,3,195,1");
    expect(csv).toContain("I alt,Opsporing,");
    expect(csv).not.toContain("accompaniment");
  });

  it("hides small numbers and the distribution from the evaluator", async () => {
    const r = (
      await (await t.as("evaluator")).get(`/api/reports/punch-card?from=2026-01-01&to=${today}`)
    ).json() as UsageReport;
    expect(r.kinds.find((k) => k.kind === "accompaniment")!.cancelled).toEqual({
      value: null,
      suppressed: true,
    });
    expect(r.minutesPerCourse.n).toBe(0);
  });
});
