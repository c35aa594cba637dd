/**
 * The timeline's entries carry what each kind shows, read column by column (issue 19): the
 * questionnaire's title and the outcome's words come from the municipality's definition in the
 * statement, a conversation's interests and barriers as counts, and no note or CPR number at all.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail, TimelineEntry } from "../../../shared/api/courses.js";
import { citizens, questionnaireDefinitions, screenings } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let coordinator: Client;
let worker: Client;
let tils: {
  id: string;
  title: { da: string; en?: string };
  outcomes: { key: string; label: { da: string; en?: string } }[];
};
const today = copenhagenDate(new Date());

beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  coordinator = await t.as("community_coordinator");
  worker = await t.as("home_care_worker");
  const id = ((await worker.get("/api/questionnaires")).json() as { id: string; key: string }[]).find(
    (q) => q.key === "t-ils",
  )!.id;
  const [row] = await t.db
    .select({ definition: questionnaireDefinitions.definition })
    .from(questionnaireDefinitions)
    .where(eq(questionnaireDefinitions.id, id));
  tils = { id, ...(row!.definition as Omit<typeof tils, "id">) };
});
afterAll(() => t.close());

const timeline = async (citizenId: string, lang: "da" | "en") => {
  const res = await coordinator.get(`/api/citizens/${citizenId}/timeline?limit=200`, {
    headers: { "accept-language": lang },
  });
  expect(res.statusCode).toBe(200);
  return { entries: res.json() as TimelineEntry[], body: res.body };
};
const only = (entries: TimelineEntry[], code: string) => {
  const found = entries.filter((e) => e.code === code);
  expect(found, code).toHaveLength(1);
  return found[0]!;
};

describe("the citizen's timeline, entry by entry", () => {
  it("words a form's questionnaire and outcome from the definition, in the reader's language", async () => {
    const c = await insertCitizen(t.db, t.tenant, { lastName: "Tidslinjesen" });
    const res = await worker.post(`/api/citizens/${c.id}/screenings`, {
      questionnaireId: tils.id,
      answers: { isoleret: "sjaeldent", savner_nogen: "sjaeldent", udenfor: "sjaeldent" },
      consent: "not_asked",
    });
    expect(res.statusCode).toBe(201);
    const [stored] = await t.db
      .select({ id: screenings.id, outcomeKey: screenings.outcomeKey })
      .from(screenings)
      .where(eq(screenings.citizenId, c.id));
    const label = tils.outcomes.find((o) => o.key === stored!.outcomeKey)!.label;
    expect(label.en).toBeTruthy();

    const da = only((await timeline(c.id, "da")).entries, "screening.done");
    expect(da.params).toEqual({
      outcome: label.da,
      questionnaire: tils.title.da,
      colour: expect.any(String),
      consent: "not_asked",
    });
    expect(da.actor).toEqual({ id: t.tenant.users.home_care_worker.id, name: expect.any(String) });
    const en = only((await timeline(c.id, "en")).entries, "screening.done");
    expect(en.params).toMatchObject({ outcome: label.en, questionnaire: tils.title.en ?? tils.title.da });

    // An outcome the definition does not (or no longer) name is shown as its key; none stays none.
    await t.db.update(screenings).set({ outcomeKey: "retired_outcome" }).where(eq(screenings.id, stored!.id));
    expect(only((await timeline(c.id, "da")).entries, "screening.done").params.outcome).toBe(
      "retired_outcome",
    );
    await t.db.update(screenings).set({ outcomeKey: null }).where(eq(screenings.id, stored!.id));
    expect(only((await timeline(c.id, "da")).entries, "screening.done").params.outcome).toBeNull();
  });

  it("counts a conversation's interests and barriers, names its guide, and shows clips without their notes", async () => {
    const c = await insertCitizen(t.db, t.tenant, {
      lastName: "Notesen",
      providerId: t.tenant.orgs.publicProvider.id,
    });
    const opened = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Test" });
    expect(opened.statusCode).toBe(201);
    const course = opened.json() as CourseDetail;
    const guides = (await coordinator.get("/api/course-definitions?kind=conversation_guide")).json() as {
      id: string;
      key: string;
      title: string;
    }[];
    const guide = guides.find((g) => g.key === "narrativ-samtale")!;
    const interests = (
      (await coordinator.get("/api/course-definitions?kind=interest_taxonomy")).json()[0].definition
        .interests as { id: string }[]
    ).map((i) => i.id);
    expect(
      (
        await coordinator.post(`/api/courses/${course.id}/conversations`, {
          kind: "clarification",
          guideId: guide.id,
          interests: interests.slice(0, 3),
          barriers: ["mobility_aid"],
          wishes: "Et privat ønske",
          condition: { severity: 2 },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await coordinator.post(`/api/courses/${course.id}/grants`, {
          kind: "accompaniment",
          clips: 2,
          minutesPerClip: 60,
        })
      ).statusCode,
    ).toBe(201);
    const registered = await worker.post(`/api/courses/${course.id}/clip-registrations`, {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      performedOn: today,
      outcome: "done",
      actualMinutes: 45,
      note: "En fortrolig bemærkning",
    });
    expect(registered.statusCode).toBe(201);

    const { entries, body } = await timeline(c.id, "da");
    const held = only(entries, "conversation.held");
    expect(held.params).toEqual({
      kind: "clarification",
      guide: expect.any(String),
      interests: 3,
      barriers: 1,
    });
    expect(held.params.guide).not.toBe("");
    expect(held.courseId).toBe(course.id);
    expect(only(entries, "clip.done").params).toEqual({
      kind: "accompaniment",
      minutes: 45,
      form: "to_from",
      date: today,
    });
    expect(only(entries, "grant.created").params).toEqual({
      kind: "accompaniment",
      clips: 2,
      minutesPerClip: 60,
      exception: false,
    });
    expect(only(entries, "condition.assessed").params).toMatchObject({ severity: 2 });
    const [{ cpr }] = (await t.db
      .select({ cpr: citizens.cpr })
      .from(citizens)
      .where(eq(citizens.id, c.id))) as [{ cpr: string }];
    for (const secret of ["En fortrolig bemærkning", "Et privat ønske", cpr])
      expect(body).not.toContain(secret);
  });
});
