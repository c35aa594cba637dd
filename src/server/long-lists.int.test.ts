/**
 * Long lists are navigable (issue 17.4): the sent referrals and a citizen's audit trail answer a
 * page with its total when asked for one, the due lists cut each list at a limit and give the
 * totals; without the new parameters each answers as before. Bad values are 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../test/support/factories.js";
import { type TestApp, buildTestApp, errorFields } from "../../test/support/test-app.js";
import type { AuditTrail } from "../shared/api/citizens.js";
import type { ReferralSummary } from "../shared/api/referrals.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

async function advis(n: number) {
  const worker = await t.as("home_care_worker");
  for (let i = 0; i < n; i++) {
    const res = await worker.post(`/api/citizens/${t.tenant.citizens.andersen.id}/referrals`, {
      reason: `Virker ensom (${i}).`,
    });
    expect(res.statusCode).toBe(201);
  }
}

describe("GET /api/referrals/sent", () => {
  it("answers the whole list as an array without page or pageSize, as before", async () => {
    await advis(3);
    const res = await (await t.as("home_care_worker")).get("/api/referrals/sent");
    expect(res.statusCode).toBe(200);
    expect(Array.isArray(res.json())).toBe(true);
    expect((res.json() as ReferralSummary[]).length).toBeGreaterThanOrEqual(3);
  });

  it("pages newest first with the total, and the pages do not overlap", async () => {
    const worker = await t.as("home_care_worker");
    const all = (await worker.get("/api/referrals/sent")).json() as ReferralSummary[];
    const first = (await worker.get("/api/referrals/sent?pageSize=2")).json() as Paged<ReferralSummary>;
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: all.length });
    expect(first.items.map((r) => r.id)).toEqual(all.slice(0, 2).map((r) => r.id));
    const second = (
      await worker.get("/api/referrals/sent?page=2&pageSize=2")
    ).json() as Paged<ReferralSummary>;
    expect(second.items.map((r) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));
    const times = first.items.concat(second.items).map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    // A page past the end is empty, with the total still told.
    const beyond = (await worker.get("/api/referrals/sent?page=1000&pageSize=2")).json() as Paged<unknown>;
    expect(beyond).toMatchObject({ items: [], total: all.length });
  });

  it("filters by status with the inbox's words", async () => {
    const worker = await t.as("home_care_worker");
    const coordinator = await t.as("community_coordinator");
    const all = (await worker.get("/api/referrals/sent")).json() as ReferralSummary[];
    const rejected = await coordinator.post(`/api/referrals/${all[0]!.id}/decision`, {
      action: "reject",
      message: "Borgeren har allerede et forløb.",
    });
    expect(rejected.statusCode).toBe(200);
    const open = (
      await worker.get("/api/referrals/sent?status=open&page=1")
    ).json() as Paged<ReferralSummary>;
    expect(open.items.every((r) => r.status === "new" || r.status === "info_requested")).toBe(true);
    expect(open.items.map((r) => r.id)).not.toContain(all[0]!.id);
    const done = (
      await worker.get("/api/referrals/sent?status=rejected&page=1")
    ).json() as Paged<ReferralSummary>;
    expect(done.items.map((r) => r.id)).toContain(all[0]!.id);
    expect(done.total).toBe(done.items.length);
    // The array form takes the filter too.
    const arr = (await worker.get("/api/referrals/sent?status=rejected")).json() as ReferralSummary[];
    expect(arr.map((r) => r.id)).toEqual(done.items.map((r) => r.id));
  });

  it.each([
    ["page=0", "page"],
    ["page=abc", "page"],
    ["pageSize=0", "pageSize"],
    ["pageSize=101", "pageSize"],
    ["status=closed", "status"],
    ["sort=name", "sort"],
  ])("refuses %s naming the field", async (qs, field) => {
    const res = await (await t.as("home_care_worker")).get(`/api/referrals/sent?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual([field]);
  });
});

describe("GET /api/citizens/:id/audit", () => {
  it("answers the whole trail oldest first without paging, a page newest first with it", async () => {
    const c = await insertCitizen(t.db, t.tenant, { firstName: "Side", lastName: "Skifte" });
    const worker = await t.as("home_care_worker");
    for (let i = 0; i < 4; i++) await worker.get(`/api/citizens/${c.id}`);
    const admin = await t.as("administrator");
    const whole = (await admin.get(`/api/citizens/${c.id}/audit`)).json() as AuditTrail;
    expect(whole.total).toBeUndefined();
    const ids = whole.events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // The look above is now in the trail too: 4 reads and 1 look.
    const page = (await admin.get(`/api/citizens/${c.id}/audit?pageSize=2`)).json() as AuditTrail;
    expect(page).toMatchObject({ total: whole.events.length + 1, page: 1, pageSize: 2 });
    expect(page.events[0]!.action).toBe("read");
    expect(page.events[0]!.entityType).toBe("audit_trail");
    expect(page.events[0]!.id).toBeGreaterThan(page.events[1]!.id);
    const last = (await admin.get(`/api/citizens/${c.id}/audit?page=3&pageSize=2`)).json() as AuditTrail;
    // 4 reads + 2 looks before this one = 6 rows: page 3 holds the two oldest.
    expect(last.events.map((e) => e.id)).toEqual(ids.slice(0, 2).reverse());
  });

  it("narrows to a period of Copenhagen days", async () => {
    const c = await insertCitizen(t.db, t.tenant, { firstName: "Periode", lastName: "Prøve" });
    await (await t.as("home_care_worker")).get(`/api/citizens/${c.id}`);
    const admin = await t.as("administrator");
    const future = (
      await admin.get(`/api/citizens/${c.id}/audit?from=2999-01-01&page=1`)
    ).json() as AuditTrail;
    expect(future).toMatchObject({ events: [], total: 0 });
    const past = (await admin.get(`/api/citizens/${c.id}/audit?to=2000-01-01`)).json() as AuditTrail;
    expect(past.events).toEqual([]);
    const since = (
      await admin.get(`/api/citizens/${c.id}/audit?from=2000-01-01&page=1`)
    ).json() as AuditTrail;
    expect(since.total).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["from=2026-13-01", "from"],
    ["to=yesterday", "to"],
    ["page=-1", "page"],
    ["pageSize=1000", "pageSize"],
  ])("refuses %s naming the field", async (qs, field) => {
    const admin = await t.as("administrator");
    const res = await admin.get(`/api/citizens/${t.tenant.citizens.andersen.id}/audit?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual([field]);
  });
});

describe("GET /api/detection/due", () => {
  interface Due {
    totals: { neverScreenedNew: number; rescreenDue: number; referralsWaiting: number };
    neverScreenedNew: { citizen: { id: string }; lastScreenedOn: string | null }[];
    rescreenDue: { citizen: { id: string }; lastScreenedOn: string | null }[];
    referralsWaiting: { id: string }[];
  }

  it("cuts each list at limit, most overdue first, and tells the totals", async () => {
    const leader = await t.as("team_leader");
    const waiting = await leader.get("/api/detection/due?referralWaitDays=0");
    const all = waiting.json() as Due;
    expect(all.totals).toEqual({
      neverScreenedNew: all.neverScreenedNew.length,
      rescreenDue: all.rescreenDue.length,
      referralsWaiting: all.referralsWaiting.length,
    });
    expect(all.rescreenDue.length + all.referralsWaiting.length).toBeGreaterThan(1);
    const cut = (await leader.get("/api/detection/due?referralWaitDays=0&limit=1")).json() as Due;
    expect(cut.totals).toEqual(all.totals);
    expect(cut.neverScreenedNew).toEqual(all.neverScreenedNew.slice(0, 1));
    expect(cut.rescreenDue).toEqual(all.rescreenDue.slice(0, 1));
    expect(cut.referralsWaiting.map((r) => r.id)).toEqual(all.referralsWaiting.slice(0, 1).map((r) => r.id));
    // Most overdue first: never screened before the oldest screening.
    const days = all.rescreenDue.map((d) => d.lastScreenedOn ?? "");
    expect([...days].sort()).toEqual(days);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=1001", "limit"],
    ["limit=ten", "limit"],
  ])("refuses %s naming the field", async (qs, field) => {
    const res = await (await t.as("team_leader")).get(`/api/detection/due?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual([field]);
  });
});
