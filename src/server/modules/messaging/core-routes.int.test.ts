/**
 * The administrator's messaging routes (issue 16, decision 0105): the channels' settings (defaults,
 * validation naming the field, write-only secrets, optimistic concurrency), the test message by
 * e-mail and SMS, and the outbox (filters, paging, counts, the citizens shown on their trail, one
 * message, retry of a failed one, cancelling a waiting one, another municipality refused).
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { OutboxMessage, OutboxPage } from "../../../shared/api/messaging-outbox.js";
import { auditEvents } from "../../db/schema/index.js";
import { GATEWAY_TOKEN, messagingHarness } from "../../../../test/support/messaging-core.js";
import { freePort } from "../../../../test/support/ports.js";
import { errorFields, errorOf } from "../../../../test/support/test-app.js";

const h = messagingHarness();

describe("settings", () => {
  it("answers Broen's defaults before the first save, and never a secret", async () => {
    const v = await h.settings();
    expect(v).toMatchObject({
      version: 0,
      emailEnabled: false,
      smsEnabled: false,
      quietFrom: "20:00",
      quietTo: "08:00",
    });
    expect(v.emailState).toBe("disabled");
  });

  it("refuses bad input naming the field", async () => {
    const v = await h.settings();
    const put = (over: Record<string, unknown>) =>
      h.admin.put("/api/messaging/settings", h.working(v, over), h.key());
    for (const [over, field] of [
      [{ smtpPort: 70000 }, "smtpPort"],
      [{ smtpPort: 0 }, "smtpPort"],
      [{ smtpHost: "smtp server.dk" }, "smtpHost"],
      [{ emailFrom: "not-an-address" }, "emailFrom"],
      [{ quietFrom: "25:00" }, "quietFrom"],
      [{ quietTo: "8:00" }, "quietTo"],
      [{ smsUrl: "ftp://gateway" }, "smsUrl"],
      [{ smtpHost: null }, "smtpHost"],
      [{ smsToken: null }, "smsToken"],
      [{ quietFrom: "20:00", quietTo: null }, "quietTo"],
    ] as const) {
      const res = await put(over);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(errorFields(res), JSON.stringify(over)).toContain(field);
    }
  });

  it("keeps secrets write-only and refuses a stale version", async () => {
    const v = await h.save({ smtpUser: "broen", smtpPassword: "s3cret" });
    expect(v.hasSmtpPassword).toBe(true);
    expect(v.hasSmsToken).toBe(true);
    expect(JSON.stringify(v)).not.toContain("s3cret");
    expect(JSON.stringify(v)).not.toContain(GATEWAY_TOKEN);
    const stale = await h.admin.put(
      "/api/messaging/settings",
      h.working({ ...v, version: v.version - 1 }),
      h.key(),
    );
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("version_conflict");
    // Absent keeps, null removes.
    const kept = await h.save({ smtpUser: "broen" });
    expect(kept.hasSmtpPassword).toBe(true);
    const removed = await h.save({ smtpUser: null, smtpPassword: null });
    expect(removed.hasSmtpPassword).toBe(false);
    expect(removed.emailState).toBe("ready");
  });

  it("is the administrator's only", async () => {
    const planner = await h.t.as("planner");
    expect((await planner.get("/api/messaging/settings")).statusCode).toBe(403);
    expect((await planner.get("/api/messaging/outbox")).statusCode).toBe(403);
  });
});

describe("outbox routes", () => {
  it("lists with filters, paging and counts; the citizens shown are on their trail", async () => {
    // One sent by e-mail, then one waiting for the switched-off SMS.
    await h.save();
    await h.queue();
    await h.deliver();
    await h.save({ smsEnabled: false });
    const waiting = await h.queue({ channel: "sms", toAddress: "+4533333333", subject: null, body: "Husk." });
    await h.deliver();
    const res = await h.admin.get("/api/messaging/outbox?status=queued&channel=sms&pageSize=5");
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as OutboxPage;
    expect(page.items.every((i) => i.status === "queued" && i.channel === "sms")).toBe(true);
    const item = page.items.find((i) => i.id === waiting)!;
    expect(item).toMatchObject({
      citizenName: "Anders Andersen",
      lastError: "sms_disabled",
      toAddress: "+4533333333",
    });
    expect(page.counts.sent).toBeGreaterThan(0);
    expect(page.pageSize).toBe(5);
    const trail = await h.t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "outbox_message"), eq(auditEvents.entityId, waiting)));
    expect(trail.some((a) => a.action === "read" && a.citizenId === h.t.tenant.citizens.andersen.id)).toBe(
      true,
    );
    const paged = (await h.admin.get("/api/messaging/outbox?pageSize=1&page=2")).json() as OutboxPage;
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
    expect((await h.admin.get("/api/messaging/outbox?status=lost")).statusCode).toBe(400);
  });

  it("shows one message with its text; another municipality's administrator gets 404", async () => {
    const id = await h.queue();
    const res = await h.admin.get(`/api/messaging/outbox/${id}`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as OutboxMessage).body).toContain("Seniorcaféen");
    const other = await h.t.as("administrator", h.t.other);
    expect((await other.get(`/api/messaging/outbox/${id}`)).statusCode).toBe(404);
    const cancel = await other.post(`/api/messaging/outbox/${id}/cancel`, {}, h.key());
    expect(cancel.statusCode).toBe(404);
  });

  it("cancels a waiting message (never sent afterwards); a sent one cannot be cancelled, a queued one not retried", async () => {
    await h.save({ smsEnabled: false });
    const id = await h.queue({ channel: "sms", toAddress: "+4544444444", subject: null, body: "Husk." });
    const retry = await h.admin.post(`/api/messaging/outbox/${id}/retry`, {}, h.key());
    expect(retry.statusCode).toBe(409);
    expect(errorOf(retry).code).toBe("outbox_not_failed");
    const res = await h.admin.post(`/api/messaging/outbox/${id}/cancel`, {}, h.key());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "cancelled" });
    await h.save();
    await h.deliver();
    expect(await h.row(id)).toMatchObject({ status: "cancelled", attempts: 0 });
    expect(h.gw.requests.some((r) => r.body.reference === id)).toBe(false);
    const again = await h.admin.post(`/api/messaging/outbox/${id}/cancel`, {}, h.key());
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe("outbox_not_queued");
  });

  it("sends a test message by e-mail and by SMS, and tells an unreachable server", async () => {
    await h.save();
    const before = h.smtp.messages.length;
    const mail = await h.admin.post("/api/messaging/settings/test", {
      channel: "email",
      to: "admin@fjordby.dk",
    });
    expect(mail.statusCode, mail.body).toBe(200);
    expect(mail.json()).toMatchObject({ sent: true, error: null });
    await h.smtp.waitFor(before + 1);
    expect(h.smtp.messages[before]!.text).toContain("prøvebesked");
    const sms = await h.admin.post("/api/messaging/settings/test", { channel: "sms", to: "12 34 56 78" });
    expect(sms.json()).toMatchObject({ sent: true });
    expect(h.gw.accepted.at(-1)!.body.to).toBe("+4512345678");
    const bad = await h.admin.post("/api/messaging/settings/test", { channel: "sms", to: "abc" });
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad)).toEqual(["to"]);
    await h.save({ smtpPort: await freePort() });
    const down = await h.admin.post("/api/messaging/settings/test", {
      channel: "email",
      to: "admin@fjordby.dk",
    });
    expect(down.json()).toMatchObject({ sent: false, error: "smtp_unreachable" });
    await h.save({ emailEnabled: false });
    const off = await h.admin.post("/api/messaging/settings/test", {
      channel: "email",
      to: "admin@fjordby.dk",
    });
    expect(off.statusCode).toBe(409);
  });
});
