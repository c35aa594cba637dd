/**
 * Issue 16 point 1 end to end: a planned accompaniment's reminder, queued in the planning's
 * transaction and delivered by `messaging.deliver-due` when the day before has come, arrives at a
 * real SMTP server (test/support/smtp-server.ts) addressed to the citizen, in Danish, saying when,
 * where and who comes — and no CPR number or health word.
 */
import { sendEmailThrough } from "../../../../test/support/messaging-core.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type TestSmtpServer, startTestSmtpServer } from "../../../../test/support/smtp-server.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { spokenDate } from "../../../domain/messaging/reminders.js";
import { copenhagenDate } from "../../../domain/time.js";
import { outboxMessages } from "../../db/schema/index.js";
import { DELIVER_JOB } from "./index.js";

let t: TestApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  t = await buildTestApp();
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const key = () => ({ headers: { "idempotency-key": crypto.randomUUID() } });

it("delivers the reminder of tomorrow's accompaniment by e-mail: when, where, who — no CPR, no health words", async () => {
  const admin = await t.as("administrator");
  await sendEmailThrough(admin, smtp.port);

  const citizen = await insertCitizen(t.db, t.tenant, {
    firstName: "Gudrun",
    lastName: "Mail",
    addressLine: "Postvej 7",
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });
  const coordinator = await t.as("community_coordinator");
  const consent = await coordinator.put(
    `/api/citizens/${citizen.id}/messaging-consent`,
    {
      consent: true,
      channel: "email",
      phone: null,
      email: "gudrun@example.dk",
      remindersEnabled: true,
      relativeContactId: null,
      relativeChannel: null,
      relativePhone: null,
      relativeEmail: null,
      lang: "da",
    },
    key(),
  );
  expect(consent.statusCode, consent.body).toBe(200);
  const course = await coordinator.post(`/api/citizens/${citizen.id}/courses`, { reason: "Test" }, key());
  const courseId = course.json().id as string;
  await coordinator.post(
    `/api/courses/${courseId}/grants`,
    { kind: "accompaniment", clips: 2, minutesPerClip: 60 },
    key(),
  );
  const tomorrowDate = new Date(`${copenhagenDate(new Date())}T12:00:00Z`);
  tomorrowDate.setUTCDate(tomorrowDate.getUTCDate() + 1);
  const tomorrow = tomorrowDate.toISOString().slice(0, 10);
  const planned = await (
    await t.as("planner")
  ).post(
    `/api/courses/${courseId}/clips`,
    {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      plannedOn: tomorrow,
      plannedStart: "13:15",
      plannedMinutes: 60,
      workerUserId: t.tenant.users.home_care_worker.id,
    },
    key(),
  );
  expect(planned.statusCode, planned.body).toBe(201);
  // The day before has come (the reminder is due at 10:00 today, or now when planned later).
  await t.db
    .update(outboxMessages)
    .set({ notBefore: new Date(Date.now() - 60_000) })
    .where(eq(outboxMessages.citizenId, citizen.id));

  await t.app.jobs.enqueue(DELIVER_JOB, {});
  await t.app.jobs.runDueJobs(DELIVER_JOB);

  const [mail] = await smtp.waitFor(1);
  expect(smtp.envelopes[0]!.to).toEqual(["gudrun@example.dk"]);
  expect(mail!.subject).toBe(`Påmindelse: ${spokenDate(tomorrow, "da")} kl. 13:15`);
  expect(mail!.text).toContain("Hej Gudrun.");
  expect(mail!.text).toContain("Mette Lykke kommer");
  expect(mail!.text).toContain(`${spokenDate(tomorrow, "da")} kl. 13:15`);
  expect(mail!.text).toContain("Postvej 7");
  expect(mail!.text).not.toMatch(/\d{6}-?\d{4}/);
  expect(mail!.text).not.toMatch(/ensom|diagnose|screening|score/i);
  const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.citizenId, citizen.id));
  expect(row!.status).toBe("sent");
});
