/**
 * Issue 11 point 10: a detection form settles the citizen's opsporingsklip of the day whichever
 * button the worker tapped, and "Mine borgere i dag" lists each citizen once with all the day's tasks.
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenToday } from "../../../domain/time.js";
import type { MyDay } from "../../../shared/api/detection.js";
import { auditEvents, citizenContacts, citizens, detectionClips, users } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let tils: string;
let planner: Client;
let worker: Client;
const today = copenhagenToday();
const shift = (days: number) => formatISO(addDays(parseISO(today), days), { representation: "date" });
const notLonely = { isoleret: "sjaeldent", savner_nogen: "sjaeldent", udenfor: "sjaeldent" };

beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  planner = await t.as("planner");
  worker = await t.as("home_care_worker");
  tils = ((await worker.get("/api/questionnaires")).json() as { id: string; key: string }[]).find(
    (q) => q.key === "t-ils",
  )!.id;
});
afterAll(() => t.close());

/** Another home-care worker of the public provider; they never log in here, they only hold clips. */
async function colleague(name: string): Promise<string> {
  const [row] = await t.db
    .insert(users)
    .values({
      municipalityId: t.tenant.municipality.id,
      organisationId: t.tenant.orgs.publicProvider.id,
      username: `t${t.tenant.municipality.code}.${name}`,
      displayName: name,
      role: "home_care_worker",
      passwordHash: "x",
    })
    .returning({ id: users.id });
  return row!.id;
}

const citizen = (lastName: string) =>
  insertCitizen(t.db, t.tenant, {
    lastName,
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });

async function grantClip(citizenId: string, workerUserId: string, plannedDate: string): Promise<string> {
  const res = await planner.post(`/api/citizens/${citizenId}/detection-clips`, {
    workerUserId,
    plannedDate,
    minutes: 30,
  });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
}

async function clipState(id: string) {
  const [row] = await t.db
    .select({ status: detectionClips.status, screeningId: detectionClips.screeningId })
    .from(detectionClips)
    .where(eq(detectionClips.id, id));
  return row!;
}

const screen = (citizenId: string, key?: string) =>
  worker.post(
    `/api/citizens/${citizenId}/screenings`,
    { questionnaireId: tils, answers: notLonely, consent: "not_asked" },
    key ? { headers: { "idempotency-key": key } } : undefined,
  );

describe("a detection form opened from the citizen", () => {
  it("settles the worker's opsporingsklip of the day, once, audited; other days, colleagues and citizens keep theirs", async () => {
    const me = t.tenant.users.home_care_worker.id;
    const other = await colleague("kollega-a");
    const x = await citizen("Klipsen");
    const y = await citizen("Andenborg");
    const todayMine = await grantClip(x.id, me, today);
    const todayColleague = await grantClip(x.id, other, today);
    const yesterday = await grantClip(x.id, me, shift(-1));
    const tomorrow = await grantClip(x.id, me, shift(1));
    const otherCitizen = await grantClip(y.id, me, today);

    const first = await screen(x.id, "form-from-citizen-1");
    expect(first.statusCode).toBe(201);
    const repeat = await screen(x.id, "form-from-citizen-1");
    expect(repeat.json()).toEqual(first.json());

    const screeningId = (first.json() as { id: string }).id;
    expect(await clipState(todayMine)).toEqual({ status: "done", screeningId });
    for (const id of [todayColleague, yesterday, tomorrow, otherCitizen])
      expect(await clipState(id)).toEqual({ status: "planned", screeningId: null });
    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, "detection_clip"),
          eq(auditEvents.entityId, todayMine),
          eq(auditEvents.action, "update"),
        ),
      );
    expect(audited).toHaveLength(1);
    expect(audited[0]!.citizenId).toBe(x.id);

    // The day list no longer offers the settled clip; the overdue one is still there.
    const day = (await worker.get("/api/detection/my-day")).json() as MyDay;
    const ids = day.citizens.flatMap((c) =>
      c.tasks.flatMap((task) => (task.kind === "detection_clip" ? [task.clip.id] : [])),
    );
    expect(ids).not.toContain(todayMine);
    expect(ids).toContain(yesterday);
  });

  it("settles a colleague's clip when it is the only one that day, and none of several colleagues' clips", async () => {
    const a = await colleague("kollega-b");
    const b = await colleague("kollega-c");
    const single = await citizen("Enkeltsen");
    const only = await grantClip(single.id, a, today);
    const res = await screen(single.id);
    expect(await clipState(only)).toEqual({ status: "done", screeningId: (res.json() as { id: string }).id });

    const shared = await citizen("Flersen");
    const first = await grantClip(shared.id, a, today);
    const second = await grantClip(shared.id, b, today);
    expect((await screen(shared.id)).statusCode).toBe(201);
    expect([(await clipState(first)).status, (await clipState(second)).status]).toEqual([
      "planned",
      "planned",
    ]);
  });

  it("still settles exactly the clip the form was opened from", async () => {
    const me = t.tenant.users.home_care_worker.id;
    const c = await citizen("Valgtesen");
    const overdue = await grantClip(c.id, me, shift(-2));
    const todays = await grantClip(c.id, me, today);
    const res = await worker.post(`/api/citizens/${c.id}/screenings`, {
      questionnaireId: tils,
      answers: notLonely,
      consent: "not_asked",
      detectionClipId: overdue,
    });
    expect(res.statusCode).toBe(201);
    expect((await clipState(overdue)).status).toBe("done");
    expect((await clipState(todays)).status).toBe("planned");
  });
});

describe("Mine borgere i dag", () => {
  it("lists each citizen once with all of the day's tasks", async () => {
    const me = t.tenant.users.home_care_worker.id;
    const c = await citizen("Mangeopgaver");
    // New in home care and never screened: a due screening.
    await t.db
      .update(citizens)
      .set({ homeCareSince: shift(-10) })
      .where(eq(citizens.id, c.id));
    await t.db.insert(citizenContacts).values({
      municipalityId: t.tenant.municipality.id,
      citizenId: c.id,
      kind: "contact_person",
      userId: me,
      name: "Mette Lykke",
      relation: "kontaktperson",
    });
    const detectionClip = await grantClip(c.id, me, today);
    const coordinator = await t.as("community_coordinator");
    const course = (await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" })).json() as {
      id: string;
    };
    expect(
      (
        await coordinator.post(`/api/courses/${course.id}/grants`, {
          kind: "accompaniment",
          clips: 2,
          minutesPerClip: 60,
        })
      ).statusCode,
    ).toBe(201);
    const planned = await planner.post(`/api/courses/${course.id}/clips`, {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      plannedOn: today,
      plannedStart: "13:00",
      plannedMinutes: 60,
      workerUserId: me,
    });
    expect(planned.statusCode).toBe(201);
    const contactOnly = await citizen("Kunkontakt");
    await t.db.insert(citizenContacts).values({
      municipalityId: t.tenant.municipality.id,
      citizenId: contactOnly.id,
      kind: "contact_person",
      userId: me,
      name: "Mette Lykke",
      relation: "kontaktperson",
    });

    const res = await worker.get("/api/detection/my-day");
    expect(res.statusCode).toBe(200);
    const day = res.json() as MyDay;
    const shownIds = day.citizens.map((d) => d.citizen.id);
    expect(new Set(shownIds).size).toBe(shownIds.length);
    const card = day.citizens.find((d) => d.citizen.id === c.id)!;
    expect(card.tasks.map((task) => task.kind)).toEqual([
      "clip",
      "detection_clip",
      "screening_due",
      "contact_person",
    ]);
    expect(card.tasks[0]).toMatchObject({
      kind: "clip",
      clip: {
        id: (planned.json() as { id: string }).id,
        plannedStart: "13:00",
        status: "planned",
        courseId: course.id,
      },
    });
    expect(card.tasks[1]).toMatchObject({
      kind: "detection_clip",
      clip: { id: detectionClip, minutes: 30, overdue: false },
    });
    expect(card.tasks[2]).toMatchObject({
      kind: "screening_due",
      reason: "never_screened_new",
      lastScreenedOn: null,
    });
    // A citizen with a timed visit comes before one the worker is only contact person for.
    expect(shownIds.indexOf(c.id)).toBeLessThan(shownIds.indexOf(contactOnly.id));
    expect(day.citizens.find((d) => d.citizen.id === contactOnly.id)!.tasks).toEqual([
      { kind: "contact_person" },
    ]);
    // One audit row for the citizen shown, however many tasks.
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "my_day"), eq(auditEvents.citizenId, c.id)));
    expect(rows).toHaveLength(1);
  });

  it("keeps a private provider's worker to the provider's citizens, also as a named contact", async () => {
    const privateWorker = t.tenant.users.private_worker.id;
    const theirs = t.tenant.citizens.holm;
    const notTheirs = await citizen("Fremmedsen");
    for (const c of [theirs, notTheirs]) {
      await t.db.insert(citizenContacts).values({
        municipalityId: t.tenant.municipality.id,
        citizenId: c.id,
        kind: "contact_person",
        userId: privateWorker,
        name: "Yasmin Kader",
        relation: "kontaktperson",
      });
    }
    const res = await (await t.as("private_worker")).get("/api/detection/my-day");
    const ids = (res.json() as MyDay).citizens.map((d) => d.citizen.id);
    expect(ids).toContain(theirs.id);
    expect(ids).not.toContain(notTheirs.id);
    expect(res.body).not.toContain("Fremmedsen");
  });
});
