import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, insertCitizen } from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type {
  SmallCommunity,
  SmallCommunityMeeting,
  SmallCommunitySummary,
} from "../../../shared/api/placements.js";
import { courses } from "../../db/schema/index.js";
import { northOf, setHome } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
const today = copenhagenDate(new Date());

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
});
afterAll(() => t.close());

/** A citizen `km` north of Fjordby with an open course and the interests of a held conversation. */
async function courseAt(
  km: number | null,
  interests: string[],
  as: Client = coordinator,
  tenant = t.tenant,
): Promise<CourseDetail> {
  const c = await insertCitizen(t.db, tenant, { lastName: `Borger ${km}` });
  await setHome(t.db, c.id, km === null ? null : northOf(km));
  const res = await as.post(`/api/citizens/${c.id}/courses`, { reason: "Lille fællesskab" });
  expect(res.statusCode).toBe(201);
  const course = res.json() as CourseDetail;
  if (interests.length > 0)
    expect(
      (await as.post(`/api/courses/${course.id}/conversations`, { kind: "clarification", interests }))
        .statusCode,
    ).toBe(201);
  return course;
}

async function form(courseIds: string[], extra: object = {}): Promise<SmallCommunity> {
  const res = await coordinator.post("/api/small-communities", {
    name: "Kaffeklubben på Fjordvej",
    courseIds,
    meetingPlace: "Hos Gerda, Fjordvej 3",
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as SmallCommunity;
}

describe("proposing small communities", () => {
  it("proposes citizens who share an interest and live near each other, and leaves out those far away", async () => {
    const tenant = await createTenant(t.db);
    const coord = await t.as("community_coordinator", tenant);
    const a = await courseAt(0, ["coffee_club", "knitting_needlework"], coord, tenant);
    const b = await courseAt(0.4, ["coffee_club"], coord, tenant);
    const c = await courseAt(0.9, ["coffee_club", "bingo"], coord, tenant);
    const far = await courseAt(12, ["coffee_club"], coord, tenant);
    await courseAt(0.2, ["bridge"], coord, tenant);
    const res = await coord.get("/api/small-communities/proposals");
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      maxDistanceKm: number;
      proposals: {
        kind: string;
        sharedInterests: string[];
        spanKm: number;
        members: { courseId: string; citizen: { name: string } }[];
      }[];
    };
    expect(body.maxDistanceKm).toBe(2);
    expect(body.proposals).toHaveLength(1);
    expect(body.proposals[0]).toMatchObject({ kind: "shared_interests", sharedInterests: ["coffee_club"] });
    expect(body.proposals[0]!.members.map((m) => m.courseId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(body.proposals[0]!.members.map((m) => m.courseId)).not.toContain(far.id);
    expect(body.proposals[0]!.spanKm).toBeLessThanOrEqual(2);
  });

  it("does not propose citizens already in a small community", async () => {
    const tenant = await createTenant(t.db);
    const coord = await t.as("community_coordinator", tenant);
    const a = await courseAt(0, ["walks"], coord, tenant);
    const b = await courseAt(0.3, ["walks"], coord, tenant);
    await courseAt(0.6, ["walks"], coord, tenant);
    expect(
      (await coord.post("/api/small-communities", { name: "Gåturen", courseIds: [a.id, b.id] })).statusCode,
    ).toBe(201);
    const body = (await coord.get("/api/small-communities/proposals")).json() as { proposals: unknown[] };
    expect(body.proposals).toEqual([]);
  });

  it("lets only coordinators see proposals", async () => {
    expect((await (await t.as("manager")).get("/api/small-communities/proposals")).statusCode).toBe(403);
    expect(
      (await (await t.as("volunteer_centre_staff")).get("/api/small-communities/proposals")).statusCode,
    ).toBe(403);
  });
});

describe("a small community's life", () => {
  it("forms a community of the chosen courses with a host and a meeting place", async () => {
    const a = await courseAt(0, []);
    const b = await courseAt(0.5, []);
    const host = t.tenant.users.home_care_worker;
    const c = await form([a.id, b.id], { hostUserId: host.id });
    expect(c).toMatchObject({
      status: "proposed",
      meetingPlace: "Hos Gerda, Fjordvej 3",
      host: { id: host.id, name: host.displayName },
      endReason: null,
      meetings: [],
    });
    expect(c.members.map((m) => m.courseId).sort()).toEqual([a.id, b.id].sort());
    const list = (
      await (await t.as("manager")).get("/api/small-communities")
    ).json() as SmallCommunitySummary[];
    expect(list.find((x) => x.id === c.id)).toMatchObject({
      name: "Kaffeklubben på Fjordvej",
      members: expect.any(Array),
      lastMeetingOn: null,
    });
    expect((await coordinator.get(`/api/small-communities/${c.id}`)).json()).toMatchObject({ id: c.id });
  });

  it("refuses fewer than two or more than five courses, a course twice, a closed course and a host who is not a worker", async () => {
    const [a, b] = [await courseAt(0, []), await courseAt(0.1, [])];
    const one = await coordinator.post("/api/small-communities", { name: "Alene", courseIds: [a.id] });
    expect(errorFields(one)).toEqual(["courseIds"]);
    const twice = await coordinator.post("/api/small-communities", {
      name: "To gange",
      courseIds: [a.id, a.id],
    });
    expect(errorFields(twice)).toEqual(["courseIds"]);
    const badHost = await coordinator.post("/api/small-communities", {
      name: "Vært",
      courseIds: [a.id, b.id],
      hostUserId: t.tenant.users.evaluator.id,
    });
    expect(errorFields(badHost)).toEqual(["hostUserId"]);
    const closed = await courseAt(0.2, []);
    await coordinator.post(`/api/courses/${closed.id}/close`, {
      reason: "goal_reached",
      citizenAccount: "Godt",
      summary: "Slut",
      version: closed.version,
    });
    const withClosed = await coordinator.post("/api/small-communities", {
      name: "Lukket",
      courseIds: [a.id, closed.id],
    });
    expect(withClosed.statusCode).toBe(409);
    expect(errorFields(withClosed)).toEqual(["courseIds.1"]);
  });

  it("adds members up to five, and keeps one who left in the history", async () => {
    const c = await form([(await courseAt(0, [])).id, (await courseAt(0.1, [])).id]);
    const more = [
      await courseAt(0.2, []),
      await courseAt(0.3, []),
      await courseAt(0.4, []),
      await courseAt(0.5, []),
    ];
    for (const m of more.slice(0, 3))
      expect(
        (await coordinator.post(`/api/small-communities/${c.id}/members`, { courseId: m.id })).statusCode,
      ).toBe(200);
    const full = await coordinator.post(`/api/small-communities/${c.id}/members`, { courseId: more[3]!.id });
    expect(full.statusCode).toBe(409);
    expect(errorOf(full).code).toBe("small_community_full");
    const twice = await coordinator.post(`/api/small-communities/${c.id}/members`, { courseId: more[0]!.id });
    expect(errorOf(twice).code).toBe("small_community_member_exists");
    const left = await coordinator.delete(`/api/small-communities/${c.id}/members/${more[0]!.id}`);
    expect(left.statusCode).toBe(200);
    const after = left.json() as SmallCommunity;
    expect(after.members).toHaveLength(5);
    expect(after.members.find((m) => m.courseId === more[0]!.id)!.leftAt).not.toBeNull();
    expect(
      (await coordinator.post(`/api/small-communities/${c.id}/members`, { courseId: more[3]!.id }))
        .statusCode,
    ).toBe(200);
    expect(
      (await coordinator.delete(`/api/small-communities/${c.id}/members/${more[0]!.id}`)).statusCode,
    ).toBe(404);
  });

  it("lets the host record a meeting, which makes the community active; another worker gets 403", async () => {
    const c = await form([(await courseAt(0, [])).id, (await courseAt(0.1, [])).id], {
      hostUserId: t.tenant.users.home_care_worker.id,
    });
    const host = await t.as("home_care_worker");
    const res = await host.post(`/api/small-communities/${c.id}/meetings`, {
      heldOn: today,
      place: "Hos Gerda",
      note: "God stemning, kaffe og kage",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json() as SmallCommunityMeeting).toMatchObject({
      heldOn: today,
      place: "Hos Gerda",
      recordedBy: { name: "Mette Lykke" },
    });
    const detail = (await coordinator.get(`/api/small-communities/${c.id}`)).json() as SmallCommunity;
    expect(detail.status).toBe("active");
    expect(detail.meetings).toHaveLength(1);
    expect(
      (await (await t.as("planner")).post(`/api/small-communities/${c.id}/meetings`, { heldOn: today }))
        .statusCode,
    ).toBe(403);
    const future = await coordinator.post(`/api/small-communities/${c.id}/meetings`, {
      heldOn: "2999-01-01",
    });
    expect(errorFields(future)).toEqual(["heldOn"]);
  });

  it("ends a community kindly with a reason and leaves the members' courses untouched", async () => {
    const [a, b] = [await courseAt(0, []), await courseAt(0.1, [])];
    const c = await form([a.id, b.id]);
    const bare = await coordinator.post(`/api/small-communities/${c.id}/end`, { reason: " " });
    expect(errorFields(bare)).toEqual(["reason"]);
    const ended = await coordinator.post(`/api/small-communities/${c.id}/end`, {
      reason: "Kemien var der ikke; begge vil gerne prøve noget andet",
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({
      status: "ended",
      endReason: "Kemien var der ikke; begge vil gerne prøve noget andet",
    });
    const [row] = await t.db.select().from(courses).where(eq(courses.id, a.id));
    expect(row).toMatchObject({ stage: a.stage, version: a.version, closedAt: null });
    expect(
      errorOf(
        await coordinator.post(`/api/small-communities/${c.id}/members`, {
          courseId: (await courseAt(0.3, [])).id,
        }),
      ).code,
    ).toBe("small_community_ended");
    expect(
      errorOf(await coordinator.post(`/api/small-communities/${c.id}/meetings`, { heldOn: today })).code,
    ).toBe("small_community_ended");
  });

  it("lets a manager read communities but not form them, and hides another municipality's", async () => {
    const c = await form([(await courseAt(0, [])).id, (await courseAt(0.1, [])).id]);
    const manager = await t.as("manager");
    expect(
      (
        await manager.post("/api/small-communities", {
          name: "Leder",
          courseIds: c.members.map((m) => m.courseId),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await (await t.as("community_coordinator", t.other)).get(`/api/small-communities/${c.id}`)).statusCode,
    ).toBe(404);
  });
});
