/** The audit trail: every look at and change of citizen data leaves a row, and only administrators read the trail. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KEYS, insertCitizen, nextCpr } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { AuditTrail, CitizenDetail } from "../../../shared/api/citizens.js";
import { auditEvents } from "../../db/schema/index.js";
import { redactCriterion } from "../../platform/audit.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const rowsFor = (citizenId: string) =>
  t.db.select().from(auditEvents).where(eq(auditEvents.citizenId, citizenId)).orderBy(auditEvents.id);
const freshCitizen = () => insertCitizen(t.db, t.tenant, { firstName: "Vibeke", lastName: "Skov" });

describe("what is audited", () => {
  it("a read of a citizen: who, which citizen, from where", async () => {
    const c = await freshCitizen();
    await (
      await t.as("home_care_worker")
    ).get(`/api/citizens/${c.id}`, { headers: { "user-agent": "test-browser/1.0" } });
    expect(await rowsFor(c.id)).toEqual([
      expect.objectContaining({
        municipalityId: t.tenant.municipality.id,
        actorUserId: t.tenant.users.home_care_worker.id,
        actorRole: "home_care_worker",
        action: "read",
        entityType: "citizen",
        entityId: c.id,
        ip: "127.0.0.1",
        userAgent: "test-browser/1.0",
      }),
    ]);
  });

  it("a search: one row per citizen shown, with the criterion", async () => {
    const c = await insertCitizen(t.db, t.tenant, { firstName: "Unika", lastName: "Søgesen" });
    await (await t.as("planner")).post("/api/citizens/search", { q: "søgesen" });
    expect(await rowsFor(c.id)).toEqual([
      expect.objectContaining({
        action: "search",
        actorUserId: t.tenant.users.planner.id,
        criterion: { q: "søgesen", page: 1 },
      }),
    ]);
  });

  it("a search by a CPR's last four stores the four digits masked, also beside a name", async () => {
    const cpr = nextCpr();
    const c = await insertCitizen(t.db, t.tenant, { cpr, firstName: "Maske", lastName: "Firetal" });
    const last4 = cpr.slice(-4);
    await (await t.as("planner")).post("/api/citizens/search", { q: last4 });
    const criteria = (await rowsFor(c.id)).map((r) => r.criterion as { q: string });
    expect(criteria.map((x) => x.q)).toEqual(["XXXX"]);
    expect(JSON.stringify(criteria)).not.toContain(last4);
    // Beside other words, and the full number; other criteria (a day) stay readable.
    expect(redactCriterion({ q: `firetal ${last4}`, day: "2026-09-01" })).toEqual({
      q: "firetal XXXX",
      day: "2026-09-01",
    });
    expect(redactCriterion({ q: "0202300002" })).toEqual({ q: "020230-XXXX" });
  });

  it("listing the workers who may get a citizen's opsporingsklip is a read of that citizen", async () => {
    const c = await freshCitizen();
    const res = await (await t.as("planner")).get(`/api/citizens/${c.id}/detection-workers`);
    expect(res.statusCode).toBe(200);
    expect(await rowsFor(c.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "read",
          entityType: "detection_workers",
          citizenId: c.id,
          actorUserId: t.tenant.users.planner.id,
        }),
      ]),
    );
  });

  it("a search without hits: one row with the criterion and zero hits", async () => {
    await (await t.as("planner")).post("/api/citizens/search", { q: "ingen-saadan-borger" });
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "search"), eq(auditEvents.actorUserId, t.tenant.users.planner.id)));
    expect(rows.map((r) => r.criterion)).toContainEqual({ q: "ingen-saadan-borger", page: 1, hits: 0 });
  });

  it("a search by CPR number, with the number masked in the criterion", async () => {
    const c = await freshCitizen();
    await (await t.as("planner")).post("/api/citizens/search", { q: c.cpr });
    const [row] = await rowsFor(c.id);
    expect(row?.criterion).toEqual({ q: `${c.cpr.slice(0, 6)}-XXXX`, page: 1 });
    const noHit = nextCpr();
    await (await t.as("planner")).post("/api/citizens/search", { q: noHit.replace("-", "") });
    const all = await t.db.select({ criterion: auditEvents.criterion }).from(auditEvents);
    const text = JSON.stringify(all);
    expect(text).not.toContain(c.cpr);
    expect(text).not.toContain(noHit.replace("-", ""));
    expect(text).toContain(`${noHit.slice(0, 6)}-XXXX`);
  });

  it("a create, a change, a CPR reveal and an export", async () => {
    const planner = await t.as("planner");
    const created = (
      await planner.post("/api/citizens", {
        cpr: nextCpr(),
        firstName: "Asta",
        lastName: "Krog",
        addressLine: "Lindevej 3",
        postalCode: "9903",
        city: "Fjordby",
      })
    ).json() as CitizenDetail;
    await planner.patch(`/api/citizens/${created.id}`, { version: 1, city: "Sønderhede" });
    await planner.post(`/api/citizens/${created.id}/cpr/reveal`);
    await (await t.as("administrator")).get(`/api/citizens/${created.id}/audit.csv`);
    const rows = await rowsFor(created.id);
    expect(rows.map((r) => [r.action, r.entityType])).toEqual([
      ["create", "citizen"],
      ["update", "citizen"],
      ["reveal_cpr", "citizen"],
      ["export", "audit_trail"],
    ]);
  });

  it("nothing for a refused look", async () => {
    const c = await freshCitizen();
    await (await t.as("private_worker")).get(`/api/citizens/${c.id}`);
    await (await t.as("evaluator")).get(`/api/citizens/${c.id}`);
    expect(await rowsFor(c.id)).toEqual([]);
  });
});

describe("reading the trail", () => {
  it("lists a citizen's events to an administrator, with actor, action and address", async () => {
    const c = await freshCitizen();
    await (await t.as("team_leader")).get(`/api/citizens/${c.id}`);
    const res = await (await t.as("administrator")).get(`/api/citizens/${c.id}/audit`);
    expect(res.statusCode).toBe(200);
    const trail = res.json() as AuditTrail;
    expect(trail.citizenId).toBe(c.id);
    expect(trail.events).toEqual([
      expect.objectContaining({
        actor: { id: t.tenant.users.team_leader.id, name: "Susanne Brix", role: "team_leader" },
        action: "read",
        entityType: "citizen",
        ip: "127.0.0.1",
      }),
    ]);
  });

  it("names people, places and the citizen instead of ids: the worker, a district, a caseload; another municipality's id stays unnamed", async () => {
    const c = await freshCitizen();
    const worker = t.tenant.users.home_care_worker;
    const foreign = t.other.users.home_care_worker;
    await t.db.insert(auditEvents).values({
      municipalityId: t.tenant.municipality.id,
      actorUserId: t.tenant.users.planner.id,
      actorRole: "planner",
      action: "search",
      entityType: "clip",
      entityId: null,
      citizenId: c.id,
      criterion: {
        day: "2026-09-01",
        worker: worker.id,
        districtId: t.tenant.districts.north.id,
        caseload: foreign.id,
        hits: 0,
      },
      ip: "127.0.0.1",
    });
    const trail = (
      await (await t.as("administrator")).get(`/api/citizens/${c.id}/audit`)
    ).json() as AuditTrail;
    const event = trail.events.find((e) => e.entityType === "clip")!;
    expect(event.actor).toEqual({ id: t.tenant.users.planner.id, name: "Lars Winther", role: "planner" });
    expect(event.citizen).toEqual({ id: c.id, name: "Vibeke Skov" });
    expect(event.names).toEqual({
      [worker.id]: "Mette Lykke",
      [t.tenant.districts.north.id]: t.tenant.districts.north.name,
    });
    // The CSV names them too.
    const csv = (await (await t.as("administrator")).get(`/api/citizens/${c.id}/audit.csv`)).body;
    expect(csv).toContain("Medarbejder: Mette Lykke");
    expect(csv).toContain(`Distrikt: ${t.tenant.districts.north.name}`);
    expect(csv).not.toContain(worker.id);
  });

  it("is itself audited, so the next look shows the previous one", async () => {
    const c = await freshCitizen();
    const admin = await t.as("administrator");
    await admin.get(`/api/citizens/${c.id}/audit`);
    const second = (await admin.get(`/api/citizens/${c.id}/audit`)).json() as AuditTrail;
    expect(second.events).toEqual([
      expect.objectContaining({
        action: "read",
        entityType: "audit_trail",
        actor: expect.objectContaining({ id: t.tenant.users.administrator.id }),
      }),
    ]);
  });

  it("exports as CSV with a header, one line per event, and audits the export", async () => {
    const c = await freshCitizen();
    await (await t.as("planner")).get(`/api/citizens/${c.id}`);
    const res = await (await t.as("administrator")).get(`/api/citizens/${c.id}/audit.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toContain(`logning-${c.id}.csv`);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe("tidspunkt;bruger;rolle;handling;type;id;kriterie;ip");
    expect(lines).toHaveLength(2);
    // In words, like the page: role, action and entity (issue 11 point 16).
    expect(lines[1]).toContain(";Lars Winther;Planlægger;Set;Stamdata;");
    expect(lines[1]).not.toMatch(/;planner;|;read;|;citizen;/);
    expect((await rowsFor(c.id)).map((r) => r.action)).toEqual(["read", "export"]);
  });

  it.each(ACTOR_KEYS.filter((a) => a !== "administrator"))("is refused to %s", async (actor) => {
    const c = t.tenant.citizens.kaer;
    const client = await t.as(actor);
    for (const url of [`/api/citizens/${c.id}/audit`, `/api/citizens/${c.id}/audit.csv`]) {
      const res = await client.get(url);
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe("forbidden");
    }
  });

  it("is 404 for another municipality's citizen", async () => {
    const res = await (await t.as("administrator")).get(`/api/citizens/${t.other.citizens.kaer.id}/audit`);
    expect(res.statusCode).toBe(404);
  });
});
