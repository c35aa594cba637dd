import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { Activity, CatalogChange, Organisation, OrganisationPage } from "../../../shared/api/catalog.js";
import {
  catalogActivities,
  catalogChanges,
  catalogOrganisations,
  organisations,
} from "../../db/schema/index.js";
import { activityBody, addActivity, addOrganisation, organisationBody, venue } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
let volunteer: Client;
let otherCentreId: string;
const today = copenhagenDate(new Date());

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  volunteer = await t.as("volunteer_centre_staff");
  const [centre] = await t.db
    .insert(organisations)
    .values({
      municipalityId: t.tenant.municipality.id,
      name: "Frivilligcenter Syd",
      kind: "volunteer_centre",
    })
    .returning({ id: organisations.id });
  otherCentreId = centre!.id;
});
afterAll(() => t.close());

const changesOf = async (id: string) =>
  (await coordinator.get(`/api/catalog/changes?entityId=${id}`)).json() as CatalogChange[];

describe("organisations", () => {
  it("creates an organisation with every field, last verified today, and records the creation field by field", async () => {
    const res = await coordinator.post(
      "/api/catalog/organisations",
      organisationBody({ managedByOrganisationId: t.tenant.orgs.volunteerCentre.id }),
    );
    expect(res.statusCode).toBe(201);
    const org = res.json() as Organisation;
    expect(org).toMatchObject({
      name: "Strikkeforeningen Fjordby",
      kind: "association",
      address: { line: "Fjordvej 12", postalCode: "9901", city: "Fjordby" },
      inclusionCriteria: "Alle over 60 år.",
      collaborationAgreement: "signed",
      managedBy: { id: t.tenant.orgs.volunteerCentre.id, name: t.tenant.orgs.volunteerCentre.name },
      lastVerifiedOn: today,
      active: true,
      version: 1,
    });
    const [created] = await changesOf(org.id);
    expect(created).toMatchObject({
      action: "create",
      entityType: "organisation",
      actor: { id: t.tenant.users.community_coordinator.id },
    });
    expect(created!.changes.name).toEqual({ from: null, to: "Strikkeforeningen Fjordby" });
    expect(created!.changes.collaborationAgreement).toEqual({ from: null, to: "signed" });
  });

  it("names every wrong field and writes nothing", async () => {
    const before = await countRows(t.db, catalogOrganisations);
    const res = await coordinator.post(
      "/api/catalog/organisations",
      organisationBody({
        kind: "club",
        email: "ikke-en-mail",
        website: "ftp://x.example",
        address: { line: "Vej 1", postalCode: "99", city: "By" },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorFields(res).sort()).toEqual(["address.postalCode", "email", "kind", "website"]);
    expect(await countRows(t.db, catalogOrganisations)).toBe(before);
  });

  it("refuses a managing organisation that is not a volunteer centre of the municipality", async () => {
    const res = await coordinator.post(
      "/api/catalog/organisations",
      organisationBody({ managedByOrganisationId: t.tenant.orgs.publicProvider.id }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["managedByOrganisationId"]);
  });

  it("records only the fields that changed, and an edit that changes nothing writes nothing", async () => {
    const org = await addOrganisation(coordinator);
    const res = await coordinator.patch(`/api/catalog/organisations/${org.id}`, {
      version: 1,
      phone: "40999999",
      collaborationAgreement: "in_progress",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      phone: "40999999",
      collaborationAgreement: "in_progress",
      version: 2,
    });
    const [update] = await changesOf(org.id);
    expect(update).toMatchObject({
      action: "update",
      changes: {
        phone: { from: "40123456", to: "40999999" },
        collaborationAgreement: { from: "signed", to: "in_progress" },
      },
    });
    expect(Object.keys(update!.changes).sort()).toEqual(["collaborationAgreement", "phone"]);

    const same = await coordinator.patch(`/api/catalog/organisations/${org.id}`, {
      version: 2,
      phone: "40999999",
    });
    expect(same.json()).toMatchObject({ version: 2 });
    expect(await changesOf(org.id)).toHaveLength(2);
  });

  it("refuses an edit from a stale version with 409 and keeps the newer data", async () => {
    const org = await addOrganisation(coordinator);
    await coordinator.patch(`/api/catalog/organisations/${org.id}`, { version: 1, name: "Første ændring" });
    const stale = await coordinator.patch(`/api/catalog/organisations/${org.id}`, {
      version: 1,
      name: "Anden ændring",
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: "version_conflict", details: { currentVersion: 2 } });
    expect((await coordinator.get(`/api/catalog/organisations/${org.id}`)).json()).toMatchObject({
      name: "Første ændring",
      version: 2,
    });
  });

  it("verifies: last verified becomes today and the verification is recorded", async () => {
    const org = await addOrganisation(coordinator, { lastVerifiedOn: "2024-01-10" });
    const res = await coordinator.post(`/api/catalog/organisations/${org.id}/verify`, { version: 1 });
    expect(res.json()).toMatchObject({ lastVerifiedOn: today, version: 2 });
    expect((await changesOf(org.id))[0]).toMatchObject({
      action: "verify",
      changes: { lastVerifiedOn: { from: "2024-01-10", to: today } },
    });
  });

  it("deactivates an organisation together with its activities, recording each", async () => {
    const org = await addOrganisation(coordinator);
    const a = await addActivity(coordinator, org.id);
    const b = await addActivity(coordinator, org.id, { title: "Strikkecafé" });
    const res = await coordinator.post(`/api/catalog/organisations/${org.id}/deactivate`, { version: 1 });
    expect(res.json()).toMatchObject({ active: false, version: 2 });
    for (const id of [a.id, b.id]) {
      expect((await coordinator.get(`/api/catalog/activities/${id}`)).json()).toMatchObject({
        active: false,
      });
      expect((await changesOf(id))[0]).toMatchObject({
        action: "deactivate",
        changes: { active: { from: true, to: false } },
      });
    }
    expect((await changesOf(org.id))[0]).toMatchObject({ action: "deactivate" });
  });

  it("lists active organisations in Danish order with their number of active activities", async () => {
    const names = ["Ærøforeningen", "Zumbaklubben", "Aabenraa-venner", "Bridgeklubben"];
    const ids = new Map<string, string>();
    for (const name of names)
      ids.set(name, (await addOrganisation(coordinator, { name, kind: "church" })).id);
    await addActivity(coordinator, ids.get("Zumbaklubben")!);
    const page = (
      await coordinator.get("/api/catalog/organisations?kind=church&pageSize=100")
    ).json() as OrganisationPage;
    expect(page.items.map((o) => o.name)).toEqual([
      "Bridgeklubben",
      "Zumbaklubben",
      "Ærøforeningen",
      "Aabenraa-venner",
    ]);
    expect(page.items.find((o) => o.name === "Zumbaklubben")!.activeActivities).toBe(1);
    const found = (await coordinator.get("/api/catalog/organisations?q=zumba")).json() as OrganisationPage;
    expect(found.items.map((o) => o.name)).toEqual(["Zumbaklubben"]);
  });

  it("answers 404 for another municipality's organisation", async () => {
    const other = await addOrganisation(await t.as("community_coordinator", t.other));
    expect((await coordinator.get(`/api/catalog/organisations/${other.id}`)).statusCode).toBe(404);
    expect(
      (await coordinator.patch(`/api/catalog/organisations/${other.id}`, { version: 1, name: "Overtaget" }))
        .statusCode,
    ).toBe(404);
  });
});

describe("activities", () => {
  let orgId: string;
  beforeAll(async () => {
    orgId = (
      await addOrganisation(coordinator, { name: "Aktivitetscenter Fjordby", kind: "activity_centre" })
    ).id;
  });

  it("creates an activity with everything of the catalog and derives weekdays and times of day from the schedule", async () => {
    const res = await coordinator.post(
      "/api/catalog/activities",
      activityBody(orgId, {
        schedule: { kind: "monthly", weekday: 3, week: -1, startTime: "11:00", endTime: "13:00" },
        cost: { kind: "paid", amountDkk: 20, per: "time" },
        groupSize: "large",
      }),
    );
    expect(res.statusCode).toBe(201);
    const a = res.json() as Activity;
    expect(a).toMatchObject({
      organisation: { id: orgId, name: "Aktivitetscenter Fjordby" },
      title: "Strikkeklubben",
      themes: ["creative"],
      interests: ["knitting_needlework", "coffee_club"],
      place: {
        kind: "venue",
        name: "Fjordby Kulturhus",
        address: { postalCode: "9901" },
        lat: 56.4,
        lon: 8.6,
      },
      weekdays: [3],
      timesOfDay: ["morning", "afternoon"],
      accessibility: ["step_free", "accessible_toilet"],
      cost: { kind: "paid", amountDkk: 20, per: "time" },
      groupSize: "large",
      contact: { name: "Birthe Holm", phone: "22334455", email: null },
      lastVerifiedOn: today,
      active: true,
      version: 1,
    });
    const dated = await addActivity(coordinator, orgId, {
      schedule: { kind: "dates", dates: ["2030-05-14", "2030-05-10"], startTime: "18:00", endTime: "20:00" },
    });
    // 10 May 2030 is a Friday, 14 May a Tuesday.
    expect(dated).toMatchObject({
      weekdays: [2, 5],
      timesOfDay: ["evening"],
      schedule: { dates: ["2030-05-10", "2030-05-14"] },
    });
    const phone = await addActivity(coordinator, orgId, {
      place: { kind: "remote", channels: ["phone"] },
      schedule: { kind: "by_arrangement" },
      groupSize: "one_to_one",
    });
    expect(phone).toMatchObject({
      place: { kind: "remote", channels: ["phone"] },
      weekdays: [],
      timesOfDay: [],
    });
  });

  it("refuses themes and interests the municipality's taxonomy does not have, naming their positions, and writes nothing", async () => {
    const before = await countRows(t.db, catalogActivities);
    const res = await coordinator.post(
      "/api/catalog/activities",
      activityBody(orgId, { themes: ["knitting"], interests: ["knitting_needlework", "yoga", "chess"] }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["themes.0", "interests.1", "interests.2"]);
    expect(await countRows(t.db, catalogActivities)).toBe(before);
  });

  it("names wrong fields of the place, schedule, cost and organisation", async () => {
    const halfCoordinates = await coordinator.post(
      "/api/catalog/activities",
      activityBody(orgId, { place: venue({ lat: 56.4, lon: null }) }),
    );
    expect(errorFields(halfCoordinates)).toEqual(["place.lon"]);
    const backwards = await coordinator.post(
      "/api/catalog/activities",
      activityBody(orgId, {
        schedule: { kind: "weekly", weekdays: [1], startTime: "16:00", endTime: "14:00" },
      }),
    );
    expect(errorFields(backwards)).toEqual(["schedule.endTime"]);
    const price = await coordinator.post(
      "/api/catalog/activities",
      activityBody(orgId, { cost: { kind: "paid", amountDkk: -5, per: "time" } }),
    );
    expect(errorFields(price)).toEqual(["cost.amountDkk"]);
    const unknown = await coordinator.post(
      "/api/catalog/activities",
      activityBody("00000000-0000-4000-8000-000000000000"),
    );
    expect(unknown.statusCode).toBe(400);
    expect(errorFields(unknown)).toEqual(["organisationId"]);
  });

  it("updates only what is sent, re-derives the schedule's columns, and refuses a stale version", async () => {
    const a = await addActivity(coordinator, orgId);
    const res = await coordinator.patch(`/api/catalog/activities/${a.id}`, {
      version: 1,
      schedule: { kind: "weekly", weekdays: [5, 1], startTime: "18:30", endTime: "20:00" },
      accessibility: [],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: "Strikkeklubben",
      weekdays: [1, 5],
      timesOfDay: ["evening"],
      accessibility: [],
      version: 2,
    });
    const [change] = await changesOf(a.id);
    expect(Object.keys(change!.changes).sort()).toEqual(["accessibility", "schedule"]);

    const stale = await coordinator.patch(`/api/catalog/activities/${a.id}`, { version: 1, title: "Gammel" });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("version_conflict");
    expect((await coordinator.get(`/api/catalog/activities/${a.id}`)).json()).toMatchObject({
      title: "Strikkeklubben",
      version: 2,
    });
    expect(await changesOf(a.id)).toHaveLength(2);
  });

  it("keeps a field error from writing anything, also on update", async () => {
    const a = await addActivity(coordinator, orgId);
    const changes = await countRows(t.db, catalogChanges);
    const res = await coordinator.patch(`/api/catalog/activities/${a.id}`, {
      version: 1,
      title: "Nyt navn",
      interests: ["nope"],
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["interests.0"]);
    expect(await countRows(t.db, catalogChanges)).toBe(changes);
    const [row] = await t.db.select().from(catalogActivities).where(eq(catalogActivities.id, a.id));
    expect(row).toMatchObject({ title: "Strikkeklubben", version: 1 });
  });

  it("verifies, deactivates and reactivates, recording each", async () => {
    const a = await addActivity(coordinator, orgId, { lastVerifiedOn: null });
    expect(
      (await coordinator.post(`/api/catalog/activities/${a.id}/verify`, { version: 1 })).json(),
    ).toMatchObject({ lastVerifiedOn: today, version: 2 });
    expect(
      (await coordinator.post(`/api/catalog/activities/${a.id}/deactivate`, { version: 2 })).json(),
    ).toMatchObject({ active: false, version: 3 });
    expect(
      (await coordinator.patch(`/api/catalog/activities/${a.id}`, { version: 3, active: true })).json(),
    ).toMatchObject({ active: true, version: 4 });
    expect((await changesOf(a.id)).map((c) => c.action)).toEqual([
      "update",
      "deactivate",
      "verify",
      "create",
    ]);
  });

  it("creates once for a repeated Idempotency-Key", async () => {
    const before = await countRows(t.db, catalogActivities);
    const headers = { "idempotency-key": "catalog-create-once-1" };
    const first = await coordinator.post(
      "/api/catalog/activities",
      activityBody(orgId, { title: "Én gang" }),
      { headers },
    );
    const again = await coordinator.post(
      "/api/catalog/activities",
      activityBody(orgId, { title: "Én gang" }),
      { headers },
    );
    expect(again.json()).toEqual(first.json());
    expect(await countRows(t.db, catalogActivities)).toBe(before + 1);
  });

  it("answers 404 for another municipality's activity", async () => {
    const otherCoordinator = await t.as("community_coordinator", t.other);
    const otherOrg = await addOrganisation(otherCoordinator);
    const other = await addActivity(otherCoordinator, otherOrg.id);
    expect((await coordinator.get(`/api/catalog/activities/${other.id}`)).statusCode).toBe(404);
    expect(
      (await coordinator.post(`/api/catalog/activities/${other.id}/verify`, { version: 1 })).statusCode,
    ).toBe(404);
  });
});

describe("volunteer-centre staff", () => {
  let ownOrg: Organisation;
  let foreignOrg: Organisation;
  let unmanagedOrg: Organisation;
  beforeAll(async () => {
    ownOrg = await addOrganisation(volunteer, { name: "Besøgsvennerne" });
    foreignOrg = await addOrganisation(coordinator, {
      name: "Sydens Syklub",
      managedByOrganisationId: otherCentreId,
    });
    unmanagedOrg = await addOrganisation(coordinator, { name: "Kommunens Dagcenter", kind: "municipal" });
  });

  it("create organisations their own centre manages", () => {
    expect(ownOrg.managedBy).toEqual({
      id: t.tenant.orgs.volunteerCentre.id,
      name: t.tenant.orgs.volunteerCentre.name,
    });
  });

  it("add, edit, verify and deactivate activities of their centre's organisations", async () => {
    const a = await addActivity(volunteer, ownOrg.id, { lastVerifiedOn: "2025-01-01" });
    expect(
      (await volunteer.patch(`/api/catalog/activities/${a.id}`, { version: 1, title: "Strikkeklubben Nord" }))
        .statusCode,
    ).toBe(200);
    expect((await volunteer.post(`/api/catalog/activities/${a.id}/verify`, { version: 2 })).statusCode).toBe(
      200,
    );
    expect(
      (await volunteer.post(`/api/catalog/activities/${a.id}/deactivate`, { version: 3 })).json(),
    ).toMatchObject({ active: false, lastVerifiedOn: today });
    expect(
      (
        await volunteer.patch(`/api/catalog/organisations/${ownOrg.id}`, {
          version: ownOrg.version,
          phone: "70101010",
        })
      ).statusCode,
    ).toBe(200);
  });

  it("are refused (403) on entries another centre manages or no centre manages, and nothing is written", async () => {
    const foreignActivity = await addActivity(coordinator, foreignOrg.id);
    const changes = await countRows(t.db, catalogChanges);
    for (const org of [foreignOrg, unmanagedOrg]) {
      expect(
        (
          await volunteer.patch(`/api/catalog/organisations/${org.id}`, {
            version: org.version,
            name: "Overtaget",
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await volunteer.post(`/api/catalog/organisations/${org.id}/verify`, { version: org.version }))
          .statusCode,
      ).toBe(403);
      expect((await volunteer.post("/api/catalog/activities", activityBody(org.id))).statusCode).toBe(403);
    }
    expect(
      (
        await volunteer.patch(`/api/catalog/activities/${foreignActivity.id}`, {
          version: 1,
          title: "Overtaget",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await volunteer.post(`/api/catalog/activities/${foreignActivity.id}/deactivate`, { version: 1 }))
        .statusCode,
    ).toBe(403);
    expect(await countRows(t.db, catalogChanges)).toBe(changes);
  });

  it("cannot create entries for another centre, hand their entries to one, or move an activity into one", async () => {
    expect(
      (
        await volunteer.post(
          "/api/catalog/organisations",
          organisationBody({ managedByOrganisationId: otherCentreId }),
        )
      ).statusCode,
    ).toBe(403);
    const org = await addOrganisation(volunteer, { name: "Havnens Venner" });
    expect(
      (
        await volunteer.patch(`/api/catalog/organisations/${org.id}`, {
          version: 1,
          managedByOrganisationId: otherCentreId,
        })
      ).statusCode,
    ).toBe(403);
    const a = await addActivity(volunteer, org.id);
    expect(
      (
        await volunteer.patch(`/api/catalog/activities/${a.id}`, {
          version: 1,
          organisationId: foreignOrg.id,
        })
      ).statusCode,
    ).toBe(403);
  });

  it("leave coordinators free to edit every entry", async () => {
    expect(
      (
        await coordinator.patch(`/api/catalog/organisations/${ownOrg.id}`, {
          version: (await coordinator.get(`/api/catalog/organisations/${ownOrg.id}`)).json<Organisation>()
            .version,
          website: null,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await coordinator.patch(`/api/catalog/organisations/${foreignOrg.id}`, {
          version: foreignOrg.version,
          phone: "70202020",
        })
      ).statusCode,
    ).toBe(200);
  });
});
