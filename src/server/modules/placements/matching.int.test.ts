import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { Matches, MatchingProfile } from "../../../shared/api/placements.js";
import { auditEvents, catalogActivities } from "../../db/schema/index.js";
import { FJORDBY, insertActivity, insertCatalogOrganisation, setHome } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  const m = t.tenant.municipality.id;
  const org = await insertCatalogOrganisation(t.db, m);
  const add = async (key: string, fields: Parameters<typeof insertActivity>[3]) =>
    (ids[key] = await insertActivity(t.db, m, org, { title: key, ...fields }));
  const stepFree = ["step_free", "wheelchair_rollator", "accessible_toilet"];
  await add("Strikkecafé i Kulturhuset", {
    km: 0.8,
    interests: ["knitting_needlework"],
    themes: ["creative"],
    accessibility: stepFree,
  });
  // Closer and otherwise the same, but up a flight of stairs.
  await add("Strikkeklub på 1. sal", {
    km: 0.2,
    interests: ["knitting_needlework"],
    themes: ["creative"],
    accessibility: [],
  });
  await add("Besøgsven", {
    placeKind: "in_home",
    interests: ["visiting_friend"],
    groupSize: "one_to_one",
    schedule: { kind: "by_arrangement" },
    timesOfDay: [],
  });
  await add("Telefonven", {
    placeKind: "remote",
    remoteChannels: ["phone"],
    interests: ["phone_friend"],
    groupSize: "one_to_one",
    schedule: { kind: "by_arrangement" },
    timesOfDay: [],
  });
  await add("Aftensang", {
    km: 1,
    interests: ["community_singing"],
    accessibility: stepFree,
    groupSize: "large",
    schedule: { kind: "weekly", weekdays: [3], startTime: "19:00", endTime: "21:00" },
    timesOfDay: ["evening"],
  });
  await add("Foredrag med kaffe", {
    km: 1.5,
    interests: ["lectures"],
    accessibility: stepFree,
    costKind: "paid",
    costAmountDkk: 40,
    costPer: "time",
  });
  await add("Gåtur ved fjorden", { km: 15, interests: ["walks"], accessibility: stepFree });
  await add("Bridge i Skagen", { km: 300, interests: ["bridge"], accessibility: stepFree });
  await add("Nedlagt kortklub", {
    km: 0.5,
    interests: ["card_games"],
    accessibility: stepFree,
    active: false,
  });
  const otherOrg = await insertCatalogOrganisation(t.db, t.other.municipality.id);
  ids["Nabokommunens strik"] = await insertActivity(t.db, t.other.municipality.id, otherOrg, {
    title: "Nabokommunens strik",
    km: 0.1,
    interests: ["knitting_needlework"],
    accessibility: stepFree,
  });
});
afterAll(() => t.close());

/** A citizen at home in Fjordby with an open course and a held clarifying conversation. */
async function courseFor(
  conversation: { interests?: string[]; barriers?: string[] } = {},
  home: typeof FJORDBY | null = FJORDBY,
): Promise<string> {
  const c = await insertCitizen(t.db, t.tenant);
  await setHome(t.db, c.id, home);
  const res = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Matching" });
  expect(res.statusCode).toBe(201);
  const courseId = (res.json() as { id: string }).id;
  if (conversation.interests || conversation.barriers) {
    const held = await coordinator.post(`/api/courses/${courseId}/conversations`, {
      kind: "clarification",
      interests: conversation.interests ?? [],
      barriers: conversation.barriers ?? [],
    });
    expect(held.statusCode).toBe(201);
  }
  return courseId;
}

async function matches(courseId: string, query = ""): Promise<Matches> {
  const res = await coordinator.get(`/api/courses/${courseId}/matches${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as Matches;
}

const titles = (m: Matches) => m.suggestions.map((s) => s.activity.title);

describe("ranking activities for a citizen", () => {
  it("suggests a step-free place first to a rollator user and never the place with stairs", async () => {
    const m = await matches(
      await courseFor({ interests: ["knitting_needlework"], barriers: ["mobility_aid"] }),
    );
    const first = m.suggestions[0]!;
    expect(first.activity.title).toBe("Strikkecafé i Kulturhuset");
    expect(first.activity.accessibility).toContain("step_free");
    expect(first.reasons).toContainEqual({ code: "shared_interests", interests: ["knitting_needlework"] });
    expect(first.reasons).toContainEqual({
      code: "meets_needs",
      features: ["step_free", "wheelchair_rollator"],
    });
    expect(titles(m)).not.toContain("Strikkeklub på 1. sal");
    expect(m.profile).toMatchObject({
      interests: ["knitting_needlework"],
      barriers: ["mobility_aid"],
      homeKnown: true,
    });
  });

  it("suggests the closer place with stairs to a citizen without a mobility barrier", async () => {
    const m = await matches(await courseFor({ interests: ["knitting_needlework"] }));
    expect(titles(m).slice(0, 2)).toEqual(["Strikkeklub på 1. sal", "Strikkecafé i Kulturhuset"]);
  });

  it("names the missing feature when the coordinator asks why the place with stairs is left out", async () => {
    const m = await matches(
      await courseFor({ interests: ["knitting_needlework"], barriers: ["mobility_aid"] }),
      "?includeExcluded=true",
    );
    const stairs = m.suggestions.find((s) => s.activity.title === "Strikkeklub på 1. sal")!;
    expect(stairs.excluded).toBe(true);
    expect(stairs.misfits).toContainEqual({
      code: "required_feature_missing",
      feature: "step_free",
      barriers: ["mobility_aid"],
    });
    expect(m.suggestions.at(-1)!.excluded).toBe(true);
  });

  it("puts in-home and phone offers first for a citizen who cannot leave home", async () => {
    const m = await matches(
      await courseFor({ interests: ["knitting_needlework"], barriers: ["housebound"] }),
    );
    expect(
      m.suggestions
        .slice(0, 2)
        .map((s) => s.activity.place.kind)
        .sort(),
    ).toEqual(["in_home", "remote"]);
    expect(m.suggestions[0]!.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/_for_housebound$/)]),
    );
    const venue = m.suggestions.find((s) => s.activity.place.kind === "venue")!;
    expect(venue.misfits).toContainEqual({ code: "venue_for_housebound" });
  });

  it("takes the evening out of the times that fit for a citizen kept in by dark evenings", async () => {
    const m = await matches(
      await courseFor({ interests: ["community_singing"], barriers: ["dark_weather"] }),
    );
    expect(m.profile.effectiveTimes).toEqual(["morning", "afternoon"]);
    const evening = m.suggestions.find((s) => s.activity.title === "Aftensang")!;
    expect(evening.misfits).toContainEqual({ code: "time_of_day_mismatch", times: ["evening"] });
  });

  it("marks paid offers when money is a barrier", async () => {
    const m = await matches(await courseFor({ interests: ["lectures"], barriers: ["economy"] }));
    expect(m.profile.costSensitive).toBe(true);
    const paid = m.suggestions.find((s) => s.activity.title === "Foredrag med kaffe")!;
    expect(paid.misfits).toContainEqual({ code: "costs", amountDkk: 40, per: "time" });
    expect(
      m.suggestions.find((s) => s.activity.title === "Strikkecafé i Kulturhuset")!.reasons,
    ).toContainEqual({ code: "free" });
  });

  it("marks a place beyond the maximum distance too far and leaves out places far beyond it", async () => {
    const m = await matches(await courseFor({ interests: ["walks", "bridge"] }));
    const walk = m.suggestions.find((s) => s.activity.title === "Gåtur ved fjorden")!;
    expect(walk.tier).toBeGreaterThan(0);
    expect(walk.misfits.map((x) => x.code)).toContain("too_far");
    expect(titles(m)).not.toContain("Bridge i Skagen");
  });

  it("says distance unknown when the citizen's home has no coordinates, and still suggests", async () => {
    const m = await matches(await courseFor({ interests: ["knitting_needlework"] }, null));
    expect(m.profile.homeKnown).toBe(false);
    expect(m.suggestions.length).toBeGreaterThan(0);
    expect(m.suggestions.every((s) => s.distanceKm === null)).toBe(true);
    expect(m.suggestions.find((s) => s.activity.place.kind === "venue")!.misfits).toContainEqual({
      code: "distance_unknown",
    });
  });

  it("never suggests another municipality's activities or inactive ones", async () => {
    const m = await matches(
      await courseFor({ interests: ["knitting_needlework", "card_games"] }),
      "?includeExcluded=true&limit=100",
    );
    expect(titles(m)).not.toContain("Nabokommunens strik");
    expect(titles(m)).not.toContain("Nedlagt kortklub");
  });

  it("returns at most `limit` suggestions, with the activity summary the list shows", async () => {
    const m = await matches(await courseFor({ interests: ["knitting_needlework"] }), "?limit=2");
    expect(m.suggestions).toHaveLength(2);
    expect(m.suggestions[0]!.activity).toMatchObject({
      organisation: { name: "Fjordby Frivillige" },
      place: {
        kind: "venue",
        name: "Kulturhuset",
        address: { line: "Havnegade 1", postalCode: "9901", city: "Fjordby" },
      },
      schedule: { kind: "weekly", weekdays: [2], startTime: "10:00", endTime: "12:00" },
      cost: { kind: "free" },
    });
  });

  it("uses defaults before a conversation is held: some network, any time, 10 km", async () => {
    const m = await matches(await courseFor());
    expect(m.profile).toMatchObject({
      stored: false,
      isolation: "some_network",
      preferredTimes: [],
      effectiveMaxDistanceKm: 10,
      interests: [],
      conversationHeldAt: null,
    });
  });

  it("writes an audit row for the citizen each time it ranks", async () => {
    const courseId = await courseFor({ interests: ["walks"] });
    await matches(courseId);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "matches"), eq(auditEvents.entityId, courseId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.citizenId).not.toBeNull();
  });

  it("lets only coordinators rank: a home-care worker and the volunteer centre get 403", async () => {
    const courseId = await courseFor();
    for (const who of ["home_care_worker", "volunteer_centre_staff"] as const) {
      expect((await (await t.as(who)).get(`/api/courses/${courseId}/matches`)).statusCode).toBe(403);
    }
  });
});

describe("a catalog edit shows in matching at once (issue 19, point 3)", () => {
  it("shows an edited title, leaves out a deactivated or deleted activity, and takes a new one", async () => {
    const courseId = await courseFor({ interests: ["bridge"] });
    const m = t.tenant.municipality.id;
    const org = await insertCatalogOrganisation(t.db, m, "Bridgeklubben");
    const id = await insertActivity(t.db, m, org, {
      title: "Bridge i Fjordby",
      km: 2,
      interests: ["bridge"],
    });
    // The first request loads the cache; every later one must see the edits made meanwhile.
    expect(titles(await matches(courseId))).toContain("Bridge i Fjordby");

    const read = async () =>
      (await coordinator.get(`/api/catalog/activities/${id}`)).json() as { version: number };
    const patch = async (body: Record<string, unknown>) => {
      const res = await coordinator.patch(`/api/catalog/activities/${id}`, {
        version: (await read()).version,
        ...body,
      });
      expect(res.statusCode).toBe(200);
    };
    await patch({ title: "Bridge i Medborgerhuset" });
    expect(titles(await matches(courseId))).toContain("Bridge i Medborgerhuset");
    expect(titles(await matches(courseId))).not.toContain("Bridge i Fjordby");

    const deactivated = await coordinator.post(`/api/catalog/activities/${id}/deactivate`, {
      version: (await read()).version,
    });
    expect(deactivated.statusCode).toBe(200);
    expect(titles(await matches(courseId, "?includeExcluded=true&limit=100"))).not.toContain(
      "Bridge i Medborgerhuset",
    );

    await patch({ active: true });
    expect(titles(await matches(courseId))).toContain("Bridge i Medborgerhuset");

    // Broen never deletes an activity, but whoever does (by hand, in the database) is seen too.
    const other = await insertActivity(t.db, m, org, {
      title: "Bridge for begyndere",
      km: 3,
      interests: ["bridge"],
    });
    expect(titles(await matches(courseId))).toContain("Bridge for begyndere");
    await t.db.delete(catalogActivities).where(eq(catalogActivities.id, other));
    expect(titles(await matches(courseId))).not.toContain("Bridge for begyndere");
    expect(titles(await matches(courseId))).toContain("Bridge i Medborgerhuset");
  });
});

describe("the matching profile", () => {
  it("stores isolation, times, group size and distance, and ranking uses them", async () => {
    const courseId = await courseFor({ interests: ["community_singing"] });
    const put = await coordinator.put(`/api/courses/${courseId}/matching-profile`, {
      isolation: "most_isolated",
      preferredTimes: ["afternoon", "morning"],
      preferredGroupSize: "small",
      maxDistanceKm: 5,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      stored: true,
      isolation: "most_isolated",
      preferredTimes: ["morning", "afternoon"],
      preferredGroupSize: "small",
      maxDistanceKm: 5,
    });
    expect((await coordinator.get(`/api/courses/${courseId}/matching-profile`)).json()).toMatchObject({
      stored: true,
      isolation: "most_isolated",
    } satisfies Partial<MatchingProfile>);
    const m = await matches(courseId);
    expect(m.profile.effectiveMaxDistanceKm).toBe(5);
    // Guidepost 4: a large group is a misfit for the most isolated.
    expect(m.suggestions.find((s) => s.activity.title === "Aftensang")!.misfits).toContainEqual({
      code: "large_group_for_isolated",
    });
  });

  it("refuses a distance that is not a positive number of kilometres, naming the field", async () => {
    const res = await coordinator.put(`/api/courses/${await courseFor()}/matching-profile`, {
      isolation: "some_network",
      preferredTimes: [],
      maxDistanceKm: -3,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.map((f) => f.field)).toEqual(["maxDistanceKm"]);
  });

  it("refuses a home-care worker setting the profile", async () => {
    const worker = await t.as("home_care_worker");
    expect(
      (
        await worker.put(`/api/courses/${await courseFor()}/matching-profile`, {
          isolation: "some_network",
          preferredTimes: [],
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe("the citizen's profile accumulates over conversations (issue 11 point 8)", () => {
  it("keeps the rollator user's step-free filter when a later conversation gathers nothing new", async () => {
    const courseId = await courseFor({ interests: ["knitting_needlework"], barriers: ["mobility_aid"] });
    // A follow-up conversation that records only goals: the profile carries over.
    const later = await coordinator.post(`/api/courses/${courseId}/conversations`, {
      kind: "guidance",
      goals: [{ goal: "Komme ud en gang om ugen", agreements: [] }],
    });
    expect(later.statusCode).toBe(201);
    expect(later.json()).toMatchObject({ interests: ["knitting_needlework"], barriers: ["mobility_aid"] });
    const m = await matches(courseId);
    expect(titles(m)).not.toContain("Strikkeklub på 1. sal");
    expect(m.suggestions[0]!.activity.title).toBe("Strikkecafé i Kulturhuset");
  });

  it("starts the next conversation from the current profile, lets it edit it, and keeps the history", async () => {
    const courseId = await courseFor({ interests: ["knitting_needlework"], barriers: ["mobility_aid"] });
    const edited = await coordinator.post(`/api/courses/${courseId}/conversations`, {
      kind: "guidance",
      interests: ["knitting_needlework", "community_singing"],
      barriers: [],
      wishes: "Vil gerne synge",
    });
    expect(edited.statusCode).toBe(201);
    const detail = (await coordinator.get(`/api/courses/${courseId}`)).json() as {
      profile: { conversationId: string; interests: string[]; barriers: string[]; wishes: string | null };
      conversations: { id: string; interests: string[]; barriers: string[] }[];
    };
    expect(detail.profile).toMatchObject({
      conversationId: edited.json().id,
      interests: ["knitting_needlework", "community_singing"],
      barriers: [],
      wishes: "Vil gerne synge",
    });
    // The earlier conversation still says what was known then.
    expect(detail.conversations.map((c) => c.barriers)).toContainEqual(["mobility_aid"]);
    // An emptied barrier list is the coordinator's edit, not a wipe: the stairs are fine now.
    expect(titles(await matches(courseId))).toContain("Strikkeklub på 1. sal");
  });

  it("carries the profile into the citizen's next course", async () => {
    const c = await insertCitizen(t.db, t.tenant);
    await setHome(t.db, c.id, FJORDBY);
    const first = (
      await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Matching" })
    ).json() as { id: string; version: number };
    await coordinator.post(`/api/courses/${first.id}/conversations`, {
      kind: "clarification",
      interests: ["community_singing"],
      barriers: ["mobility_aid"],
    });
    const closed = await coordinator.post(`/api/courses/${first.id}/close`, {
      reason: "goal_reached",
      citizenAccount: "Godt",
      summary: "Slut",
      version: (await coordinator.get(`/api/courses/${first.id}`)).json().version,
    });
    expect(closed.statusCode).toBe(200);
    const second = (await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Igen" })).json() as {
      id: string;
      profile: { interests: string[] } | null;
    };
    expect(second.profile).toMatchObject({ interests: ["community_singing"], barriers: ["mobility_aid"] });
    expect(titles(await matches(second.id))).toContain("Aftensang");
  });
});
