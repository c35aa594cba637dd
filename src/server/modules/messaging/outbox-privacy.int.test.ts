/**
 * The outbox and the citizen's rights (issue 16): the access export shows every SMS and e-mail to
 * the citizen (to whom, the text, what became of it); anonymisation keeps the outbox's history but
 * empties address and text and cancels what still waits; erasure deletes the citizen's messages.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessExport } from "../../../shared/api/privacy-access.js";
import { outboxMessages } from "../../db/schema/index.js";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { queueMessage } from "./index.js";

let t: TestApp;
let admin: Client;
let seq = 0;
const headers = () => ({ headers: { "idempotency-key": crypto.randomUUID() } });

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
});
afterAll(async () => t?.close());

async function citizenWithMessages() {
  const c = await insertCitizen(t.db, t.tenant, { firstName: "Inge", lastName: "Outbox" });
  const base = {
    municipalityId: t.tenant.municipality.id,
    kind: "reminder" as const,
    recipientKind: "citizen" as const,
    citizenId: c.id,
  };
  const sent = await queueMessage(t.db, {
    ...base,
    channel: "sms",
    toAddress: "+4512121212",
    body: "Husk: i morgen kl. 10.00 kommer Lise.",
    dedupeKey: `privacy:${++seq}`,
  });
  await t.db
    .update(outboxMessages)
    .set({ status: "sent", attempts: 1, sentAt: new Date() })
    .where(eq(outboxMessages.id, sent.id));
  const waiting = await queueMessage(t.db, {
    ...base,
    channel: "email",
    recipientKind: "relative",
    toAddress: "datter@example.dk",
    subject: "Påmindelse",
    body: "Din mor får besøg i morgen kl. 10.00.",
    dedupeKey: `privacy:${++seq}`,
  });
  return { citizen: c, sent: sent.id, waiting: waiting.id };
}

const rowOf = async (id: string) =>
  (await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0];

describe("the outbox and the citizen's rights", () => {
  it("the access export shows each message with its recipient, text and status, in words", async () => {
    const x = await citizenWithMessages();
    const res = await admin.get(`/api/citizens/${x.citizen.id}/access-export`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json() as AccessExport;
    expect(doc.outboxMessages).toHaveLength(2);
    expect(doc.outboxMessages[0]).toMatchObject({
      kind: "Påmindelse",
      channel: "SMS",
      recipient: "Borgeren",
      to: "+4512121212",
      text: "Husk: i morgen kl. 10.00 kommer Lise.",
      status: "Sendt",
      attempts: 1,
    });
    expect(doc.outboxMessages[1]).toMatchObject({
      channel: "E-mail",
      recipient: "Pårørende",
      to: "datter@example.dk",
      subject: "Påmindelse",
      status: "Venter på at blive sendt",
      sentAt: null,
    });
  });

  it("anonymisation empties address and text, keeps the history and cancels what waits", async () => {
    const x = await citizenWithMessages();
    const res = await admin.post(`/api/citizens/${x.citizen.id}/anonymisation`, {}, headers());
    expect(res.statusCode, res.body).toBe(200);
    const counts = Object.fromEntries(
      (res.json() as { counts: { category: string; count: number }[] }).counts.map((c) => [
        c.category,
        c.count,
      ]),
    );
    expect(counts.outbox_messages).toBe(2);
    const sent = await rowOf(x.sent);
    expect(sent).toMatchObject({ status: "sent", toAddress: "", body: "", subject: null });
    const waiting = await rowOf(x.waiting);
    expect(waiting).toMatchObject({ status: "cancelled", toAddress: "", body: "", subject: null });
    expect(waiting!.cancelledAt).not.toBeNull();
    // The administrator's outbox no longer names them.
    const list = await admin.get("/api/messaging/outbox?pageSize=100");
    const shown = (list.json() as { items: { id: string; citizenName: string | null }[] }).items.find(
      (i) => i.id === x.sent,
    );
    expect(shown?.citizenName).toBeNull();
  });

  it("erasure deletes the citizen's messages", async () => {
    const x = await citizenWithMessages();
    const res = await admin.post(
      `/api/citizens/${x.citizen.id}/erasure`,
      { reason: "Borgerens anmodning" },
      headers(),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(await rowOf(x.sent)).toBeUndefined();
    expect(await rowOf(x.waiting)).toBeUndefined();
  });
});
