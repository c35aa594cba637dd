import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import { auditEvents, referralEvents, referrals } from "../../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const publicBody = (code: string, extra: Record<string, unknown> = {}) => ({
  municipalityCode: code,
  referrerRole: "relative",
  referrerName: "Lone Testesen",
  referrerContact: "lone@example.invalid",
  subjectName: "Anna Testesen",
  subjectAddress: "Fjordvej 9, 9901 Fjordby",
  reason: "Min mor sidder meget alene efter far døde.",
  subjectAgrees: true,
  ...extra,
});

async function advis(
  citizenKey: "andersen" | "holm" = "andersen",
  actor: "home_care_worker" | "private_worker" = "home_care_worker",
) {
  const worker = await t.as(actor);
  const res = await worker.post(`/api/citizens/${t.tenant.citizens[citizenKey].id}/referrals`, {
    reason: "Virker ensom og trist.",
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; status: string; receiptNumber: string };
}

describe("referrals (advis) to the coordinators", () => {
  it("puts a worker's advis in the coordinators' inbox with source and reason", async () => {
    const created = await advis();
    const coordinator = await t.as("community_coordinator");
    const inbox = (await coordinator.get("/api/referrals")).json() as {
      id: string;
      source: string;
      reason: string;
      citizen: { cprMasked: string };
    }[];
    const found = inbox.find((r) => r.id === created.id)!;
    expect(found.source).toBe("home_care");
    expect(found.reason).toBe("Virker ensom og trist.");
    expect(found.citizen.cprMasked).toMatch(/^\d{6}-XXXX$/);
  });

  it("lists the inbox oldest first", async () => {
    await advis();
    await advis();
    const coordinator = await t.as("community_coordinator");
    const inbox = (await coordinator.get("/api/referrals")).json() as { createdAt: string }[];
    const times = inbox.map((r) => r.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it("records every state change with who and when, and keeps rejected referrals", async () => {
    const created = await advis();
    const coordinator = await t.as("community_coordinator");
    const asked = await coordinator.post(`/api/referrals/${created.id}/decision`, {
      action: "request_info",
      message: "Hvornår er borgeren hjemme?",
    });
    expect(asked.json().status).toBe("info_requested");
    expect(
      (await coordinator.post(`/api/referrals/${created.id}/decision`, { action: "info_received" })).json()
        .status,
    ).toBe("new");
    const rejected = await coordinator.post(`/api/referrals/${created.id}/decision`, {
      action: "reject",
      message: "Har allerede en besøgsven.",
    });
    const detail = rejected.json() as {
      status: string;
      events: { fromStatus: string | null; toStatus: string; actor: { name: string } | null; at: string }[];
    };
    expect(detail.status).toBe("rejected");
    expect(detail.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "new"],
      ["new", "info_requested"],
      ["info_requested", "new"],
      ["new", "rejected"],
    ]);
    expect(
      detail.events.slice(1).every((e) => e.actor?.name === t.tenant.users.community_coordinator.displayName),
    ).toBe(true);
    const all = (await coordinator.get("/api/referrals?status=all")).json() as { id: string }[];
    expect(all.some((r) => r.id === created.id)).toBe(true);
  });

  it("sends the rejection reason back to the referring organisation", async () => {
    const created = await advis();
    const coordinator = await t.as("community_coordinator");
    await coordinator.post(`/api/referrals/${created.id}/decision`, {
      action: "reject",
      message: "Borgeren er flyttet.",
    });
    const sent = (await (await t.as("home_care_worker")).get("/api/referrals/sent")).json() as {
      id: string;
      status: string;
      lastMessage: string;
    }[];
    expect(sent.find((r) => r.id === created.id)).toMatchObject({
      status: "rejected",
      lastMessage: "Borgeren er flyttet.",
    });
  });

  it("refuses a rejection without a reason and changes nothing", async () => {
    const created = await advis();
    const before = await countRows(t.db, referralEvents);
    const res = await (
      await t.as("community_coordinator")
    ).post(`/api/referrals/${created.id}/decision`, { action: "reject" });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["message"]);
    expect(await countRows(t.db, referralEvents)).toBe(before);
  });

  it("refuses to move an accepted referral again", async () => {
    const created = await advis();
    const coordinator = await t.as("community_coordinator");
    expect(
      (await coordinator.post(`/api/referrals/${created.id}/decision`, { action: "accept" })).statusCode,
    ).toBe(200);
    const again = await coordinator.post(`/api/referrals/${created.id}/decision`, {
      action: "reject",
      message: "Fortrudt",
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe("referral_transition_not_allowed");
  });

  it("stores a decision sent twice with the same Idempotency-Key once", async () => {
    const created = await advis();
    const coordinator = await t.as("community_coordinator");
    const headers = { "idempotency-key": `decide-${created.id}` };
    const [a, b] = await Promise.all([
      coordinator.post(`/api/referrals/${created.id}/decision`, { action: "accept" }, { headers }),
      coordinator.post(`/api/referrals/${created.id}/decision`, { action: "accept" }, { headers }),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    const events = await t.db.select().from(referralEvents).where(eq(referralEvents.referralId, created.id));
    expect(events.filter((e) => e.toStatus === "accepted")).toHaveLength(1);
  });

  it("lets only coordinators decide", async () => {
    const created = await advis();
    for (const actor of ["home_care_worker", "team_leader", "manager", "volunteer_centre_staff"] as const) {
      const res = await (
        await t.as(actor)
      ).post(`/api/referrals/${created.id}/decision`, { action: "accept" });
      expect(res.statusCode, actor).toBe(403);
    }
  });

  it("does not let a private provider's worker refer another provider's citizen", async () => {
    const res = await (
      await t.as("private_worker")
    ).post(`/api/citizens/${t.tenant.citizens.andersen.id}/referrals`, { reason: "x" });
    expect(res.statusCode).toBe(403);
  });

  it("keeps another municipality's referrals out of the inbox", async () => {
    const created = await advis();
    const foreign = await t.as("community_coordinator", t.other);
    expect(
      ((await foreign.get("/api/referrals?status=all")).json() as { id: string }[]).some(
        (r) => r.id === created.id,
      ),
    ).toBe(false);
    expect((await foreign.get(`/api/referrals/${created.id}`)).statusCode).toBe(404);
  });
});

describe("the public referral form", () => {
  it("gives a receipt and lands in the inbox without a login", async () => {
    const res = await t.anonymous.post("/api/public/referrals", publicBody(t.tenant.municipality.code));
    expect(res.statusCode).toBe(201);
    const { receiptNumber } = res.json() as { receiptNumber: string };
    expect(receiptNumber).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const inbox = (await (await t.as("community_coordinator")).get("/api/referrals")).json() as {
      receiptNumber: string;
      channel: string;
      source: string;
      citizen: unknown;
    }[];
    expect(inbox.find((r) => r.receiptNumber === receiptNumber)).toMatchObject({
      channel: "web_form",
      source: "relative",
      citizen: null,
    });
  });

  it("answers the same whether or not the CPR number belongs to a citizen", async () => {
    const known = await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { subjectCpr: t.tenant.citizens.bech.cpr }),
    );
    const unknown = await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { subjectCpr: "010130-0001" }),
    );
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(Object.keys(known.json())).toEqual(Object.keys(unknown.json()));
    expect(known.headers["content-length"]).toBe(unknown.headers["content-length"]);
  });

  it("links a known CPR number to the citizen for the coordinators only", async () => {
    const res = await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { subjectCpr: t.tenant.citizens.zacho.cpr }),
    );
    const { receiptNumber } = res.json() as { receiptNumber: string };
    const [row] = await t.db.select().from(referrals).where(eq(referrals.receiptNumber, receiptNumber));
    expect(row!.citizenId).toBe(t.tenant.citizens.zacho.id);
  });

  it("rejects malformed, oversized or incomplete input, naming the fields, and writes nothing", async () => {
    const before = await countRows(t.db, referrals);
    const missing = await t.anonymous.post("/api/public/referrals", {
      municipalityCode: t.tenant.municipality.code,
      subjectAgrees: true,
    });
    expect(missing.statusCode).toBe(400);
    expect(errorFields(missing)).toEqual(expect.arrayContaining(["referrerName", "subjectName", "reason"]));
    const tooLong = await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { reason: "x".repeat(2001) }),
    );
    expect(errorFields(tooLong)).toEqual(["reason"]);
    const oversized = await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { reason: "x".repeat(20_000) }),
    );
    expect(oversized.statusCode).toBe(413);
    const noConsent = await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { subjectAgrees: false }),
    );
    expect(errorFields(noConsent)).toEqual(["subjectAgrees"]);
    const unknownField = await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { citizenId: t.tenant.citizens.bech.id }),
    );
    expect(errorFields(unknownField)).toEqual(["citizenId"]);
    const badJson = await t.anonymous.request("POST", "/api/public/referrals", { rawBody: "{nope" });
    expect(errorOf(badJson).code).toBe("invalid_json");
    expect(await countRows(t.db, referrals)).toBe(before);
  });

  it("is rate-limited per address", async () => {
    const limited = await buildTestApp({
      database: t.database,
      tenants: { tenant: t.tenant, other: t.other },
      app: { publicRateLimit: 2 },
    });
    try {
      // Counters are in the database, shared with this file's other app: an address of its own.
      const post = () =>
        limited.app.inject({
          method: "POST",
          url: "/api/public/referrals",
          remoteAddress: "198.51.100.41",
          headers: { "content-type": "application/json" },
          payload: JSON.stringify(publicBody(t.tenant.municipality.code)),
        });
      // Staff logging in from the same address (a town hall behind one NAT) spend nothing of the
      // form's allowance: every limited route counts on its own.
      for (let i = 0; i < 5; i++) {
        const login = await limited.app.inject({
          method: "POST",
          url: "/api/auth/login",
          remoteAddress: "198.51.100.41",
          headers: { "content-type": "application/json" },
          payload: JSON.stringify({ username: "ingen.bruger", password: "forkert-kodeord-123" }),
        });
        expect(login.statusCode).toBe(401);
      }
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await post()).statusCode);
      expect(codes).toEqual([201, 201, 429]);
    } finally {
      await limited.app.close();
    }
  });

  it("lists the municipalities the form can send to, without a login, and keeps answering after", async () => {
    const res = await t.anonymous.get("/api/public/municipalities");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.arrayContaining([{ code: t.tenant.municipality.code, name: t.tenant.municipality.name }]),
    );
    expect((await t.anonymous.get("/ready")).statusCode).toBe(200);
  });

  it("writes an anonymous audit row for a referral linked to a citizen", async () => {
    await t.anonymous.post(
      "/api/public/referrals",
      publicBody(t.tenant.municipality.code, { subjectCpr: t.tenant.citizens.aagaard.cpr }),
    );
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.citizenId, t.tenant.citizens.aagaard.id));
    expect(
      rows.some((r) => r.actorUserId === null && r.actorRole === "anonymous" && r.entityType === "referral"),
    ).toBe(true);
  });
});
