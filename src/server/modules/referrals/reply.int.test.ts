/**
 * The referrer answers "bed om flere oplysninger" (issue 11 point 11): the answer is a referral
 * event, the referral goes back to the inbox as new (answered), and the coordinators see the
 * answer and how to reach the worker who sent it.
 */
import { type SQL, and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import { auditEvents, referralEvents, users } from "../../db/schema/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.db
    .update(users)
    .set({ phone: "21 43 65 87" })
    .where(eq(users.id, t.tenant.users.home_care_worker.id));
});
afterAll(() => t.close());

async function eventCount(where: SQL | undefined): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(referralEvents).where(where);
  return row?.n ?? 0;
}

interface Detail {
  id: string;
  status: string;
  answered: boolean;
  canReply: boolean;
  lastMessage: string | null;
  referringWorker: { id: string; name: string; organisation: string; phone: string | null } | null;
  events: {
    fromStatus: string | null;
    toStatus: string;
    action: string | null;
    message: string | null;
    actor: { name: string } | null;
  }[];
}

const QUESTION = "Hvornår på dagen er borgeren frisk?";
const ANSWER = "Bedst om formiddagen, før kl. 11.";

/** A worker's advis that the coordinator has asked more information about. */
async function askedReferral(
  citizenKey: "andersen" | "holm" = "andersen",
  sender: "home_care_worker" | "private_worker" = "home_care_worker",
) {
  const worker = await t.as(sender);
  const created = await worker.post(`/api/citizens/${t.tenant.citizens[citizenKey].id}/referrals`, {
    reason: "Virker ensom.",
  });
  expect(created.statusCode).toBe(201);
  const id = (created.json() as { id: string }).id;
  const coordinator = await t.as("community_coordinator");
  expect(
    (await coordinator.post(`/api/referrals/${id}/decision`, { action: "request_info", message: QUESTION }))
      .statusCode,
  ).toBe(200);
  return id;
}

describe("the referrer's reply to a request for more information", () => {
  it("shows the question on the sent list with a reply possible for the sender", async () => {
    const id = await askedReferral();
    const sent = (await (await t.as("home_care_worker")).get("/api/referrals/sent")).json() as Detail[];
    expect(sent.find((r) => r.id === id)).toMatchObject({
      status: "info_requested",
      lastMessage: QUESTION,
      canReply: true,
      answered: false,
    });
  });

  it("records the reply as an event and puts the referral back in the inbox as new and answered", async () => {
    const id = await askedReferral();
    const worker = await t.as("home_care_worker");
    const res = await worker.post(`/api/referrals/${id}/reply`, { message: ANSWER });
    expect(res.statusCode).toBe(200);
    const detail = res.json() as Detail;
    expect(detail).toMatchObject({ status: "new", answered: true, canReply: false, lastMessage: ANSWER });
    expect(detail.events.map((e) => [e.fromStatus, e.toStatus, e.action])).toEqual([
      [null, "new", null],
      ["new", "info_requested", "request_info"],
      ["info_requested", "new", "reply"],
    ]);
    expect(detail.events.at(-1)).toMatchObject({
      message: ANSWER,
      actor: { name: t.tenant.users.home_care_worker.displayName },
    });

    const coordinator = await t.as("community_coordinator");
    const inbox = (await coordinator.get("/api/referrals?status=new")).json() as Detail[];
    expect(inbox.find((r) => r.id === id)).toMatchObject({
      status: "new",
      answered: true,
      lastMessage: ANSWER,
      canReply: false,
    });
    const seen = (await coordinator.get(`/api/referrals/${id}`)).json() as Detail;
    expect(seen.events.at(-1)).toMatchObject({ action: "reply", message: ANSWER });
  });

  it("shows the coordinators how to reach the referring worker: name, unit and phone", async () => {
    const id = await askedReferral();
    const detail = (await (await t.as("community_coordinator")).get(`/api/referrals/${id}`)).json() as Detail;
    expect(detail.referringWorker).toEqual({
      id: t.tenant.users.home_care_worker.id,
      name: t.tenant.users.home_care_worker.displayName,
      organisation: t.tenant.orgs.publicProvider.name,
      phone: "21 43 65 87",
    });
  });

  it("names no referring worker on a referral a coordinator registered from a phone call", async () => {
    const coordinator = await t.as("community_coordinator");
    const res = await coordinator.post("/api/referrals", {
      source: "gp",
      channel: "phone",
      subjectName: "Ukendt Borger",
      reason: "Ensom",
    });
    expect((res.json() as Detail).referringWorker).toBeNull();
  });

  it("lets the sending organisation's team leader reply for the unit", async () => {
    const id = await askedReferral();
    const res = await (await t.as("team_leader")).post(`/api/referrals/${id}/reply`, { message: ANSWER });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Detail).events.at(-1)?.actor?.name).toBe(t.tenant.users.team_leader.displayName);
  });

  it("refuses a planner of the same unit, the coordinators and another provider's staff (403), another municipality (404)", async () => {
    const id = await askedReferral();
    for (const who of [
      "planner",
      "community_coordinator",
      "manager",
      "private_worker",
      "private_team_leader",
      "volunteer_centre_staff",
    ] as const) {
      expect(
        (await (await t.as(who)).post(`/api/referrals/${id}/reply`, { message: ANSWER })).statusCode,
        who,
      ).toBe(403);
    }
    expect(
      (
        await (
          await t.as("home_care_worker", t.other)
        ).post(`/api/referrals/${id}/reply`, { message: ANSWER })
      ).statusCode,
    ).toBe(404);
    const events = await t.db.select().from(referralEvents).where(eq(referralEvents.referralId, id));
    expect(events).toHaveLength(2);
  });

  it("lets a private provider's worker reply to their own referral", async () => {
    const id = await askedReferral("holm", "private_worker");
    expect(
      (await (await t.as("private_worker")).post(`/api/referrals/${id}/reply`, { message: ANSWER }))
        .statusCode,
    ).toBe(200);
  });

  it("answers 400 naming the field for a missing, blank or too long reply, and unknown fields", async () => {
    const id = await askedReferral();
    const worker = await t.as("home_care_worker");
    for (const body of [{}, { message: "   " }, { message: "x".repeat(20_000) }]) {
      const res = await worker.post(`/api/referrals/${id}/reply`, body);
      expect(res.statusCode).toBe(400);
      expect(errorFields(res)).toEqual(["message"]);
    }
    const extra = await worker.post(`/api/referrals/${id}/reply`, { message: ANSWER, status: "accepted" });
    expect(extra.statusCode).toBe(400);
    expect(errorFields(extra)).toContain("status");
  });

  it("refuses a reply when no information is asked for (409) and changes nothing", async () => {
    const worker = await t.as("home_care_worker");
    const created = await worker.post(`/api/citizens/${t.tenant.citizens.andersen.id}/referrals`, {
      reason: "Ensom.",
    });
    const id = (created.json() as { id: string }).id;
    const res = await worker.post(`/api/referrals/${id}/reply`, { message: ANSWER });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("referral_transition_not_allowed");
    expect(await eventCount(eq(referralEvents.referralId, id))).toBe(1);
  });

  it("stores one reply for a repeated Idempotency-Key", async () => {
    const id = await askedReferral();
    const worker = await t.as("home_care_worker");
    const headers = { "idempotency-key": `reply-once-${id}` };
    const first = await worker.post(`/api/referrals/${id}/reply`, { message: ANSWER }, { headers });
    const second = await worker.post(`/api/referrals/${id}/reply`, { message: ANSWER }, { headers });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(await eventCount(and(eq(referralEvents.referralId, id), eq(referralEvents.action, "reply")))).toBe(
      1,
    );
  });

  it("audits the reply as an update of the referral, without its text", async () => {
    const id = await askedReferral();
    await (await t.as("home_care_worker")).post(`/api/referrals/${id}/reply`, { message: ANSWER });
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "update")));
    const reply = rows.find((r) => (r.criterion as { action?: string } | null)?.action === "reply");
    expect(reply).toMatchObject({
      actorUserId: t.tenant.users.home_care_worker.id,
      citizenId: t.tenant.citizens.andersen.id,
    });
    expect(JSON.stringify(rows)).not.toContain(ANSWER);
  });
});
