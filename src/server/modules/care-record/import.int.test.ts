/**
 * Import of the home-care population through the API (issue 14, decision 0098): preview, apply
 * (idempotent, target-group history, audit), re-import unchanged, complete vs changes, per-row
 * refusals, discard, the scheduled pull's system actor, and the clean-up of stale previews.
 */
import { readFileSync } from "node:fs";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen, nextCpr } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import { recordsFromFhirResources } from "../../../domain/care-record/import/fhir.js";
import { maskCpr } from "../../../domain/cpr.js";
import type { ImportRowView, ImportRunView } from "../../../shared/api/care-record-import.js";
import {
  auditEvents,
  careRecordImportRows,
  careRecordImportRuns,
  citizenContacts,
  citizenRevisions,
  citizens,
  organisations,
  targetGroupChanges,
} from "../../db/schema/index.js";
import { importCleanupJob } from "./import-jobs.js";
import { applyImportRun, createImportRun, systemActor } from "./import-service.js";

let t: TestApp;
let admin: Client;
const SOR = { hjemmeplejen: "999000000000011", privat: "999000000000012", other: "999000000000099" };
const sample = (name: string) =>
  readFileSync(new URL(`../../../../samples/care-record/${name}`, import.meta.url), "utf8");

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  await t.db
    .update(organisations)
    .set({ sorCode: SOR.hjemmeplejen })
    .where(eq(organisations.id, t.tenant.orgs.publicProvider.id));
  await t.db
    .update(organisations)
    .set({ sorCode: SOR.privat })
    .where(eq(organisations.id, t.tenant.orgs.privateProviderA.id));
  await t.db
    .update(organisations)
    .set({ sorCode: SOR.other })
    .where(eq(organisations.id, t.other.orgs.publicProvider.id));
});
afterAll(() => t.close());

const HEADER =
  "cpr;first_name;last_name;address;postal_code;city;provider_sor;district;home_care_since;home_care_ended;contact_name;contact_relation";
const line = (
  cpr: string,
  o: { last?: string; sor?: string; since?: string; ended?: string; contact?: string } = {},
) =>
  [
    cpr,
    "Karen",
    o.last ?? "Import",
    "Strandvejen 12",
    "9901",
    "Fjordby",
    o.sor ?? SOR.hjemmeplejen,
    "Distrikt Nord",
    o.since ?? "2024-03-01",
    o.ended ?? "",
    o.contact ?? "",
    o.contact ? "datter" : "",
  ].join(";");
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");

async function preview(
  content: string,
  scope: "complete" | "changes" = "changes",
  format = "csv",
): Promise<ImportRunView> {
  const res = await admin.post("/api/care-record/imports", {
    format,
    scope,
    fileName: "hjemmepleje.csv",
    content,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ImportRunView;
}
async function apply(run: ImportRunView): Promise<ImportRunView> {
  const res = await admin.post(`/api/care-record/imports/${run.id}/apply`, { version: run.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportRunView;
}
async function rows(run: ImportRunView, outcome?: string): Promise<ImportRowView[]> {
  const res = await admin.get(
    `/api/care-record/imports/${run.id}/rows${outcome ? `?outcome=${outcome}` : ""}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: ImportRowView[] }).items;
}
const byCpr = (cpr: string) =>
  t.db
    .select()
    .from(citizens)
    .where(and(eq(citizens.municipalityId, t.tenant.municipality.id), eq(citizens.cpr, cpr)));

describe("preview and apply", () => {
  it("previews without touching the register, then creates the citizens with their history and audit", async () => {
    const [a, b] = [nextCpr(), nextCpr()];
    const run = await preview(csv(line(a, { contact: "Lise Import" }), line(b, { sor: SOR.privat })));
    expect(run).toMatchObject({ status: "preview", source: "csv", counts: { new: 2, unmatched: 0 } });
    expect(await byCpr(a)).toEqual([]);

    const listed = await rows(run, "new");
    expect(listed.map((r) => r.cpr)).toEqual([maskCpr(a), maskCpr(b)]);
    expect(listed[0]!.name).toBe("Karen Import");

    const applied = await apply(run);
    expect(applied).toMatchObject({
      status: "applied",
      result: { new: 2 },
      appliedBy: { id: t.tenant.users.administrator.id },
    });
    const [ca] = await byCpr(a);
    expect(ca).toMatchObject({
      homeCareSince: "2024-03-01",
      providerOrganisationId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.north.id,
    });
    const [history] = await t.db
      .select()
      .from(targetGroupChanges)
      .where(eq(targetGroupChanges.citizenId, ca!.id));
    expect(history).toMatchObject({
      inTargetGroup: true,
      reason: "home_care_started",
      changedBy: t.tenant.users.administrator.id,
    });
    const contacts = await t.db.select().from(citizenContacts).where(eq(citizenContacts.citizenId, ca!.id));
    expect(contacts).toMatchObject([{ kind: "relative", name: "Lise Import", relation: "datter" }]);
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.citizenId, ca!.id));
    expect(trail.map((e) => `${e.action} ${e.entityType}`).sort()).toEqual([
      "create citizen",
      "create citizen_contact",
    ]);
    // The preview's rows (CPR numbers) are gone once applied.
    expect(
      await t.db.select().from(careRecordImportRows).where(eq(careRecordImportRows.runId, run.id)),
    ).toEqual([]);
  });

  it("answers a second apply with the first result and writes nothing more", async () => {
    const run = await preview(csv(line(nextCpr())));
    const first = await apply(run);
    const again = await admin.post(`/api/care-record/imports/${run.id}/apply`, { version: run.version });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
  });

  it("finds nothing to change when the same file is imported again", async () => {
    const content = csv(line(nextCpr(), { contact: "Ib" }), line(nextCpr()));
    await apply(await preview(content));
    const again = await preview(content);
    expect(again.counts).toEqual({ new: 0, changed: 0, ended: 0, unchanged: 2, unmatched: 0 });
    const before = await t.db.select().from(targetGroupChanges);
    expect((await apply(again)).result).toEqual(again.counts);
    expect(await t.db.select().from(targetGroupChanges)).toHaveLength(before.length);
  });

  it("writes a change with its rectification history, and an end of home care as leaving the target group", async () => {
    const [a, b] = [nextCpr(), nextCpr()];
    await apply(await preview(csv(line(a), line(b))));
    const run = await preview(csv(line(a, { last: "Nyt-Navn" }), line(b, { ended: "2026-11-01" })));
    expect(run.counts).toMatchObject({ changed: 1, ended: 1 });
    const changed = await rows(run, "changed");
    expect(changed[0]!.changes).toEqual([{ field: "lastName", from: "Import", to: "Nyt-Navn" }]);
    await apply(run);
    const [ca] = await byCpr(a);
    const [cb] = await byCpr(b);
    expect(ca!.lastName).toBe("Nyt-Navn");
    expect(cb).toMatchObject({ homeCareSince: null, homeCareEndedOn: "2026-11-01" });
    const revisions = await t.db
      .select()
      .from(citizenRevisions)
      .where(eq(citizenRevisions.citizenId, ca!.id));
    expect(revisions).toMatchObject([{ previous: { lastName: "Import" }, reason: "care_record_import" }]);
    const left = await t.db.select().from(targetGroupChanges).where(eq(targetGroupChanges.citizenId, cb!.id));
    expect(left.map((r) => [r.inTargetGroup, r.reason])).toEqual([
      [true, "home_care_started"],
      [false, "home_care_ended"],
    ]);
  });

  it("ends home care in a complete import for a citizen it does not name — not in a changes import", async () => {
    const stays = nextCpr();
    const leaves = await insertCitizen(t.db, t.tenant, { lastName: "Udenfor" });
    const changes = await preview(csv(line(stays)));
    expect(changes.counts.ended).toBe(0);
    const complete = await preview(csv(line(stays)), "complete");
    const ended = await rows(complete, "ended");
    expect(ended.map((r) => r.citizenId)).toContain(leaves.id);
    expect(ended.find((r) => r.citizenId === leaves.id)!.name).toBe("Test Udenfor");
  });

  it("reports bad rows per row and applies the others", async () => {
    const good = nextCpr();
    const foreign = nextCpr();
    const run = await preview(
      csv(
        line(good),
        "3113451234;A;B;C 1;9901;D;;;2024-01-01;;;",
        line(foreign, { sor: SOR.other }),
        line(nextCpr(), { sor: "123" }),
      ),
    );
    expect(run.counts).toMatchObject({ new: 1, unmatched: 3 });
    const unmatched = await rows(run, "unmatched");
    expect(unmatched.map((r) => [r.rowNo, r.reason, r.field])).toEqual([
      [3, "invalid_cpr", "cpr"],
      [4, "other_municipality", "providerSor"],
      [5, "unknown_provider", "providerSor"],
    ]);
    expect(unmatched[1]!.cpr).toBe(maskCpr(foreign));
    await apply(run);
    expect(await byCpr(good)).toHaveLength(1);
    expect(await byCpr(foreign)).toEqual([]);
  });

  it("previews an unreadable file as one malformed row and ends nobody", async () => {
    const run = await preview("this is not a care record", "complete", "fhir_bundle");
    expect(run.counts).toEqual({ new: 0, changed: 0, ended: 0, unchanged: 0, unmatched: 1 });
    expect((await rows(run))[0]).toMatchObject({ rowNo: 0, reason: "malformed" });
  });

  it("imports the FHIR Bundle and NDJSON samples alike", async () => {
    const bundle = await preview(sample("hjemmepleje-bundle.json"), "changes", "fhir_bundle");
    const ndjson = await preview(sample("hjemmepleje.ndjson"), "changes", "fhir_ndjson");
    expect(bundle.counts).toEqual(ndjson.counts);
    expect(bundle.counts.new).toBeGreaterThan(0);
  });
});

describe("the run's life", () => {
  it("discards a preview: its rows are deleted and it cannot be applied", async () => {
    const run = await preview(csv(line(nextCpr())));
    const res = await admin.post(`/api/care-record/imports/${run.id}/discard`, {});
    expect(res.json()).toMatchObject({ status: "discarded" });
    expect(
      await t.db.select().from(careRecordImportRows).where(eq(careRecordImportRows.runId, run.id)),
    ).toEqual([]);
    const applied = await admin.post(`/api/care-record/imports/${run.id}/apply`, { version: 2 });
    expect(applied.statusCode).toBe(409);
    expect(errorOf(applied).code).toBe("import_run_closed");
  });

  it("refuses an apply naming a stale version", async () => {
    const run = await preview(csv(line(nextCpr())));
    const res = await admin.post(`/api/care-record/imports/${run.id}/apply`, { version: run.version + 1 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("version_conflict");
  });

  it("lists runs newest first, and audits every citizen a page of rows shows", async () => {
    const run = await preview(csv(line(nextCpr())));
    const list = await admin.get("/api/care-record/imports?pageSize=2");
    expect((list.json() as { items: ImportRunView[] }).items[0]!.id).toBe(run.id);
    const existing = t.tenant.citizens.andersen;
    const seen = await preview(`cpr;last_name\n${existing.cpr};Andersen-Ny`);
    const shown = await rows(seen);
    expect(shown[0]!.citizenId).toBe(existing.id);
    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, existing.id), eq(auditEvents.action, "search")));
    expect(audited.length).toBeGreaterThan(0);
  });

  it("is for the administrator only, and another municipality's run is not found", async () => {
    const planner = await t.as("planner");
    const res = await planner.post("/api/care-record/imports", {
      format: "csv",
      scope: "changes",
      content: "cpr\n",
    });
    expect(res.statusCode).toBe(403);
    const run = await preview(csv(line(nextCpr())));
    const otherAdmin = await t.as("administrator", t.other);
    expect((await otherAdmin.get(`/api/care-record/imports/${run.id}`)).statusCode).toBe(404);
  });
});

describe("the organisations' SOR code", () => {
  it("is set and listed through the organisations API, and unique within the municipality", async () => {
    const org = t.tenant.orgs.privateProviderB.id;
    const set = await admin.patch(`/api/organisations/${org}`, { sorCode: "999000000000077" });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: org, sorCode: "999000000000077" });
    const listed = (await admin.get("/api/organisations")).json() as { id: string; sorCode: string | null }[];
    expect(listed.find((o) => o.id === org)!.sorCode).toBe("999000000000077");
    const taken = await admin.patch(`/api/organisations/${org}`, { sorCode: SOR.hjemmeplejen });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe("duplicate_sor_code");
    expect((await admin.patch(`/api/organisations/${org}`, { sorCode: "12-34" })).statusCode).toBe(400);
    expect((await admin.patch(`/api/organisations/${org}`, { sorCode: "" })).json()).toMatchObject({
      sorCode: null,
    });
  });
});

describe("the scheduled pull's actor and the clean-up", () => {
  it("creates and applies a run as Broen itself: audit role system, history without a user", async () => {
    const cpr = nextCpr();
    const m = t.tenant.municipality.id;
    const parsed = recordsFromFhirResources([
      {
        resourceType: "Patient",
        id: "p1",
        identifier: [{ system: "urn:oid:1.2.208.176.1.2", value: cpr.replace("-", "") }],
        name: [{ family: "Pull", given: ["Palle"] }],
        address: [{ line: ["Havnen 1"], postalCode: "9901", city: "Fjordby" }],
      },
      {
        resourceType: "CarePlan",
        status: "active",
        intent: "plan",
        subject: { reference: "Patient/p1" },
        period: { start: "2025-06-01" },
        activity: [
          {
            detail: {
              status: "in-progress",
              code: {
                coding: [{ system: "http://kl.dk/fhir/common/caresocial/CodeSystem/FSIII", code: "H1.1" }],
              },
            },
          },
        ],
      },
    ]);
    const run = await t.db.transaction((tx) =>
      createImportRun(tx, systemActor(m), {
        municipalityId: m,
        source: "fhir_server",
        scope: "changes",
        fileName: null,
        parsed,
      }),
    );
    expect(run).toMatchObject({ source: "fhir_server", createdBy: null, counts: { new: 1 } });
    const applied = await t.db.transaction((tx) => applyImportRun(tx, systemActor(m), run.id));
    expect(applied).toMatchObject({ status: "applied", appliedBy: null });
    const [c] = await byCpr(cpr);
    const [history] = await t.db
      .select()
      .from(targetGroupChanges)
      .where(eq(targetGroupChanges.citizenId, c!.id));
    expect(history).toMatchObject({ inTargetGroup: true, changedBy: null });
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.citizenId, c!.id));
    expect(trail).toMatchObject([{ action: "create", actorRole: "system", actorUserId: null }]);
  });

  it("discards previews older than a week with their rows", async () => {
    const run = await preview(csv(line(nextCpr())));
    await t.db
      .update(careRecordImportRuns)
      .set({ createdAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(eq(careRecordImportRuns.id, run.id));
    await importCleanupJob.handler({
      id: "x",
      name: importCleanupJob.name,
      data: {},
      retryCount: 0,
      db: t.db,
      log: { info() {}, warn() {} },
      enqueue: async () => null,
    });
    const [after] = await t.db
      .select()
      .from(careRecordImportRuns)
      .where(inArray(careRecordImportRuns.id, [run.id]));
    expect(after).toMatchObject({ status: "discarded", failure: "preview_expired" });
    expect(
      await t.db.select().from(careRecordImportRows).where(eq(careRecordImportRows.runId, run.id)),
    ).toEqual([]);
  });
});
