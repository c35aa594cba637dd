/**
 * The citizen's side of messaging (issue 16): consent with history, templates as versioned data,
 * the coordinator's message, and the consents in the access export and erasure. Reminders:
 * reminders.int.test.ts.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { MessageTemplate } from "../../../shared/api/messaging-templates.js";
import { auditEvents, citizenContacts, citizenMessagingConsents } from "../../db/schema/index.js";
import { consentBody, messagingFixtures } from "../../../../test/support/messaging-citizen.js";

let t: TestApp;
let coordinator: Client;
let planner: Client;
let admin: Client;
const { newCitizen, giveConsent, outboxOf } = messagingFixtures(() => t);

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  planner = await t.as("planner");
  admin = await t.as("administrator");
});
afterAll(() => t.close());

describe("the citizen's consent", () => {
  it("has none at first, and then nothing can be sent", async () => {
    const c = await newCitizen();
    const res = await coordinator.get(`/api/citizens/${c.id}/messaging-consent`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ citizenId: c.id, current: null, history: [], reachable: "no_consent" });
  });

  it("records consent with the phone in E.164, who recorded it and when, and audits read and update", async () => {
    const c = await newCitizen();
    const saved = await giveConsent(c.id, { email: " ingrid@example.dk " });
    expect(saved.current).toMatchObject({
      consent: true,
      channel: "sms",
      phone: "+4522334455",
      email: "ingrid@example.dk",
      recordedBy: { id: t.tenant.users.community_coordinator.id, name: "Camilla Holt" },
    });
    expect(saved.reachable).toBe("yes");
    await coordinator.get(`/api/citizens/${c.id}/messaging-consent`);
    const rows = await t.db
      .select({ action: auditEvents.action, entityType: auditEvents.entityType })
      .from(auditEvents)
      .where(eq(auditEvents.citizenId, c.id));
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: "update", entityType: "citizen" },
        { action: "read", entityType: "citizen" },
      ]),
    );
  });

  it("keeps every change as history, newest first; consent false keeps the rest but stops messages", async () => {
    const c = await newCitizen();
    await giveConsent(c.id);
    const after = await giveConsent(c.id, { consent: false });
    expect(after.history.map((h) => h.consent)).toEqual([false, true]);
    expect(after.current).toMatchObject({ consent: false, phone: "+4522334455" });
    expect(after.reachable).toBe("no_consent");
  });

  it.each([
    [{ phone: "1234" }, "phone", "invalid_phone"],
    [{ phone: null }, "phone", "required"],
    [{ channel: "email" }, "email", "required"],
    [{ email: "ingrid@" }, "email", "invalid_email"],
    [{ relativeContactId: "00000000-0000-4000-8000-000000000000" }, "relativeContactId", "invalid_value"],
    [{ relativeChannel: "sms" }, "relativeContactId", "required"],
  ])("refuses %j naming %s", async (over, field, reason) => {
    const c = await newCitizen();
    const res = await coordinator.put(`/api/citizens/${c.id}/messaging-consent`, consentBody(over));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toContainEqual(expect.objectContaining({ field, reason }));
  });

  it("refuses another citizen's contact as the relative, and takes the citizen's own", async () => {
    const c = await newCitizen();
    const other = t.tenant.contactId; // a relative of another citizen
    const refused = await coordinator.put(
      `/api/citizens/${c.id}/messaging-consent`,
      consentBody({ relativeContactId: other, relativeChannel: "sms", relativePhone: "33445566" }),
    );
    expect(errorOf(refused).details?.fields).toContainEqual(
      expect.objectContaining({ field: "relativeContactId", reason: "invalid_value" }),
    );
    const [own] = await t.db
      .insert(citizenContacts)
      .values({
        municipalityId: t.tenant.municipality.id,
        citizenId: c.id,
        kind: "relative",
        name: "Ole Søn",
      })
      .returning({ id: citizenContacts.id });
    const saved = await giveConsent(c.id, {
      relativeContactId: own!.id,
      relativeChannel: "sms",
      relativePhone: "33445566",
    });
    expect(saved.current).toMatchObject({
      relative: { id: own!.id, name: "Ole Søn" },
      relativePhone: "+4533445566",
    });
  });

  it("is answered 404 for another municipality's citizen", async () => {
    const res = await coordinator.get(`/api/citizens/${t.other.citizens.andersen.id}/messaging-consent`);
    expect(res.statusCode).toBe(404);
  });
});

describe("templates as versioned data", () => {
  it("lists Broen's shipped text for every key and language until the municipality writes its own", async () => {
    const res = await admin.get("/api/messaging/templates");
    expect(res.statusCode).toBe(200);
    const list = res.json() as MessageTemplate[];
    expect(list).toHaveLength(10);
    expect(list.find((x) => x.key === "reminder.accompaniment" && x.lang === "da")).toMatchObject({
      version: null,
      variables: expect.arrayContaining(["fornavn", "dato", "tid"]),
    });
  });

  it("saves versions 1 and 2, lists the newest and keeps the history; the other municipality still has Broen's", async () => {
    const url = "/api/messaging/templates/citizen.general/en";
    const first = await admin.post(url, { subject: null, body: "Hello {fornavn}, version one." });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, body: "Hello {fornavn}, version one." });
    const second = await admin.post(url, { subject: "Hi", body: "Hello {fornavn}, version two." });
    expect(second.json()).toMatchObject({ version: 2, createdBy: { name: "Karin Admin" } });
    const history = (await admin.get(`${url}/history`)).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.shipped.body).toContain("{fornavn}");
    const theirs = (
      (
        await (await t.as("administrator", t.other)).get("/api/messaging/templates")
      ).json() as MessageTemplate[]
    ).find((x) => x.key === "citizen.general" && x.lang === "en");
    expect(theirs?.version).toBeNull();
  });

  it("refuses a text with a CPR number, naming the field", async () => {
    const res = await admin.post("/api/messaging/templates/citizen.general/da", {
      subject: null,
      body: "Hej {fornavn}, dit CPR er 010150-1234",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "body", reason: "contains_cpr" }),
    ]);
  });

  it("refuses a variable the key does not fill in, naming it", async () => {
    const res = await admin.post("/api/messaging/templates/citizen.general/da", {
      subject: "{diagnose}",
      body: "Hej {fornavn} {medarbejder}",
    });
    expect(res.statusCode).toBe(400);
    const fields = errorOf(res).details?.fields as { field: string; reason: string; message: string }[];
    expect(fields.map((f) => [f.field, f.reason])).toEqual([
      ["subject", "unknown_variable"],
      ["body", "unknown_variable"],
    ]);
    expect(fields[0]!.message).toContain("{diagnose}");
  });

  it("refuses an unknown key", async () => {
    expect(
      (await admin.post("/api/messaging/templates/citizen.diagnosis/da", { subject: null, body: "x" }))
        .statusCode,
    ).toBe(400);
  });
});

describe("the coordinator's message", () => {
  it("is refused with a Danish message when the citizen has not consented, or can only get letters", async () => {
    const c = await newCitizen();
    const res = await coordinator.post(`/api/citizens/${c.id}/messages`, { templateKey: "citizen.general" });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: "messaging_no_consent" });
    expect(errorOf(res).message).toContain("samtykke");
    await giveConsent(c.id, { channel: "letter", phone: null });
    const letter = await coordinator.post(`/api/citizens/${c.id}/messages`, {
      templateKey: "citizen.general",
    });
    expect(errorOf(letter).code).toBe("messaging_no_channel");
    expect(await outboxOf(c.id)).toEqual([]);
  });

  it("previews, sends once per Idempotency-Key, and lists what was sent", async () => {
    const c = await newCitizen("Henny");
    await giveConsent(c.id);
    const preview = await coordinator.post(`/api/citizens/${c.id}/messages/preview`, {
      templateKey: "citizen.motivation",
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ reachable: "yes", channel: "sms", toAddress: "+4522334455" });
    expect(preview.json().body).toContain("Henny");
    expect(preview.json().body).toContain("Camilla Holt");
    const key = "6f1c2a52-7f57-4d43-9b55-0d1d8f0a1c11";
    const send = () =>
      coordinator.post(
        `/api/citizens/${c.id}/messages`,
        { templateKey: "citizen.motivation", text: "Hej {fornavn}, vi ses på torsdag. {koordinator}" },
        { headers: { "idempotency-key": key } },
      );
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kind: "citizen_message",
      status: "queued",
      body: "Hej Henny, vi ses på torsdag. Camilla Holt",
      createdBy: { name: "Camilla Holt" },
    });
    const again = await send();
    expect(again.json().id).toBe(first.json().id);
    expect(await outboxOf(c.id)).toHaveLength(1);
    const list = await coordinator.get(`/api/citizens/${c.id}/messages`);
    expect(list.json().map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      [first.json().id, "queued"],
    ]);
    const audit = await t.db
      .select({ entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, c.id), eq(auditEvents.entityType, "citizen_message")));
    expect(audit).toEqual([{ entityId: first.json().id }]);
  });

  it("refuses the coordinator's text with a CPR number or a variable the template does not fill in", async () => {
    const c = await newCitizen();
    await giveConsent(c.id);
    for (const text of ["Dit CPR 0101501234", "Hej {medarbejder}"]) {
      const res = await coordinator.post(`/api/citizens/${c.id}/messages`, {
        templateKey: "citizen.general",
        text,
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.fields).toEqual([expect.objectContaining({ field: "text" })]);
    }
    expect(await outboxOf(c.id)).toEqual([]);
  });

  it("is refused to a planner (the coordinator writes to citizens)", async () => {
    const c = await newCitizen();
    expect(
      (await planner.post(`/api/citizens/${c.id}/messages`, { templateKey: "citizen.general" })).statusCode,
    ).toBe(403);
  });
});

describe("the consents and data protection", () => {
  it("shows every recording of the consent in the citizen's access export", async () => {
    const c = await newCitizen();
    await giveConsent(c.id);
    await giveConsent(c.id, { consent: false });
    const res = await admin.get(`/api/citizens/${c.id}/access-export`);
    expect(res.statusCode).toBe(200);
    expect(res.json().messagingConsents).toEqual([
      expect.objectContaining({
        consent: true,
        channel: "SMS",
        phone: "+4522334455",
        recordedBy: expect.objectContaining({ name: "Camilla Holt" }),
      }),
      expect.objectContaining({ consent: false, language: "Dansk" }),
    ]);
  });

  it("deletes the consents when the citizen is anonymised or erased", async () => {
    const table = citizenMessagingConsents;
    for (const operation of ["anonymisation", "erasure"]) {
      const c = await newCitizen();
      await giveConsent(c.id, { email: "x@example.dk" });
      const preview = (await admin.get(`/api/citizens/${c.id}/erasure-preview`)).json();
      expect(JSON.stringify(preview)).toContain("messaging_consents");
      const res = await admin.post(`/api/citizens/${c.id}/${operation}`, { reason: null });
      expect(res.statusCode, res.body).toBeLessThan(300);
      expect(await t.db.select().from(table).where(eq(table.citizenId, c.id))).toEqual([]);
    }
  });
});
