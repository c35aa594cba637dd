/**
 * The push of the punch-card work (issue 14 point 4, decision 0100) against a FHIR server started
 * by the test (test/support/fhir-server.ts), which validates every bundle it receives with the one
 * validator (FHIR R4 + KL Gateway's rules) and refuses an invalid one with 422. A changed
 * citizen's CareDeliveryReport is sent as a PUT by a stable id, an unchanged one is not sent
 * again, a failing target is retried with backoff until it takes it, a refusal is final, and the
 * administrator sees each delivery (names audited) and can retry it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  DeliveriesPage,
  PushTargetAnswer,
  PushTargetUpdate,
} from "../../../shared/api/care-record-exchange.js";
import {
  auditEvents,
  careRecordDeliveries,
  conditionAssessments,
  organisations,
} from "../../db/schema/index.js";
import {
  type StoredResource,
  type TestFhirServer,
  startFhirServer,
} from "../../../../test/support/fhir-server.js";
import {
  type FullCourse,
  buildFullCourse,
  installErasureCatalog,
} from "../../../../test/support/full-course.js";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { PUSH_JOB, PUSH_SCAN_JOB } from "./push-service.js";

const TOKEN = "push-bearer-token";
let t: TestApp;
let fhir: TestFhirServer;
let admin: Client;
let worked: FullCourse;

async function delivery(citizenId: string) {
  const [row] = await t.db
    .select()
    .from(careRecordDeliveries)
    .where(eq(careRecordDeliveries.citizenId, citizenId));
  return row ?? null;
}

const puts = () => fhir.requests.filter((r) => r.method === "PUT" && r.url.startsWith("/fhir/Bundle/"));

async function scan() {
  await t.app.jobs.boss.send(PUSH_SCAN_JOB, {});
  expect((await t.app.jobs.runDueJobs(PUSH_SCAN_JOB)).failed).toEqual([]);
}

async function configure(change: Partial<PushTargetUpdate> = {}) {
  const current = ((await admin.get("/api/care-record/push-target")).json() as PushTargetAnswer).target;
  const res = await admin.put("/api/care-record/push-target", {
    version: current?.version ?? 0,
    baseUrl: fhir.baseUrl,
    authKind: "bearer",
    ...(current ? {} : { secret: TOKEN }),
    enabled: true,
    ...change,
  });
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  const activity = await installErasureCatalog(t);
  worked = await buildFullCourse(
    t,
    activity,
    { firstName: "Leverance", lastName: "Skubbesen", addressLine: "Pushvej 4" },
    { close: false },
  );
  // A citizen without any punch-card work: nothing to report, never sent.
  await insertCitizen(t.db, t.tenant, { firstName: "Uden", lastName: "Forløb" });
  await t.db
    .update(organisations)
    .set({ sorCode: "123456789012345" })
    .where(eq(organisations.id, t.tenant.orgs.publicProvider.id));
  fhir = await startFhirServer({ bearerToken: TOKEN });
  await configure();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await fhir?.close();
});

describe("the push", () => {
  it("queues the citizens with punch-card work and sends each one's bundle, which the target validates and stores", async () => {
    await scan();
    const queued = await t.db
      .select({ citizenId: careRecordDeliveries.citizenId, status: careRecordDeliveries.status })
      .from(careRecordDeliveries)
      .where(eq(careRecordDeliveries.municipalityId, t.tenant.municipality.id));
    expect(queued).toEqual([{ citizenId: worked.citizen.id, status: "queued" }]);

    expect(await t.app.jobs.runDueJobs(PUSH_JOB)).toEqual({ completed: [expect.any(String)], failed: [] });
    expect(fhir.refused).toEqual([]);
    const stored = fhir.get("Bundle", worked.citizen.id) as StoredResource & {
      type: string;
      entry: unknown[];
    };
    expect(stored).toMatchObject({ type: "collection", meta: { versionId: "1" } });
    expect(stored.entry.length).toBeGreaterThan(3);
    expect(puts().every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(await delivery(worked.citizen.id)).toMatchObject({
      status: "sent",
      attempts: 1,
      lastError: null,
      sentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("puts the export on the citizen's audit trail, by Broen", async () => {
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.citizenId, worked.citizen.id), eq(auditEvents.entityType, "care_record_delivery")),
      );
    expect(rows).toEqual([
      expect.objectContaining({ action: "export", actorUserId: null, actorRole: "system" }),
    ]);
  });

  it("does not send an unchanged citizen again", async () => {
    const before = puts().length;
    await scan();
    expect((await delivery(worked.citizen.id))?.status).toBe("sent");
    // Even a push job for them (a second scan's, a restart's) finds the target has it already.
    await t.app.jobs.enqueue(PUSH_JOB, {
      municipalityId: t.tenant.municipality.id,
      citizenId: worked.citizen.id,
    });
    await t.app.jobs.runDueJobs(PUSH_JOB);
    expect(puts().length).toBe(before);
  });

  it("sends a changed citizen again, retrying a failing target with backoff until it takes it, as the same resource", async () => {
    const [a] = await t.db
      .select()
      .from(conditionAssessments)
      .where(eq(conditionAssessments.citizenId, worked.citizen.id));
    await t.db.insert(conditionAssessments).values({
      municipalityId: a!.municipalityId,
      citizenId: a!.citizenId,
      courseId: a!.courseId,
      conditionCode: a!.conditionCode,
      severity: a!.severity === 1 ? 2 : 1,
      assessedBy: a!.assessedBy,
    });
    await scan();
    expect((await delivery(worked.citizen.id))?.status).toBe("queued");

    fhir.failNext(2, 503);
    expect((await t.app.jobs.runDueJobs(PUSH_JOB)).failed).toHaveLength(1);
    expect(await delivery(worked.citizen.id)).toMatchObject({
      status: "queued",
      lastError: "fhir_http_503",
      attempts: 1,
    });
    expect((await t.app.jobs.runDueJobs(PUSH_JOB, { includeDelayed: true })).failed).toHaveLength(1);
    expect(await delivery(worked.citizen.id)).toMatchObject({ status: "queued", attempts: 2 });
    expect((await t.app.jobs.runDueJobs(PUSH_JOB, { includeDelayed: true })).completed).toHaveLength(1);
    expect(await delivery(worked.citizen.id)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    // PUT by the citizen's stable id: one resource at the target, in its second version.
    expect(fhir.all("Bundle")).toHaveLength(1);
    expect(fhir.get("Bundle", worked.citizen.id)?.meta?.versionId).toBe("2");
  });

  it("records a refusal (4xx) as failed without retrying, and the administrator's retry sends it again", async () => {
    const res0 = await admin.get("/api/care-record/deliveries");
    const { items } = res0.json() as DeliveriesPage;
    fhir.failNext(1, 422);
    const retry = await admin.post(`/api/care-record/deliveries/${items[0]!.id}/retry`, {});
    expect(retry.statusCode).toBe(202);
    expect(await t.app.jobs.runDueJobs(PUSH_JOB)).toEqual({ completed: [expect.any(String)], failed: [] });
    expect(await delivery(worked.citizen.id)).toMatchObject({ status: "failed", lastError: "fhir_http_422" });
    // Unchanged data, but the administrator asks: it is sent again (the hash was cleared), same id.
    await admin.post(`/api/care-record/deliveries/${items[0]!.id}/retry`, {});
    await t.app.jobs.runDueJobs(PUSH_JOB);
    expect(await delivery(worked.citizen.id)).toMatchObject({ status: "sent", lastError: null });
    expect(fhir.all("Bundle")).toHaveLength(1);
    expect(fhir.get("Bundle", worked.citizen.id)?.meta?.versionId).toBe("3");
  });

  it("shows each delivery with the citizen's name, on the citizen's audit trail", async () => {
    const res = await admin.get("/api/care-record/deliveries?status=sent");
    expect(res.statusCode).toBe(200);
    expect((res.json() as DeliveriesPage).items).toEqual([
      expect.objectContaining({
        citizenId: worked.citizen.id,
        citizenName: "Leverance Skubbesen",
        status: "sent",
      }),
    ]);
    const reads = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.citizenId, worked.citizen.id),
          eq(auditEvents.entityType, "care_record_delivery"),
          eq(auditEvents.action, "read"),
        ),
      );
    expect(reads.length).toBeGreaterThan(0);
    const counts = ((await admin.get("/api/care-record/push-target")).json() as PushTargetAnswer).counts;
    expect(counts).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0 });
    const coordinator = await t.as("community_coordinator");
    expect((await coordinator.get("/api/care-record/deliveries")).statusCode).toBe(403);
  });

  it("sends nothing while the target is switched off", async () => {
    await configure({ enabled: false });
    const before = puts().length;
    await t.app.jobs.enqueue(PUSH_JOB, {
      municipalityId: t.tenant.municipality.id,
      citizenId: worked.citizen.id,
    });
    await t.app.jobs.runDueJobs(PUSH_JOB);
    expect(puts().length).toBe(before);
  });
});

describe("the FHIR server stand-in", () => {
  it("refuses a resource its validator rejects with 422 and an OperationOutcome", async () => {
    const res = await fetch(`${fhir.baseUrl}/Bundle/broken`, {
      method: "PUT",
      headers: { "content-type": "application/fhir+json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ resourceType: "Bundle", id: "broken", timestamp: 5 }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { resourceType: string; issue: unknown[] };
    expect(body.resourceType).toBe("OperationOutcome");
    expect(body.issue.length).toBeGreaterThan(1);
    expect(fhir.get("Bundle", "broken")).toBeUndefined();
  });
});
