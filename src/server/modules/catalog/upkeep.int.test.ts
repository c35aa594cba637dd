import { format, parseISO, subMonths } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { OrganisationDetail, PrintList, ReviewPage } from "../../../shared/api/catalog.js";
import { courses, placementEvents, placements } from "../../db/schema/index.js";
import { addActivity, addOrganisation, venue } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
let volunteer: Client;
const today = copenhagenDate(new Date());
const monthsAgo = (n: number) => format(subMonths(parseISO(today), n), "yyyy-MM-dd");

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  volunteer = await t.as("volunteer_centre_staff");
});
afterAll(() => t.close());

describe("the review list", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const mine = await addOrganisation(volunteer, {
      name: "Centrets Forening",
      lastVerifiedOn: monthsAgo(25),
    });
    const other = await addOrganisation(coordinator, {
      name: "Kommunens Klub",
      kind: "municipal",
      lastVerifiedOn: monthsAgo(1),
    });
    ids.mine = mine.id;
    ids.never = (await addActivity(volunteer, mine.id, { title: "Aldrig tjekket", lastVerifiedOn: null })).id;
    ids.old = (
      await addActivity(coordinator, other.id, {
        title: "Tjekket for 13 måneder siden",
        lastVerifiedOn: monthsAgo(13),
      })
    ).id;
    ids.recent = (
      await addActivity(coordinator, other.id, {
        title: "Tjekket for 11 måneder siden",
        lastVerifiedOn: monthsAgo(11),
      })
    ).id;
    ids.inactive = (await addActivity(coordinator, other.id, { title: "Lukket", lastVerifiedOn: null })).id;
    await coordinator.post(`/api/catalog/activities/${ids.inactive}/deactivate`, { version: 1 });
  });

  it("lists active entries not verified for 12 months, never-verified first, then oldest first", async () => {
    const page = (await coordinator.get("/api/catalog/review")).json() as ReviewPage;
    expect(page).toMatchObject({ months: 12, cutoff: monthsAgo(12), total: 3 });
    expect(page.items.map((i) => [i.entityType, i.name, i.lastVerifiedOn])).toEqual([
      ["activity", "Aldrig tjekket", null],
      ["organisation", "Centrets Forening", monthsAgo(25)],
      ["activity", "Tjekket for 13 måneder siden", monthsAgo(13)],
    ]);
    expect(page.items[0]!.organisation).toEqual({ id: ids.mine, name: "Centrets Forening" });
  });

  it("takes the number of months from the request", async () => {
    const page = (await coordinator.get("/api/catalog/review?months=24")).json() as ReviewPage;
    expect(page.items.map((i) => i.name)).toEqual(["Aldrig tjekket", "Centrets Forening"]);
    const all = (await coordinator.get("/api/catalog/review?months=1")).json() as ReviewPage;
    expect(all.items.map((i) => i.name)).toContain("Tjekket for 11 måneder siden");
  });

  it("shows volunteer-centre staff only the entries their centre manages", async () => {
    const page = (await volunteer.get("/api/catalog/review")).json() as ReviewPage;
    expect(page.items.map((i) => i.name)).toEqual(["Aldrig tjekket", "Centrets Forening"]);
  });

  it("drops an entry from the list once verified", async () => {
    await volunteer.post(`/api/catalog/activities/${ids.never}/verify`, { version: 1 });
    const page = (await volunteer.get("/api/catalog/review")).json() as ReviewPage;
    expect(page.items.map((i) => i.name)).toEqual(["Centrets Forening"]);
  });

  it("is for the people who keep the catalog", async () => {
    expect((await (await t.as("home_care_worker")).get("/api/catalog/review")).statusCode).toBe(403);
    expect((await (await t.as("manager")).get(`/api/catalog/changes?entityId=${ids.mine}`)).statusCode).toBe(
      403,
    );
  });
});

describe("the association listing", () => {
  let orgId: string;
  let quietOrgId: string;
  beforeAll(async () => {
    const org = await addOrganisation(coordinator, {
      name: "Røde Kors Besøgstjeneste",
      kind: "visiting_service",
      inclusionCriteria: "Ældre i eget hjem, der føler sig ensomme.",
    });
    orgId = org.id;
    quietOrgId = (await addOrganisation(coordinator, { name: "Ny forening" })).id;
    const visit = await addActivity(coordinator, orgId, {
      title: "Besøgsven",
      themes: ["visiting_friend"],
      interests: ["visiting_friend"],
      place: { kind: "in_home" },
      schedule: { kind: "by_arrangement" },
      accessibility: [],
      groupSize: "one_to_one",
    });
    const elsewhere = await addActivity(coordinator, quietOrgId, { title: "Et andet sted" });
    const citizen = await insertCitizen(t.db, t.tenant);
    const [course] = await t.db
      .insert(courses)
      .values({
        municipalityId: t.tenant.municipality.id,
        citizenId: citizen.id,
        coordinatorUserId: t.tenant.users.community_coordinator.id,
      })
      .returning({ id: courses.id });
    const start = new Date("2026-01-05T09:00:00Z").getTime();
    const hours = (h: number) => new Date(start + h * 3_600_000);
    type Status = (typeof placementEvents.$inferInsert)["toStatus"];
    /** A placement of the citizen with its status changes, each `[status, hours after the start]`. */
    const place = async (activityId: string, steps: [Status, number][]) => {
      const [p] = await t.db
        .insert(placements)
        .values({
          municipalityId: t.tenant.municipality.id,
          courseId: course!.id,
          citizenId: citizen.id,
          activityId,
          status: steps.at(-1)![0],
          createdBy: t.tenant.users.community_coordinator.id,
        })
        .returning({ id: placements.id });
      await t.db.insert(placementEvents).values(
        steps.map(([to, h], i) => ({
          municipalityId: t.tenant.municipality.id,
          placementId: p!.id,
          fromStatus: i === 0 ? null : steps[i - 1]![0],
          toStatus: to,
          actorUserId: t.tenant.users.community_coordinator.id,
          at: hours(h),
        })),
      );
    };
    await place(visit.id, [
      ["suggested", 0],
      ["contacted", 1],
      ["trial_visit", 49],
      ["participating", 200],
    ]);
    await place(visit.id, [
      ["suggested", 0],
      ["contacted", 2],
      ["stopped", 26],
    ]);
    await place(visit.id, [
      ["contacted", 0],
      ["trial_visit", 72],
    ]);
    await place(visit.id, [
      ["suggested", 0],
      ["contacted", 5],
    ]);
    await place(visit.id, [["suggested", 0]]);
    await place(elsewhere.id, [
      ["contacted", 0],
      ["stopped", 1],
    ]);
  });

  it("shows the organisation with its activities, inclusion criteria and collaboration agreement", async () => {
    const detail = (
      await (await t.as("home_care_worker")).get(`/api/catalog/organisations/${orgId}`)
    ).json() as OrganisationDetail;
    expect(detail).toMatchObject({
      name: "Røde Kors Besøgstjeneste",
      inclusionCriteria: "Ældre i eget hjem, der føler sig ensomme.",
      collaborationAgreement: "signed",
    });
    expect(detail.activities.map((a) => a.title)).toEqual(["Besøgsven"]);
  });

  it("gives the median reply time and the share taken on from the recorded placements", async () => {
    const detail = (
      await coordinator.get(`/api/catalog/organisations/${orgId}`)
    ).json() as OrganisationDetail;
    // Replies after 48, 24 and 72 hours; one placement still waits in "contacted", one was never contacted.
    expect(detail.statistics).toEqual({
      placements: 5,
      replyTime: { medianHours: 48, measured: 3 },
      takenOn: { share: 0.667, taken: 2, of: 3 },
    });
  });

  it('says "no data" (null) for an organisation without answered placements', async () => {
    const fresh = await addOrganisation(coordinator, { name: "Helt ny forening" });
    const detail = (
      await coordinator.get(`/api/catalog/organisations/${fresh.id}`)
    ).json() as OrganisationDetail;
    expect(detail.statistics).toEqual({ placements: 0, replyTime: null, takenOn: null });
  });
});

describe("the printable list", () => {
  let orgId: string;
  beforeAll(async () => {
    const otherCoordinator = await t.as("community_coordinator", t.other);
    await addActivity(otherCoordinator, (await addOrganisation(otherCoordinator)).id, {
      title: "Anden kommunes strikkeklub",
      place: venue({ address: { line: "Vej 1", postalCode: "9904", city: "Bækmarken" } }),
    });
    orgId = (
      await addOrganisation(coordinator, {
        name: "Bækmarken Aktivitetscenter",
        kind: "activity_centre",
        phone: "97000000",
      })
    ).id;
    const at = (postalCode: string, lat: number, lon: number) =>
      venue({
        name: "Bækmarken Forsamlingshus",
        address: { line: "Engtoften 3", postalCode, city: "Bækmarken" },
        lat,
        lon,
      });
    const here = at("9904", 56.35, 8.75);
    await addActivity(coordinator, orgId, {
      title: "Sangkor",
      themes: ["music"],
      interests: ["choir"],
      place: here,
    });
    await addActivity(coordinator, orgId, {
      title: "Kortspil",
      themes: ["games"],
      interests: ["card_games"],
      place: at("9904", 56.352, 8.75),
      contact: null,
    });
    await addActivity(coordinator, orgId, {
      title: "Strik og snak",
      themes: ["creative", "meals_social"],
      place: at("9904", 56.351, 8.75),
    });
    await addActivity(coordinator, orgId, {
      title: "Maling",
      themes: ["creative"],
      interests: ["painting"],
      place: at("9904", 56.36, 8.75),
    });
    await addActivity(coordinator, orgId, {
      title: "Foredrag i Fjordby",
      themes: ["culture"],
      interests: ["lectures"],
      place: venue(),
    });
    await addActivity(coordinator, orgId, {
      title: "Besøgsven",
      themes: ["visiting_friend"],
      interests: ["visiting_friend"],
      place: { kind: "in_home" },
      schedule: { kind: "by_arrangement" },
      accessibility: [],
      groupSize: "one_to_one",
    });
    await addActivity(coordinator, orgId, {
      title: "Udflugt (forbi)",
      themes: ["culture"],
      place: here,
      schedule: { kind: "dates", dates: ["2020-05-01"], startTime: "09:00", endTime: "16:00" },
    });
    await addActivity(coordinator, orgId, {
      title: "Udflugt til Jelling",
      themes: ["culture"],
      place: here,
      schedule: { kind: "dates", dates: ["2020-05-01", "2099-06-01"], startTime: "09:00", endTime: "16:00" },
    });
    const closed = await addActivity(coordinator, orgId, {
      title: "Lukket klub",
      themes: ["games"],
      place: here,
    });
    await coordinator.post(`/api/catalog/activities/${closed.id}/deactivate`, { version: 1 });
  });

  it("groups an area's active activities by theme in the taxonomy's order, each activity once", async () => {
    const list = (await coordinator.get("/api/catalog/print?postalCode=9904")).json() as PrintList;
    expect(list.groups.map((g) => [g.theme?.id ?? null, g.activities.map((a) => a.title)])).toEqual([
      ["culture", ["Udflugt til Jelling"]],
      ["music", ["Sangkor"]],
      ["creative", ["Maling", "Strik og snak"]],
      ["games", ["Kortspil"]],
      // In-home offers reach every address: this centre's and the visiting service's above.
      ["visiting_friend", ["Besøgsven", "Besøgsven"]],
    ]);
    expect(list.groups[1]!.theme!.label).toEqual({ da: "Musik og sang", en: "Music and singing" });
    expect(list).toMatchObject({
      total: 7,
      shown: 7,
      area: { postalCodes: ["9904"], near: null, radiusKm: null },
      generatedOn: today,
    });
  });

  it("prints only the fields of one compact line: place, when, phone (the organisation's when the activity has none), cost, accessibility", async () => {
    const list = (await coordinator.get("/api/catalog/print?postalCode=9904")).json() as PrintList;
    const entries = list.groups.flatMap((g) => g.activities);
    expect(entries.find((e) => e.title === "Sangkor")).toEqual({
      id: expect.any(String),
      title: "Sangkor",
      organisationName: "Bækmarken Aktivitetscenter",
      place: {
        kind: "venue",
        name: "Bækmarken Forsamlingshus",
        address: { line: "Engtoften 3", postalCode: "9904", city: "Bækmarken" },
        lat: 56.35,
        lon: 8.75,
      },
      schedule: { kind: "weekly", weekdays: [2], startTime: "14:00", endTime: "16:00" },
      timesOfDay: ["afternoon"],
      phone: "22334455",
      cost: { kind: "free" },
      accessibility: ["step_free", "accessible_toilet"],
      groupSize: "small",
      distanceKm: null,
    });
    expect(entries.find((e) => e.title === "Kortspil")!.phone).toBe("97000000");
    expect(entries.find((e) => e.title === "Udflugt til Jelling")!.schedule).toMatchObject({
      dates: ["2099-06-01"],
    });
  });

  it("lists the nearest activities within the radius around a point, up to the limit", async () => {
    const list = (
      await coordinator.get("/api/catalog/print?near=56.35,8.75&radiusKm=1&limit=3")
    ).json() as PrintList;
    expect(list).toMatchObject({
      total: 6,
      shown: 3,
      area: { near: { lat: 56.35, lon: 8.75 }, radiusKm: 1 },
    });
    const shown = list.groups.flatMap((g) => g.activities.map((a) => [a.title, a.distanceKm]));
    expect(shown).toEqual(
      expect.arrayContaining([
        ["Udflugt til Jelling", 0],
        ["Sangkor", 0],
        ["Strik og snak", 0.1],
      ]),
    );
  });

  it("needs an area, and coordinates when printing for a citizen", async () => {
    expect(errorFields(await coordinator.get("/api/catalog/print"))).toEqual(["postalCode"]);
    const citizen = await insertCitizen(t.db, t.tenant);
    const res = await coordinator.get(`/api/catalog/print?nearCitizenId=${citizen.id}`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: "catalog_location_unknown",
      details: { fields: [{ field: "nearCitizenId" }] },
    });
  });
});
