/**
 * Issue 16 point 2: each user's own digest choices — GET/PUT /api/me/notifications: the role's
 * topics with their i18n keys, the address validated with the field named, topics the role cannot
 * get refused, optimistic concurrency.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import type { NotificationPreferences } from "../../../shared/api/messaging-digest.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const prefs = (c: Client) => c.get("/api/me/notifications");
const save = (c: Client, body: Record<string, unknown>) => c.put("/api/me/notifications", body);

describe("GET/PUT /api/me/notifications", () => {
  it("answers the role's topics, all on, without an address before the first save", async () => {
    const res = await prefs(await t.as("home_care_worker"));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      email: null,
      digestEnabled: true,
      lang: "da",
      topics: [
        { key: "day.detectionClips", labelKey: "messaging:digest.topics.day.detectionClips", muted: false },
        { key: "day.clips", labelKey: "messaging:digest.topics.day.clips", muted: false },
        { key: "day.screeningsDue", labelKey: "messaging:digest.topics.day.screeningsDue", muted: false },
        { key: "referrals.answered", labelKey: "messaging:digest.topics.referrals.answered", muted: false },
      ],
      digestHour: 7,
      version: 0,
    });
  });

  it("lists the volunteer centre's one topic and none for the administrator", async () => {
    const volunteer = (await prefs(await t.as("volunteer_centre_staff"))).json() as NotificationPreferences;
    expect(volunteer.topics.map((x) => x.key)).toEqual(["volunteerReferrals.new"]);
    const admin = (await prefs(await t.as("administrator"))).json() as NotificationPreferences;
    expect(admin.topics).toEqual([]);
  });

  it("refuses the evaluator (403)", async () => {
    expect((await prefs(await t.as("evaluator"))).statusCode).toBe(403);
  });

  it("saves the address, the switch and the muted topics, and counts the version", async () => {
    const worker = await t.as("private_worker");
    const res = await save(worker, {
      email: "  yasmin@privat.example  ",
      digestEnabled: true,
      mutedTopics: ["day.screeningsDue"],
      version: 0,
    });
    expect(res.statusCode).toBe(200);
    const saved = res.json() as NotificationPreferences;
    expect(saved).toMatchObject({ email: "yasmin@privat.example", digestEnabled: true, version: 1 });
    expect(saved.topics.filter((x) => x.muted).map((x) => x.key)).toEqual(["day.screeningsDue"]);
    expect((await prefs(worker)).json()).toEqual(saved);
  });

  it("refuses an invalid e-mail address naming the field", async () => {
    const res = await save(await t.as("team_leader"), {
      email: "ikke en adresse",
      digestEnabled: true,
      mutedTopics: [],
      version: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["email"]);
  });

  it("refuses a topic the role cannot receive, and an unknown one, naming the field", async () => {
    const worker = await t.as("team_leader");
    const foreign = await save(worker, {
      email: null,
      digestEnabled: true,
      mutedTopics: ["day.clips", "referrals.new"],
      version: 0,
    });
    expect(foreign.statusCode).toBe(400);
    expect(errorFields(foreign)).toEqual(["mutedTopics.1"]);
    const unknown = await save(worker, {
      email: null,
      digestEnabled: true,
      mutedTopics: ["x.y"],
      version: 0,
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorFields(unknown)[0]).toMatch(/^mutedTopics/);
  });

  it("refuses a stale version (409) and keeps the first save", async () => {
    const planner = await t.as("planner");
    const body = { email: "lars@hjemmeplejen.example", digestEnabled: true, mutedTopics: [], version: 0 };
    expect((await save(planner, body)).statusCode).toBe(200);
    const stale = await save(planner, { ...body, email: "andet@hjemmeplejen.example" });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("version_conflict");
    expect(((await prefs(planner)).json() as NotificationPreferences).email).toBe(
      "lars@hjemmeplejen.example",
    );
  });

  it("saves English as the digest's language, and keeps it when a save leaves the language out", async () => {
    const worker = await t.as("home_care_worker");
    const body = { email: "eva@hjemmeplejen.example", digestEnabled: true, mutedTopics: [] };
    const first = await save(worker, { ...body, lang: "en", version: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ lang: "en", version: 1 });
    // An older client that knows no language field does not turn the choice back to Danish.
    const second = await save(worker, { ...body, digestEnabled: false, version: 1 });
    expect(second.json()).toMatchObject({ lang: "en", digestEnabled: false, version: 2 });
    const third = await save(worker, { ...body, lang: "da", version: 2 });
    expect(third.json()).toMatchObject({ lang: "da", version: 3 });
    expect(((await prefs(worker)).json() as NotificationPreferences).lang).toBe("da");
  });

  it("refuses a language Broen does not write, naming the field", async () => {
    const res = await save(await t.as("community_coordinator"), {
      email: null,
      digestEnabled: true,
      mutedTopics: [],
      lang: "de",
      version: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["lang"]);
  });

  it("removes the address with null", async () => {
    const manager = await t.as("manager");
    await save(manager, { email: "hanne@kommune.example", digestEnabled: true, mutedTopics: [], version: 0 });
    const res = await save(manager, { email: null, digestEnabled: false, mutedTopics: [], version: 1 });
    expect(res.json()).toMatchObject({ email: null, digestEnabled: false, version: 2 });
  });
});
