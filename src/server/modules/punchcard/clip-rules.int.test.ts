/**
 * Clips that cannot be (issue 11 point 7): performed in the future or before the course opened,
 * longer than the grant or the frame allows without a recorded exception, planned over the same
 * worker's other planned clip. Each refusal names the field and writes nothing.
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type { Clip } from "../../../shared/api/punch-card.js";
import { clips, courses } from "../../db/schema/index.js";

let t: TestApp;
let coordinator: Client;
let worker: Client;
let planner: Client;
let manager: Client;
const today = copenhagenDate(new Date());
const day = (n: number) => formatISO(addDays(parseISO(today), n), { representation: "date" });

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  worker = await t.as("home_care_worker");
  planner = await t.as("planner");
  manager = await t.as("manager");
});
afterAll(() => t.close());

async function openCourse(): Promise<CourseDetail> {
  const c = await insertCitizen(t.db, t.tenant, {
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });
  const res = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" });
  expect(res.statusCode).toBe(201);
  return res.json() as CourseDetail;
}
async function withGrant(minutesPerClip = 60, clipsGranted = 4) {
  const course = await openCourse();
  expect(
    (
      await coordinator.post(`/api/courses/${course.id}/grants`, {
        kind: "accompaniment",
        clips: clipsGranted,
        minutesPerClip,
      })
    ).statusCode,
  ).toBe(201);
  return course;
}
const register = (courseId: string, extra: Record<string, unknown> = {}, who = worker) =>
  who.post(`/api/courses/${courseId}/clip-registrations`, {
    kind: "accompaniment",
    accompanimentForm: "to_from",
    performedOn: today,
    outcome: "done",
    actualMinutes: 45,
    ...extra,
  });
const clipCount = async (courseId: string) =>
  (await t.db.select().from(clips).where(eq(clips.courseId, courseId))).length;
const plan = (courseId: string, extra: Record<string, unknown> = {}) =>
  planner.post(`/api/courses/${courseId}/clips`, {
    kind: "accompaniment",
    accompanimentForm: "to_from",
    plannedOn: day(3),
    plannedStart: "10:00",
    plannedMinutes: 60,
    workerUserId: t.tenant.users.home_care_worker.id,
    ...extra,
  });

describe("the day of a performed clip", () => {
  it("refuses a clip performed tomorrow, naming performedOn", async () => {
    const course = await withGrant();
    const res = await register(course.id, { performedOn: day(1) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "performedOn", reason: "in_future" }),
    ]);
    expect(await clipCount(course.id)).toBe(0);
    expect((await register(course.id)).statusCode).toBe(201);
  });

  it("lets the citizen cancel tomorrow's visit ahead of time", async () => {
    const course = await withGrant();
    const res = await register(course.id, {
      performedOn: day(1),
      outcome: "citizen_cancelled",
      actualMinutes: null,
      cancelReason: "Skal til lægen",
    });
    expect(res.statusCode).toBe(201);
  });

  it("refuses a clip dated before the course opened, naming performedOn", async () => {
    const course = await withGrant();
    // The course opened three days ago (Copenhagen noon).
    await t.db
      .update(courses)
      .set({ openedAt: copenhagenInstant(day(-3), "12:00") })
      .where(eq(courses.id, course.id));
    expect((await register(course.id, { performedOn: day(-3) })).statusCode).toBe(201);
    const res = await register(course.id, { performedOn: day(-4) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "performedOn", reason: "before_course_opened" }),
    ]);
    expect(await clipCount(course.id)).toBe(1);
  });
});

describe("minutes beyond the grant or the frame", () => {
  it("refuses minutes beyond the grant's minutes per clip, naming the rule and the field", async () => {
    const course = await withGrant(60);
    expect((await register(course.id, { actualMinutes: 60 })).statusCode).toBe(201);
    const res = await register(course.id, { actualMinutes: 61 });
    expect(res.statusCode).toBe(409);
    const err = errorOf(res);
    expect(err.code).toBe("clip_beyond_frame");
    expect(err.details).toMatchObject({
      exceptionAllowed: false,
      violations: [{ rule: "clip_beyond_grant", kind: "accompaniment", limit: 60, wouldBe: 61 }],
    });
    expect(errorFields(res)).toEqual(["actualMinutes"]);
    // A reason does not help a role the frame does not name.
    expect(
      errorOf(await register(course.id, { actualMinutes: 61, exceptionReason: "Borgeren faldt" })).code,
    ).toBe("clip_beyond_frame");
    expect(await clipCount(course.id)).toBe(1);
  });

  it("refuses minutes beyond the frame's maximum even when the grant allowed more", async () => {
    const course = await openCourse();
    // A manager granted 240-minute clips as an exception; the frame's maximum is 180.
    const granted = await manager.post(`/api/courses/${course.id}/grants`, {
      kind: "accompaniment",
      clips: 2,
      minutesPerClip: 240,
      exceptionReason: "Lang udflugt",
    });
    expect(granted.statusCode).toBe(201);
    const res = await register(course.id, { actualMinutes: 200 });
    expect(errorOf(res).details).toMatchObject({
      violations: [{ rule: "clip_too_long", limit: 180, wouldBe: 200 }],
    });
    expect((await register(course.id, { actualMinutes: 180 })).statusCode).toBe(201);
  });

  it("lets the role the frame names record a planned clip's minutes as an exception, with a reason", async () => {
    const course = await withGrant(60);
    const planned = (await plan(course.id, { plannedOn: today, plannedStart: "07:00" })).json() as Clip;
    const body = { clipId: planned.id, accompanimentForm: null, actualMinutes: 95 };
    expect(errorOf(await register(course.id, body)).code).toBe("clip_beyond_frame");
    const withoutReason = await register(course.id, body, manager);
    expect(errorOf(withoutReason).details).toMatchObject({ exceptionAllowed: true });
    expect(errorFields(withoutReason).sort()).toEqual(["actualMinutes", "exceptionReason"]);
    const res = await register(
      course.id,
      { ...body, exceptionReason: "Borgeren faldt på vejen; blev hos hende til vagtlægen kom" },
      manager,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: "done",
      actualMinutes: 95,
      exception: true,
      exceptionReason: "Borgeren faldt på vejen; blev hos hende til vagtlægen kom",
      worker: { id: t.tenant.users.home_care_worker.id },
    });
    const [row] = await t.db.select().from(clips).where(eq(clips.id, planned.id));
    expect(row!.violations).toEqual([
      { rule: "clip_beyond_grant", kind: "accompaniment", limit: 60, wouldBe: 95 },
    ]);
    // A manager does not register ordinary clips.
    expect((await register(course.id, {}, manager)).statusCode).toBe(403);
  });
});

describe("two planned clips of one worker at the same time", () => {
  it("refuses a clip overlapping the worker's other planned clip, naming that clip's time", async () => {
    const first = await withGrant();
    const second = await withGrant();
    const a = await plan(first.id, { plannedStart: "10:00", plannedMinutes: 60 });
    expect(a.statusCode).toBe(201);
    const res = await plan(second.id, { plannedStart: "10:30", plannedMinutes: 30 });
    expect(res.statusCode).toBe(409);
    const err = errorOf(res);
    expect(err.code).toBe("clip_overlaps");
    expect(err.details).toMatchObject({
      clash: { clipId: a.json().id, plannedOn: day(3), plannedStart: "10:00", plannedMinutes: 60 },
    });
    expect(errorFields(res)).toEqual(["plannedStart"]);
    expect(await clipCount(second.id)).toBe(0);
    // End to end is fine; another worker at the same time is fine; a cancelled clip frees the time.
    expect((await plan(second.id, { plannedStart: "11:00" })).statusCode).toBe(201);
    expect(
      (
        await plan(second.id, {
          plannedStart: "10:30",
          workerUserId: t.tenant.users.community_coordinator.id,
        })
      ).statusCode,
    ).toBe(201);
    expect((await planner.post(`/api/clips/${a.json().id}/cancel`, { reason: "Flyttet" })).statusCode).toBe(
      200,
    );
    expect((await plan(second.id, { plannedStart: "10:15", plannedMinutes: 30 })).statusCode).toBe(201);
  });

  it("sees a clip the evening before that runs past midnight", async () => {
    const course = await withGrant(180);
    expect(
      (await plan(course.id, { plannedOn: day(5), plannedStart: "23:00", plannedMinutes: 120 })).statusCode,
    ).toBe(201);
    expect(
      errorOf(await plan(course.id, { plannedOn: day(6), plannedStart: "00:30", plannedMinutes: 30 })).code,
    ).toBe("clip_overlaps");
  });

  it("plans one of two simultaneous overlapping clips for one worker on two courses", async () => {
    const first = await withGrant();
    const second = await withGrant();
    const results = await Promise.all([
      plan(first.id, { plannedOn: day(8) }),
      plan(second.id, { plannedOn: day(8) }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
