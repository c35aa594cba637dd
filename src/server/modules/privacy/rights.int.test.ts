/**
 * Rectification keeps history (GDPR art. 16) and restriction of processing (art. 18), through the
 * API (issue 13 point 2).
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { CitizenDetail, CitizenPage } from "../../../shared/api/citizens.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type { z } from "zod";
import type { DueLists, MyDay } from "../../../shared/api/detection.js";
import type {
  RestrictedCitizens,
  RestrictionState,
  RevisionHistory,
} from "../../../shared/api/privacy-rights.js";
import { maskCpr } from "../../../domain/cpr.js";
import {
  auditEvents,
  citizenContacts,
  citizenRestrictions,
  citizenRevisions,
  citizens,
} from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let admin: Client;
let planner: Client;
let worker: Client;
let leader: Client;
let coordinator: Client;
let staff: Client;
let tils: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  planner = await t.as("planner");
  worker = await t.as("home_care_worker");
  leader = await t.as("team_leader");
  coordinator = await t.as("community_coordinator");
  staff = await t.as("volunteer_centre_staff");
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  tils = ((await worker.get("/api/questionnaires")).json() as { id: string; key: string }[]).find(
    (q) => q.key === "t-ils",
  )!.id;
});
afterAll(() => t.close());

const northCitizen = (lastName: string) =>
  insertCitizen(t.db, t.tenant, {
    firstName: "Inger",
    lastName,
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });

const auditRows = (citizenId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.citizenId, citizenId), eq(auditEvents.action, action)));

async function current(id: string, as: Client = planner): Promise<CitizenDetail> {
  const res = await as.get(`/api/citizens/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as CitizenDetail;
}

describe("rectification keeps history (art. 16)", () => {
  it("writes the previous values of the changed fields, who and why, and shows old → new", async () => {
    const c = await northCitizen("Rettesen");
    const v1 = await current(c.id);
    const first = await planner.patch(`/api/citizens/${c.id}`, {
      version: v1.version,
      lastName: "Rettesen-Holm",
      addressLine: "Ny Vej 9",
      city: v1.city, // unchanged: no history for it
      districtId: t.tenant.districts.south.id,
      reason: "Borgeren har meldt flytning",
    });
    expect(first.statusCode).toBe(200);
    const newCpr = `${c.cpr.slice(0, 7)}${String((Number(c.cpr.slice(7)) + 2) % 10000).padStart(4, "0")}`;
    const second = await planner.patch(`/api/citizens/${c.id}`, { version: v1.version + 1, cpr: newCpr });
    expect(second.statusCode).toBe(200);

    const rows = await t.db
      .select()
      .from(citizenRevisions)
      .where(eq(citizenRevisions.citizenId, c.id))
      .orderBy(citizenRevisions.id);
    expect(rows.map((r) => ({ version: r.version, previous: r.previous, reason: r.reason }))).toEqual([
      {
        version: 1,
        previous: { lastName: "Rettesen", addressLine: "Testvej 1", districtId: t.tenant.districts.north.id },
        reason: "Borgeren har meldt flytning",
      },
      { version: 2, previous: { cpr: c.cpr }, reason: null },
    ]);
    expect(rows.every((r) => r.changedBy === t.tenant.users.planner.id)).toBe(true);

    const res = await admin.get(`/api/citizens/${c.id}/revisions`);
    expect(res.statusCode).toBe(200);
    // The full CPR numbers are in no answer without a logged reveal.
    expect(res.body).not.toContain(c.cpr);
    expect(res.body).not.toContain(newCpr);
    const history = res.json() as RevisionHistory;
    expect(history.revisions.map((r) => r.version)).toEqual([2, 1]);
    expect(history.revisions[0]).toMatchObject({
      changedBy: { id: t.tenant.users.planner.id, name: t.tenant.users.planner.displayName },
      reason: null,
      changes: [{ field: "cpr", from: maskCpr(c.cpr), to: maskCpr(newCpr) }],
    });
    expect(history.revisions[1]!.changes).toEqual([
      { field: "lastName", from: "Rettesen", to: "Rettesen-Holm" },
      { field: "addressLine", from: "Testvej 1", to: "Ny Vej 9" },
      { field: "districtId", from: t.tenant.districts.north.name, to: t.tenant.districts.south.name },
    ]);
    expect(await auditRows(c.id, "read")).toContainEqual(
      expect.objectContaining({
        entityType: "citizen_revisions",
        actorUserId: t.tenant.users.administrator.id,
      }),
    );

    // The full numbers of one correction: a logged reveal, like the citizen page's.
    const revealed = await admin.post(`/api/citizens/${c.id}/revisions/${rows[1]!.id}/cpr/reveal`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ from: c.cpr, to: newCpr });
    expect(await auditRows(c.id, "reveal_cpr")).toEqual([
      expect.objectContaining({ entityType: "citizen", criterion: { version: 2 } }),
    ]);
    // A correction without a CPR change has nothing to reveal.
    expect((await admin.post(`/api/citizens/${c.id}/revisions/${rows[0]!.id}/cpr/reveal`)).statusCode).toBe(
      404,
    );
  });

  it("writes no revision when nothing really changes", async () => {
    const c = await northCitizen("Uændret");
    const v = await current(c.id);
    const res = await planner.patch(`/api/citizens/${c.id}`, {
      version: v.version,
      firstName: v.firstName,
      lastName: v.lastName,
      phone: v.phone,
    });
    expect(res.statusCode).toBe(200);
    expect(await t.db.select().from(citizenRevisions).where(eq(citizenRevisions.citizenId, c.id))).toEqual(
      [],
    );
  });

  it("shows the history only to those who may read the trail: 403 for the register's editors", async () => {
    const c = await northCitizen("Historik");
    for (const who of [planner, coordinator, worker, staff]) {
      expect((await who.get(`/api/citizens/${c.id}/revisions`)).statusCode).toBe(403);
      expect((await who.post(`/api/citizens/${c.id}/revisions/1/cpr/reveal`)).statusCode).toBe(403);
    }
    // Another municipality's administrator does not find the citizen.
    const foreign = await t.as("administrator", t.other);
    expect((await foreign.get(`/api/citizens/${c.id}/revisions`)).statusCode).toBe(404);
  });
});

/** Every list that names the citizen, as the people who read it. */
async function listsShowing(
  citizenId: string,
  courseId: string,
  volunteerReferralId: string,
): Promise<Record<string, boolean>> {
  const has = (body: string) => body.includes(citizenId);
  const search = await planner.post("/api/citizens/search", { q: "Begrænsen" });
  const register = await planner.get(`/api/citizens?districtId=${t.tenant.districts.north.id}&pageSize=100`);
  const due = (await leader.get("/api/detection/due")).json() as z.infer<typeof DueLists>;
  const triage = await leader.get("/api/triage");
  const myDay = (await worker.get("/api/detection/my-day")).json() as MyDay;
  const clipsList = await worker.get("/api/detection-clips");
  const caseload = (await coordinator.get("/api/courses/caseload")).json() as { id: string }[];
  const inbox = await coordinator.get("/api/referrals?status=all");
  const sent = await worker.get("/api/referrals/sent");
  const volunteer = await staff.get("/api/volunteer-referrals");
  return {
    search: (search.json() as CitizenPage).items.some((c) => c.id === citizenId),
    register: (register.json() as CitizenPage).items.some((c) => c.id === citizenId),
    due: [...due.neverScreenedNew, ...due.rescreenDue].some((d) => d.citizen.id === citizenId),
    triage: has(triage.body),
    myDay: myDay.citizens.some((c) => c.citizen.id === citizenId),
    detectionClips: has(clipsList.body),
    caseload: caseload.some((c) => c.id === courseId),
    referralInbox: has(inbox.body),
    sentReferrals: has(sent.body),
    volunteerInbox: volunteer.body.includes(volunteerReferralId),
  };
}

describe("restriction of processing (art. 18)", () => {
  it("hides the citizen from every list, refuses screening and sharing, opens only for the administrator — and lifting restores it", async () => {
    const c = await northCitizen("Begrænsen");
    // New in home care and never screened: on the team's due list.
    await t.db
      .update(citizens)
      .set({ homeCareSince: sql`(now() - interval '10 days')::date` })
      .where(eq(citizens.id, c.id));
    // The citizen on every list: a contact person's day, a detection clip, a referral, a course
    // with a volunteer referral.
    await t.db.insert(citizenContacts).values({
      municipalityId: t.tenant.municipality.id,
      citizenId: c.id,
      kind: "contact_person",
      userId: t.tenant.users.home_care_worker.id,
      name: t.tenant.users.home_care_worker.displayName,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (
        await planner.post(`/api/citizens/${c.id}/detection-clips`, {
          workerUserId: t.tenant.users.home_care_worker.id,
          plannedDate: today,
          minutes: 30,
        })
      ).statusCode,
    ).toBe(201);
    const advis = await worker.post(`/api/citizens/${c.id}/referrals`, { reason: "Virker ensom" });
    expect(advis.statusCode).toBe(201);
    const referralId = (advis.json() as { id: string }).id;
    const opened = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Ønsker fællesskab" });
    expect(opened.statusCode).toBe(201);
    const course = opened.json() as CourseDetail;
    const referral = {
      toOrganisationId: t.tenant.orgs.volunteerCentre.id,
      consentFields: ["firstName"],
      message: "Besøgsven ønskes",
    };
    const referred = await coordinator.post(`/api/courses/${course.id}/volunteer-referrals`, referral);
    expect(referred.statusCode).toBe(201);
    const lists = () => listsShowing(c.id, course.id, (referred.json() as { id: string }).id);

    const before = await lists();
    expect(Object.entries(before).filter(([, shown]) => !shown)).toEqual([]);

    // Restrict, with a reason.
    const restricted = await admin.post(`/api/citizens/${c.id}/restriction`, {
      reason: "Borgeren bestrider oplysningernes rigtighed",
    });
    expect(restricted.statusCode).toBe(201);
    expect(restricted.json()).toMatchObject({
      citizenId: c.id,
      restricted: true,
      history: [{ reason: "Borgeren bestrider oplysningernes rigtighed", liftedAt: null }],
    });
    const [mirror] = await t.db
      .select({ at: citizens.restrictedAt })
      .from(citizens)
      .where(eq(citizens.id, c.id));
    const [open] = await t.db
      .select({ at: citizenRestrictions.restrictedAt })
      .from(citizenRestrictions)
      .where(eq(citizenRestrictions.citizenId, c.id));
    expect(mirror!.at?.toISOString()).toBe(open!.at.toISOString());
    const again = await admin.post(`/api/citizens/${c.id}/restriction`, { reason: "igen" });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe("citizen_already_restricted");

    // Hidden from every list.
    const during = await lists();
    expect(Object.entries(during).filter(([, shown]) => shown)).toEqual([]);

    // The administrator finds the citizen in the list of restricted citizens and still opens them.
    const list = (await admin.get("/api/privacy/restrictions")).json() as RestrictedCitizens;
    expect(list.items).toContainEqual(
      expect.objectContaining({
        citizen: { id: c.id, name: "Inger Begrænsen" },
        reason: "Borgeren bestrider oplysningernes rigtighed",
      }),
    );
    expect((await current(c.id, admin)).restrictedAt).toBe(open!.at.toISOString());

    // Everybody else is told the processing is restricted; no screening, no sharing.
    const refused = async (res: Promise<{ statusCode: number; body: string }>) => {
      const r = await res;
      expect(r.statusCode).toBe(409);
      expect(JSON.parse(r.body).error.code).toBe("citizen_restricted");
    };
    await refused(planner.get(`/api/citizens/${c.id}`));
    await refused(coordinator.get(`/api/courses/${course.id}`));
    await refused(
      worker.post(`/api/citizens/${c.id}/screenings`, {
        questionnaireId: tils,
        answers: { isoleret: "ofte", savner_nogen: "ofte", udenfor: "ofte" },
        consent: "not_asked",
      }),
    );
    await refused(coordinator.post(`/api/courses/${course.id}/volunteer-referrals`, referral));
    await refused(coordinator.post(`/api/courses/${course.id}/placements`, { activityId: course.id }));
    await refused(worker.post(`/api/citizens/${c.id}/referrals`, { reason: "Igen" }));
    await refused(coordinator.get(`/api/referrals/${referralId}`));
    // What was shared with the volunteer centre is no longer read or answered there either.
    const volunteerReferralId = (referred.json() as { id: string }).id;
    await refused(staff.get(`/api/volunteer-referrals/${volunteerReferralId}`));
    await refused(
      staff.post(`/api/volunteer-referrals/${volunteerReferralId}/answer`, {
        status: "no_match",
        answer: "Nej",
      }),
    );

    // A correction is still possible (art. 16 is often why it was restricted), by the administrator.
    const v = await current(c.id, admin);
    expect(
      (await admin.patch(`/api/citizens/${c.id}`, { version: v.version, phone: "70 10 20 30" })).statusCode,
    ).toBe(200);

    // Lift, with a reason: the citizen is back on every list.
    const lifted = await admin.post(`/api/citizens/${c.id}/restriction/lift`, {
      reason: "Oplysningerne er rettet",
    });
    expect(lifted.statusCode).toBe(200);
    const state = lifted.json() as RestrictionState;
    expect(state.restricted).toBe(false);
    expect(state.history).toEqual([
      expect.objectContaining({
        reason: "Borgeren bestrider oplysningernes rigtighed",
        restrictedBy: { id: t.tenant.users.administrator.id, name: t.tenant.users.administrator.displayName },
        liftedBy: { id: t.tenant.users.administrator.id, name: t.tenant.users.administrator.displayName },
        liftReason: "Oplysningerne er rettet",
      }),
    ]);
    const [after] = await t.db
      .select({ at: citizens.restrictedAt })
      .from(citizens)
      .where(eq(citizens.id, c.id));
    expect(after!.at).toBeNull();
    expect(Object.entries(await lists()).filter(([, shown]) => !shown)).toEqual([]);
    expect((await planner.get(`/api/citizens/${c.id}`)).statusCode).toBe(200);
    const notOpen = await admin.post(`/api/citizens/${c.id}/restriction/lift`, { reason: "igen" });
    expect(notOpen.statusCode).toBe(409);
    expect(errorOf(notOpen).code).toBe("citizen_not_restricted");

    // Both moves are on the citizen's trail, without the reasons' text.
    for (const action of ["restrict", "lift_restriction"]) {
      const rows = await auditRows(c.id, action);
      expect(rows).toEqual([expect.objectContaining({ entityType: "citizen", criterion: null })]);
    }
  });

  it("is for the administrator only: 403 for every other role, a reason is required, 404 across municipalities", async () => {
    const c = await northCitizen("Rolletjek");
    for (const who of [planner, worker, leader, coordinator, staff, await t.as("manager")]) {
      expect((await who.post(`/api/citizens/${c.id}/restriction`, { reason: "x" })).statusCode).toBe(403);
      expect((await who.post(`/api/citizens/${c.id}/restriction/lift`, { reason: "x" })).statusCode).toBe(
        403,
      );
      expect((await who.get(`/api/citizens/${c.id}/restriction`)).statusCode).toBe(403);
      expect((await who.get("/api/privacy/restrictions")).statusCode).toBe(403);
    }
    expect((await admin.post(`/api/citizens/${c.id}/restriction`, { reason: "  " })).statusCode).toBe(400);
    expect((await admin.post(`/api/citizens/${c.id}/restriction`, {})).statusCode).toBe(400);
    const foreign = await t.as("administrator", t.other);
    expect((await foreign.post(`/api/citizens/${c.id}/restriction`, { reason: "x" })).statusCode).toBe(404);
    expect(
      await t.db.select().from(citizenRestrictions).where(eq(citizenRestrictions.citizenId, c.id)),
    ).toEqual([]);
    const state = (await admin.get(`/api/citizens/${c.id}/restriction`)).json() as RestrictionState;
    expect(state).toEqual({ citizenId: c.id, restricted: false, history: [] });
  });
});
