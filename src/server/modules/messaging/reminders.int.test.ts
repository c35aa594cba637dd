/**
 * Reminders the day before (issue 16): they follow the visit — plan → queued with the right
 * notBefore and text, move → the old one cancelled and a new one queued, cancel/done/held/closed →
 * cancelled, no consent → nothing, consent withdrawn and given again. Checked in the outbox;
 * delivery is the outbox's (reminder-smtp.int.test.ts sends one end to end).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { spokenDate } from "../../../domain/messaging/reminders.js";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import { citizenContacts, clips } from "../../db/schema/index.js";
import { visitChanged } from "../../platform/visit-events.js";
import { dayAfter, messagingFixtures } from "../../../../test/support/messaging-citizen.js";

let t: TestApp;
let coordinator: Client;
let planner: Client;
let admin: Client;
const { giveConsent, withCourse, plan, startOf, outboxOf } = messagingFixtures(() => t);
const today = copenhagenDate(new Date());
const inThreeDays = dayAfter(3);
const inFiveDays = dayAfter(5);

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  planner = await t.as("planner");
  admin = await t.as("administrator");
});
afterAll(() => t.close());

describe("reminders the day before", () => {
  it("queues an SMS at 10:00 Copenhagen time the day before, with time, place and who comes", async () => {
    const { citizen, courseId } = await withCourse("Rigmor");
    await giveConsent(citizen.id);
    const clipId = await plan(courseId, inThreeDays);
    const start = await startOf(clipId);
    const [row] = await outboxOf(citizen.id);
    expect(row).toMatchObject({
      kind: "reminder",
      channel: "sms",
      recipientKind: "citizen",
      toAddress: "+4522334455",
      status: "queued",
      clipId,
      templateKey: "reminder.accompaniment",
      dedupeKey: `reminder:clip:${clipId}:${inThreeDays}T${start}:citizen`,
      subject: null,
    });
    expect(row!.notBefore.toISOString()).toBe(copenhagenInstant(dayAfter(2), "10:00").toISOString());
    expect(row!.body).toContain("Rigmor");
    expect(row!.body).toContain(`kl. ${start}`);
    expect(row!.body).toContain("Mette Lykke");
    expect(row!.body).toContain("Klokkevej 3");
    expect(row!.body).not.toMatch(/\d{6}-?\d{4}/);
  });

  it("copies the relative when the citizen wishes, by their own channel", async () => {
    const { citizen, courseId } = await withCourse();
    const [own] = await t.db
      .insert(citizenContacts)
      .values({
        municipalityId: t.tenant.municipality.id,
        citizenId: citizen.id,
        kind: "relative",
        name: "Datter",
      })
      .returning({ id: citizenContacts.id });
    await giveConsent(citizen.id, {
      relativeContactId: own!.id,
      relativeChannel: "email",
      relativeEmail: "datter@example.dk",
    });
    await plan(courseId, inThreeDays);
    const rows = await outboxOf(citizen.id);
    expect(rows.map((r) => [r.recipientKind, r.channel, r.toAddress]).sort()).toEqual([
      ["citizen", "sms", "+4522334455"],
      ["relative", "email", "datter@example.dk"],
    ]);
    expect(rows.find((r) => r.channel === "email")!.subject).toContain("Påmindelse");
  });

  it("queues nothing without consent, with consent false, with reminders off, or on paper only", async () => {
    for (const consent of [
      null,
      { consent: false },
      { remindersEnabled: false },
      { channel: "letter", phone: null },
    ]) {
      const { citizen, courseId } = await withCourse();
      if (consent) await giveConsent(citizen.id, consent);
      await plan(courseId, inThreeDays);
      expect(await outboxOf(citizen.id)).toEqual([]);
    }
  });

  it("queues nothing for a visit today", async () => {
    const { citizen, courseId } = await withCourse();
    await giveConsent(citizen.id);
    await plan(courseId, today, "23:50");
    expect(await outboxOf(citizen.id)).toEqual([]);
  });

  it("cancels the old reminder and queues a new one when the clip moves; back again revives the old", async () => {
    const { citizen, courseId } = await withCourse();
    await giveConsent(citizen.id);
    const clipId = await plan(courseId, inThreeDays);
    // A move as a rescheduling service would make it: the clip's day changes, then the signal.
    const move = async (day: string) =>
      t.db.transaction(async (tx) => {
        await tx.update(clips).set({ plannedOn: day }).where(eq(clips.id, clipId));
        await visitChanged(tx, t.tenant.municipality.id, { clipId });
      });
    await move(inFiveDays);
    const rows = await outboxOf(citizen.id);
    expect(rows.map((r) => [r.dedupeKey.split(":")[3]!.slice(0, 10), r.status])).toEqual([
      [inThreeDays, "cancelled"],
      [inFiveDays, "queued"],
    ]);
    expect(rows[1]!.notBefore.toISOString()).toBe(copenhagenInstant(dayAfter(4), "10:00").toISOString());
    await move(inThreeDays);
    const again = await outboxOf(citizen.id);
    expect(again.map((r) => r.status)).toEqual(["queued", "cancelled"]);
  });

  it("cancels the reminder when the clip is cancelled", async () => {
    const { citizen, courseId } = await withCourse();
    await giveConsent(citizen.id);
    const clipId = await plan(courseId, inThreeDays);
    expect((await planner.post(`/api/clips/${clipId}/cancel`, { reason: "Syg" })).statusCode).toBe(200);
    const [row] = await outboxOf(citizen.id);
    expect(row).toMatchObject({ status: "cancelled" });
    expect(row!.cancelledAt).not.toBeNull();
  });

  it("cancels the reminder when the clip is registered as done ahead of time", async () => {
    const { citizen, courseId } = await withCourse();
    await giveConsent(citizen.id);
    const clipId = await plan(courseId, inThreeDays);
    const worker = await t.as("home_care_worker");
    const done = await worker.post(`/api/courses/${courseId}/clip-registrations`, {
      clipId,
      kind: "accompaniment",
      accompanimentForm: "to_from",
      performedOn: today,
      outcome: "done",
      actualMinutes: 45,
    });
    expect(done.statusCode, done.body).toBe(201);
    expect((await outboxOf(citizen.id)).map((r) => r.status)).toEqual(["cancelled"]);
  });

  it("cancels queued reminders when consent is withdrawn, and queues them again when it is given", async () => {
    const { citizen, courseId } = await withCourse();
    await giveConsent(citizen.id);
    await plan(courseId, inThreeDays);
    await giveConsent(citizen.id, { consent: false });
    expect((await outboxOf(citizen.id)).map((r) => r.status)).toEqual(["cancelled"]);
    await giveConsent(citizen.id, { phone: "+45 66 77 88 99" });
    expect((await outboxOf(citizen.id)).map((r) => [r.status, r.toAddress])).toEqual([
      ["queued", "+4566778899"],
    ]);
  });

  it("reminds of a booked conversation and cancels it when the conversation is recorded as held", async () => {
    const { citizen, courseId } = await withCourse();
    await giveConsent(citizen.id, { channel: "email", email: "ingrid@example.dk", lang: "en" });
    const booked = await coordinator.post(`/api/courses/${courseId}/bookings`, {
      kind: "clarification",
      scheduledAt: copenhagenInstant(inThreeDays, "14:15").toISOString(),
    });
    expect(booked.statusCode).toBe(201);
    const [row] = await outboxOf(citizen.id);
    expect(row).toMatchObject({
      conversationId: booked.json().id,
      channel: "email",
      templateKey: "reminder.conversation",
      status: "queued",
    });
    expect(row!.body).toContain("at 14:15");
    expect(row!.body).toContain("Camilla Holt");
    const held = await coordinator.post(`/api/courses/${courseId}/conversations`, {
      conversationId: booked.json().id,
      kind: "clarification",
      themeNotes: {},
      goals: [],
    });
    expect(held.statusCode, held.body).toBe(201);
    expect((await outboxOf(citizen.id)).map((r) => r.status)).toEqual(["cancelled"]);
  });

  it("cancels every reminder of a course when it is closed", async () => {
    const { citizen, courseId } = await withCourse();
    await giveConsent(citizen.id);
    await plan(courseId, inThreeDays);
    await coordinator.post(`/api/courses/${courseId}/bookings`, {
      kind: "guidance",
      scheduledAt: copenhagenInstant(inFiveDays, "09:00").toISOString(),
    });
    expect((await outboxOf(citizen.id)).map((r) => r.status)).toEqual(["queued", "queued"]);
    const course = (await coordinator.get(`/api/courses/${courseId}`)).json();
    const closed = await coordinator.post(`/api/courses/${courseId}/close`, {
      version: course.version,
      reason: "goal_reached",
      summary: "Afsluttet.",
      citizenAccount: "Det gik godt.",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await outboxOf(citizen.id)).map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("uses the municipality's newest template version", async () => {
    const saved = await admin.post("/api/messaging/templates/reminder.accompaniment/da", {
      subject: null,
      body: "Kære {fornavn}: {medarbejder} kommer {dato} kl. {tid}.",
    });
    expect(saved.statusCode).toBe(201);
    const { citizen, courseId } = await withCourse("Asta");
    await giveConsent(citizen.id);
    const clipId = await plan(courseId, inThreeDays);
    const [row] = await outboxOf(citizen.id);
    expect(row!.body).toBe(
      `Kære Asta: Mette Lykke kommer ${spokenDate(inThreeDays, "da")} kl. ${await startOf(clipId)}.`,
    );
    expect(row!.templateVersion).toBe(saved.json().version);
  });
});
