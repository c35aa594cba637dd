/**
 * Delivery of the outbox end to end (issue 16, decision 0105): messages queued in the outbox are
 * delivered by the job "messaging.deliver-due" to a real SMTP server started by the test
 * (test/support/smtp-server.ts, parsed with mailparser) and to a local SMS gateway
 * (test/support/sms-gateway.ts); an unreachable server leaves them queued with backoff and failed
 * after the municipality's maxAttempts; a switched-off channel leaves them waiting with a reason;
 * quiet hours delay, never drop; a "sending" row left by a crash is sent again, once.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages } from "../../db/schema/index.js";
import { GATEWAY_TOKEN, messagingHarness } from "../../../../test/support/messaging-core.js";
import { freePort } from "../../../../test/support/ports.js";

const h = messagingHarness();

describe("delivery", () => {
  it("sends a queued e-mail to the SMTP server: right recipient, Danish text, the outbox id as Message-ID, no CPR", async () => {
    await h.save();
    const before = h.smtp.messages.length;
    const id = await h.queue();
    await h.deliver();
    await h.smtp.waitFor(before + 1);
    const mail = h.smtp.messages[before]!;
    expect(h.smtp.envelopes[before]!.to).toEqual(["anders@example.dk"]);
    expect(mail.subject).toBe("Påmindelse: besøg i morgen");
    expect(mail.text).toContain("I morgen, tirsdag kl. 10.00, kommer Lise");
    expect(mail.html).toBe(false);
    expect(mail.messageId).toBe(`<${id}@broen.fjordby.dk>`);
    expect(mail.from?.value[0]).toMatchObject({
      address: "broen@fjordby.dk",
      name: h.t.tenant.municipality.name,
    });
    const cpr = h.t.tenant.citizens.andersen.cpr;
    for (const part of [cpr, cpr.replace("-", "")]) expect(mail.text).not.toContain(part);
    expect(await h.row(id)).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    // Delivered once: another round sends nothing more.
    await h.deliver();
    expect(h.smtp.messages.filter((m) => m.messageId === `<${id}@broen.fjordby.dk>`)).toHaveLength(1);
  });

  it("sends an SMS to the gateway with the outbox id as reference and the bearer token", async () => {
    await h.save();
    const id = await h.queue({
      channel: "sms",
      toAddress: "+4512345678",
      subject: null,
      body: "Husk: i morgen kl. 10.00 kommer Lise.",
    });
    await h.deliver();
    const req = h.gw.accepted.find((r) => r.body.reference === id);
    expect(req).toBeDefined();
    expect(req!.authorization).toBe(`Bearer ${GATEWAY_TOKEN}`);
    expect(req!.body).toEqual({
      to: "+4512345678",
      from: "Fjordby",
      text: "Husk: i morgen kl. 10.00 kommer Lise.",
      reference: id,
    });
    expect(await h.row(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect((await h.row(id)).providerMessageId).toMatch(/^gw-/);
  });

  it("an unreachable SMTP server leaves the message queued with backoff, failed after maxAttempts, and a retry sends it", async () => {
    const closed = await freePort();
    await h.save({ smtpPort: closed, maxAttempts: 2 });
    const id = await h.queue();
    const started = Date.now();
    await h.deliver();
    let r = await h.row(id);
    expect(r).toMatchObject({ status: "queued", attempts: 1, lastError: "smtp_unreachable" });
    expect(r.notBefore.getTime()).toBeGreaterThan(started + 30_000);
    // Not due yet: a round now leaves it alone.
    await h.deliver();
    expect((await h.row(id)).attempts).toBe(1);
    await h.makeDue(id);
    await h.deliver();
    r = await h.row(id);
    expect(r).toMatchObject({ status: "failed", attempts: 2, lastError: "smtp_unreachable" });

    // The administrator puts the port right and retries it.
    await h.save({ maxAttempts: 2 });
    const before = h.smtp.messages.length;
    const retried = await h.admin.post(`/api/messaging/outbox/${id}/retry`, {}, h.key());
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: "queued", attempts: 0, lastError: null });
    await h.deliver();
    await h.smtp.waitFor(before + 1);
    expect(await h.row(id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a gateway failing twice is retried with backoff, then the SMS goes out once", async () => {
    await h.save({ maxAttempts: 5 });
    h.gw.failNext(2, 503);
    const id = await h.queue({
      channel: "sms",
      toAddress: "+4587654321",
      subject: null,
      body: "Husk i morgen.",
    });
    await h.deliver();
    expect(await h.row(id)).toMatchObject({ status: "queued", attempts: 1, lastError: "sms_http_503" });
    await h.makeDue(id);
    await h.deliver();
    expect(await h.row(id)).toMatchObject({ status: "queued", attempts: 2 });
    await h.makeDue(id);
    await h.deliver();
    expect(await h.row(id)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(h.gw.accepted.filter((r) => r.body.reference === id)).toHaveLength(1);
    expect(h.gw.requests.filter((r) => r.body.reference === id)).toHaveLength(3);
  });

  it("a number the gateway refuses (400) is failed at once", async () => {
    await h.save();
    h.gw.failNext(1, 400);
    const id = await h.queue({
      channel: "sms",
      toAddress: "+4511111111",
      subject: null,
      body: "Husk i morgen.",
    });
    await h.deliver();
    expect(await h.row(id)).toMatchObject({ status: "failed", attempts: 1, lastError: "sms_http_400" });
  });

  it("a switched-off channel leaves the message waiting with the reason, no attempt counted", async () => {
    await h.save({ smsEnabled: false });
    const id = await h.queue({
      channel: "sms",
      toAddress: "+4522222222",
      subject: null,
      body: "Husk i morgen.",
    });
    await h.deliver();
    expect(await h.row(id)).toMatchObject({ status: "queued", attempts: 0, lastError: "sms_disabled" });
    await h.save();
    await h.deliver();
    expect(await h.row(id)).toMatchObject({ status: "sent", attempts: 1, lastError: null });
  });

  it("quiet hours delay a citizen's message to their end, never drop it; a staff e-mail is not held", async () => {
    // Quiet from an hour ago to an hour from now (local time), whatever time the test runs.
    const clock = (ms: number) =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Copenhagen",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(new Date(ms));
    const now = Date.now();
    await h.save({ quietFrom: clock(now - 3_600_000), quietTo: clock(now + 3_600_000) });
    const citizenMsg = await h.queue();
    const staffMsg = await h.queue({
      kind: "staff_digest",
      recipientKind: "user",
      citizenId: null,
      userId: h.t.tenant.users.community_coordinator.id,
      toAddress: "koordinator@fjordby.dk",
      subject: "Dagens overblik",
      body: "Du har 2 nye henvisninger. Se dem i Broen.",
    });
    await h.deliver();
    const held = await h.row(citizenMsg);
    expect(held).toMatchObject({ status: "queued", attempts: 0 });
    expect(held.notBefore.getTime()).toBeGreaterThan(now + 3_500_000);
    expect(held.notBefore.getTime()).toBeLessThan(now + 3_700_000);
    expect(await h.row(staffMsg)).toMatchObject({ status: "sent" });
    // The hours over: it goes out.
    await h.save({ quietFrom: null, quietTo: null });
    await h.makeDue(citizenMsg);
    await h.deliver();
    expect(await h.row(citizenMsg)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a row left 'sending' by a crash is queued again after the timeout and sent once", async () => {
    await h.save();
    const id = await h.queue();
    // As a process killed after its claim leaves it: sending, one attempt, 11 minutes ago.
    await h.t.db
      .update(outboxMessages)
      .set({ status: "sending", attempts: 1, lastAttemptAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(outboxMessages.id, id));
    const before = h.smtp.messages.length;
    await h.deliver();
    await h.smtp.waitFor(before + 1);
    expect(h.smtp.messages.filter((m) => m.messageId?.startsWith(`<${id}@`))).toHaveLength(1);
    expect(await h.row(id)).toMatchObject({ status: "sent", attempts: 2 });
    // One still within the timeout (its send may be running) is left alone.
    const fresh = await h.queue();
    await h.t.db
      .update(outboxMessages)
      .set({ status: "sending", attempts: 1, lastAttemptAt: new Date() })
      .where(eq(outboxMessages.id, fresh));
    await h.deliver();
    expect(await h.row(fresh)).toMatchObject({ status: "sending", attempts: 1 });
  });
});
