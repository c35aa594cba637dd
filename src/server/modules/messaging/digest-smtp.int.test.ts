/**
 * Issue 16 point 2 end to end: a coordinator's daily digest, queued by `messaging.digest` and
 * delivered by `messaging.deliver-due`, arrives at a real SMTP server (test/support/smtp-server.ts)
 * addressed to the coordinator, in Danish, with the count and the link — and no citizen in it.
 */
import { sendEmailThrough } from "../../../../test/support/messaging-core.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type TestSmtpServer, startTestSmtpServer } from "../../../../test/support/smtp-server.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenHour } from "../../../domain/messaging/digest.js";
import { DIGEST_JOB } from "./digest-job.js";
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

it("delivers a coordinator's digest by e-mail: the address, the Danish count and link, no citizen", async () => {
  const coordinator = await t.as("community_coordinator");
  expect(
    (
      await coordinator.put(
        "/api/me/notifications",
        { email: "camilla@fjordby.example", digestEnabled: true, mutedTopics: [], version: 0 },
        key(),
      )
    ).statusCode,
  ).toBe(200);
  const andersen = t.tenant.citizens.andersen;
  const referred = await (
    await t.as("home_care_worker")
  ).post(`/api/citizens/${andersen.id}/referrals`, {
    reason: "Virker ensom og har mistet sin hustru.",
  });
  expect(referred.statusCode).toBe(201);
  await new Promise((r) => setTimeout(r, 20));
  const now = new Date();

  const admin = await t.as("administrator");
  await sendEmailThrough(admin, smtp.port, { digestHour: copenhagenHour(now) });

  await t.app.jobs.enqueue(DIGEST_JOB, { now: now.toISOString() });
  expect((await t.app.jobs.runDueJobs(DIGEST_JOB)).completed).toHaveLength(1);
  await t.app.jobs.enqueue(DELIVER_JOB, {});
  await t.app.jobs.runDueJobs(DELIVER_JOB);

  const [mail] = await smtp.waitFor(1);
  expect(smtp.envelopes[0]!.to).toEqual(["camilla@fjordby.example"]);
  expect(mail!.subject).toMatch(/^Broen: din oversigt /);
  expect(mail!.text).toContain("- 1 ny henvisning\n  http://localhost:3000/henvisninger");
  expect(mail!.text).toContain("Oversigten nævner ingen borgere");
  const text = `${mail!.subject}\n${mail!.text}\n${mail!.html || ""}`;
  for (const word of [andersen.firstName, andersen.lastName, andersen.addressLine, andersen.cpr, "hustru"])
    expect(text).not.toContain(word);
  expect(text).not.toMatch(/\d{6}-?\d{4}/);
});
