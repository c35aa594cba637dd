import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertCitizen } from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import { conditionAssessments, courseEvents, courses, journalNotes } from "../../db/schema/index.js";

let t: TestApp;
let coordinator: Client;
beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
});
afterAll(() => t.close());

/** A fresh citizen of the public provider, so each test has its own course. */
async function citizen(): Promise<string> {
  const c = await insertCitizen(t.db, t.tenant, {
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });
  return c.id;
}

async function openCourse(citizenId?: string): Promise<CourseDetail> {
  const res = await coordinator.post(`/api/citizens/${citizenId ?? (await citizen())}/courses`, {
    reason: "Henvendelse fra datteren",
  });
  expect(res.statusCode).toBe(201);
  return res.json() as CourseDetail;
}

async function move(course: CourseDetail, to: string, reason?: string) {
  return coordinator.post(`/api/courses/${course.id}/stage`, { to, reason, version: course.version });
}

describe("opening a course", () => {
  it("opens a course when a coordinator accepts a referral, with the coordinator responsible", async () => {
    const citizenId = await citizen();
    const worker = await t.as("home_care_worker");
    const referral = (
      await worker.post(`/api/citizens/${citizenId}/referrals`, { reason: "Sidder meget alene" })
    ).json() as { id: string };
    const accepted = await coordinator.post(`/api/referrals/${referral.id}/decision`, { action: "accept" });
    expect(accepted.statusCode).toBe(200);
    const courseId = (accepted.json() as { courseId: string }).courseId;
    const course = (await coordinator.get(`/api/courses/${courseId}`)).json() as CourseDetail;
    expect(course).toMatchObject({
      stage: "clarification",
      referralId: referral.id,
      coordinator: { id: t.tenant.users.community_coordinator.id },
      paused: false,
    });
    expect(course.events.map((e) => e.kind)).toEqual(["opened"]);
  });

  it("keeps one open course per citizen: a second referral joins the open course", async () => {
    const citizenId = await citizen();
    const first = await openCourse(citizenId);
    const again = await coordinator.post(`/api/citizens/${citizenId}/courses`, { reason: "Igen" });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe("course_already_open");
    const worker = await t.as("home_care_worker");
    const referral = (
      await worker.post(`/api/citizens/${citizenId}/referrals`, { reason: "Ny bekymring" })
    ).json() as { id: string };
    const accepted = (
      await coordinator.post(`/api/referrals/${referral.id}/decision`, { action: "accept" })
    ).json() as { courseId: string };
    expect(accepted.courseId).toBe(first.id);
    expect(await countRows(t.db, courses)).toBeGreaterThan(0);
    const open = await t.db
      .select()
      .from(courses)
      .where(and(eq(courses.citizenId, citizenId)));
    expect(open).toHaveLength(1);
  });

  it("lets two simultaneous opens for one citizen create exactly one course", async () => {
    const citizenId = await citizen();
    const [a, b] = await Promise.all([
      coordinator.post(`/api/citizens/${citizenId}/courses`, { reason: "A" }),
      coordinator.post(`/api/citizens/${citizenId}/courses`, { reason: "B" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await t.db.select().from(courses).where(eq(courses.citizenId, citizenId))).toHaveLength(1);
  });

  it("refuses a course for a citizen of another municipality as not found", async () => {
    const res = await coordinator.post(`/api/citizens/${t.other.citizens.andersen.id}/courses`, {
      reason: "x",
    });
    expect(res.statusCode).toBe(404);
  });
});

describe("moving through the stages", () => {
  it("records every move with who, when and why, and goes back from follow-up (circular)", async () => {
    let course = await openCourse();
    for (const to of ["guidance", "trial", "follow_up"]) {
      const res = await move(course, to);
      expect(res.statusCode).toBe(200);
      course = res.json() as CourseDetail;
    }
    const back = await move(course, "clarification", "Borgeren ønsker noget andet");
    expect(back.statusCode).toBe(200);
    course = back.json() as CourseDetail;
    expect(course.stage).toBe("clarification");
    const last = course.events.at(-1)!;
    expect(last).toMatchObject({
      kind: "stage_changed",
      fromStage: "follow_up",
      toStage: "clarification",
      reason: "Borgeren ønsker noget andet",
      actor: { name: "Camilla Holt" },
    });
  });

  it("asks for a reason when skipping a stage, naming the field, and changes nothing", async () => {
    const course = await openCourse();
    const res = await move(course, "trial");
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["reason"]);
    expect((await coordinator.get(`/api/courses/${course.id}`)).json().stage).toBe("clarification");
  });

  it("refuses going back except from follow-up", async () => {
    const course = (await move(await openCourse(), "guidance")).json() as CourseDetail;
    const res = await move(course, "clarification", "fordi");
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("course_move_not_allowed");
  });

  it("refuses a move made from a stale page (version)", async () => {
    const course = await openCourse();
    expect((await move(course, "guidance")).statusCode).toBe(200);
    const stale = await move(course, "guidance");
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("version_conflict");
  });

  it("pauses and resumes; a paused course does not move", async () => {
    let course = await openCourse();
    course = (
      await coordinator.post(`/api/courses/${course.id}/pause`, {
        reason: "Indlagt",
        version: course.version,
      })
    ).json() as CourseDetail;
    expect(course.paused).toBe(true);
    expect(course.allowedMoves).toEqual([]);
    const blocked = await move(course, "guidance");
    expect(errorOf(blocked).code).toBe("course_paused");
    course = (
      await coordinator.post(`/api/courses/${course.id}/resume`, { version: course.version })
    ).json() as CourseDetail;
    expect(course.paused).toBe(false);
    expect(course.events.map((e) => e.kind)).toEqual(["opened", "paused", "resumed"]);
  });

  it("lets only coordinators move a course; a home-care worker may read it", async () => {
    const course = await openCourse();
    const worker = await t.as("home_care_worker");
    expect(
      (await worker.post(`/api/courses/${course.id}/stage`, { to: "guidance", version: course.version }))
        .statusCode,
    ).toBe(403);
    expect((await worker.get(`/api/courses/${course.id}`)).statusCode).toBe(200);
  });
});

describe("clarification conversation", () => {
  async function guide() {
    const guides = (await coordinator.get("/api/course-definitions?kind=conversation_guide")).json() as {
      id: string;
      key: string;
      definition: { themes: { id: string }[] };
    }[];
    return guides.find((g) => g.key === "narrativ-samtale")!;
  }

  it("ships the four guides the seeds describe", async () => {
    const guides = (await coordinator.get("/api/course-definitions?kind=conversation_guide")).json() as {
      key: string;
    }[];
    expect(guides.map((g) => g.key).sort()).toEqual([
      "fire-emner",
      "holstebro-fem-punkter",
      "narrativ-samtale",
      "vaerdighedshjulet",
    ]);
  });

  it("books a visit, then records it from a guide with the structured result and the FSIII condition", async () => {
    const course = await openCourse();
    const booked = await coordinator.post(`/api/courses/${course.id}/bookings`, {
      kind: "clarification",
      scheduledAt: "2026-12-01T10:00:00+01:00",
    });
    expect(booked.statusCode).toBe(201);
    const g = await guide();
    const body = {
      conversationId: booked.json().id,
      kind: "clarification",
      guideId: g.id,
      themeNotes: { [g.definition.themes[0]!.id]: "Har været sømand, enkemand siden 2023." },
      lonelinessType: "both",
      interests: ["knitting", "community_singing"].filter(Boolean),
      barriers: ["mobility_aid", "first_step_anxiety"],
      wishes: "Vil gerne synge igen",
      goals: [
        {
          goal: "Deltage i fællessang",
          agreements: [{ who: "Koordinator", what: "Finde et kor med elevator", due: "2026-12-15" }],
        },
      ],
      condition: { severity: 2, citizenView: "D2" },
    };
    const interests = (await coordinator.get("/api/course-definitions?kind=interest_taxonomy"))
      .json()[0]
      .definition.interests.map((i: { id: string }) => i.id) as string[];
    body.interests = interests.slice(0, 2);
    const recorded = await coordinator.post(`/api/courses/${course.id}/conversations`, body);
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      status: "held",
      lonelinessType: "both",
      barriers: ["mobility_aid", "first_step_anxiety"],
      guide: { key: "narrativ-samtale" },
    });
    const again = await coordinator.post(`/api/courses/${course.id}/conversations`, {
      ...body,
      condition: { severity: 1 },
    });
    expect(errorOf(again).code).toBe("conversation_already_recorded");
    const detail = (await coordinator.get(`/api/courses/${course.id}`)).json() as CourseDetail;
    expect(detail.conditionHistory.map((c) => [c.conditionCode, c.severity, c.citizenView])).toEqual([
      ["J4.5", 2, "D2"],
    ]);
  });

  it("keeps the condition as a history: a later conversation adds a row", async () => {
    const course = await openCourse();
    await coordinator.post(`/api/courses/${course.id}/conversations`, {
      kind: "clarification",
      condition: { severity: 3 },
    });
    await coordinator.post(`/api/courses/${course.id}/conversations`, {
      kind: "guidance",
      condition: { severity: 1, citizenView: "D1" },
    });
    const rows = await t.db
      .select()
      .from(conditionAssessments)
      .where(eq(conditionAssessments.courseId, course.id));
    expect(rows.map((r) => r.severity).sort()).toEqual([1, 3]);
  });

  it("names unknown barriers, interests and themes, and stores nothing", async () => {
    const course = await openCourse();
    const g = await guide();
    const res = await coordinator.post(`/api/courses/${course.id}/conversations`, {
      kind: "clarification",
      guideId: g.id,
      themeNotes: { no_such_theme: "x" },
    });
    expect(errorFields(res)).toEqual(["themeNotes.no_such_theme"]);
    const bad = await coordinator.post(`/api/courses/${course.id}/conversations`, {
      kind: "clarification",
      barriers: ["transport", "flying_carpet"],
      interests: ["nope"],
    });
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad).sort()).toEqual(["barriers.1", "interests.0"]);
    expect(
      ((await coordinator.get(`/api/courses/${course.id}`)).json() as CourseDetail).conversations,
    ).toEqual([]);
  });

  it("refuses a severity outside FSIII's scale", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/conversations`, {
      kind: "clarification",
      condition: { severity: 5 },
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["condition.severity"]);
  });
});

describe("interventions", () => {
  it("attaches an intervention carried out by a provider, and ends it", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/interventions`, {
      kind: "accompaniment",
      providerOrganisationId: t.tenant.orgs.privateProviderA.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: "accompaniment",
      provider: { name: "Privathjælpen" },
      endedAt: null,
    });
    const ended = await coordinator.post(`/api/interventions/${res.json().id}/end`);
    expect(ended.json().endedAt).not.toBeNull();
    expect(errorOf(await coordinator.post(`/api/interventions/${res.json().id}/end`)).code).toBe(
      "intervention_ended",
    );
  });

  it("refuses the administration or another municipality's organisation as provider", async () => {
    const course = await openCourse();
    for (const id of [t.tenant.orgs.administration.id, t.other.orgs.publicProvider.id]) {
      const res = await coordinator.post(`/api/courses/${course.id}/interventions`, {
        kind: "follow_up",
        providerOrganisationId: id,
      });
      expect(errorFields(res)).toEqual(["providerOrganisationId"]);
    }
  });
});

describe("follow-up and closing", () => {
  async function inTrial() {
    let course = await openCourse();
    course = (await move(course, "guidance")).json() as CourseDetail;
    return (await move(course, "trial")).json() as CourseDetail;
  }

  it("E4 takes the course back to clarification and sets the next follow-up date", async () => {
    const course = await inTrial();
    const res = await coordinator.post(`/api/courses/${course.id}/follow-ups`, {
      result: "E4",
      stillParticipating: false,
      nextFollowUpOn: "2027-01-15",
      version: course.version,
    });
    const after = res.json() as CourseDetail;
    expect(after).toMatchObject({ stage: "clarification", nextFollowUpOn: "2027-01-15" });
    expect(after.followUps[0]).toMatchObject({ result: "E4", stillParticipating: false });
  });

  it("E3 needs the closing account; without it nothing is written", async () => {
    const course = await inTrial();
    const res = await coordinator.post(`/api/courses/${course.id}/follow-ups`, {
      result: "E3",
      version: course.version,
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["closing"]);
    expect(((await coordinator.get(`/api/courses/${course.id}`)).json() as CourseDetail).followUps).toEqual(
      [],
    );
  });

  it("refuses a follow-up during clarification", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/follow-ups`, {
      result: "E1",
      version: course.version,
    });
    expect(errorOf(res).code).toBe("follow_up_not_allowed");
  });

  it("closes with the citizen's own account, hands a summary note to home care and keeps the history", async () => {
    const course = await inTrial();
    const closing = {
      reason: "goal_reached",
      citizenAccount: "Det var rart at komme ud igen.",
      summary: "Går nu fast i seniorkoret om tirsdagen.",
    };
    const res = await coordinator.post(`/api/courses/${course.id}/follow-ups`, {
      result: "E3",
      closing,
      version: course.version,
    });
    expect(res.statusCode).toBe(200);
    const closed = res.json() as CourseDetail;
    expect(closed).toMatchObject({
      stage: "closed",
      closingReason: "goal_reached",
      citizenAccount: closing.citizenAccount,
    });
    expect(closed.events.map((e) => e.kind)).toEqual(["opened", "stage_changed", "stage_changed", "closed"]);
    const worker = await t.as("home_care_worker");
    const journal = (await worker.get(`/api/citizens/${closed.citizen.id}/journal`)).json() as {
      title: string;
      body: string;
      active: boolean;
    }[];
    expect(journal.find((n) => n.title === "Fællesskabsforløb afsluttet")).toMatchObject({
      body: closing.summary,
      active: true,
    });
    expect(errorOf(await move(closed, "clarification", "igen")).code).toBe("course_closed");
    // A new course may be opened for the citizen; the closed one stays listed.
    await openCourse(closed.citizen.id);
    const list = (await coordinator.get(`/api/citizens/${closed.citizen.id}/courses`)).json() as {
      open: CourseDetail;
      closed: { id: string }[];
    };
    expect(list.closed.map((c) => c.id)).toEqual([course.id]);
    expect(list.open.id).not.toBe(course.id);
    expect(await countRows(t.db, journalNotes)).toBeGreaterThan(0);
  });

  it("closes directly with a reason, naming missing fields", async () => {
    const course = await openCourse();
    const res = await coordinator.post(`/api/courses/${course.id}/close`, {
      reason: "citizen_declined",
      version: course.version,
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res).sort()).toEqual(["citizenAccount", "summary"]);
  });
});

describe("caseload", () => {
  it("lists the coordinator's open courses with stage, days in stage and follow-up due", async () => {
    const course = await openCourse();
    const list = (await coordinator.get("/api/courses/caseload")).json() as {
      id: string;
      stage: string;
      daysInStage: number;
      followUpOverdue: boolean;
      clipsLeft: number;
    }[];
    expect(list.find((c) => c.id === course.id)).toMatchObject({
      stage: "clarification",
      daysInStage: 0,
      followUpOverdue: false,
      clipsLeft: 0,
    });
  });

  it("shows a manager every coordinator's caseload size, and the manager can reassign (recorded)", async () => {
    const course = await openCourse();
    const manager = await t.as("manager");
    const sizes = (await manager.get("/api/courses/coordinators")).json() as {
      coordinator: { id: string };
      openCourses: number;
    }[];
    expect(
      sizes.find((s) => s.coordinator.id === t.tenant.users.community_coordinator.id)!.openCourses,
    ).toBeGreaterThan(0);
    const res = await manager.post(`/api/courses/${course.id}/reassign`, {
      coordinatorUserId: t.tenant.users.home_care_worker.id,
      version: course.version,
    });
    expect(errorFields(res)).toEqual(["coordinatorUserId"]);
    const same = await manager.post(`/api/courses/${course.id}/reassign`, {
      coordinatorUserId: t.tenant.users.community_coordinator.id,
      reason: "Ferie",
      version: course.version,
    });
    expect(same.statusCode).toBe(200);
    expect(await countRows(t.db, courseEvents)).toBeGreaterThan(0);
    expect((await coordinator.get("/api/courses/coordinators")).statusCode).toBe(403);
  });
});
