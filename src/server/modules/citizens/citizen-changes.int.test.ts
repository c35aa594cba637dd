/** Registering and editing citizens, their contacts, and revealing the full CPR number. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertCitizen, nextCpr } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import type { CitizenDetail } from "../../../shared/api/citizens.js";
import { auditEvents, citizens } from "../../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const newCitizen = (overrides: Record<string, unknown> = {}) => ({
  cpr: nextCpr(),
  firstName: "Grethe",
  lastName: "Lund",
  addressLine: "Bøgevej 4",
  postalCode: "9902",
  city: "Sønderhede",
  phone: "20 30 40 50",
  providerId: t.tenant.orgs.publicProvider.id,
  districtId: t.tenant.districts.south.id,
  ...overrides,
});

const auditRowsFor = (citizenId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.citizenId, citizenId), eq(auditEvents.action, action)));

/** A citizen of the public provider made for one test, so tests do not change each other's data. */
const freshCitizen = () =>
  insertCitizen(t.db, t.tenant, {
    firstName: "Erik",
    lastName: "Dahl",
    districtId: t.tenant.districts.north.id,
  });

describe("registering a citizen", () => {
  it("answers 201 with the citizen, the CPR masked and the birth date derived", async () => {
    const body = newCitizen({ cpr: "150445-1019" });
    const res = await (await t.as("planner")).post("/api/citizens", body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      firstName: "Grethe",
      lastName: "Lund",
      cprMasked: "150445-XXXX",
      birthDate: "1945-04-15",
      provider: { id: t.tenant.orgs.publicProvider.id },
      district: { id: t.tenant.districts.south.id },
      version: 1,
    });
    expect(res.body).not.toContain("150445-1019");
  });

  it("writes the citizen in the caller's municipality and a create audit row", async () => {
    const res = await (await t.as("community_coordinator")).post("/api/citizens", newCitizen());
    const { id } = res.json() as CitizenDetail;
    const [row] = await t.db
      .select({ municipalityId: citizens.municipalityId })
      .from(citizens)
      .where(eq(citizens.id, id));
    expect(row?.municipalityId).toBe(t.tenant.municipality.id);
    expect(await auditRowsFor(id, "create")).toEqual([
      expect.objectContaining({
        actorUserId: t.tenant.users.community_coordinator.id,
        entityType: "citizen",
      }),
    ]);
  });

  it("refuses a CPR number already registered: 409 naming cpr, nothing written", async () => {
    const before = await countRows(t.db, citizens);
    const res = await (
      await t.as("planner")
    ).post("/api/citizens", newCitizen({ cpr: t.tenant.citizens.bech.cpr }));
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("duplicate_cpr");
    expect(errorFields(res)).toEqual(["cpr"]);
    expect(await countRows(t.db, citizens)).toBe(before);
  });

  it("treats the CPR without a hyphen as the same number", async () => {
    const res = await (
      await t.as("planner")
    ).post("/api/citizens", newCitizen({ cpr: t.tenant.citizens.bech.cpr.replace("-", "") }));
    expect(res.statusCode).toBe(409);
  });

  it("refuses a CPR number with an impossible date: 400 naming cpr", async () => {
    const before = await countRows(t.db, citizens);
    const res = await (await t.as("planner")).post("/api/citizens", newCitizen({ cpr: "290201-4000" }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "cpr", reason: "invalid_cpr_date" }),
    ]);
    expect(await countRows(t.db, citizens)).toBe(before);
  });

  it("refuses a CPR number in the wrong form: 400 naming cpr", async () => {
    const res = await (await t.as("planner")).post("/api/citizens", newCitizen({ cpr: "12345" }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "cpr", reason: "invalid_cpr_format" }),
    ]);
  });

  it("refuses a provider of another municipality or one that is not a care provider", async () => {
    const planner = await t.as("planner");
    for (const providerId of [t.other.orgs.publicProvider.id, t.tenant.orgs.coordinatorUnit.id]) {
      const res = await planner.post("/api/citizens", newCitizen({ providerId }));
      expect(res.statusCode).toBe(400);
      expect(errorFields(res)).toEqual(["providerId"]);
    }
  });

  it("refuses a district of another municipality", async () => {
    const res = await (
      await t.as("planner")
    ).post("/api/citizens", newCitizen({ districtId: t.other.districts.north.id }));
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["districtId"]);
  });

  it("is not open to private providers' staff or care workers", async () => {
    for (const actor of ["private_team_leader", "home_care_worker", "manager"] as const) {
      const res = await (await t.as(actor)).post("/api/citizens", newCitizen());
      expect(res.statusCode).toBe(403);
    }
  });
});

describe("editing a citizen", () => {
  it("changes the fields sent, raises the version and finds the citizen by the new name", async () => {
    const c = await freshCitizen();
    const res = await (
      await t.as("team_leader")
    ).patch(`/api/citizens/${c.id}`, { version: 1, lastName: "Quist", phone: "87654321" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lastName: "Quist", firstName: "Erik", phone: "87654321", version: 2 });
    const found = await (await t.as("team_leader")).post("/api/citizens/search", { q: "quist" });
    expect((found.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([c.id]);
  });

  it("audits which fields changed, never their values", async () => {
    const c = await freshCitizen();
    await (
      await t.as("planner")
    ).patch(`/api/citizens/${c.id}`, { version: 1, phone: "11223344", addressLine: "Nyvej 2" });
    const [row] = await auditRowsFor(c.id, "update");
    expect((row?.criterion as { fields: string[] }).fields.sort()).toEqual(["addressLine", "phone"]);
    expect(JSON.stringify(row)).not.toContain("11223344");
  });

  it("refuses a stale version with 409 and changes nothing", async () => {
    const c = await freshCitizen();
    const planner = await t.as("planner");
    expect((await planner.patch(`/api/citizens/${c.id}`, { version: 1, city: "Fjordby" })).statusCode).toBe(
      200,
    );
    const stale = await planner.patch(`/api/citizens/${c.id}`, { version: 1, city: "Nørreby" });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: "version_conflict", details: { currentVersion: 2 } });
    const [row] = await t.db
      .select({ city: citizens.city, version: citizens.version })
      .from(citizens)
      .where(eq(citizens.id, c.id));
    expect(row).toEqual({ city: "Fjordby", version: 2 });
  });

  it("lets only one of two simultaneous edits from the same version win", async () => {
    const c = await freshCitizen();
    const [planner, leader] = [await t.as("planner"), await t.as("team_leader")];
    const [a, b] = await Promise.all([
      planner.patch(`/api/citizens/${c.id}`, { version: 1, city: "Aby" }),
      leader.patch(`/api/citizens/${c.id}`, { version: 1, city: "Bby" }),
    ]);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    const [row] = await t.db
      .select({ version: citizens.version })
      .from(citizens)
      .where(eq(citizens.id, c.id));
    expect(row?.version).toBe(2);
  });

  it("refuses a CPR number another citizen has: 409 naming cpr", async () => {
    const c = await freshCitizen();
    const res = await (
      await t.as("planner")
    ).patch(`/api/citizens/${c.id}`, { version: 1, cpr: t.tenant.citizens.zacho.cpr });
    expect(res.statusCode).toBe(409);
    expect(errorFields(res)).toEqual(["cpr"]);
  });

  it("requires the version", async () => {
    const c = await freshCitizen();
    const res = await (await t.as("planner")).patch(`/api/citizens/${c.id}`, { city: "Fjordby" });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "version", reason: "required" }),
    ]);
  });

  it("lets a private team leader edit their own citizen but not move them to another provider", async () => {
    const c = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.privateProviderB.id });
    const leader = await t.as("private_team_leader");
    expect((await leader.patch(`/api/citizens/${c.id}`, { version: 1, phone: "44556677" })).statusCode).toBe(
      200,
    );
    const move = await leader.patch(`/api/citizens/${c.id}`, {
      version: 2,
      providerId: t.tenant.orgs.publicProvider.id,
    });
    expect(move.statusCode).toBe(403);
    expect(
      (
        await leader.patch(`/api/citizens/${t.tenant.citizens.andersen.id}`, {
          version: 1,
          phone: "44556677",
        })
      ).statusCode,
    ).toBe(403);
  });

  it("is not open to care workers", async () => {
    const c = await freshCitizen();
    expect(
      (await (await t.as("home_care_worker")).patch(`/api/citizens/${c.id}`, { version: 1, city: "X" }))
        .statusCode,
    ).toBe(403);
  });
});

describe("contacts", () => {
  it("adds a relative that then shows on the citizen, with an audit row", async () => {
    const c = await freshCitizen();
    const planner = await t.as("planner");
    const res = await planner.post(`/api/citizens/${c.id}/contacts`, {
      kind: "relative",
      name: "Tove Dahl",
      relation: "hustru",
      phone: "22334455",
      isPrimary: true,
    });
    expect(res.statusCode).toBe(201);
    const contact = res.json() as { id: string };
    expect(contact).toMatchObject({
      kind: "relative",
      name: "Tove Dahl",
      relation: "hustru",
      phone: "22334455",
      isPrimary: true,
      organisation: null,
    });
    const detail = (await planner.get(`/api/citizens/${c.id}`)).json() as CitizenDetail;
    expect(detail.contacts.map((x) => x.id)).toEqual([contact.id]);
    expect(await auditRowsFor(c.id, "create")).toEqual([
      expect.objectContaining({ entityType: "citizen_contact", entityId: contact.id }),
    ]);
  });

  it("adds a staff contact person of an organisation in the municipality", async () => {
    const c = await freshCitizen();
    const res = await (
      await t.as("planner")
    ).post(`/api/citizens/${c.id}/contacts`, {
      kind: "contact_person",
      name: "Lone Bech",
      organisationId: t.tenant.orgs.publicProvider.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      organisation: { id: t.tenant.orgs.publicProvider.id, name: "Hjemmeplejen" },
    });
    const foreign = await (
      await t.as("planner")
    ).post(`/api/citizens/${c.id}/contacts`, {
      kind: "contact_person",
      name: "X",
      organisationId: t.other.orgs.publicProvider.id,
    });
    expect(foreign.statusCode).toBe(400);
    expect(errorFields(foreign)).toEqual(["organisationId"]);
  });

  it("removes a contact, audits it, and answers 404 the second time", async () => {
    const c = await freshCitizen();
    const planner = await t.as("planner");
    const { id } = (
      await planner.post(`/api/citizens/${c.id}/contacts`, { kind: "relative", name: "Tove Dahl" })
    ).json() as { id: string };
    expect((await planner.delete(`/api/citizens/${c.id}/contacts/${id}`)).statusCode).toBe(204);
    expect(((await planner.get(`/api/citizens/${c.id}`)).json() as CitizenDetail).contacts).toEqual([]);
    expect(await auditRowsFor(c.id, "delete")).toHaveLength(1);
    const again = await planner.delete(`/api/citizens/${c.id}/contacts/${id}`);
    expect(again.statusCode).toBe(404);
    expect(errorOf(again).code).toBe("contact_not_found");
  });

  it("does not remove another citizen's contact through this citizen", async () => {
    const c = await freshCitizen();
    const res = await (await t.as("planner")).delete(`/api/citizens/${c.id}/contacts/${t.tenant.contactId}`);
    expect(res.statusCode).toBe(404);
    const detail = (
      await (await t.as("planner")).get(`/api/citizens/${t.tenant.citizens.andersen.id}`)
    ).json() as CitizenDetail;
    expect(detail.contacts.map((x) => x.id)).toContain(t.tenant.contactId);
  });

  it("are not changed by care workers", async () => {
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${t.tenant.citizens.andersen.id}/contacts`, { kind: "relative", name: "X" });
    expect(res.statusCode).toBe(403);
  });
});

describe("revealing the CPR number", () => {
  it.each(["planner", "team_leader", "community_coordinator", "administrator"] as const)(
    "shows it in full to %s and audits it",
    async (actor) => {
      const c = t.tenant.citizens.bech;
      const before = (await auditRowsFor(c.id, "reveal_cpr")).length;
      const res = await (await t.as(actor)).post(`/api/citizens/${c.id}/cpr/reveal`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ cpr: c.cpr });
      const rows = await auditRowsFor(c.id, "reveal_cpr");
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({
        actorUserId: t.tenant.users[actor].id,
        actorRole: t.tenant.users[actor].role,
        ip: "127.0.0.1",
      });
    },
  );

  it.each(["home_care_worker", "manager", "private_worker", "volunteer_centre_staff", "evaluator"] as const)(
    "refuses %s and audits nothing",
    async (actor) => {
      const c = t.tenant.citizens.holm;
      const before = (await auditRowsFor(c.id, "reveal_cpr")).length;
      const res = await (await t.as(actor)).post(`/api/citizens/${c.id}/cpr/reveal`);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(c.cpr);
      expect(await auditRowsFor(c.id, "reveal_cpr")).toHaveLength(before);
    },
  );

  it("lets a private team leader reveal only their own citizens' numbers", async () => {
    const leader = await t.as("private_team_leader");
    expect((await leader.post(`/api/citizens/${t.tenant.citizens.kaer.id}/cpr/reveal`)).statusCode).toBe(200);
    expect((await leader.post(`/api/citizens/${t.tenant.citizens.andersen.id}/cpr/reveal`)).statusCode).toBe(
      403,
    );
  });

  it("is 404 for another municipality's citizen", async () => {
    expect(
      (await (await t.as("administrator")).post(`/api/citizens/${t.other.citizens.bech.id}/cpr/reveal`))
        .statusCode,
    ).toBe(404);
  });
});
