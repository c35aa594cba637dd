/**
 * The scheduled pull (issue 14, decision 0100) against a FHIR server started by the test
 * (test/support/fhir-server.ts: a real HTTP server that validates what it stores) — Broen's own
 * client library talks to it over the network. Patients and CarePlans come in pages, the cursor
 * moves with the stored run, a re-pull changes nothing, a changed CarePlan brings its Patient,
 * auto-apply applies a clean run, and an unreachable or failing server is recorded and retried
 * without the cursor moving.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CareRecordSourceAnswer,
  CareRecordSourceUpdate,
} from "../../../shared/api/care-record-exchange.js";
import { careRecordImportRuns, careRecordSources, citizens } from "../../db/schema/index.js";
import {
  type StoredResource,
  type TestFhirServer,
  startFhirServer,
} from "../../../../test/support/fhir-server.js";
import { nextCpr } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { PULL_DUE_JOB, PULL_JOB } from "./pull-service.js";

const CPR_SYSTEM = "urn:oid:1.2.208.176.1.2";
const FSIII = "http://kl.dk/fhir/common/caresocial/CodeSystem/FSIII";
const CREDENTIALS = { clientId: "broen-pull", clientSecret: "pull-secret" };

let t: TestApp;
let fhir: TestFhirServer;
let admin: Client;
const cprs: string[] = [];

function patient(n: number, cpr: string): StoredResource {
  return {
    resourceType: "Patient",
    id: `p${n}`,
    identifier: [{ system: CPR_SYSTEM, value: cpr.replace("-", "") }],
    name: [{ use: "official", family: `Hentet${n}`, given: ["Test"] }],
    address: [{ use: "home", line: [`Fjordvej ${n}`], postalCode: "9900", city: "Fjordby" }],
  };
}

function carePlan(n: number, start: string, end?: string): StoredResource {
  return {
    resourceType: "CarePlan",
    id: `cp${n}`,
    status: end ? "completed" : "active",
    intent: "plan",
    subject: { reference: `Patient/p${n}` },
    period: end ? { start, end } : { start },
    activity: [
      {
        detail: {
          status: end ? "completed" : "in-progress",
          code: { coding: [{ system: FSIII, code: "H1" }] },
        },
      },
    ],
  };
}

async function source() {
  const [row] = await t.db
    .select()
    .from(careRecordSources)
    .where(eq(careRecordSources.municipalityId, t.tenant.municipality.id));
  return row!;
}

async function runs() {
  return t.db
    .select()
    .from(careRecordImportRuns)
    .where(eq(careRecordImportRuns.municipalityId, t.tenant.municipality.id))
    .orderBy(desc(careRecordImportRuns.createdAt));
}

async function citizenByCpr(cpr: string) {
  const [row] = await t.db
    .select({ id: citizens.id, homeCareSince: citizens.homeCareSince, endedOn: citizens.homeCareEndedOn })
    .from(citizens)
    .where(and(eq(citizens.municipalityId, t.tenant.municipality.id), eq(citizens.cpr, cpr)));
  return row ?? null;
}

async function configure(change: Partial<CareRecordSourceUpdate> = {}) {
  const current = ((await admin.get("/api/care-record/source")).json() as CareRecordSourceAnswer).source;
  const res = await admin.put("/api/care-record/source", {
    version: current?.version ?? 0,
    baseUrl: fhir.baseUrl,
    authKind: "client_credentials",
    tokenUrl: fhir.tokenUrl,
    clientId: CREDENTIALS.clientId,
    ...(current ? {} : { secret: CREDENTIALS.clientSecret }),
    scheduleEnabled: true,
    autoApply: current?.autoApply ?? false,
    ...change,
  });
  expect(res.statusCode).toBe(200);
}

/** "Pull now", then the queue runs the job here. */
async function pullNow(opts: { includeDelayed?: boolean } = {}) {
  const res = await admin.post("/api/care-record/source/pull", {});
  expect(res.statusCode).toBe(202);
  return t.app.jobs.runDueJobs(PULL_JOB, opts);
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  fhir = await startFhirServer({ clientCredentials: CREDENTIALS, pageSize: 2 });
  for (let n = 1; n <= 3; n++) {
    const cpr = nextCpr();
    cprs.push(cpr);
    fhir.seed(patient(n, cpr));
    fhir.seed(carePlan(n, "2026-03-01"));
  }
  await configure();
});
afterAll(async () => {
  await t.close();
  await fhir.close();
});

describe("the scheduled pull", () => {
  it("reads every page of Patients and CarePlans into one import run and moves the cursor to the newest change", async () => {
    const result = await pullNow();
    expect(result).toEqual({ completed: [expect.any(String)], failed: [] });
    const [run] = await runs();
    expect(run).toMatchObject({
      source: "fhir_server",
      scope: "changes",
      status: "preview",
      createdBy: null,
    });
    expect(run!.counts).toMatchObject({ new: 3, unmatched: 0 });
    // Three Patients and three CarePlans in pages of two: a next link followed for each.
    const searches = fhir.requests.filter(
      (r) => r.method === "GET" && /^\/fhir\/(Patient|CarePlan)\?/.test(r.url),
    );
    expect(searches.some((r) => r.url.includes("_offset=2"))).toBe(true);
    expect(searches.every((r) => r.authorization?.startsWith("Bearer "))).toBe(true);
    expect(fhir.tokensIssued).toBeGreaterThanOrEqual(1);
    const s = await source();
    const newest = Math.max(
      ...[...fhir.all("Patient"), ...fhir.all("CarePlan")].map((r) => Date.parse(r.meta!.lastUpdated!)),
    );
    expect(s.cursor?.getTime()).toBe(newest);
    expect(s).toMatchObject({ lastRunId: run!.id, lastFailure: null });
    // A preview writes nothing to the register.
    expect(await citizenByCpr(cprs[0]!)).toBeNull();
  });

  it("asks only for what changed after the cursor, and a re-pull of an unchanged server creates no run", async () => {
    const before = (await runs()).length;
    const cursor = (await source()).cursor!;
    fhir.requests.length = 0;
    await pullNow();
    expect((await runs()).length).toBe(before);
    const urls = fhir.requests.map((r) => decodeURIComponent(r.url));
    expect(urls.filter((u) => u.startsWith("/fhir/Patient?"))).toEqual([
      expect.stringContaining(`_lastUpdated=gt${cursor.toISOString()}`),
    ]);
    expect((await source()).cursor?.getTime()).toBe(cursor.getTime());
  });

  it("with auto-apply, applies a run without unmatched rows at once", async () => {
    // The first run is left as it is; the next pull takes everything that changed since.
    await configure({ autoApply: true });
    const cpr = nextCpr();
    cprs.push(cpr);
    fhir.seed(patient(4, cpr));
    fhir.seed(carePlan(4, "2026-05-01"));
    await pullNow();
    const [run] = await runs();
    expect(run).toMatchObject({ status: "applied" });
    expect(run!.counts).toMatchObject({ new: 1 });
    expect(await citizenByCpr(cpr)).toMatchObject({ homeCareSince: "2026-05-01", endedOn: null });
  });

  it("brings a changed CarePlan's Patient (fetched by id) so the citizen's home care ends", async () => {
    fhir.requests.length = 0;
    fhir.seed(carePlan(4, "2026-05-01", "2026-11-30"));
    await pullNow();
    expect(fhir.requests.some((r) => decodeURIComponent(r.url).startsWith("/fhir/Patient?_id=p4"))).toBe(
      true,
    );
    const [run] = await runs();
    expect(run).toMatchObject({ status: "applied" });
    expect(run!.counts).toMatchObject({ ended: 1, new: 0 });
    expect(await citizenByCpr(cprs[3]!)).toMatchObject({ endedOn: "2026-11-30" });
  });

  it("leaves a run with an unmatched row for the administrator, even with auto-apply", async () => {
    fhir.seed({ ...patient(5, "3213265678"), identifier: [{ system: CPR_SYSTEM, value: "3213265678" }] });
    fhir.seed(carePlan(5, "2026-06-01"));
    await pullNow();
    const [run] = await runs();
    expect(run).toMatchObject({ status: "preview" });
    expect(run!.counts).toMatchObject({ unmatched: 1 });
  });

  it("records a failing server on the source, keeps the cursor, and the retry succeeds", async () => {
    const cursor = (await source()).cursor!;
    const cpr = nextCpr();
    fhir.seed(patient(6, cpr));
    fhir.seed(carePlan(6, "2026-07-01"));
    fhir.failNext(3, 503);
    const failed = await pullNow();
    expect(failed.failed).toHaveLength(1);
    expect(await source()).toMatchObject({ lastFailure: expect.stringMatching(/^fhir_(token_)?http_503$/) });
    expect((await source()).cursor?.getTime()).toBe(cursor.getTime());
    // The queue retries it (with backoff; the clock set forward here). The server answers again.
    fhir.failNext(0);
    const retried = await t.app.jobs.runDueJobs(PULL_JOB, { includeDelayed: true });
    expect(retried).toEqual({ completed: [expect.any(String)], failed: [] });
    expect(await source()).toMatchObject({ lastFailure: null });
    expect((await source()).cursor!.getTime()).toBeGreaterThan(cursor.getTime());
    expect(await citizenByCpr(cpr)).toMatchObject({ homeCareSince: "2026-07-01" });
  });

  it("records an unreachable server as fhir_unreachable and never lets the failure reach a request", async () => {
    const closed = await startFhirServer();
    const url = closed.baseUrl;
    await closed.close();
    await configure({ baseUrl: url, authKind: "none" });
    const failed = await pullNow();
    expect(failed.failed).toHaveLength(1);
    expect(await source()).toMatchObject({ lastFailure: "fhir_unreachable", cursor: null });
    const res = await admin.get("/api/care-record/source");
    expect(res.statusCode).toBe(200);
    expect((res.json() as CareRecordSourceAnswer).source?.lastFailure).toBe("fhir_unreachable");
  });

  it("records refused credentials without retrying (another try would be refused too)", async () => {
    await configure({
      baseUrl: fhir.baseUrl,
      authKind: "client_credentials",
      tokenUrl: fhir.tokenUrl,
      clientId: "someone-else",
      secret: "wrong",
    });
    const result = await pullNow();
    expect(result).toEqual({ completed: [expect.any(String)], failed: [] });
    expect(await source()).toMatchObject({ lastFailure: "fhir_auth_failed" });
  });

  it("the schedule queues a pull for each municipality whose schedule is on, and one only", async () => {
    // Nothing left waiting (the unreachable server's retry included).
    await t.app.jobs.runDueJobs(PULL_JOB, { includeDelayed: true });
    expect(await t.app.jobs.boss.getQueueSize(PULL_JOB)).toBe(0);
    await t.app.jobs.boss.send(PULL_DUE_JOB, {});
    await t.app.jobs.runDueJobs(PULL_DUE_JOB);
    await t.app.jobs.boss.send(PULL_DUE_JOB, {});
    await t.app.jobs.runDueJobs(PULL_DUE_JOB);
    const queued = await t.app.jobs.boss.getQueueSize(PULL_JOB);
    expect(queued).toBe(1);
  });
});
