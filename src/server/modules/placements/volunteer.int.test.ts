import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Tenant,
  createTenant,
  insertCitizen,
  testPasswordHash,
} from "../../../../test/support/factories.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import type { CourseDetail, TimelineEntry } from "../../../shared/api/courses.js";
import type { VolunteerReferral, VolunteerStats } from "../../../shared/api/placements.js";
import { journalNotes, organisations, users, volunteerReferrals } from "../../db/schema/index.js";
import { ageGroupOf } from "./volunteer.js";
import { insertActivity, insertCatalogOrganisation } from "./test-fixtures.js";

let t: TestApp;
let coordinator: Client;
let staff: Client;
/** Staff of a second volunteer centre in the same municipality. */
let otherCentreStaff: Client;
let activityId: string;

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  staff = await t.as("volunteer_centre_staff");
  const m = t.tenant.municipality.id;
  const [centre] = await t.db
    .insert(organisations)
    .values({ municipalityId: m, name: "Ældre Sagen Fjordby", kind: "volunteer_centre" })
    .returning({ id: organisations.id });
  await t.db.insert(users).values({
    municipalityId: m,
    organisationId: centre!.id,
    username: `t${t.tenant.municipality.code}.aeldresagen`,
    displayName: "Ole Frivillig",
    role: "volunteer_centre_staff",
    passwordHash: await testPasswordHash(),
  });
  otherCentreStaff = await t.login(`t${t.tenant.municipality.code}.aeldresagen`);
  activityId = await insertActivity(t.db, m, await insertCatalogOrganisation(t.db, m), {
    title: "Strikkecafé",
  });
});
afterAll(() => t.close());

/** An open course for a fresh citizen with a held conversation (interests, barriers, wishes) and a professional note. */
async function courseWithConversation(
  tenant: Tenant = t.tenant,
  as: Client = coordinator,
): Promise<CourseDetail & { citizenId: string; cpr: string }> {
  const c = await insertCitizen(t.db, tenant, {
    firstName: "Gerda",
    lastName: "Holm",
    addressLine: "Fjordvej 3",
  });
  const res = await as.post(`/api/citizens/${c.id}/courses`, { reason: "Ønsker en besøgsven" });
  expect(res.statusCode).toBe(201);
  const course = res.json() as CourseDetail;
  const held = await as.post(`/api/courses/${course.id}/conversations`, {
    kind: "clarification",
    interests: ["knitting_needlework", "coffee_club"],
    barriers: ["mobility_aid", "low_mood"],
    wishes: "Vil gerne have besøg om formiddagen",
    condition: { severity: 3 },
  });
  expect(held.statusCode).toBe(201);
  await t.db.insert(journalNotes).values({
    municipalityId: tenant.municipality.id,
    citizenId: c.id,
    kind: "professional",
    tags: ["ensomhed"],
    title: "Fortrolig",
    body: "Depression, ny medicin",
    active: true,
    authorUserId: tenant.users.community_coordinator.id,
    authorOrganisationId: tenant.orgs.coordinatorUnit.id,
  });
  return { ...course, citizenId: c.id, cpr: c.cpr };
}

async function refer(
  courseId: string,
  consentFields: string[],
  as: Client = coordinator,
  tenant: Tenant = t.tenant,
  headers?: Record<string, string>,
): Promise<VolunteerReferral> {
  const res = await as.post(
    `/api/courses/${courseId}/volunteer-referrals`,
    {
      toOrganisationId: tenant.orgs.volunteerCentre.id,
      consentFields,
      message: "Borgeren ønsker en besøgsven",
    },
    headers ? { headers } : {},
  );
  expect(res.statusCode).toBe(201);
  return res.json() as VolunteerReferral;
}

describe("sharing only what the citizen consented to", () => {
  it("shares exactly the consented fields, computed by the server", async () => {
    const course = await courseWithConversation();
    const r = await refer(course.id, ["firstName", "interests", "mobility", "ageGroup"]);
    expect(Object.keys(r.shared).sort()).toEqual(["ageGroup", "firstName", "interests", "mobility"]);
    expect(r.shared).toMatchObject({
      firstName: "Gerda",
      interests: ["Strik og håndarbejde", "Kaffeklub"],
      mobility: ["rollator_or_wheelchair"],
    });
    expect(r.shared.ageGroup).toMatch(/^\d0-\d9$/);
    expect(r).toMatchObject({
      status: "sent",
      message: "Borgeren ønsker en besøgsven",
      consentFields: ["firstName", "interests", "mobility", "ageGroup"],
      toOrganisation: { id: t.tenant.orgs.volunteerCentre.id },
    });
    const [row] = await t.db.select().from(volunteerReferrals).where(eq(volunteerReferrals.id, r.id));
    expect(Object.keys(row!.shared as object).sort()).toEqual([
      "ageGroup",
      "firstName",
      "interests",
      "message",
      "mobility",
    ]);
  });

  it("leaves the barriers out entirely when mobility is not consented", async () => {
    const course = await courseWithConversation();
    const r = await refer(course.id, ["firstName", "wishes"]);
    expect(r.shared).toEqual({ firstName: "Gerda", wishes: "Vil gerne have besøg om formiddagen" });
    expect(JSON.stringify(r)).not.toMatch(/mobility_aid|low_mood|rollator/);
  });

  it("gives the age as a decade only", () => {
    expect(ageGroupOf("1941-06-15", "2026-11-23")).toBe("80-89");
    expect(ageGroupOf("1946-12-01", "2026-11-23")).toBe("70-79");
  });

  it("refuses an organisation that is not a volunteer centre, naming the field", async () => {
    const course = await courseWithConversation();
    const res = await coordinator.post(`/api/courses/${course.id}/volunteer-referrals`, {
      toOrganisationId: t.tenant.orgs.publicProvider.id,
      consentFields: ["firstName"],
      message: "x",
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["toOrganisationId"]);
  });

  it("refuses a field outside the fixed consent list", async () => {
    const course = await courseWithConversation();
    const res = await coordinator.post(`/api/courses/${course.id}/volunteer-referrals`, {
      toOrganisationId: t.tenant.orgs.volunteerCentre.id,
      consentFields: ["cpr"],
      message: "x",
    });
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)[0]).toMatch(/^consentFields/);
  });

  it("stores a referral once when the same Idempotency-Key is sent twice", async () => {
    const course = await courseWithConversation();
    const headers = { "idempotency-key": `vref-${course.id}` };
    const a = await refer(course.id, ["firstName"], coordinator, t.tenant, headers);
    const b = await refer(course.id, ["firstName"], coordinator, t.tenant, headers);
    expect(b.id).toBe(a.id);
    expect(
      await t.db.select().from(volunteerReferrals).where(eq(volunteerReferrals.courseId, course.id)),
    ).toHaveLength(1);
  });
});

describe("the volunteer centre's limits", () => {
  it("keeps the volunteer centre away from the citizen, the course, the timeline and placements (403)", async () => {
    const course = await courseWithConversation();
    await refer(course.id, ["firstName", "phone"]);
    for (const url of [
      `/api/citizens/${course.citizenId}`,
      `/api/courses/${course.id}`,
      `/api/citizens/${course.citizenId}/timeline`,
      `/api/citizens/${course.citizenId}/journal`,
      `/api/courses/${course.id}/placements`,
      `/api/courses/${course.id}/matches`,
    ]) {
      expect((await staff.get(url)).statusCode, url).toBe(403);
    }
  });

  it("shows the volunteer centre its referral without CPR, notes, health data or the course", async () => {
    const course = await courseWithConversation();
    const sent = await refer(course.id, ["firstName", "lastName", "phone"]);
    const res = await staff.get(`/api/volunteer-referrals/${sent.id}`);
    expect(res.statusCode).toBe(200);
    const r = res.json() as VolunteerReferral;
    expect(Object.keys(r.shared).sort()).toEqual(["firstName", "lastName", "phone"]);
    expect(r.course).toBeNull();
    const body = res.body;
    expect(body).not.toContain(course.cpr);
    expect(body).not.toContain(course.cpr.slice(0, 6));
    expect(body).not.toMatch(/Depression|Fortrolig|mobility_aid|low_mood|severity|Fjordvej/);
    expect(body).not.toContain(course.citizenId);
    expect(body).not.toContain(course.id);
  });

  it("lists only the volunteer centre's own referrals; coordinators see every referral with its course", async () => {
    const course = await courseWithConversation();
    const mine = await refer(course.id, ["firstName"]);
    const toOther = await coordinator.post(`/api/courses/${course.id}/volunteer-referrals`, {
      toOrganisationId: (
        await t.db.select().from(organisations).where(eq(organisations.name, "Ældre Sagen Fjordby"))
      )[0]!.id,
      consentFields: ["firstName"],
      message: "Telefonven?",
    });
    const other = toOther.json() as VolunteerReferral;
    const staffList = ((await staff.get("/api/volunteer-referrals")).json() as VolunteerReferral[]).map(
      (r) => r.id,
    );
    expect(staffList).toContain(mine.id);
    expect(staffList).not.toContain(other.id);
    const otherList = (
      (await otherCentreStaff.get("/api/volunteer-referrals")).json() as VolunteerReferral[]
    ).map((r) => r.id);
    expect(otherList).toEqual([other.id]);
    const all = (
      await coordinator.get(`/api/volunteer-referrals?courseId=${course.id}`)
    ).json() as VolunteerReferral[];
    expect(all.map((r) => r.id).sort()).toEqual([mine.id, other.id].sort());
    expect(all[0]!.course).toEqual({ id: course.id, citizenId: course.citizenId });
  });

  it("refuses another volunteer centre's staff reading or answering the referral (403 inside the municipality)", async () => {
    const sent = await refer((await courseWithConversation()).id, ["firstName"]);
    expect((await otherCentreStaff.get(`/api/volunteer-referrals/${sent.id}`)).statusCode).toBe(403);
    expect(
      (
        await otherCentreStaff.post(`/api/volunteer-referrals/${sent.id}/answer`, {
          status: "no_match",
          answer: "Nej",
        })
      ).statusCode,
    ).toBe(403);
  });

  it("answers 404 to another municipality's volunteer centre", async () => {
    const sent = await refer((await courseWithConversation()).id, ["firstName"]);
    const foreign = await t.as("volunteer_centre_staff", t.other);
    expect((await foreign.get(`/api/volunteer-referrals/${sent.id}`)).statusCode).toBe(404);
    expect(
      (
        await foreign.post(`/api/volunteer-referrals/${sent.id}/answer`, {
          status: "no_match",
          answer: "Nej",
        })
      ).statusCode,
    ).toBe(404);
  });

  it("lets only the volunteer centre answer: a coordinator gets 403", async () => {
    const sent = await refer((await courseWithConversation()).id, ["firstName"]);
    expect(
      (
        await coordinator.post(`/api/volunteer-referrals/${sent.id}/answer`, {
          status: "matched",
          matchKind: "visiting_friend",
          answer: "Ja",
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe("the volunteer centre's answer", () => {
  it("records a match with a visiting friend, and later that the relation became too complex", async () => {
    const course = await courseWithConversation();
    const sent = await refer(course.id, ["firstName"]);
    const missingKind = await staff.post(`/api/volunteer-referrals/${sent.id}/answer`, {
      status: "matched",
      answer: "Match",
    });
    expect(missingKind.statusCode).toBe(400);
    expect(errorFields(missingKind)).toEqual(["matchKind"]);
    const matched = await staff.post(`/api/volunteer-referrals/${sent.id}/answer`, {
      status: "matched",
      matchKind: "visiting_friend",
      answer: "Besøgsven Hanne kommer om tirsdagen",
    });
    expect(matched.statusCode).toBe(200);
    expect(matched.json()).toMatchObject({
      status: "matched",
      matchKind: "visiting_friend",
      answer: "Besøgsven Hanne kommer om tirsdagen",
      answeredBy: { name: "Peter Skov" },
    });
    const noMatch = await staff.post(`/api/volunteer-referrals/${sent.id}/answer`, {
      status: "no_match",
      answer: "Fortryder",
    });
    expect(noMatch.statusCode).toBe(409);
    expect(errorOf(noMatch).code).toBe("volunteer_referral_answer_not_allowed");
    const complex = await staff.post(`/api/volunteer-referrals/${sent.id}/answer`, {
      status: "too_complex",
      answer: "Borgeren har brug for faglig støtte",
    });
    expect(complex.json()).toMatchObject({ status: "too_complex", matchKind: "visiting_friend" });
    const timeline = (
      await coordinator.get(`/api/citizens/${course.citizenId}/timeline`)
    ).json() as TimelineEntry[];
    expect(timeline.filter((e) => e.code.startsWith("volunteer_referral.")).map((e) => e.code)).toEqual([
      "volunteer_referral.too_complex",
      "volunteer_referral.sent",
    ]);
  });

  it("records a match with a catalog activity", async () => {
    const sent = await refer((await courseWithConversation()).id, ["firstName"]);
    const res = await staff.post(`/api/volunteer-referrals/${sent.id}/answer`, {
      status: "matched",
      matchKind: "activity",
      matchedActivityId: activityId,
      answer: "Strikkecafé om onsdagen",
    });
    expect(res.json()).toMatchObject({
      matchKind: "activity",
      matchedActivity: { id: activityId, title: "Strikkecafé" },
    });
  });
});

describe("the share matched", () => {
  it("counts referred, answered and matched, and the share matched of referred (like Holstebro's 27 of 36)", async () => {
    const tenant = await createTenant(t.db);
    const coord = await t.as("community_coordinator", tenant);
    const centre = await t.as("volunteer_centre_staff", tenant);
    const sent: VolunteerReferral[] = [];
    for (let i = 0; i < 4; i++)
      sent.push(await refer((await courseWithConversation(tenant, coord)).id, ["firstName"], coord, tenant));
    await centre.post(`/api/volunteer-referrals/${sent[0]!.id}/answer`, {
      status: "matched",
      matchKind: "visiting_friend",
      answer: "Besøgsven",
    });
    await centre.post(`/api/volunteer-referrals/${sent[1]!.id}/answer`, {
      status: "matched",
      matchKind: "phone_friend",
      answer: "Telefonven",
    });
    await centre.post(`/api/volunteer-referrals/${sent[2]!.id}/answer`, {
      status: "matched",
      matchKind: "visiting_friend",
      answer: "Besøgsven",
    });
    await centre.post(`/api/volunteer-referrals/${sent[2]!.id}/answer`, {
      status: "too_complex",
      answer: "For komplekst",
    });
    const stats = (await coord.get("/api/volunteer-referrals/stats")).json() as VolunteerStats;
    // The match that was reported too complex still counts as matched, and as an ended match (issue 11 point 4).
    expect(stats).toEqual({
      from: null,
      to: null,
      referred: 4,
      answered: 3,
      matched: 3,
      matchesEnded: 1,
      noMatch: 0,
      tooComplex: 0,
      withdrawn: 0,
      share: 75,
    });
    const manager = await t.as("manager", tenant);
    expect(
      (await manager.get("/api/volunteer-referrals/stats?from=2000-01-01&to=2000-12-31")).json(),
    ).toMatchObject({ referred: 0, share: null });
    expect((await centre.get("/api/volunteer-referrals/stats")).statusCode).toBe(403);
  });
});
