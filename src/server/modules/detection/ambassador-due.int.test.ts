/**
 * Loneliness ambassadors (issue 11 point 14): an administrator marks a home-care worker as
 * ambassador for a district; the ambassador reads that district's due lists — no other district's,
 * and a private provider's ambassador only the provider's own citizens there.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import { auditEvents, citizens, users } from "../../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  // Every citizen of the tenant is new in home care and never screened: all are due.
  await t.db
    .update(citizens)
    .set({ homeCareSince: sql`(now() - interval '5 days')::date` })
    .where(eq(citizens.municipalityId, t.tenant.municipality.id));
});
afterAll(() => t.close());

interface Due {
  neverScreenedNew: {
    citizen: { id: string; district: { id: string } | null; provider: { id: string } | null };
  }[];
}
const dueIds = (d: Due) => d.neverScreenedNew.map((x) => x.citizen.id).sort();

async function mark(userId: string, ambassadorDistrictId: string | null) {
  const res = await (await t.as("administrator")).patch(`/api/users/${userId}`, { ambassadorDistrictId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { ambassadorDistrict: { id: string; name: string } | null; phone: string | null };
}

describe("marking an ambassador (administrators)", () => {
  it("marks and unmarks a home-care worker, shown on the user list", async () => {
    const south = t.tenant.districts.south;
    expect((await mark(t.tenant.users.home_care_worker.id, south.id)).ambassadorDistrict).toEqual({
      id: south.id,
      name: south.name,
    });
    const list = (await (await t.as("administrator")).get("/api/users")).json() as {
      id: string;
      ambassadorDistrict: { id: string } | null;
    }[];
    expect(list.find((u) => u.id === t.tenant.users.home_care_worker.id)?.ambassadorDistrict?.id).toBe(
      south.id,
    );
    expect((await mark(t.tenant.users.home_care_worker.id, null)).ambassadorDistrict).toBeNull();
  });

  it("refuses an ambassador of another role, naming the field", async () => {
    const res = await (
      await t.as("administrator")
    ).patch(`/api/users/${t.tenant.users.planner.id}`, { ambassadorDistrictId: t.tenant.districts.north.id });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields).toMatchObject([
      { field: "ambassadorDistrictId", reason: "ambassador_home_care_only" },
    ]);
  });

  it("refuses a district of another municipality or none at all, naming the field", async () => {
    const admin = await t.as("administrator");
    for (const id of [t.other.districts.north.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const res = await admin.patch(`/api/users/${t.tenant.users.home_care_worker.id}`, {
        ambassadorDistrictId: id,
      });
      expect(res.statusCode).toBe(400);
      expect(errorFields(res)).toEqual(["ambassadorDistrictId"]);
    }
  });

  it("creates a user as ambassador, and ends the ambassadorship when the role changes", async () => {
    const admin = await t.as("administrator");
    const created = await admin.post("/api/users", {
      username: "amb.created",
      displayName: "Nadia Friis",
      role: "home_care_worker",
      organisationId: t.tenant.orgs.publicProvider.id,
      ambassadorDistrictId: t.tenant.districts.north.id,
      phone: "41 52 63 74",
      password: "first-password-1x",
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json() as { id: string; ambassadorDistrict: { id: string } | null; phone: string };
    expect(user).toMatchObject({
      ambassadorDistrict: { id: t.tenant.districts.north.id },
      phone: "41 52 63 74",
    });
    const moved = (await admin.patch(`/api/users/${user.id}`, { role: "planner" })).json() as {
      ambassadorDistrict: unknown;
    };
    expect(moved.ambassadorDistrict).toBeNull();
  });

  it("keeps a user's work phone, and refuses one that is no phone number", async () => {
    const admin = await t.as("administrator");
    const ok = await admin.patch(`/api/users/${t.tenant.users.team_leader.id}`, { phone: "+45 21 43 65 87" });
    expect((ok.json() as { phone: string }).phone).toBe("+45 21 43 65 87");
    const bad = await admin.patch(`/api/users/${t.tenant.users.team_leader.id}`, { phone: "ring mig" });
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad)).toEqual(["phone"]);
  });

  it("is for administrators only", async () => {
    const res = await (
      await t.as("team_leader")
    ).patch(`/api/users/${t.tenant.users.home_care_worker.id}`, {
      ambassadorDistrictId: t.tenant.districts.north.id,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("an ambassador's due lists", () => {
  it("are refused to a home-care worker who is no ambassador", async () => {
    await t.db
      .update(users)
      .set({ ambassadorDistrictId: null })
      .where(eq(users.id, t.tenant.users.home_care_worker.id));
    expect((await (await t.as("home_care_worker")).get("/api/detection/due")).statusCode).toBe(403);
  });

  it("list the ambassador's district only — the worker's own district is not the point — and take effect in the running session", async () => {
    const worker = await t.as("home_care_worker");
    await mark(t.tenant.users.home_care_worker.id, t.tenant.districts.south.id);
    const me = (await worker.get("/api/auth/me")).json() as { ambassadorDistrict: { id: string } | null };
    expect(me.ambassadorDistrict?.id).toBe(t.tenant.districts.south.id);
    const res = await worker.get("/api/detection/due");
    expect(res.statusCode).toBe(200);
    const { bech, aerboel, aagaard, moeller } = t.tenant.citizens;
    expect(dueIds(res.json() as Due)).toEqual([bech.id, aerboel.id, aagaard.id, moeller.id].sort());
    expect(
      (await worker.get(`/api/detection/due?districtId=${t.tenant.districts.south.id}`)).statusCode,
    ).toBe(200);
    expect((await worker.get("/api/detection/settings")).statusCode).toBe(200);
  });

  it("refuse another district (403) and the triage meeting", async () => {
    const worker = await t.as("home_care_worker");
    expect(
      (await worker.get(`/api/detection/due?districtId=${t.tenant.districts.north.id}`)).statusCode,
    ).toBe(403);
    expect((await worker.get("/api/triage")).statusCode).toBe(403);
  });

  it("end when the administrator unmarks the ambassador", async () => {
    await mark(t.tenant.users.home_care_worker.id, null);
    expect((await (await t.as("home_care_worker")).get("/api/detection/due")).statusCode).toBe(403);
  });

  it("give a private provider's ambassador only the provider's own citizens of the district", async () => {
    await mark(t.tenant.users.private_worker.id, t.tenant.districts.north.id);
    const due = (await (await t.as("private_worker")).get("/api/detection/due")).json() as Due;
    // North holds andersen, zacho, oestergaard (public), holm (private A) and kaer (private B).
    expect(dueIds(due)).toEqual([t.tenant.citizens.holm.id]);
  });

  it("are audited as a search of each citizen shown, by the ambassador", async () => {
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.actorUserId, [t.tenant.users.private_worker.id]));
    expect(rows.some((r) => r.entityType === "due_list" && r.citizenId === t.tenant.citizens.holm.id)).toBe(
      true,
    );
  });
});
