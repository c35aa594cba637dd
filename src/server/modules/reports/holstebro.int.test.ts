/**
 * End-to-end data test of the status report: a population recorded through the API that mirrors
 * Holstebro's status table (seed 004, "status pr. 1.12.18"): 238 forms, 33 excluded, 205
 * answered, 42 lonely (20.5 %), 36 baseline questionnaires, 36 referrals to the volunteer centre,
 * 27 matched (75 %). The report must print exactly those figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type { StatusReport } from "../../../shared/api/reports.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
const today = copenhagenDate(new Date());

beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  const worker = await t.as("home_care_worker");
  const coordinator = await t.as("community_coordinator");
  const volunteer = await t.as("volunteer_centre_staff");
  const list = (await worker.get("/api/questionnaires")).json() as {
    id: string;
    key: string;
    definition: { items: { id: string; options: { id: string; score: number }[] }[] };
  }[];
  const tils = list.find((q) => q.key === "t-ils")!;
  const answers = (lonely: boolean) =>
    Object.fromEntries(
      tils.definition.items.map((i) => [
        i.id,
        [...i.options].sort((a, b) => (lonely ? b.score - a.score : a.score - b.score))[0]!.id,
      ]),
    );

  const lonelyCitizens: string[] = [];
  for (let i = 0; i < 238; i++) {
    const c = await insertCitizen(t.db, t.tenant, {
      providerId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.north.id,
    });
    const excluded = i < 33;
    const lonely = !excluded && i < 33 + 42;
    const res = await worker.post(`/api/citizens/${c.id}/screenings`, {
      questionnaireId: tils.id,
      answers: answers(lonely),
      consent: lonely ? "no" : "not_asked",
      ...(excluded ? { exclusion: { reason: i < 20 ? "dementia" : "other" } } : {}),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    if (lonely) lonelyCitizens.push(c.id);
  }
  for (const [n, citizenId] of lonelyCitizens.slice(0, 36).entries()) {
    const course = (
      await coordinator.post(`/api/citizens/${citizenId}/courses`, { reason: "Ensom ifølge opsporingen" })
    ).json() as CourseDetail;
    // The T-ILS answered at detection the same day is the course's baseline (issue 11 point 6): not asked twice.
    const outcomes = (await coordinator.get(`/api/courses/${course.id}/outcomes`)).json() as {
      phase: string;
      fromDetection: boolean;
      answeredAt: string | null;
    }[];
    const baseline = outcomes.find((m) => m.phase === "baseline");
    if (!baseline?.fromDetection || !baseline.answeredAt)
      throw new Error(`baseline not taken from detection: ${JSON.stringify(outcomes)}`);
    const referral = await coordinator.post(`/api/courses/${course.id}/volunteer-referrals`, {
      toOrganisationId: t.tenant.orgs.volunteerCentre.id,
      consentFields: ["firstName", "interests"],
      message: "Ønsker en besøgsven",
    });
    if (referral.statusCode !== 201) throw new Error(referral.body);
    const answer =
      n < 27
        ? { status: "matched", matchKind: "visiting_friend", answer: "Besøgsven fundet" }
        : { status: "no_match", answer: "Ingen frivillig i området endnu" };
    const answered = await volunteer.post(`/api/volunteer-referrals/${referral.json().id}/answer`, answer);
    if (answered.statusCode !== 200) throw new Error(answered.body);
  }
}, 240_000);
afterAll(() => t.close());

describe("the status report on Holstebro's numbers", () => {
  it("prints exactly Holstebro's figures: 238 forms, 33 excluded, 205 answered, 42 lonely (20.5 %), 36 baseline, 36 referred, 27 matched (75 %)", async () => {
    const r = (
      await (await t.as("manager")).get(`/api/reports/status?from=2026-01-01&to=${today}`)
    ).json() as StatusReport;
    const f = r.figures;
    expect(f.formsFilled.value).toBe(238);
    expect(f.excluded.value).toBe(33);
    expect(f.formsAnswered.value).toBe(205);
    expect(f.assessedLonely).toEqual({
      count: { value: 42, suppressed: false },
      of: { value: 205, suppressed: false },
      percent: 20.5,
    });
    expect(f.baselineQuestionnaires.value).toBe(36);
    expect(f.volunteerReferrals.value).toBe(36);
    expect(f.matched).toEqual({
      count: { value: 27, suppressed: false },
      of: { value: 36, suppressed: false },
      percent: 75,
    });
  });

  it("prints the same figures in the CSV export", async () => {
    const csv = (
      await (await t.as("manager")).get(`/api/reports/status/export.csv?from=2026-01-01&to=${today}`)
    ).body;
    expect(csv).toContain("Vurderet ensomme,42,205,20.5");
    expect(csv).toContain("Matchet,27,36,75");
    expect(csv).toContain("Udfyldte opsporingsskemaer,238");
  });
});
