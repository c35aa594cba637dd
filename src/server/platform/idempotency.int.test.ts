/** Writes from phones carry an Idempotency-Key: a repeat returns the first result and writes nothing twice. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertCitizen, nextCpr } from "../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../test/support/test-app.js";
import type { CitizenDetail } from "../../shared/api/citizens.js";
import { auditEvents, citizens, idempotencyKeys } from "../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

let keySequence = 0;
const newKey = () => `test-key-${Date.now()}-${++keySequence}`;
const withKey = (key: string) => ({ headers: { "idempotency-key": key } });
const newCitizen = () => ({
  cpr: nextCpr(),
  firstName: "Karla",
  lastName: "Berg",
  addressLine: "Åvej 2",
  postalCode: "9905",
  city: "Fjordby",
});
const citizensWithCpr = async (cpr: string) =>
  (await t.db.select({ id: citizens.id }).from(citizens).where(eq(citizens.cpr, cpr))).length;

describe("a repeated POST with the same Idempotency-Key", () => {
  it("creates one citizen and answers the repeat with the first status and body", async () => {
    const planner = await t.as("planner");
    const body = newCitizen();
    const key = newKey();
    const first = await planner.post("/api/citizens", body, withKey(key));
    const audits = await countRows(t.db, auditEvents);
    const second = await planner.post("/api/citizens", body, withKey(key));
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await citizensWithCpr(body.cpr)).toBe(1);
    expect(await countRows(t.db, auditEvents)).toBe(audits);
  });

  it("creates one citizen when both arrive at the same time", async () => {
    const planner = await t.as("planner");
    const body = newCitizen();
    const key = newKey();
    const responses = await Promise.all(
      [1, 2, 3].map(() => planner.post("/api/citizens", body, withKey(key))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const ids = new Set(responses.map((r) => (r.json() as CitizenDetail).id));
    expect(ids.size).toBe(1);
    expect(await citizensWithCpr(body.cpr)).toBe(1);
  });

  it("is refused with 422 when the body differs, and writes nothing", async () => {
    const planner = await t.as("planner");
    const key = newKey();
    expect((await planner.post("/api/citizens", newCitizen(), withKey(key))).statusCode).toBe(201);
    const before = await countRows(t.db, citizens);
    const other = newCitizen();
    const res = await planner.post("/api/citizens", other, withKey(key));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe("idempotency_key_reused");
    expect(await countRows(t.db, citizens)).toBe(before);
  });

  it("applies a PATCH once", async () => {
    const c = await insertCitizen(t.db, t.tenant);
    const planner = await t.as("planner");
    const key = newKey();
    const first = await planner.patch(`/api/citizens/${c.id}`, { version: 1, city: "Nørreby" }, withKey(key));
    const again = await planner.patch(`/api/citizens/${c.id}`, { version: 1, city: "Nørreby" }, withKey(key));
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json()).toEqual(first.json());
    const [row] = await t.db
      .select({ version: citizens.version })
      .from(citizens)
      .where(eq(citizens.id, c.id));
    expect(row?.version).toBe(2);
  });
});

describe("keys", () => {
  it.each([
    ["too short", "abc"],
    ["with spaces", "has spaces in it"],
    ["too long", "k".repeat(201)],
  ])("refuses a key that is %s with 400 naming Idempotency-Key, and writes nothing", async (_label, key) => {
    const planner = await t.as("planner");
    const before = [await countRows(t.db, citizens), await countRows(t.db, idempotencyKeys)];
    const res = await planner.post("/api/citizens", newCitizen(), withKey(key));
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["Idempotency-Key"]);
    expect([await countRows(t.db, citizens), await countRows(t.db, idempotencyKeys)]).toEqual(before);
  });

  it("belong to one user: another user's same key is a request of its own", async () => {
    const key = newKey();
    const a = await (await t.as("planner")).post("/api/citizens", newCitizen(), withKey(key));
    const b = await (await t.as("team_leader")).post("/api/citizens", newCitizen(), withKey(key));
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect((a.json() as CitizenDetail).id).not.toBe((b.json() as CitizenDetail).id);
  });

  it("are not kept by a failed attempt, so a corrected retry goes through", async () => {
    const planner = await t.as("planner");
    const key = newKey();
    const failed = await planner.post(
      "/api/citizens",
      { ...newCitizen(), providerId: t.other.orgs.publicProvider.id },
      withKey(key),
    );
    expect(failed.statusCode).toBe(400);
    const retry = await planner.post("/api/citizens", newCitizen(), withKey(key));
    expect(retry.statusCode).toBe(201);
  });
});
