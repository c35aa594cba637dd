/**
 * What the messaging core's API tests share (issue 16): an app, a real SMTP server and a local SMS
 * gateway, an administrator, and small steps — save working settings (with overrides), queue a
 * message for a citizen, run a delivery round, read a row, make a row due now.
 *
 *   const h = messagingHarness();          // registers beforeAll/afterAll
 *   it("…", async () => { await h.save({ smsEnabled: false }); const id = await h.queue(); await h.deliver(); });
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import type { MessagingSettingsView } from "../../src/shared/api/messaging-outbox.js";
import { outboxMessages } from "../../src/server/db/schema/index.js";
import { DELIVER_JOB, queueMessage } from "../../src/server/modules/messaging/index.js";
import { type TestSmsGateway, startTestSmsGateway } from "./sms-gateway.js";
import { type TestSmtpServer, startTestSmtpServer } from "./smtp-server.js";
import { type Client, type TestApp, buildTestApp } from "./test-app.js";

export const GATEWAY_TOKEN = "gateway-token-1";

export interface MessagingHarness {
  t: TestApp;
  smtp: TestSmtpServer;
  gw: TestSmsGateway;
  admin: Client;
  /** Headers of a write: a fresh Idempotency-Key. */
  key(): { headers: Record<string, string> };
  settings(): Promise<MessagingSettingsView>;
  /** A settings body that works against the test servers (quiet hours off, 3 attempts), with overrides. */
  working(v: MessagingSettingsView, over?: Record<string, unknown>): Record<string, unknown>;
  save(over?: Record<string, unknown>): Promise<MessagingSettingsView>;
  /** One delivery round through the job queue. */
  deliver(): Promise<unknown>;
  /** A reminder e-mail to Anders Andersen (overridable); answers its id. */
  queue(over?: Partial<Parameters<typeof queueMessage>[1]>): Promise<string>;
  row(id: string): Promise<typeof outboxMessages.$inferSelect>;
  /** The clock moved past the row's backoff (a test does not wait minutes). */
  makeDue(id: string): Promise<void>;
}

export function messagingHarness(): MessagingHarness {
  let seq = 0;
  const h = {
    key: () => ({ headers: { "idempotency-key": crypto.randomUUID() } }),
    async settings() {
      const res = await h.admin.get("/api/messaging/settings");
      expect(res.statusCode).toBe(200);
      return res.json() as MessagingSettingsView;
    },
    working: (v: MessagingSettingsView, over: Record<string, unknown> = {}) => ({
      version: v.version,
      emailEnabled: true,
      smtpHost: "127.0.0.1",
      smtpPort: h.smtp.port,
      smtpSecure: false,
      smtpUser: null,
      emailFrom: "broen@fjordby.dk",
      smsEnabled: true,
      smsUrl: h.gw.url,
      smsToken: GATEWAY_TOKEN,
      smsSender: "Fjordby",
      quietFrom: null,
      quietTo: null,
      digestHour: 7,
      maxAttempts: 3,
      ...over,
    }),
    async save(over: Record<string, unknown> = {}) {
      const res = await h.admin.put("/api/messaging/settings", h.working(await h.settings(), over), h.key());
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as MessagingSettingsView;
    },
    async deliver() {
      await h.t.app.jobs.enqueue(DELIVER_JOB, {});
      return h.t.app.jobs.runDueJobs(DELIVER_JOB);
    },
    async queue(over: Partial<Parameters<typeof queueMessage>[1]> = {}) {
      const { id } = await queueMessage(h.t.db, {
        municipalityId: h.t.tenant.municipality.id,
        kind: "reminder",
        channel: "email",
        recipientKind: "citizen",
        citizenId: h.t.tenant.citizens.andersen.id,
        toAddress: "anders@example.dk",
        subject: "Påmindelse: besøg i morgen",
        body: "Hej Anders. I morgen, tirsdag kl. 10.00, kommer Lise fra Fjordby Kommune og går med dig til Seniorcaféen.",
        dedupeKey: `test:${++seq}`,
        ...over,
      });
      return id;
    },
    async row(id: string) {
      const [r] = await h.t.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return r!;
    },
    async makeDue(id: string) {
      await h.t.db
        .update(outboxMessages)
        .set({ notBefore: new Date(Date.now() - 1000) })
        .where(eq(outboxMessages.id, id));
    },
  } as unknown as MessagingHarness;
  beforeAll(async () => {
    h.t = await buildTestApp();
    h.smtp = await startTestSmtpServer();
    h.gw = await startTestSmsGateway({ token: GATEWAY_TOKEN });
    h.admin = await h.t.as("administrator");
  });
  afterAll(async () => {
    await h.smtp?.close();
    await h.gw?.close();
    await h.t?.close();
  });
  return h;
}

/**
 * Points the municipality's e-mail channel at a test SMTP server (no SMS, no quiet hours), as its
 * administrator does on the Beskeder page; fails the test when the settings are refused.
 */
export async function sendEmailThrough(
  admin: Client,
  smtpPort: number,
  over: Partial<{ digestHour: number; maxAttempts: number }> = {},
): Promise<void> {
  const current = (await admin.get("/api/messaging/settings")).json() as MessagingSettingsView;
  const saved = await admin.put(
    "/api/messaging/settings",
    {
      version: current.version,
      emailEnabled: true,
      smtpHost: "127.0.0.1",
      smtpPort,
      smtpSecure: false,
      smtpUser: null,
      emailFrom: "broen@fjordby.example",
      smsEnabled: false,
      smsUrl: null,
      smsSender: null,
      quietFrom: null,
      quietTo: null,
      digestHour: 7,
      maxAttempts: 3,
      ...over,
    },
    { headers: { "idempotency-key": crypto.randomUUID() } },
  );
  expect(saved.statusCode, saved.body).toBe(200);
}
