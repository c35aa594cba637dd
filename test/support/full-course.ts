/**
 * A citizen with a full course, for the issue-13 tests (erasure, access export), recorded through
 * the API — a contact, a detection form (T-ILS, lonely, consent), a journal note,
 * its referral questioned, answered and accepted into a course, a held conversation, an intervention, a grant, a clip
 * performed (and, on an open course, one planned for tomorrow), a placement tried and taken part in, a volunteer-centre referral
 * answered "matched", the baseline and the 6-month questionnaire, a follow-up and the course
 * closed, a rectification of the register. Every write carries an Idempotency-Key, so stored
 * answers exist to be found. Names and texts are fictitious and recognisable, so a leftover is
 * found by searching for them.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { insertCitizen, type TestCitizen } from "./factories.js";
import type { Client, TestApp } from "./test-app.js";
import { copenhagenDate } from "../../src/domain/time.js";
import { outcomeMeasurements, screenings } from "../../src/server/db/schema/index.js";
import {
  insertActivity,
  insertCatalogOrganisation,
} from "../../src/server/modules/placements/test-fixtures.js";
import { installShippedQuestionnaires } from "../../src/server/modules/questionnaires/index.js";

export interface FullCourse {
  citizen: TestCitizen;
  courseId: string;
  /** Texts written about the citizen; none may survive anonymisation anywhere. */
  secrets: string[];
}

type Tils = { id: string; definition: { items: { id: string; options: { id: string; score: number }[] }[] } };

async function write(client: Client, method: "POST" | "PATCH", url: string, body: unknown) {
  const res = await client.request(method, url, {
    body,
    headers: { "idempotency-key": `erasure-${randomUUID()}` },
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown> & { id: string; version: number };
}

export async function installErasureCatalog(t: TestApp): Promise<string> {
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  const org = await insertCatalogOrganisation(t.db, t.tenant.municipality.id, "Slette Forening");
  return insertActivity(t.db, t.tenant.municipality.id, org, { title: "Strikkeklub" });
}

export function tilsAnswers(tils: Tils, lonely: boolean): Record<string, string> {
  return Object.fromEntries(
    tils.definition.items.map((i) => [
      i.id,
      [...i.options].sort((a, b) => (lonely ? b.score - a.score : a.score - b.score))[0]!.id,
    ]),
  );
}

export async function tilsOf(client: Client): Promise<Tils> {
  const list = (await client.get("/api/questionnaires")).json() as (Tils & { key: string })[];
  return list.find((q) => q.key === "t-ils")!;
}

/** A citizen of the public provider with a course; `close` false leaves the course open. */
export async function buildFullCourse(
  t: TestApp,
  activityId: string,
  name: { firstName: string; lastName: string; addressLine: string },
  opts: { close?: boolean } = {},
): Promise<FullCourse> {
  const worker = await t.as("home_care_worker");
  const coordinator = await t.as("community_coordinator");
  const volunteer = await t.as("volunteer_centre_staff");
  const admin = await t.as("administrator");
  const today = copenhagenDate(new Date());
  const citizen = await insertCitizen(t.db, t.tenant, {
    ...name,
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });
  const c = `/api/citizens/${citizen.id}`;
  const secrets = [
    `${name.firstName} ${name.lastName}`,
    citizen.cpr,
    name.addressLine,
    "Sørens kaffeaftaler",
    "Datteren Ulrikke Fabricius",
    "Hemmelig journaltekst om hjertet",
    "Ønsker strik om tirsdagen hos Fru Mogensen",
    "Anfald på vej hjem fra banken",
    "Ulrikkes nummer 29293939",
  ];
  await write(admin, "POST", `${c}/contacts`, {
    kind: "relative",
    name: "Datteren Ulrikke Fabricius",
    relation: "datter",
    phone: "29293939",
  });
  const tils = await tilsOf(worker);
  // Lonely, with consent: the form sends the referral to the coordinators itself.
  const screening = await write(worker, "POST", `${c}/screenings`, {
    questionnaireId: tils.id,
    answers: tilsAnswers(tils, true),
    consent: "yes",
  });
  const referral = (screening as unknown as { referral: { id: string } }).referral;
  await write(worker, "POST", `${c}/journal`, {
    kind: "observation",
    title: "Sørens kaffeaftaler",
    body: "Hemmelig journaltekst om hjertet",
    tags: ["ensomhed"],
  });
  await write(coordinator, "POST", `/api/referrals/${referral.id}/decision`, {
    action: "request_info",
    message: "Hvornår stoppede Sørens kaffeaftaler?",
  });
  await write(worker, "POST", `/api/referrals/${referral.id}/reply`, {
    message: "Sørens kaffeaftaler er stoppet",
  });
  await write(coordinator, "POST", `/api/referrals/${referral.id}/decision`, {
    action: "accept",
    citizenId: citizen.id,
  });
  const courses = (await coordinator.get(`${c}/courses`)).json() as { open: { id: string } | null };
  const courseId = courses.open!.id;
  const k = `/api/courses/${courseId}`;
  await write(coordinator, "POST", `${k}/conversations`, {
    kind: "clarification",
    interests: ["knitting_needlework"],
    wishes: "Ønsker strik om tirsdagen hos Fru Mogensen",
    condition: { severity: 2 },
  });
  const intervention = await write(coordinator, "POST", `${k}/interventions`, {
    kind: "accompaniment",
    providerOrganisationId: t.tenant.orgs.publicProvider.id,
    description: "Ledsagelse til Fru Mogensen",
  });
  await write(coordinator, "POST", `${k}/grants`, { kind: "accompaniment", clips: 3, minutesPerClip: 60 });
  await write(coordinator, "POST", `${k}/clip-registrations`, {
    kind: "accompaniment",
    accompanimentForm: "to_from",
    interventionId: intervention.id,
    performedOn: today,
    outcome: "done",
    actualMinutes: 50,
    note: "Anfald på vej hjem fra banken",
  });
  const placement = await write(coordinator, "POST", `${k}/placements`, { activityId });
  const tried = await write(coordinator, "POST", `/api/placements/${placement.id}/status`, {
    to: "trial_visit",
    version: placement.version,
  });
  await write(coordinator, "POST", `/api/placements/${placement.id}/status`, {
    to: "participating",
    version: tried.version,
  });
  const vr = await write(coordinator, "POST", `${k}/volunteer-referrals`, {
    toOrganisationId: t.tenant.orgs.volunteerCentre.id,
    consentFields: ["firstName", "interests"],
    message: "Ønsker en besøgsven, ring til Ulrikkes nummer 29293939",
  });
  await write(volunteer, "POST", `/api/volunteer-referrals/${vr.id}/answer`, {
    status: "matched",
    matchKind: "visiting_friend",
    answer: "Besøgsven fundet til Sørens kaffeaftaler",
  });
  // The baseline came from the detection form; moved six months back, the follow-up is in its window.
  const [baseline] = await t.db
    .select()
    .from(outcomeMeasurements)
    .where(and(eq(outcomeMeasurements.courseId, courseId), eq(outcomeMeasurements.phase, "baseline")));
  const sixMonthsAgo = new Date(Date.now() - 182 * 24 * 3600 * 1000);
  await t.db
    .update(outcomeMeasurements)
    .set({ answeredAt: sixMonthsAgo })
    .where(eq(outcomeMeasurements.id, baseline!.id));
  await t.db
    .update(screenings)
    .set({ performedAt: sixMonthsAgo })
    .where(eq(screenings.id, baseline!.screeningId!));
  await write(coordinator, "POST", `${k}/outcomes/follow_up`, {
    questionnaireId: tils.id,
    answers: tilsAnswers(tils, false),
  });
  let course = (await coordinator.get(k)).json() as { version: number };
  for (const to of ["guidance", "trial", "follow_up"])
    course = await write(coordinator, "POST", `${k}/stage`, { to, version: course.version });
  await write(coordinator, "POST", `${k}/follow-ups`, {
    result: "E1",
    stillParticipating: true,
    note: "Anfald på vej hjem fra banken",
    version: course.version,
  });
  if (opts.close === false) {
    const tomorrow = copenhagenDate(new Date(Date.now() + 24 * 3600 * 1000));
    await write(coordinator, "POST", `${k}/clips`, {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      plannedOn: tomorrow,
      plannedStart: "10:00",
      plannedMinutes: 60,
      workerUserId: t.tenant.users.home_care_worker.id,
      interventionId: intervention.id,
    });
  } else {
    course = (await coordinator.get(k)).json() as { version: number };
    await write(coordinator, "POST", `${k}/close`, {
      reason: "goal_reached",
      citizenAccount: "Sørens kaffeaftaler gav mig mod",
      summary: "Hemmelig journaltekst om hjertet",
      version: course.version,
    });
  }
  const detail = (await admin.get(c)).json() as { version: number };
  await write(admin, "PATCH", c, {
    phone: "29293939",
    version: detail.version,
    reason: "Ulrikkes nummer 29293939",
  });
  return { citizen, courseId, secrets };
}
