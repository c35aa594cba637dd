/**
 * What the route sweeps (src/server/route-sweep.int.test.ts) share: the GET routes of the OpenAPI
 * document, and one citizen with a resource of every kind (course, referral, clips, note, meeting,
 * placement, volunteer referral, small community, calendar feed …) built through the API in a
 * given municipality — so a route's path can be filled with ids of someone the caller must not reach.
 */
import { eq } from "drizzle-orm";
import { copenhagenDate } from "../../src/domain/time.js";
import { questionnaireDefinitions, retentionRules } from "../../src/server/db/schema/index.js";
import { installShippedRetentionRules } from "../../src/server/modules/privacy/index.js";
import { queueMessage } from "../../src/server/modules/messaging/index.js";
import { installShippedQuestionnaires } from "../../src/server/modules/questionnaires/index.js";
import {
  insertActivity,
  insertCatalogOrganisation,
} from "../../src/server/modules/placements/test-fixtures.js";
import { type Tenant, insertCitizen } from "./factories.js";
import type { TestApp } from "./test-app.js";

/** "GET /api/citizens/:id" for every GET path of /api/openapi.json but /fhir/R4 (OpenAPI's {id} written as Fastify's :id). */
export async function openApiGetRoutes(t: TestApp): Promise<string[]> {
  const res = await t.anonymous.get("/api/openapi.json");
  if (res.statusCode !== 200) throw new Error(`openapi.json: ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, unknown>> };
  return (
    Object.entries(doc.paths)
      // /fhir/R4 answers system clients' bearer tokens, not sessions: its own test covers it (decision 0099);
      // so does /scim/v2, the identity provider's SCIM token (decision 0102).
      .filter(([path, ops]) => "get" in ops && !path.startsWith("/fhir/") && !path.startsWith("/scim/"))
      .map(([path]) => `GET ${path.replace(/\{([^}]+)\}/g, ":$1")}`)
      .sort()
  );
}

/** Ids of one citizen's resources, and what identifies the citizen in a response. */
export interface SweepFixture {
  tenant: Tenant;
  citizenId: string;
  cpr: string;
  firstName: string;
  lastName: string;
  courseId: string;
  referralId: string;
  detectionClipId: string;
  meetingId: string;
  noteId: string;
  interventionId: string;
  plannedClipId: string;
  placementId: string;
  volunteerReferralId: string;
  communityId: string;
  questionnaireId: string;
  catalogOrganisationId: string;
  catalogActivityId: string;
  calendarToken: string;
  hcwUserId: string;
  coordinatorUserId: string;
  districtId: string;
  providerId: string;
  today: string;
  /** One of the municipality's retention rules (a municipality's settings, not a citizen's). */
  retentionRuleId: string;
  /** A care-record import preview naming the citizen (issue 14): its rows show them. */
  importRunId: string;
  /** An SMS to the citizen in the outbox (issue 16): the administrator's outbox names them. */
  outboxMessageId: string;
}

/** The T-ILS answers that score 7 (red, positive): the citizen lands on triage and, with consent, a referral. */
const RED_TILS = { isoleret: "ofte", savner_nogen: "en_gang_imellem", udenfor: "en_gang_imellem" };

async function created(
  res: Promise<{ statusCode: number; body: string; json: () => unknown }>,
): Promise<string> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`sweep fixture: ${r.statusCode} ${r.body}`);
  return (r.json() as { id?: string }).id ?? "";
}

/**
 * A public-provider citizen of `tenant` (district north) with every kind of resource, made by the
 * tenant's own staff. `name` must be unique in the database, so finding it in a body means a leak.
 */
export async function buildSweepFixture(
  t: TestApp,
  tenant: Tenant,
  name: { firstName: string; lastName: string },
): Promise<SweepFixture> {
  const m = tenant.municipality.id;
  await installShippedQuestionnaires(t.db, m);
  const questionnaires = await t.db
    .select()
    .from(questionnaireDefinitions)
    .where(eq(questionnaireDefinitions.municipalityId, m));
  const tils = questionnaires.find((q) => q.key === "t-ils")!;
  const citizen = await insertCitizen(t.db, tenant, {
    ...name,
    districtId: tenant.districts.north.id,
    providerId: tenant.orgs.publicProvider.id,
  });
  // A second member for the small community, and one never screened and without a course (the due lists).
  const second = await insertCitizen(t.db, tenant, {
    firstName: "Anden",
    lastName: `${name.lastName}to`,
    districtId: tenant.districts.north.id,
  });
  await insertCitizen(t.db, tenant, {
    firstName: "Tredje",
    lastName: `${name.lastName}tre`,
    districtId: tenant.districts.north.id,
  });
  const today = copenhagenDate(new Date());
  const hcwUserId = tenant.users.home_care_worker.id;
  const hcw = await t.as("home_care_worker", tenant);
  const planner = await t.as("planner", tenant);
  const coordinator = await t.as("community_coordinator", tenant);
  const id = citizen.id;

  await created(
    hcw.post(`/api/citizens/${id}/screenings`, {
      questionnaireId: tils.id,
      answers: RED_TILS,
      consent: "yes",
      observation: "Sidder alene",
    }),
  );
  const referralId = await created(hcw.post(`/api/citizens/${id}/referrals`, { reason: "Sweep" }));
  const detectionClipId = await created(
    planner.post(`/api/citizens/${id}/detection-clips`, {
      workerUserId: hcwUserId,
      plannedDate: today,
      minutes: 15,
    }),
  );
  const meetingId = await created(
    planner.post("/api/triage/meetings", { districtId: tenant.districts.north.id, heldOn: today }),
  );
  const noteId = await created(
    hcw.post(`/api/citizens/${id}/journal`, { kind: "professional", title: "Sweep", body: "Note" }),
  );
  const courseId = await created(coordinator.post(`/api/citizens/${id}/courses`, { reason: "Sweep" }));
  const providerId = tenant.orgs.publicProvider.id;
  const interventionId = await created(
    coordinator.post(`/api/courses/${courseId}/interventions`, {
      kind: "accompaniment",
      providerOrganisationId: providerId,
    }),
  );
  await created(
    coordinator.post(`/api/courses/${courseId}/grants`, {
      kind: "accompaniment",
      clips: 5,
      minutesPerClip: 60,
    }),
  );
  const plannedClipId = await created(
    planner.post(`/api/courses/${courseId}/clips`, {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      plannedOn: today,
      plannedStart: "09:00",
      plannedMinutes: 60,
      workerUserId: hcwUserId,
    }),
  );
  const catalogOrganisationId = await insertCatalogOrganisation(
    t.db,
    m,
    `Sweep Forening ${tenant.municipality.code}`,
  );
  const catalogActivityId = await insertActivity(t.db, m, catalogOrganisationId, {
    title: `Sweep Strik ${tenant.municipality.code}`,
  });
  const placementId = await created(
    coordinator.post(`/api/courses/${courseId}/placements`, { activityId: catalogActivityId }),
  );
  const volunteerReferralId = await created(
    coordinator.post(`/api/courses/${courseId}/volunteer-referrals`, {
      toOrganisationId: tenant.orgs.volunteerCentre.id,
      consentFields: ["firstName"],
      message: "Sweep",
    }),
  );
  const secondCourseId = await created(
    coordinator.post(`/api/citizens/${second.id}/courses`, { reason: "Sweep" }),
  );
  const communityId = await created(
    coordinator.post("/api/small-communities", {
      name: `Sweep-fællesskab ${tenant.municipality.code}`,
      courseIds: [courseId, secondCourseId],
      hostUserId: hcwUserId,
    }),
  );
  const feed = await hcw.post("/api/me/calendar-feed");
  const calendarToken = new URL((feed.json() as { url: string }).url).pathname.split("/").at(-1)!;

  // The citizen's consent to be reached (issue 16), recorded as the coordinator does.
  const consent = await (
    await t.as("community_coordinator", tenant)
  ).put(`/api/citizens/${citizen.id}/messaging-consent`, {
    consent: true,
    channel: "sms",
    phone: "22 33 44 55",
    email: null,
    remindersEnabled: true,
    relativeContactId: null,
    relativeChannel: null,
    relativePhone: null,
    relativeEmail: null,
    lang: "da",
  });
  if (consent.statusCode !== 200) throw new Error(`consent: ${consent.statusCode} ${consent.body}`);
  return {
    tenant,
    citizenId: id,
    cpr: citizen.cpr,
    ...name,
    courseId,
    referralId,
    detectionClipId,
    meetingId,
    noteId,
    interventionId,
    plannedClipId,
    placementId,
    volunteerReferralId,
    communityId,
    questionnaireId: tils.id,
    catalogOrganisationId,
    catalogActivityId,
    calendarToken,
    hcwUserId,
    coordinatorUserId: tenant.users.community_coordinator.id,
    districtId: tenant.districts.north.id,
    providerId,
    today,
    retentionRuleId: await retentionRuleOf(t, m),
    importRunId: await created(
      (await t.as("administrator", tenant)).post("/api/care-record/imports", {
        format: "csv",
        scope: "changes",
        content: `cpr;last_name\n${citizen.cpr};${name.lastName}`,
      }),
    ),
    outboxMessageId: (
      await queueMessage(t.db, {
        municipalityId: m,
        kind: "citizen_message",
        channel: "sms",
        recipientKind: "citizen",
        citizenId: citizen.id,
        toAddress: "+4512345678",
        body: "Hej. Vi ses i morgen kl. 10.",
        dedupeKey: `sweep:${citizen.id}`,
      })
    ).id,
  };
}

async function retentionRuleOf(t: TestApp, municipalityId: string): Promise<string> {
  await installShippedRetentionRules(t.db, municipalityId);
  const [rule] = await t.db
    .select({ id: retentionRules.id })
    .from(retentionRules)
    .where(eq(retentionRules.municipalityId, municipalityId))
    .limit(1);
  return rule!.id;
}

/** What of the fixture's citizen must never appear in a response to someone who may not see them. */
export function identifiersOf(f: SweepFixture): string[] {
  return [
    f.citizenId,
    f.cpr,
    f.cpr.replace("-", ""),
    f.lastName,
    f.courseId,
    f.referralId,
    f.detectionClipId,
    f.noteId,
    f.plannedClipId,
    f.placementId,
    f.volunteerReferralId,
  ];
}
