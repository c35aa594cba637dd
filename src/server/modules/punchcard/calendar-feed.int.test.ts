/**
 * Issue 11 point 13: the worker's calendar feed carries their planned opsporingsklip and the
 * conversations they booked, with the same privacy as the clips (name and street, no CPR, no notes).
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenToday } from "../../../domain/time.js";
import {
  auditEvents,
  citizens,
  conversations,
  courses,
  idempotencyKeys,
  users,
} from "../../db/schema/index.js";

let t: TestApp;
let planner: Client;
let coordinator: Client;
const today = copenhagenToday();
const tomorrow = formatISO(addDays(parseISO(today), 1), { representation: "date" });

beforeAll(async () => {
  t = await buildTestApp();
  planner = await t.as("planner");
  coordinator = await t.as("community_coordinator");
});
afterAll(() => t.close());

async function anotherUser(
  name: string,
  role: "home_care_worker" | "community_coordinator",
  org: "publicProvider" | "coordinatorUnit",
): Promise<string> {
  const [row] = await t.db
    .insert(users)
    .values({
      municipalityId: t.tenant.municipality.id,
      organisationId: t.tenant.orgs[org].id,
      username: `t${t.tenant.municipality.code}.${name}`,
      displayName: name,
      role,
      passwordHash: "x",
    })
    .returning({ id: users.id });
  return row!.id;
}

const citizen = (firstName: string, lastName: string, addressLine: string) =>
  insertCitizen(t.db, t.tenant, {
    firstName,
    lastName,
    addressLine,
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });

async function feedOf(client: Client): Promise<string> {
  const feed = (await client.post("/api/me/calendar-feed")).json() as { url: string };
  const res = await t.anonymous.get(new URL(feed.url).pathname);
  expect(res.statusCode).toBe(200);
  return res.body;
}

describe("the calendar feed", () => {
  it("shows the worker's planned opsporingsklip as all-day events, not cancelled ones or a colleague's", async () => {
    const me = t.tenant.users.home_care_worker.id;
    const colleague = await anotherUser("kollega-feed", "home_care_worker", "publicProvider");
    const planned = await citizen("Astrid", "Kalenderholm", "Klipvej 4");
    const cancelled = await citizen("Bodil", "Aflystrup", "Aflystvej 2");
    const theirs = await citizen("Carl", "Kollegasen", "Andenvej 9");
    const grant = (citizenId: string, workerUserId: string) =>
      planner.post(`/api/citizens/${citizenId}/detection-clips`, {
        workerUserId,
        plannedDate: tomorrow,
        minutes: 30,
      });
    expect((await grant(planned.id, me)).statusCode).toBe(201);
    const toCancel = (await (await grant(cancelled.id, me)).json()) as { id: string };
    expect(
      (await planner.post(`/api/detection-clips/${toCancel.id}/settle`, { status: "cancelled" })).statusCode,
    ).toBe(200);
    expect((await grant(theirs.id, colleague)).statusCode).toBe(201);

    const ics = await feedOf(await t.as("home_care_worker"));
    expect(ics).toContain("SUMMARY:Opsporingsklip (30 min): Astrid Kalenderholm");
    expect(ics).toContain(`DTSTART;VALUE=DATE:${tomorrow.replaceAll("-", "")}`);
    expect(ics).toContain("LOCATION:Klipvej 4");
    expect(ics).not.toContain("Aflystrup");
    expect(ics).not.toContain("Kollegasen");
    const [row] = await t.db.select({ cpr: citizens.cpr }).from(citizens).where(eq(citizens.id, planned.id));
    expect(ics).not.toContain(row!.cpr);
    expect(ics).not.toContain(row!.cpr.replace("-", ""));
    // Each fetch is audited per citizen it shows.
    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "calendar_feed"), eq(auditEvents.citizenId, planned.id)));
    expect(audited.length).toBeGreaterThan(0);
  });

  it("shows the coordinator the conversations they booked, not cancelled, held, closed-course or another coordinator's bookings", async () => {
    const otherCoordinator = await anotherUser("koordinator-to", "community_coordinator", "coordinatorUnit");
    const open = async (first: string, last: string, street: string) => {
      const c = await citizen(first, last, street);
      const res = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" });
      expect(res.statusCode).toBe(201);
      return { citizen: c, courseId: (res.json() as { id: string }).id };
    };
    const book = async (courseId: string, scheduledAt: string) => {
      const res = await coordinator.post(`/api/courses/${courseId}/bookings`, {
        kind: "clarification",
        scheduledAt,
      });
      expect(res.statusCode).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const booked = await open("Dagmar", "Bookedal", "Samtalevej 1");
    await book(booked.courseId, `${tomorrow}T10:00:00+01:00`);
    const cancelledOne = await open("Erik", "Aflysen", "Aflysvej 3");
    const cancelledId = await book(cancelledOne.courseId, `${tomorrow}T11:00:00+01:00`);
    await t.db.update(conversations).set({ status: "cancelled" }).where(eq(conversations.id, cancelledId));
    const held = await open("Frida", "Holdtsen", "Holdtvej 5");
    const heldId = await book(held.courseId, `${tomorrow}T12:00:00+01:00`);
    await t.db.update(conversations).set({ status: "held" }).where(eq(conversations.id, heldId));
    const closed = await open("Gorm", "Lukkesen", "Lukvej 7");
    await book(closed.courseId, `${tomorrow}T13:00:00+01:00`);
    await t.db.update(courses).set({ stage: "closed" }).where(eq(courses.id, closed.courseId));
    const others = await open("Hanne", "Andenkoord", "Fremmedvej 8");
    const othersId = await book(others.courseId, `${tomorrow}T14:00:00+01:00`);
    await t.db
      .update(conversations)
      .set({ recordedBy: otherCoordinator })
      .where(eq(conversations.id, othersId));

    const ics = await feedOf(coordinator);
    expect(ics).toContain("SUMMARY:Afklarende samtale: Dagmar Bookedal");
    expect(ics).toContain("LOCATION:Samtalevej 1");
    // 10:00 in Copenhagen on a winter day is 09:00 UTC (the feed writes instants in UTC).
    expect(ics).toMatch(new RegExp(`DTSTART:${tomorrow.replaceAll("-", "")}T090000Z`));
    for (const name of ["Aflysen", "Holdtsen", "Lukkesen", "Andenkoord"]) expect(ics).not.toContain(name);
  });

  it("keeps no copy of the feed's secret address under an Idempotency-Key", async () => {
    const worker = await t.as("home_care_worker");
    const key = "calendar-feed-secret-1";
    const res = await worker.post("/api/me/calendar-feed", undefined, {
      headers: { "idempotency-key": key },
    });
    expect(res.statusCode).toBe(201);
    const stored = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(stored).toHaveLength(0);
  });
});
