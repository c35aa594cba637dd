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
import type { CourseDetail, TimelineEntry } from "../../../shared/api/courses.js";
import type { Placement } from "../../../shared/api/placements.js";
import { placementEvents, placements } from "../../db/schema/index.js";
import { insertActivity, insertCatalogOrganisation, setHome } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
let activityId: string;
let otherActivityId: string;
let foreignActivityId: string;

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  const org = await insertCatalogOrganisation(t.db, t.tenant.municipality.id, "Fjordby Sangkor");
  activityId = await insertActivity(t.db, t.tenant.municipality.id, org, {
    title: "Fællessang i Kulturhuset",
    interests: ["community_singing"],
    accessibility: ["step_free"],
  });
  otherActivityId = await insertActivity(t.db, t.tenant.municipality.id, org, {
    title: "Petanque",
    interests: ["petanque"],
  });
  const foreignOrg = await insertCatalogOrganisation(t.db, t.other.municipality.id);
  foreignActivityId = await insertActivity(t.db, t.other.municipality.id, foreignOrg, {
    title: "Nabokommunens sang",
  });
});
afterAll(() => t.close());

async function openCourse(): Promise<CourseDetail> {
  const c = await insertCitizen(t.db, t.tenant);
  await setHome(t.db, c.id, { lat: 56.4, lon: 8.6 });
  const res = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Placering" });
  expect(res.statusCode).toBe(201);
  return res.json() as CourseDetail;
}

async function place(
  courseId: string,
  body: object = { activityId },
  headers?: Record<string, string>,
): Promise<Placement> {
  const res = await coordinator.post(`/api/courses/${courseId}/placements`, body, headers ? { headers } : {});
  expect(res.statusCode).toBe(201);
  return res.json() as Placement;
}

async function move(p: Placement, to: string, reason?: string) {
  return coordinator.post(`/api/placements/${p.id}/status`, { to, reason, version: p.version });
}

describe("placing a citizen in an activity", () => {
  it("refuses client-supplied reasons and stores nothing", async () => {
    const course = await openCourse();
    const fabricated = [{ code: "distance", km: -99999 }];
    const res = await coordinator.post(`/api/courses/${course.id}/placements`, {
      activityId,
      reasons: fabricated,
    });
    expect(res.statusCode).toBe(400);
    expect((await coordinator.get(`/api/courses/${course.id}/placements`)).json()).toEqual([]);
  });

  it("creates a suggested placement with the server's matching reasons for that activity", async () => {
    const course = await openCourse();
    await coordinator.post(`/api/courses/${course.id}/conversations`, {
      kind: "clarification",
      interests: ["community_singing"],
    });
    const matches = (
      await coordinator.get(`/api/courses/${course.id}/matches?includeExcluded=true`)
    ).json() as { suggestions: { activity: { id: string }; reasons: unknown[] }[] };
    const reasons = matches.suggestions.find((s) => s.activity.id === activityId)!.reasons;
    expect(reasons.length).toBeGreaterThan(0);
    const p = await place(course.id, { activityId });
    expect(p).toMatchObject({
      courseId: course.id,
      status: "suggested",
      activity: {
        id: activityId,
        title: "Fællessang i Kulturhuset",
        organisation: { name: "Fjordby Sangkor" },
        placeKind: "venue",
      },
      reasons,
      allowedMoves: ["contacted", "trial_visit", "participating", "stopped"],
      createdBy: { name: "Camilla Holt" },
    });
    expect(p.events).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: "suggested",
        actor: expect.objectContaining({ name: "Camilla Holt" }),
      }),
    ]);
    const list = (await coordinator.get(`/api/courses/${course.id}/placements`)).json() as Placement[];
    expect(list.map((x) => x.id)).toEqual([p.id]);
  });

  it("works out why the activity fits when the client sends no reasons", async () => {
    const course = await openCourse();
    await coordinator.post(`/api/courses/${course.id}/conversations`, {
      kind: "clarification",
      interests: ["community_singing"],
    });
    const p = await place(course.id);
    expect(p.reasons).toContainEqual({ code: "shared_interests", interests: ["community_singing"] });
  });

  it("keeps one active placement per course and activity, and allows a new one after a stop", async () => {
    const course = await openCourse();
    const first = await place(course.id);
    const again = await coordinator.post(`/api/courses/${course.id}/placements`, { activityId });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({
      code: "placement_already_active",
      details: { placementId: first.id },
    });
    expect(
      (await coordinator.post(`/api/courses/${course.id}/placements`, { activityId: otherActivityId }))
        .statusCode,
    ).toBe(201);
    expect((await move(first, "stopped", "Ville hellere noget andet")).statusCode).toBe(200);
    expect((await coordinator.post(`/api/courses/${course.id}/placements`, { activityId })).statusCode).toBe(
      201,
    );
  });

  it("creates one placement when two coordinators place at the same moment", async () => {
    const course = await openCourse();
    const [a, b] = await Promise.all([
      coordinator.post(`/api/courses/${course.id}/placements`, { activityId }),
      coordinator.post(`/api/courses/${course.id}/placements`, { activityId }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await t.db.select().from(placements).where(eq(placements.courseId, course.id))).toHaveLength(1);
  });

  it("stores a placement once when the same Idempotency-Key is sent twice", async () => {
    const course = await openCourse();
    const headers = { "idempotency-key": `placement-${course.id}` };
    const first = await place(course.id, { activityId }, headers);
    const repeat = await place(course.id, { activityId }, headers);
    expect(repeat.id).toBe(first.id);
    expect(await t.db.select().from(placements).where(eq(placements.courseId, course.id))).toHaveLength(1);
  });

  it("refuses an activity of another municipality or an unknown one, naming the field", async () => {
    const course = await openCourse();
    for (const id of [foreignActivityId, "00000000-0000-4000-8000-000000000000"]) {
      const res = await coordinator.post(`/api/courses/${course.id}/placements`, { activityId: id });
      expect(res.statusCode).toBe(400);
      expect(errorFields(res)).toEqual(["activityId"]);
    }
  });

  it("lets a home-care worker read the placements but not place", async () => {
    const course = await openCourse();
    await place(course.id);
    const worker = await t.as("home_care_worker");
    expect((await worker.get(`/api/courses/${course.id}/placements`)).statusCode).toBe(200);
    expect(
      (await worker.post(`/api/courses/${course.id}/placements`, { activityId: otherActivityId })).statusCode,
    ).toBe(403);
  });
});

describe("the placement's lifecycle", () => {
  it("moves foreslået → kontaktet → prøvebesøg → deltager, recording who and when", async () => {
    let p = await place((await openCourse()).id);
    for (const to of ["contacted", "trial_visit", "participating"]) {
      const res = await move(p, to);
      expect(res.statusCode).toBe(200);
      p = res.json() as Placement;
    }
    expect(p.status).toBe("participating");
    expect(p.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "suggested"],
      ["suggested", "contacted"],
      ["contacted", "trial_visit"],
      ["trial_visit", "participating"],
    ]);
    expect(p.allowedMoves).toEqual(["stopped"]);
  });

  it("asks for a reason to stop, naming the field, and stores it with the stop", async () => {
    let p = await place((await openCourse()).id);
    const bare = await move(p, "stopped");
    expect(bare.statusCode).toBe(400);
    expect(errorFields(bare)).toEqual(["reason"]);
    p = (await move(p, "stopped", "Kemien passede ikke")).json() as Placement;
    expect(p).toMatchObject({ status: "stopped", stopReason: "Kemien passede ikke", allowedMoves: [] });
    expect(p.events.at(-1)).toMatchObject({ toStatus: "stopped", reason: "Kemien passede ikke" });
  });

  it("refuses going back and moving a stopped placement", async () => {
    let p = await place((await openCourse()).id);
    p = (await move(p, "trial_visit")).json() as Placement;
    const back = await move(p, "contacted");
    expect(back.statusCode).toBe(409);
    expect(errorOf(back).code).toBe("placement_move_not_allowed");
    p = (await move(p, "stopped", "Flyttet")).json() as Placement;
    expect(errorOf(await move(p, "participating")).code).toBe("placement_move_not_allowed");
  });

  it("refuses a move made from a stale page (version)", async () => {
    const p = await place((await openCourse()).id);
    expect((await move(p, "contacted")).statusCode).toBe(200);
    const stale = await move(p, "trial_visit");
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("version_conflict");
  });

  it("refuses placing and moving on a closed course", async () => {
    const course = await openCourse();
    const p = await place(course.id);
    const closed = await coordinator.post(`/api/courses/${course.id}/close`, {
      reason: "goal_reached",
      citizenAccount: "Godt",
      summary: "Afsluttet",
      version: course.version,
    });
    expect(closed.statusCode).toBe(200);
    expect(
      errorOf(await coordinator.post(`/api/courses/${course.id}/placements`, { activityId: otherActivityId }))
        .code,
    ).toBe("course_closed");
    const moved = await move(p, "contacted");
    expect(moved.statusCode).toBe(409);
    expect(errorOf(moved).code).toBe("course_closed");
    expect(
      await t.db.select().from(placementEvents).where(eq(placementEvents.placementId, p.id)),
    ).toHaveLength(1);
  });

  it("answers 404 for a placement of another municipality", async () => {
    const other = await t.as("community_coordinator", t.other);
    const p = await place((await openCourse()).id);
    expect(
      (await other.post(`/api/placements/${p.id}/status`, { to: "contacted", version: p.version }))
        .statusCode,
    ).toBe(404);
  });

  it("shows the placement and its stop with the reason on the citizen's timeline", async () => {
    const course = await openCourse();
    const p = await place(course.id);
    await move(p, "stopped", "Ønskede ikke at fortsætte");
    const timeline = (
      await coordinator.get(`/api/citizens/${course.citizen.id}/timeline`)
    ).json() as TimelineEntry[];
    const entries = timeline.filter((e) => e.code.startsWith("placement."));
    expect(entries.map((e) => e.code)).toEqual(["placement.stopped", "placement.created"]);
    expect(entries[0]).toMatchObject({
      params: { activity: "Fællessang i Kulturhuset", reason: "Ønskede ikke at fortsætte" },
      courseId: course.id,
      actor: { name: "Camilla Holt" },
    });
  });
});
