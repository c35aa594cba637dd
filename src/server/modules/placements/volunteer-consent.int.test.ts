/**
 * Withdrawal of consent to sharing with the volunteer centre (GDPR art. 7(3), issue 13 point 3):
 * sharing stops at once, the volunteer centre sees only that the referral ended, nothing more is
 * answered, the figures stay honest and the trail records it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { CourseDetail, TimelineEntry } from "../../../shared/api/courses.js";
import type { VolunteerReferral, VolunteerStats } from "../../../shared/api/placements.js";
import { auditEvents, idempotencyKeys, volunteerReferrals } from "../../db/schema/index.js";

let t: TestApp;
let coordinator: Client;
let staff: Client;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  staff = await t.as("volunteer_centre_staff");
  admin = await t.as("administrator");
});
afterAll(() => t.close());

const ANSWER = "Besøgsvennen Hanne kommer tirsdage kl. 10";

/** A citizen with an open course, referred with name and phone, and the centre's match. */
async function matchedReferral(headers: Record<string, string> = {}) {
  const c = await insertCitizen(t.db, t.tenant, {
    firstName: "Valborg",
    lastName: "Samtykkesen",
    districtId: t.tenant.districts.north.id,
  });
  const opened = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Ønsker en besøgsven" });
  expect(opened.statusCode).toBe(201);
  const course = opened.json() as CourseDetail;
  const sent = await coordinator.post(
    `/api/courses/${course.id}/volunteer-referrals`,
    {
      toOrganisationId: t.tenant.orgs.volunteerCentre.id,
      consentFields: ["firstName", "lastName", "phone"],
      message: "Valborg ønsker en besøgsven om formiddagen",
    },
    { headers },
  );
  expect(sent.statusCode).toBe(201);
  const referral = sent.json() as VolunteerReferral;
  const answered = await staff.post(
    `/api/volunteer-referrals/${referral.id}/answer`,
    { status: "matched", matchKind: "visiting_friend", answer: ANSWER },
    { headers: { "idempotency-key": `answer-${referral.id}` } },
  );
  expect(answered.statusCode).toBe(200);
  return { citizen: c, course, referral };
}

const withdraw = (id: string, as: Client = coordinator) =>
  as.post(`/api/volunteer-referrals/${id}/withdraw-consent`);

describe("withdrawing consent to sharing", () => {
  it("empties what was shared at once, sets who and when, keeps the answer counted, and records it", async () => {
    const { citizen, course, referral } = await matchedReferral();
    const stats = async () =>
      (await coordinator.get("/api/volunteer-referrals/stats")).json() as VolunteerStats;
    const before = await stats();

    const res = await withdraw(referral.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "withdrawn",
      shared: {},
      message: "",
      // The coordinator still sees what had been shared and what the centre answered.
      consentFields: ["firstName", "lastName", "phone"],
      withdrawnBy: { id: t.tenant.users.community_coordinator.id },
    });
    const [row] = await t.db.select().from(volunteerReferrals).where(eq(volunteerReferrals.id, referral.id));
    expect(row).toMatchObject({
      status: "withdrawn",
      withdrawnFromStatus: "matched",
      shared: {},
      consentWithdrawnBy: t.tenant.users.community_coordinator.id,
    });
    expect(row!.consentWithdrawnAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row!.shared)).not.toContain("Valborg");

    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, referral.id), eq(auditEvents.action, "withdraw_consent")));
    expect(audited).toEqual([
      expect.objectContaining({
        entityType: "volunteer_referral",
        citizenId: citizen.id,
        actorUserId: t.tenant.users.community_coordinator.id,
      }),
    ]);

    // The match that was made stays a match and an answer; the withdrawal is its own figure.
    const after = await stats();
    expect(after).toEqual({
      ...before,
      withdrawn: before.withdrawn + 1,
    });

    // The coordinator's course view shows the answer as given and then the withdrawal.
    const timeline = (
      await coordinator.get(`/api/citizens/${citizen.id}/timeline`)
    ).json() as TimelineEntry[];
    expect(
      timeline
        .filter((e) => e.courseId === course.id && e.code.startsWith("volunteer_referral."))
        .map((e) => e.code),
    ).toEqual(["volunteer_referral.withdrawn", "volunteer_referral.matched", "volunteer_referral.sent"]);
  });

  it("shows the volunteer centre only that the referral ended — no reason, no data — and takes no answer", async () => {
    const { citizen, referral } = await matchedReferral();
    expect((await withdraw(referral.id)).statusCode).toBe(200);

    const one = await staff.get(`/api/volunteer-referrals/${referral.id}`);
    expect(one.statusCode).toBe(200);
    const seen = one.json() as VolunteerReferral;
    expect(seen).toMatchObject({
      status: "withdrawn",
      shared: {},
      message: "",
      consentFields: [],
      matchKind: null,
      answer: null,
      answeredBy: null,
      course: null,
      withdrawnBy: null,
    });
    expect(seen.withdrawnAt).not.toBeNull();
    for (const secret of ["Valborg", "Samtykkesen", "Hanne", citizen.id, "besøgsven"])
      expect(one.body.toLowerCase()).not.toContain(secret.toLowerCase());

    const inbox = await staff.get("/api/volunteer-referrals");
    const listed = (inbox.json() as VolunteerReferral[]).find((r) => r.id === referral.id);
    expect(listed).toMatchObject({ status: "withdrawn", shared: {}, message: "", answer: null });
    const filtered = (
      await staff.get("/api/volunteer-referrals?status=withdrawn")
    ).json() as VolunteerReferral[];
    expect(filtered.map((r) => r.id)).toContain(referral.id);

    const answer = await staff.post(`/api/volunteer-referrals/${referral.id}/answer`, {
      status: "too_complex",
      answer: "Vi stopper",
    });
    expect(answer.statusCode).toBe(409);
    expect(errorOf(answer).code).toBe("volunteer_referral_withdrawn");
    const [row] = await t.db.select().from(volunteerReferrals).where(eq(volunteerReferrals.id, referral.id));
    expect(row!.status).toBe("withdrawn");

    const again = await withdraw(referral.id);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe("volunteer_referral_withdrawn");
  });

  it("replaces the stored answers that held the shared data: a replay hands out no copy", async () => {
    const key = `vref-consent-${Date.now()}`;
    const { referral } = await matchedReferral({ "idempotency-key": key });
    expect((await withdraw(referral.id)).statusCode).toBe(200);
    const stored = await t.db
      .select({ status: idempotencyKeys.statusCode, body: idempotencyKeys.responseBody })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, `answer-${referral.id}`));
    expect(stored).toEqual([
      { status: 409, body: { error: expect.objectContaining({ code: "stored_answer_removed" }) } },
    ]);
    const replay = await coordinator.post(
      `/api/courses/${referral.course!.id}/volunteer-referrals`,
      {
        toOrganisationId: t.tenant.orgs.volunteerCentre.id,
        consentFields: ["firstName", "lastName", "phone"],
        message: "Valborg ønsker en besøgsven om formiddagen",
      },
      { headers: { "idempotency-key": key } },
    );
    expect(replay.statusCode).toBe(409);
    expect(replay.body).not.toContain("Valborg");
  });

  it("may be recorded by the coordinator or the administrator, also while processing is restricted; 403 for others", async () => {
    const { citizen, referral } = await matchedReferral();
    for (const role of [
      "volunteer_centre_staff",
      "manager",
      "home_care_worker",
      "planner",
      "evaluator",
    ] as const)
      expect((await withdraw(referral.id, await t.as(role))).statusCode, role).toBe(403);
    const foreign = await t.as("community_coordinator", t.other);
    expect((await withdraw(referral.id, foreign)).statusCode).toBe(404);

    // Restricted: nothing new is processed, but stopping the sharing is still possible.
    expect(
      (await admin.post(`/api/citizens/${citizen.id}/restriction`, { reason: "Indsigelse" })).statusCode,
    ).toBe(201);
    const res = await withdraw(referral.id, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "withdrawn",
      withdrawnBy: { id: t.tenant.users.administrator.id },
    });
  });
});
