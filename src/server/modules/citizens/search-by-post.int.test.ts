/**
 * Issue 18.8: the register is searched with POST /citizens/search, so a name or CPR never sits in a
 * URL (browser history, proxies, server logs). GET /citizens lists by filters only and refuses a term.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertCitizen, nextCpr } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import type { CitizenPage } from "../../../shared/api/citizens.js";
import { auditEvents, idempotencyKeys } from "../../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("POST /api/citizens/search", () => {
  it("finds by CPR, last four and name, with GET's filters, paging and scope", async () => {
    const cpr = nextCpr();
    const c = await insertCitizen(t.db, t.tenant, {
      cpr,
      firstName: "Posta",
      lastName: "Søgstrup",
      districtId: t.tenant.districts.north.id,
    });
    const planner = await t.as("planner");
    for (const q of [cpr, cpr.replace("-", ""), cpr.slice(-4), "søgstrup", "posta søgstrup"]) {
      const res = await planner.post("/api/citizens/search", { q, pageSize: 100 });
      expect(res.statusCode, q).toBe(200);
      expect(
        (res.json() as CitizenPage).items.map((i) => i.id),
        q,
      ).toContain(c.id);
    }
    const filtered = await planner.post("/api/citizens/search", {
      q: "søgstrup",
      districtId: t.tenant.districts.south.id,
    });
    expect((filtered.json() as CitizenPage).total).toBe(0);
    // A private provider's staff find only their own citizens, as with GET.
    const privateWorker = await t.as("private_worker");
    expect(((await privateWorker.post("/api/citizens/search", { q: cpr })).json() as CitizenPage).total).toBe(
      0,
    );
  });

  it("is a read: no Idempotency-Key needed, none stored, and every search runs (and is audited) again", async () => {
    const c = await insertCitizen(t.db, t.tenant, { firstName: "Gentaget", lastName: "Læsning" });
    const planner = await t.as("planner");
    const keysBefore = await countRows(t.db, idempotencyKeys);
    const headers = { "idempotency-key": "search-repeat-0001" };
    for (let i = 0; i < 2; i++)
      expect((await planner.post("/api/citizens/search", { q: "læsning" }, { headers })).statusCode).toBe(
        200,
      );
    expect(await countRows(t.db, idempotencyKeys)).toBe(keysBefore);
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.citizenId, c.id));
    expect(rows.map((r) => [r.action, r.criterion])).toEqual([
      ["search", { q: "læsning", page: 1 }],
      ["search", { q: "læsning", page: 1 }],
    ]);
  });

  it("audits a CPR search with the number masked", async () => {
    const cpr = nextCpr();
    const c = await insertCitizen(t.db, t.tenant, { cpr });
    await (await t.as("planner")).post("/api/citizens/search", { q: cpr });
    const rows = await t.db.select().from(auditEvents).where(eq(auditEvents.citizenId, c.id));
    expect(rows.map((r) => r.criterion)).toEqual([{ q: `${cpr.slice(0, 6)}-XXXX`, page: 1 }]);
  });

  it("refuses unknown fields and an over-long term, naming the field", async () => {
    const planner = await t.as("planner");
    expect(errorFields(await planner.post("/api/citizens/search", { q: "x".repeat(101) }))).toEqual(["q"]);
    expect(errorFields(await planner.post("/api/citizens/search", { name: "Hansen" }))).toEqual(["name"]);
  });

  it("is refused to those without the register, like GET", async () => {
    for (const role of ["volunteer_centre_staff", "evaluator"] as const) {
      expect((await (await t.as(role)).post("/api/citizens/search", { q: "a" })).statusCode).toBe(403);
    }
  });
});

describe("GET /api/citizens", () => {
  it("lists by filters, and refuses a search term in the URL with a pointer to POST …/search", async () => {
    const planner = await t.as("planner");
    expect((await planner.get(`/api/citizens?districtId=${t.tenant.districts.north.id}`)).statusCode).toBe(
      200,
    );
    for (const q of [t.tenant.citizens.bech.cpr, "Bech", ""]) {
      const res = await planner.get(`/api/citizens?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).code).toBe("search_in_url");
      expect(errorFields(res)).toEqual(["q"]);
    }
    // Nothing was searched, so nothing of Bech's was audited by these.
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.citizenId, t.tenant.citizens.bech.id));
    expect(rows).toEqual([]);
  });
});
