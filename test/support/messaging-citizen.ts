/**
 * Test fixtures of the citizen's side of messaging (issue 16): citizens with a course and
 * accompaniment clips granted, their consent recorded through the API, clips planned at times of
 * their own, and the citizen's outbox rows. Used by citizen-messaging.int.test.ts and reminders.int.test.ts.
 */
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { insertCitizen, type TestCitizen } from "./factories.js";
import type { TestApp } from "./test-app.js";
import { copenhagenDate } from "../../src/domain/time.js";
import type { MessagingConsent } from "../../src/shared/api/messaging-consent.js";
import { clips, outboxMessages } from "../../src/server/db/schema/index.js";

export const dayAfter = (n: number) => {
  const d = new Date(`${copenhagenDate(new Date())}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export const consentBody = (over: Record<string, unknown> = {}) => ({
  consent: true,
  channel: "sms",
  phone: "22 33 44 55",
  email: null,
  remindersEnabled: true,
  relativeContactId: null,
  relativeChannel: null,
  relativePhone: null,
  relativeEmail: null,
  lang: "da",
  ...over,
});

export function messagingFixtures(app: () => TestApp) {
  const t = () => app();
  /** One worker plans every clip here: each gets a time of its own, so none overlaps another. */
  let slot = 0;
  const nextStart = () => {
    const minutes = 5 + 70 * slot++;
    return `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  };
  async function newCitizen(firstName = "Ingrid"): Promise<TestCitizen> {
    return insertCitizen(t().db, t().tenant, {
      firstName,
      lastName: "Påmindelse",
      addressLine: "Klokkevej 3",
      providerId: t().tenant.orgs.publicProvider.id,
      districtId: t().tenant.districts.north.id,
    });
  }
  async function giveConsent(citizenId: string, over: Record<string, unknown> = {}) {
    const coordinator = await t().as("community_coordinator");
    const res = await coordinator.put(`/api/citizens/${citizenId}/messaging-consent`, consentBody(over));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as MessagingConsent;
  }
  /** A citizen with an open course and accompaniment clips granted. */
  async function withCourse(firstName?: string) {
    const coordinator = await t().as("community_coordinator");
    const citizen = await newCitizen(firstName);
    const course = await coordinator.post(`/api/citizens/${citizen.id}/courses`, { reason: "Test" });
    expect(course.statusCode).toBe(201);
    const courseId = course.json().id as string;
    const granted = await coordinator.post(`/api/courses/${courseId}/grants`, {
      kind: "accompaniment",
      clips: 5,
      minutesPerClip: 60,
    });
    expect(granted.statusCode).toBe(201);
    return { citizen, courseId };
  }
  async function plan(courseId: string, plannedOn: string, plannedStart = nextStart()) {
    const planner = await t().as("planner");
    const res = await planner.post(`/api/courses/${courseId}/clips`, {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      plannedOn,
      plannedStart,
      plannedMinutes: 60,
      workerUserId: t().tenant.users.home_care_worker.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  const startOf = async (clipId: string) =>
    (await t().db.select({ s: clips.plannedStart }).from(clips).where(eq(clips.id, clipId)))[0]!.s!;
  const outboxOf = (citizenId: string) =>
    t()
      .db.select()
      .from(outboxMessages)
      .where(eq(outboxMessages.citizenId, citizenId))
      .orderBy(outboxMessages.createdAt);
  return { newCitizen, giveConsent, withCourse, plan, startOf, outboxOf };
}
