/**
 * The exchange's settings (issue 14, decision 0100): the FHIR server pulled on a schedule and the
 * push target — administrator only, optimistic concurrency, the secret write-only, every save on
 * the audit trail — and "pull now" through the job queue.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CareRecordSourceAnswer,
  CareRecordSourceUpdate,
  PullQueued,
  PushTargetAnswer,
  PushTargetUpdate,
} from "../../../shared/api/care-record-exchange.js";
import { auditEvents } from "../../db/schema/index.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";

let t: TestApp;
let admin: Client;

const SOURCE: CareRecordSourceUpdate = {
  version: 0,
  baseUrl: "https://fhir.fjordby.example/R4",
  authKind: "client_credentials",
  tokenUrl: "https://fhir.fjordby.example/token",
  clientId: "broen",
  secret: "top-secret-value",
  scheduleEnabled: true,
  autoApply: false,
};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
});
afterAll(() => t.close());

describe("the FHIR server to pull from", () => {
  it("is none at first", async () => {
    const res = await admin.get("/api/care-record/source");
    expect(res.statusCode).toBe(200);
    expect((res.json() as CareRecordSourceAnswer).source).toBeNull();
  });

  it("refuses a client-credentials source without its secret, naming the field", async () => {
    const res = await admin.put("/api/care-record/source", { ...SOURCE, secret: undefined });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["secret"]);
  });

  it("refuses an address that is not http(s) or carries credentials", async () => {
    for (const baseUrl of ["ftp://fhir.example/R4", "https://user:pw@fhir.example/R4", "not a url"]) {
      const res = await admin.put("/api/care-record/source", { ...SOURCE, baseUrl });
      expect(res.statusCode).toBe(400);
      expect(errorFields(res)).toContain("baseUrl");
    }
  });

  it("saves the source and never answers the secret", async () => {
    const res = await admin.put("/api/care-record/source", SOURCE);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("top-secret-value");
    const { source } = res.json() as CareRecordSourceAnswer;
    expect(source).toMatchObject({
      baseUrl: SOURCE.baseUrl,
      authKind: "client_credentials",
      clientId: "broen",
      hasSecret: true,
      scheduleEnabled: true,
      autoApply: false,
      cursor: null,
      version: 1,
    });
    const get = await admin.get("/api/care-record/source");
    expect(get.body).not.toContain("top-secret-value");
  });

  it("keeps the secret when a save leaves it out, and records which settings changed", async () => {
    const res = await admin.put("/api/care-record/source", {
      ...SOURCE,
      version: 1,
      secret: undefined,
      autoApply: true,
    });
    expect(res.statusCode).toBe(200);
    const { source } = res.json() as CareRecordSourceAnswer;
    expect(source).toMatchObject({ hasSecret: true, autoApply: true, version: 2 });
    const rows = await t.db
      .select({ action: auditEvents.action, criterion: auditEvents.criterion })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, "care_record_source"),
          eq(auditEvents.municipalityId, t.tenant.municipality.id),
        ),
      );
    expect(rows.map((r) => r.action)).toEqual(["create", "update"]);
    expect(rows[1]!.criterion).toMatchObject({ fields: ["autoApply"], version: 2 });
    expect(JSON.stringify(rows)).not.toContain("top-secret-value");
  });

  it("answers 409 version_conflict to a save from an old version", async () => {
    const res = await admin.put("/api/care-record/source", { ...SOURCE, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("version_conflict");
  });

  it("is the administrator's alone, and another municipality's is not visible", async () => {
    for (const actor of ["planner", "manager", "community_coordinator"] as const) {
      const client = await t.as(actor);
      expect((await client.get("/api/care-record/source")).statusCode).toBe(403);
      expect((await client.put("/api/care-record/source", SOURCE)).statusCode).toBe(403);
    }
    const otherAdmin = await t.as("administrator", t.other);
    expect(
      ((await otherAdmin.get("/api/care-record/source")).json() as CareRecordSourceAnswer).source,
    ).toBeNull();
  });
});

describe("pull now", () => {
  it("answers 409 care_record_source_missing where no source is set up", async () => {
    const otherAdmin = await t.as("administrator", t.other);
    const res = await otherAdmin.post("/api/care-record/source/pull", {});
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("care_record_source_missing");
  });

  it("queues one pull, and a second press joins the one waiting", async () => {
    const first = await admin.post("/api/care-record/source/pull", {});
    expect(first.statusCode).toBe(202);
    expect((first.json() as PullQueued).queued).toBe(true);
    const second = await admin.post("/api/care-record/source/pull", {});
    expect(second.statusCode).toBe(202);
    expect((second.json() as PullQueued).queued).toBe(false);
  });
});

describe("the push target", () => {
  const TARGET: PushTargetUpdate = {
    version: 0,
    baseUrl: "https://gateway.example/fhir",
    authKind: "bearer",
    secret: "bearer-token-value",
    enabled: true,
  };

  it("is none at first, with no deliveries", async () => {
    const res = await admin.get("/api/care-record/push-target");
    expect(res.json()).toEqual({ target: null, counts: { queued: 0, sending: 0, sent: 0, failed: 0 } });
  });

  it("saves a bearer target, write-only secret, optimistic version", async () => {
    const res = await admin.put("/api/care-record/push-target", TARGET);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("bearer-token-value");
    expect((res.json() as PushTargetAnswer).target).toMatchObject({
      authKind: "bearer",
      hasSecret: true,
      tokenUrl: null,
      clientId: null,
      enabled: true,
      version: 1,
    });
    const stale = await admin.put("/api/care-record/push-target", TARGET);
    expect(stale.statusCode).toBe(409);
  });

  it("removes the secret when the target needs none", async () => {
    const res = await admin.put("/api/care-record/push-target", { ...TARGET, version: 1, authKind: "none" });
    expect((res.json() as PushTargetAnswer).target).toMatchObject({
      authKind: "none",
      hasSecret: false,
      version: 2,
    });
  });
});
