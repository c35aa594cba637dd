/**
 * Records of processing (GDPR art. 30, issue 13 point 7): administrators and managers read their
 * own municipality's document, assembled from its configuration at the time of asking — a new
 * volunteer centre, a changed retention rule, a withdrawn questionnaire or new contacts show in the
 * next answer; only the administrator writes the contacts; nothing of another municipality shows.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KEYS, type Tenant, createTenant } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { retentionDefault } from "../../../domain/privacy/retention-defaults.js";
import type { RecordsOfProcessing } from "../../../shared/api/privacy-records.js";
import { messagingSettings, questionnaireDefinitions, retentionRules } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

const URL = "/api/privacy/records-of-processing";

let t: TestApp;
let tenant: Tenant;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  // A municipality of its own, so changes here touch no other file's tenant.
  tenant = await createTenant(t.db, { name: "Registerby Kommune" });
  await installShippedQuestionnaires(t.db, tenant.municipality.id);
  admin = await t.as("administrator", tenant);
});
afterAll(async () => {
  await t?.close();
});

async function records(as: Client = admin): Promise<RecordsOfProcessing> {
  const res = await as.get(URL);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RecordsOfProcessing;
}

describe("who may read and write the records of processing", () => {
  it("answers administrators and managers; every other role is refused 403, no session 401", async () => {
    for (const actor of ACTOR_KEYS) {
      const res = await (await t.as(actor, tenant)).get(URL);
      const expected = actor === "administrator" || actor === "manager" ? 200 : 403;
      expect(res.statusCode, actor).toBe(expected);
    }
    expect((await t.anonymous.get(URL)).statusCode).toBe(401);
  });

  it("lets only the administrator write the contacts", async () => {
    const body = { dpoContact: "Databeskyttelsesrådgiver, dpo@registerby.example" };
    for (const actor of ACTOR_KEYS) {
      if (actor === "administrator") continue;
      const res = await (await t.as(actor, tenant)).patch(`${URL}/contacts`, body);
      expect(res.statusCode, actor).toBe(403);
    }
    const doc = await records();
    expect(doc.controller.dpoContact).toBeNull();
  });
});

describe("the document follows the configuration", () => {
  it("names the municipality as controller and the contacts the administrator writes", async () => {
    const before = await records();
    expect(before.controller).toMatchObject({
      name: "Registerby Kommune",
      code: tenant.municipality.code,
      controllerContact: null,
      dpoContact: null,
    });

    const res = await admin.patch(`${URL}/contacts`, {
      controllerContact: "Registerby Kommune, Torvet 1\n9990 Registerby",
      dpoContact: "Dorthe Dahl, dpo@registerby.example",
    });
    expect(res.statusCode, res.body).toBe(200);
    const manager = await t.as("manager", tenant);
    expect((await records(manager)).controller).toMatchObject({
      controllerContact: "Registerby Kommune, Torvet 1\n9990 Registerby",
      dpoContact: "Dorthe Dahl, dpo@registerby.example",
    });

    // Absent = unchanged; empty = cleared.
    await admin.patch(`${URL}/contacts`, { dpoContact: "" });
    expect((await records()).controller).toMatchObject({
      controllerContact: "Registerby Kommune, Torvet 1\n9990 Registerby",
      dpoContact: null,
    });
  });

  it("lists every volunteer centre of the municipality, a new one included, and none of another", async () => {
    const before = await records();
    expect(before.recipients.volunteerCentres.organisations).toEqual([
      { name: "Frivilligcenter", active: true },
    ]);
    expect(before.recipients.privateProviders.organisations.map((o) => o.name)).toEqual([
      "Kær Pleje",
      "Privathjælpen",
    ]);

    const res = await admin.post("/api/organisations", {
      name: "Frivilligcenter Syd",
      kind: "volunteer_centre",
    });
    expect(res.statusCode, res.body).toBe(201);
    // The other tenant's centre (created by buildTestApp) must not appear.
    await (
      await t.as("administrator", t.other)
    ).post("/api/organisations", {
      name: "Frivilligcenter Andetsteds",
      kind: "volunteer_centre",
    });

    const after = await records();
    expect(after.recipients.volunteerCentres.organisations).toEqual([
      { name: "Frivilligcenter", active: true },
      { name: "Frivilligcenter Syd", active: true },
    ]);
    expect(after.recipients.volunteerCentres.shares).toContain("firstName");
    expect(after.recipients.volunteerCentres.shares).not.toContain("cpr");
  });

  it("states the evaluator's dataset and counts the active evaluators", async () => {
    const doc = await records();
    expect(doc.recipients.evaluator.users).toBe(1);
    expect(doc.recipients.evaluator.columns).toContain("pseudonym");
    expect(doc.recipients.evaluator.columns).not.toContain("cpr");
    expect(doc.recipients.evaluator.smallNumberThreshold).toBe(5);
  });

  it("derives the questionnaires in use, and drops one that is withdrawn", async () => {
    const before = await records();
    expect(before.questionnaires.map((q) => q.key).sort()).toEqual([
      "amager-5",
      "t-ils",
      "tegn-paa-ensomhed",
    ]);
    expect(before.questionnaires.find((q) => q.key === "t-ils")!.uses).toEqual(["detection", "outcome"]);
    const screenings = before.categories.find((c) => c.category === "screenings")!;
    expect(screenings.sensitivity).toEqual(["art9"]);
    expect(screenings.configured).toHaveLength(3);

    const [amager] = await t.db
      .select({ id: questionnaireDefinitions.id })
      .from(questionnaireDefinitions)
      .where(
        and(
          eq(questionnaireDefinitions.municipalityId, tenant.municipality.id),
          eq(questionnaireDefinitions.key, "amager-5"),
        ),
      );
    const res = await admin.patch(`/api/questionnaires/${amager!.id}`, { active: false });
    expect(res.statusCode, res.body).toBe(200);

    const after = await records();
    expect(after.questionnaires.map((q) => q.key).sort()).toEqual(["t-ils", "tegn-paa-ensomhed"]);
    expect(after.categories.find((c) => c.category === "screenings")!.configured).toHaveLength(2);
  });

  it("names the care record's exchange as configured: the push target's host and the system clients, not a revoked one (issue 14)", async () => {
    expect((await records()).recipients.careRecord).toEqual({
      source: null,
      pushTarget: null,
      fhirClients: [],
    });
    const put = await admin.put(
      "/api/care-record/push-target",
      {
        version: 0,
        baseUrl: "https://gateway.example/fhir/tenant-key-123",
        authKind: "bearer",
        secret: "s3cret-token",
        enabled: true,
      },
      { headers: { "idempotency-key": "records-push-target" } },
    );
    expect(put.statusCode, put.body).toBe(200);
    const issue = (name: string, key: string) =>
      admin.post(
        "/api/care-record/fhir-clients",
        { name, scopes: ["system/*.read"] },
        { headers: { "idempotency-key": key } },
      );
    const kept = await issue("Datavarehus", "records-client-1");
    const gone = await issue("Gammel klient", "records-client-2");
    expect(kept.statusCode, kept.body).toBe(201);
    const revoke = await admin.post(
      `/api/care-record/fhir-clients/${(gone.json() as { id: string }).id}/revoke`,
      undefined,
      {
        headers: { "idempotency-key": "records-client-revoke" },
      },
    );
    expect(revoke.statusCode, revoke.body).toBe(200);
    const doc = await records();
    expect(doc.recipients.careRecord).toEqual({
      source: null,
      pushTarget: { host: "gateway.example", enabled: true },
      fhirClients: [{ name: "Datavarehus", scopes: ["system/*.read"] }],
    });
    // Only the host: a path may carry a tenant key, and the secret is never in the document.
    expect(JSON.stringify(doc)).not.toContain("tenant-key-123");
    expect(JSON.stringify(doc)).not.toContain("s3cret-token");
  });

  it("describes the messages to citizens and the staff digest, and names the SMTP server and SMS gateway as they are set up (issue 16)", async () => {
    const before = await records();
    expect(before.purposes.map((p) => p.purpose)).toEqual(
      expect.arrayContaining(["messaging", "staff_digest"]),
    );
    expect(before.categories.find((c) => c.category === "messaging")).toMatchObject({
      subjects: ["citizens", "contacts", "staff"],
      sensitivity: [],
    });
    expect(before.categories.find((c) => c.category === "staff_notifications")!.subjects).toEqual(["staff"]);
    expect(before.recipients.messaging).toEqual({ email: null, sms: null });

    await t.db.insert(messagingSettings).values({
      municipalityId: tenant.municipality.id,
      emailEnabled: true,
      smtpHost: "smtp.registerby.example",
      smtpPort: 587,
      smtpPassword: "smtp-hemmelig",
      emailFrom: "broen@registerby.example",
      smsEnabled: false,
      smsUrl: "https://sms.gateway.example/send/konto-4711?key=gw-secret",
      smsToken: "sms-token-secret",
    });
    const doc = await records();
    expect(doc.recipients.messaging).toEqual({
      email: { host: "smtp.registerby.example", enabled: true },
      sms: { host: "sms.gateway.example", enabled: false },
    });
    // Hosts only: the gateway's path and query and the secrets never reach the document.
    for (const secret of ["konto-4711", "gw-secret", "sms-token-secret", "smtp-hemmelig"])
      expect(JSON.stringify(doc)).not.toContain(secret);
    // Another municipality's channels are not this one's recipients.
    const other = await records(await t.as("administrator", t.other));
    expect(other.recipients.messaging.email?.host).not.toBe("smtp.registerby.example");
  });

  it("lists the barriers of the municipality's barrier catalogue", async () => {
    const doc = await records();
    expect(doc.categories.find((c) => c.category === "course")!.configured).toContain("Transport til og fra");
  });

  it("shows the shipped retention defaults until the municipality has rules, then its own", async () => {
    // A municipality without rows yet (whatever a factory or the start installs).
    await t.db.delete(retentionRules).where(eq(retentionRules.municipalityId, tenant.municipality.id));
    const before = await records();
    expect(before.retention.find((r) => r.kind === "closed_course_anonymise")).toMatchObject({
      keepDays: retentionDefault("closed_course_anonymise").keepDays,
      state: "default",
    });

    await t.db.insert(retentionRules).values([
      {
        municipalityId: tenant.municipality.id,
        kind: "closed_course_anonymise",
        keepDays: 3 * 365,
        legalBasis: "Registerby Kommunes journalplan, 3 år",
        enabled: true,
      },
      {
        municipalityId: tenant.municipality.id,
        kind: "audit_trail_erase",
        keepDays: 2 * 365,
        legalBasis: "Logning, 2 år",
        enabled: false,
      },
    ]);
    const after = await records();
    expect(after.retention.find((r) => r.kind === "closed_course_anonymise")).toMatchObject({
      keepDays: 1095,
      legalBasis: "Registerby Kommunes journalplan, 3 år",
      state: "active",
    });
    expect(after.retention.find((r) => r.kind === "audit_trail_erase")).toMatchObject({
      keepDays: 730,
      state: "disabled",
    });
    // The other tenant still reads the shipped period: rules are per municipality.
    const other = await records(await t.as("administrator", t.other));
    expect(other.retention.find((r) => r.kind === "closed_course_anonymise")).toMatchObject({
      keepDays: retentionDefault("closed_course_anonymise").keepDays,
      legalBasis: retentionDefault("closed_course_anonymise").da.legalBasis,
    });
  });

  it("states the security measures as the server runs them, and no transfer to third countries", async () => {
    const doc = await records();
    expect(doc.security).toMatchObject({
      passwordAlgorithm: "argon2id",
      passwordMinLength: 12,
      sessionLifetimeHours: 10,
      lockoutFreeFailures: 5,
      secureCookies: false,
    });
    expect(doc.thirdCountryTransfers).toBe("none");
  });

  it("refuses a contact text that is too long", async () => {
    const res = await admin.patch(`${URL}/contacts`, { controllerContact: "x".repeat(501) });
    expect(res.statusCode).toBe(400);
  });
});
