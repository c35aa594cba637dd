/**
 * What an administrator's acts on a user end: sessions and the calendar feed (a secret URL is a
 * credential too) on a password reset, a change of role and deactivation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A fresh worker with a session and a calendar feed; returns the feed's path. */
async function workerWithFeed() {
  const tenant = await createTenant(t.db);
  const worker = tenant.users.home_care_worker;
  const session = await t.login(worker.username);
  const created = await session.post("/api/me/calendar-feed");
  expect(created.statusCode).toBe(201);
  const path = new URL((created.json() as { url: string }).url).pathname;
  expect((await t.anonymous.get(path)).statusCode).toBe(200);
  return { tenant, worker, session, path, admin: await t.as("administrator", tenant) };
}

describe("an administrator's changes to a user end the calendar feed", () => {
  it("on a password reset", async () => {
    const { worker, path, admin } = await workerWithFeed();
    expect(
      (
        await admin.post(`/api/users/${worker.id}/reset-password`, {
          temporaryPassword: "temporary-pass-for-reset",
        })
      ).statusCode,
    ).toBe(200);
    expect((await t.anonymous.get(path)).statusCode).toBe(404);
  });

  it("on a change of role", async () => {
    const { worker, session, path, admin } = await workerWithFeed();
    expect((await admin.patch(`/api/users/${worker.id}`, { role: "planner" })).statusCode).toBe(200);
    expect((await t.anonymous.get(path)).statusCode).toBe(404);
    expect((await session.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("on deactivation, and reactivating does not bring the old address back", async () => {
    const { worker, path, admin } = await workerWithFeed();
    expect((await admin.patch(`/api/users/${worker.id}`, { active: false })).statusCode).toBe(200);
    expect((await t.anonymous.get(path)).statusCode).toBe(404);
    expect((await admin.patch(`/api/users/${worker.id}`, { active: true })).statusCode).toBe(200);
    expect((await t.anonymous.get(path)).statusCode).toBe(404);
  });

  it("but not on a change of display name", async () => {
    const { worker, path, admin } = await workerWithFeed();
    expect((await admin.patch(`/api/users/${worker.id}`, { displayName: "Nyt Navn" })).statusCode).toBe(200);
    expect((await t.anonymous.get(path)).statusCode).toBe(200);
  });
});
