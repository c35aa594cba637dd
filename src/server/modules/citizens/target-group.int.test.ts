/**
 * Issue 11, point 3: every change of target-group membership writes exactly one history row,
 * whichever path makes it (registering, the citizen form's checkbox, taking a citizen back in,
 * home care starting or ending, an exclusion on a detection form) — and a step that leaves
 * membership as it was writes none.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextCpr } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { targetGroupChanges } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let planner: Client;
beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  planner = await t.as("planner");
});
afterAll(() => t.close());

const history = async (citizenId: string) =>
  (
    await t.db
      .select()
      .from(targetGroupChanges)
      .where(eq(targetGroupChanges.citizenId, citizenId))
      .orderBy(asc(targetGroupChanges.changedAt))
  ).map((r) => [r.inTargetGroup, r.reason]);

async function register(fields: Record<string, unknown>) {
  const res = await planner.post("/api/citizens", {
    cpr: nextCpr(),
    firstName: "Karen",
    lastName: "Møller",
    addressLine: "Fjordvej 3",
    postalCode: "9901",
    city: "Fjordby",
    ...fields,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
}

async function edit(citizen: { id: string; version: number }, fields: Record<string, unknown>) {
  const res = await planner.patch(`/api/citizens/${citizen.id}`, { version: citizen.version, ...fields });
  expect(res.statusCode).toBe(200);
  citizen.version = (res.json() as { version: number }).version;
}

describe("target-group history", () => {
  it("writes one row per change through the citizen form, and none for an edit that changes nothing", async () => {
    const c = await register({ homeCareSince: "2026-02-01" });
    expect(await history(c.id)).toEqual([[true, "home_care_started"]]);
    await edit(c, { inTargetGroup: false });
    await edit(c, { phone: "20304050" });
    await edit(c, { inTargetGroup: false });
    expect(await history(c.id)).toEqual([
      [true, "home_care_started"],
      [false, "other"],
    ]);
    await edit(c, { inTargetGroup: true });
    await edit(c, { homeCareSince: null });
    await edit(c, { homeCareSince: "2026-06-01" });
    expect(await history(c.id)).toEqual([
      [true, "home_care_started"],
      [false, "other"],
      [true, "included"],
      [false, "home_care_ended"],
      [true, "home_care_started"],
    ]);
  });

  it("writes nothing for a citizen registered outside the group, nor while they stay outside", async () => {
    const c = await register({});
    expect(await history(c.id)).toEqual([]);
    await edit(c, { inTargetGroup: false });
    expect(await history(c.id)).toEqual([]);
    // Home care starting for a citizen excluded earlier does not bring them in.
    await edit(c, { homeCareSince: "2026-03-01" });
    expect(await history(c.id)).toEqual([]);
    await edit(c, { inTargetGroup: true });
    expect(await history(c.id)).toEqual([[true, "included"]]);
  });

  it("writes one row for an exclusion on a detection form, none for a second, and one for taking the citizen back in", async () => {
    const c = await register({ homeCareSince: "2026-01-10" });
    const worker = await t.as("home_care_worker");
    const tils = ((await worker.get("/api/questionnaires")).json() as { id: string; key: string }[]).find(
      (q) => q.key === "t-ils",
    )!.id;
    for (const reason of ["dementia", "moved"]) {
      const res = await worker.post(`/api/citizens/${c.id}/screenings`, {
        questionnaireId: tils,
        consent: "not_asked",
        exclusion: { reason },
      });
      expect(res.statusCode).toBe(201);
    }
    c.version = ((await planner.get(`/api/citizens/${c.id}`)).json() as { version: number }).version;
    await edit(c, { inTargetGroup: true });
    expect(await history(c.id)).toEqual([
      [true, "home_care_started"],
      [false, "dementia"],
      [true, "included"],
    ]);
  });
});
