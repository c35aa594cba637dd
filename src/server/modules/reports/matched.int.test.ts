/**
 * "Matched" has one meaning (issue 11 point 4): the status report and the volunteer centre's
 * statistics count the same figures for the same data — matches recorded in the period, also
 * one later reported too complex, and those that ended as their own figure.
 */
import { addDays, formatISO, parseISO } from "date-fns";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type { VolunteerStats } from "../../../shared/api/placements.js";
import type { StatusReport } from "../../../shared/api/reports.js";
import { volunteerReferrals } from "../../db/schema/index.js";

let t: TestApp;
let coordinator: Client;
let volunteer: Client;
let manager: Client;
const today = copenhagenDate(new Date());
const daysAgo = (n: number) => formatISO(addDays(parseISO(today), -n), { representation: "date" });
const ids: Record<string, string> = {};

async function refer(): Promise<string> {
  const c = await insertCitizen(t.db, t.tenant);
  const course = (
    await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Ønsker en besøgsven" })
  ).json() as CourseDetail;
  const res = await coordinator.post(`/api/courses/${course.id}/volunteer-referrals`, {
    toOrganisationId: t.tenant.orgs.volunteerCentre.id,
    consentFields: ["firstName"],
    message: "Ønsker en besøgsven",
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function answer(id: string, body: Record<string, unknown>) {
  const res = await volunteer.post(`/api/volunteer-referrals/${id}/answer`, body);
  expect(res.statusCode, res.body).toBe(200);
}

const MATCH = { status: "matched", matchKind: "visiting_friend", answer: "Besøgsven fundet" };
const TOO_COMPLEX = { status: "too_complex", answer: "Opgaven blev for kompleks for en frivillig" };

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  volunteer = await t.as("volunteer_centre_staff");
  manager = await t.as("manager");
  ids.matched = await refer();
  await answer(ids.matched, MATCH);
  // Matched, then reported too complex: a match was made, and it ended.
  ids.ended = await refer();
  await answer(ids.ended, MATCH);
  await answer(ids.ended, TOO_COMPLEX);
  ids.noMatch = await refer();
  await answer(ids.noMatch, { status: "no_match", answer: "Ingen frivillig i området" });
  ids.tooComplex = await refer();
  await answer(ids.tooComplex, TOO_COMPLEX);
  ids.waiting = await refer();
  // Sent 40 days ago, matched today: the match belongs to today, the referral to its own day.
  ids.early = await refer();
  await answer(ids.early, MATCH);
  await t.db
    .update(volunteerReferrals)
    .set({ createdAt: copenhagenInstant(daysAgo(40), "10:00") })
    .where(eq(volunteerReferrals.id, ids.early));
}, 60_000);
afterAll(() => t.close());

async function both(from: string, to: string) {
  const status = (await manager.get(`/api/reports/status?from=${from}&to=${to}`)).json() as StatusReport;
  const stats = (
    await coordinator.get(`/api/volunteer-referrals/stats?from=${from}&to=${to}`)
  ).json() as VolunteerStats;
  return { status: status.figures, stats };
}

describe("one definition of matched", () => {
  it("records when the match was made and when it ended, apart from the latest answer", async () => {
    const [row] = await t.db.select().from(volunteerReferrals).where(eq(volunteerReferrals.id, ids.ended!));
    expect(row!.status).toBe("too_complex");
    expect(row!.matchKind).toBe("visiting_friend");
    expect(row!.matchedAt).toBeInstanceOf(Date);
    expect(row!.matchEndedAt).toBeInstanceOf(Date);
    expect(row!.matchEndedAt!.getTime()).toBeGreaterThanOrEqual(row!.matchedAt!.getTime());
    const [direct] = await t.db
      .select()
      .from(volunteerReferrals)
      .where(eq(volunteerReferrals.id, ids.tooComplex!));
    expect({ matchedAt: direct!.matchedAt, matchEndedAt: direct!.matchEndedAt }).toEqual({
      matchedAt: null,
      matchEndedAt: null,
    });
  });

  it("counts matches recorded in the period — also one that later ended — and the ended ones apart, in both places", async () => {
    const { status, stats } = await both(today, today);
    // Sent today: matched, ended, noMatch, tooComplex, waiting. Matched today: matched, ended, early.
    expect(status.volunteerReferrals.value).toBe(5);
    expect(status.matched).toEqual({
      count: { value: 3, suppressed: false },
      of: { value: 5, suppressed: false },
      percent: 60,
    });
    expect(status.matchesEnded.value).toBe(1);
    expect(stats).toMatchObject({
      referred: 5,
      matched: 3,
      matchesEnded: 1,
      answered: 4,
      noMatch: 1,
      tooComplex: 1,
      share: 60,
    });
  });

  it("gives the same numbers for any period, in both places", async () => {
    // The ended match was made 10 days ago and ended today.
    await t.db
      .update(volunteerReferrals)
      .set({ matchedAt: copenhagenInstant(daysAgo(10), "09:00") })
      .where(eq(volunteerReferrals.id, ids.ended!));
    const periods: [string, string][] = [
      [daysAgo(60), today],
      [daysAgo(45), daysAgo(20)],
      [daysAgo(12), daysAgo(5)],
      [today, today],
      [daysAgo(10), daysAgo(10)],
    ];
    const seen: Record<string, { referred: number | null; matched: number | null; ended: number | null }> =
      {};
    for (const [from, to] of periods) {
      const { status, stats } = await both(from, to);
      expect({
        period: [from, to],
        referred: status.volunteerReferrals.value,
        matched: status.matched.count.value,
        ended: status.matchesEnded.value,
        share: status.matched.percent,
      }).toEqual({
        period: [from, to],
        referred: stats.referred,
        matched: stats.matched,
        ended: stats.matchesEnded,
        share: stats.share,
      });
      seen[`${from}/${to}`] = { referred: stats.referred, matched: stats.matched, ended: stats.matchesEnded };
    }
    expect(seen[`${daysAgo(60)}/${today}`]).toEqual({ referred: 6, matched: 3, ended: 1 });
    // Only the referral sent 40 days ago; its match is today's.
    expect(seen[`${daysAgo(45)}/${daysAgo(20)}`]).toEqual({ referred: 1, matched: 0, ended: 0 });
    // The match made 10 days ago had not ended by the period's end.
    expect(seen[`${daysAgo(12)}/${daysAgo(5)}`]).toEqual({ referred: 0, matched: 1, ended: 0 });
    expect(seen[`${today}/${today}`]).toEqual({ referred: 5, matched: 2, ended: 0 });
  });

  it("lists the citizens behind the ended matches", async () => {
    const res = await coordinator.get(
      `/api/reports/status/matchesEnded/citizens?from=${daysAgo(60)}&to=${today}`,
    );
    expect(res.statusCode).toBe(200);
    expect((res.json() as unknown[]).length).toBe(1);
  });

  it("writes the ended matches as their own row of the CSV", async () => {
    const csv = (await manager.get(`/api/reports/status/export.csv?from=${daysAgo(60)}&to=${today}`)).body;
    expect(csv).toContain("Matchet,3,6,50");
    expect(csv).toContain("Heraf match ophørt (for kompleks),1");
  });
});
