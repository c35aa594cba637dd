/**
 * Issue 11, "Tests": a random population (seeded, so a failure can be replayed) recorded through
 * the services — register, detection forms (answered, excluded with and without answers), the
 * citizen form's checkbox, home care starting and ending, phone referrals, accepted referrals,
 * courses opened without a referral, trial visits, follow-ups, baseline and follow-up
 * questionnaires, grants and clips, volunteer-centre referrals — and every status, funnel,
 * punch-card and outcome-pair figure checked against expectations
 * computed by the test (population-count.ts), in plain code over its own log of what it recorded.
 * Neither calls the report code or the domain rules behind it.
 *
 * Time: each request runs now, then every row it wrote is moved to the event's instant (all rows
 * newer than CUTOFF belong to the request just made), so a population spans months.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextCpr } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import type { FunnelReport, OutcomeReport, StatusReport, UsageReport } from "../../../shared/api/reports.js";
import { rawRows } from "../../db/client.js";
import { SeededRandom } from "../../seed/random.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";
import { insertActivity, insertCatalogOrganisation } from "../placements/test-fixtures.js";
import {
  type Entry,
  type Log,
  type Period,
  expectedFunnel,
  expectedPairs,
  expectedStatus,
  expectedUsage,
} from "./population-count.js";

const SEED = 20261105;
const CITIZENS = 44;
const CUTOFF = "2026-09-01T00:00:00Z";
/** Tables whose timestamps a request may write (sessions, audit and keys keep real time). */
const DATED_TABLES = [
  "citizens",
  "screenings",
  "journal_notes",
  "target_group_changes",
  "referrals",
  "referral_events",
  "courses",
  "course_events",
  "follow_ups",
  "outcome_measurements",
  "placements",
  "placement_events",
  "volunteer_referrals",
  "clip_grants",
  "clips",
];

const log: Entry[] = [];
let t: TestApp;
let dated: { table: string; column: string }[] = [];

/** Moves every row written since CUTOFF to the event's instant. */
async function backdate(at: Date) {
  for (const { table, column } of dated) {
    await t.db.execute(
      sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${at.toISOString()}::timestamptz where ${sql.identifier(column)} > ${CUTOFF}::timestamptz`,
    );
  }
}

async function ok<T>(
  p: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status = [200, 201],
): Promise<T> {
  const res = await p;
  if (!status.includes(res.statusCode)) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const day = (month: number, d: number) =>
  `2026-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
/** Around noon in Copenhagen, plus minutes so a citizen's events keep their order (far from any midnight). */
const instant = (isoDay: string, minute: number) =>
  new Date(Date.parse(`${isoDay}T11:00:00Z`) + minute * 60_000);

beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  const columns = await rawRows<{ table_name: string; column_name: string }>(
    t.db,
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type = 'timestamp with time zone'`,
  );
  dated = columns
    .filter((r) => DATED_TABLES.includes(r.table_name))
    .map((r) => ({ table: r.table_name, column: r.column_name }));

  // The tenant's fixture citizens were registered before the population: they join the log as such.
  const fixtures = await rawRows<{
    id: string;
    district_id: string | null;
    in_target_group: boolean;
    home_care_since: string | null;
  }>(
    t.db,
    sql`select id, district_id, in_target_group, home_care_since::text as home_care_since from citizens where municipality_id = ${t.tenant.municipality.id}`,
  );
  const before = new Date("2025-12-01T11:00:00Z");
  await backdate(before);
  for (const c of fixtures) {
    const district =
      c.district_id === t.tenant.districts.north.id
        ? "north"
        : c.district_id === t.tenant.districts.south.id
          ? "south"
          : "other";
    log.push({
      kind: "registered",
      member: c.in_target_group && c.home_care_since !== null,
      citizen: c.id,
      district,
      at: before,
    });
  }

  const planner = await t.as("planner");
  const worker = await t.as("home_care_worker");
  const coordinator = await t.as("community_coordinator");
  const volunteer = await t.as("volunteer_centre_staff");
  const questionnaires = await ok<{ id: string; key: string }[]>(worker.get("/api/questionnaires"));
  const amager = questionnaires.find((q) => q.key === "amager-5")!.id;
  const tils = questionnaires.find((q) => q.key === "t-ils")!.id;
  const activityId = await insertActivity(
    t.db,
    t.tenant.municipality.id,
    await insertCatalogOrganisation(t.db, t.tenant.municipality.id),
  );
  const amagerAnswers = (lonely: boolean) => ({
    ...Object.fromEntries(
      [
        "alene_mod_sin_vilje",
        "savner_fortrolig",
        "dage_uden_samtale",
        "lyst_men_kommer_ikke_afsted",
        "trist_over_at_vaere_alene",
      ].map((id) => [id, lonely ? "ofte" : "sjaeldent"]),
    ),
    faglig_vurdering: "nej",
  });

  // The follow-up's window wide open: the requests run today, months after their backdated baselines.
  await ok(
    (await t.as("administrator")).patch("/api/evaluation/settings", {
      outcomeWindowFromMonths: 1,
      outcomeWindowToMonths: 36,
    }),
  );

  const rng = new SeededRandom(SEED);
  for (let n = 0; n < CITIZENS; n++) {
    const district = rng.chance(0.5) ? "north" : "south";
    // Distinct days in January–June, in order: registration first.
    const days = [...new Set(Array.from({ length: 9 }, () => day(rng.int(1, 6), rng.int(1, 28))))].sort();
    let minute = 0;
    const at = () => instant(days.shift() ?? day(6, 28), minute++);
    const state = {
      inTargetGroup: rng.chance(0.85),
      homeCare: rng.chance(0.8) as boolean,
      course: null as string | null,
      stage: "",
      pendingReferral: null as string | null,
      tried: false,
      baseline: false,
      outcomeFollowUp: false,
      volunteer: false,
      clipsLeft: null as number | null,
    };
    const member = () => state.inTargetGroup && state.homeCare;
    const record = async (entry: Log, when: Date) => {
      await backdate(when);
      log.push({ ...entry, citizen: id, district, at: when });
    };

    let when = at();
    const created = await ok<{ id: string }>(
      planner.post("/api/citizens", {
        cpr: nextCpr(),
        firstName: `Borger${n}`,
        lastName: "Testesen",
        addressLine: `Fjordvej ${n + 1}`,
        postalCode: "9901",
        city: "Fjordby",
        providerId: t.tenant.orgs.publicProvider.id,
        districtId: t.tenant.districts[district].id,
        homeCareSince: state.homeCare ? "2025-06-01" : null,
        inTargetGroup: state.inTargetGroup,
      }),
    );
    const id = created.id;
    await record({ kind: "registered", member: member() }, when);

    const steps = rng.int(3, 10);
    for (let s = 0; s < steps && days.length > 0; s++) {
      when = at();
      const roll = rng.next();
      if (roll < 0.4) {
        // A detection form: answered, excluded with answers, or excluded without answers.
        const shape = rng.next();
        const exclusion = shape < 0.15 ? "dementia" : shape < 0.25 ? "moved" : null;
        const answered = exclusion === null;
        const withAnswers = answered || rng.chance(0.4);
        const lonely = rng.chance(0.45);
        const consent = (["yes", "no", "not_asked"] as const)[rng.int(0, 2)]!;
        const res = await ok<{ referral: { id: string } | null }>(
          worker.post(`/api/citizens/${id}/screenings`, {
            questionnaireId: amager,
            ...(withAnswers ? { answers: amagerAnswers(lonely) } : {}),
            consent: exclusion ? "not_asked" : consent,
            ...(exclusion ? { exclusion: { reason: exclusion } } : {}),
          }),
        );
        if (exclusion) state.inTargetGroup = false;
        await record(
          {
            kind: "form",
            answered,
            positive: answered && lonely,
            consent: exclusion ? "not_asked" : consent,
            exclusion,
          },
          when,
        );
        if (res.referral) {
          // The service sends the advis itself for a lonely citizen who says yes.
          log.push({ kind: "referral", citizen: id, district, at: when });
          state.pendingReferral = res.referral.id;
        }
      } else if (roll < 0.5) {
        const detail = await ok<{ version: number }>(planner.get(`/api/citizens/${id}`));
        state.inTargetGroup = !state.inTargetGroup;
        await ok(
          planner.patch(`/api/citizens/${id}`, {
            version: detail.version,
            inTargetGroup: state.inTargetGroup,
          }),
        );
        await record({ kind: "membership", member: member() }, when);
      } else if (roll < 0.58) {
        const detail = await ok<{ version: number }>(planner.get(`/api/citizens/${id}`));
        state.homeCare = !state.homeCare;
        await ok(
          planner.patch(`/api/citizens/${id}`, {
            version: detail.version,
            homeCareSince: state.homeCare ? "2026-01-01" : null,
          }),
        );
        await record({ kind: "membership", member: member() }, when);
      } else if (roll < 0.66 && !state.pendingReferral) {
        const r = await ok<{ id: string }>(
          coordinator.post("/api/referrals", {
            source: "relative",
            channel: "phone",
            citizenId: id,
            reason: "Datteren ringede",
          }),
        );
        state.pendingReferral = r.id;
        await record({ kind: "referral" }, when);
      } else if (roll < 0.78 && state.pendingReferral) {
        const r = await ok<{ courseId: string | null }>(
          coordinator.post(`/api/referrals/${state.pendingReferral}/decision`, { action: "accept" }),
        );
        state.pendingReferral = null;
        if (!state.course) {
          state.course = r.courseId;
          state.stage = "clarification";
          await record({ kind: "course" }, when);
        } else await backdate(when);
      } else if (roll < 0.84 && !state.course) {
        const c = await ok<{ id: string }>(
          coordinator.post(`/api/citizens/${id}/courses`, { reason: "Kontaktet direkte" }),
        );
        state.course = c.id;
        state.stage = "clarification";
        await record({ kind: "course" }, when);
      } else if (state.course) {
        const course = state.course;
        const what = rng.next();
        if (what < 0.2 && state.clipsLeft === null) {
          const clips = rng.int(2, 4);
          await ok(
            coordinator.post(`/api/courses/${course}/grants`, {
              kind: "accompaniment",
              clips,
              minutesPerClip: 120,
            }),
          );
          state.clipsLeft = clips;
          await record({ kind: "grant", clips }, when);
        } else if (what < 0.4 && state.clipsLeft) {
          // Performed on the event's day (Copenhagen): on or after the day the course opened, never in the future.
          const minutes = rng.int(6, 24) * 5;
          const performedOn = when.toISOString().slice(0, 10);
          await ok(
            worker.post(`/api/courses/${course}/clip-registrations`, {
              kind: "accompaniment",
              accompanimentForm: "to_from",
              performedOn,
              outcome: "done",
              actualMinutes: minutes,
            }),
          );
          state.clipsLeft--;
          await record({ kind: "clip", minutes }, when);
        } else if (what < 0.5 && state.baseline && !state.outcomeFollowUp) {
          await ok(
            coordinator.post(`/api/courses/${course}/outcomes/follow_up`, {
              questionnaireId: tils,
              answers: { isoleret: "sjaeldent", savner_nogen: "en_gang_imellem", udenfor: "sjaeldent" },
            }),
          );
          state.outcomeFollowUp = true;
          await record({ kind: "outcomeFollowUp", course }, when);
        } else if (what < 0.58 && !state.tried) {
          const p = await ok<{ id: string; version: number }>(
            coordinator.post(`/api/courses/${course}/placements`, { activityId }),
          );
          await ok(
            coordinator.post(`/api/placements/${p.id}/status`, { to: "trial_visit", version: p.version }),
          );
          state.tried = true;
          await record({ kind: "trial" }, when);
        } else if (what < 0.75) {
          if (state.stage === "clarification") {
            const v = (await ok<{ version: number }>(coordinator.get(`/api/courses/${course}`))).version;
            await ok(coordinator.post(`/api/courses/${course}/stage`, { to: "guidance", version: v }));
            state.stage = "guidance";
          }
          const still = rng.chance(0.6);
          const v = (await ok<{ version: number }>(coordinator.get(`/api/courses/${course}`))).version;
          await ok(
            coordinator.post(`/api/courses/${course}/follow-ups`, {
              result: "E2",
              stillParticipating: still,
              version: v,
            }),
          );
          await record({ kind: "followUp", still }, when);
        } else if (what < 0.9 && !state.baseline) {
          await ok(
            coordinator.post(`/api/courses/${course}/outcomes/baseline`, {
              questionnaireId: tils,
              answers: { isoleret: "ofte", savner_nogen: "ofte", udenfor: "en_gang_imellem" },
            }),
          );
          state.baseline = true;
          await record({ kind: "baseline" }, when);
        } else if (!state.volunteer) {
          const v = await ok<{ id: string }>(
            coordinator.post(`/api/courses/${course}/volunteer-referrals`, {
              toOrganisationId: t.tenant.orgs.volunteerCentre.id,
              consentFields: ["firstName"],
              message: "Ønsker en besøgsven",
            }),
          );
          // Answered the same day, so "matched" means the same under either reading of issue 11 point 4.
          const matched = rng.chance(0.6);
          await ok(
            volunteer.post(
              `/api/volunteer-referrals/${v.id}/answer`,
              matched
                ? { status: "matched", matchKind: "visiting_friend", answer: "Fundet" }
                : { status: "no_match", answer: "Ingen" },
            ),
          );
          state.volunteer = true;
          await record({ kind: "volunteerReferral", matched }, when);
        } else await backdate(when);
      }
    }
  }
}, 600_000);
afterAll(() => t.close());

const PERIODS: Period[] = [
  { from: "2026-01-01", to: "2026-06-30" },
  { from: "2026-02-01", to: "2026-03-31" },
  { from: "2026-03-15", to: "2026-05-20", district: "north" },
  { from: "2026-05-01", to: "2026-06-30", district: "south" },
];
const query = (p: Period) =>
  `from=${p.from}&to=${p.to}${p.district ? `&districtId=${t.tenant.districts[p.district].id}` : ""}`;

describe("a random population, counted independently", () => {
  it("has a population that exercises every figure", () => {
    const kinds = new Set(log.map((e) => e.kind));
    expect([...kinds].sort()).toEqual([
      "baseline",
      "clip",
      "course",
      "followUp",
      "form",
      "grant",
      "membership",
      "outcomeFollowUp",
      "referral",
      "registered",
      "trial",
      "volunteerReferral",
    ]);
    expect(log.some((e) => e.kind === "form" && e.exclusion && !e.answered)).toBe(true);
  });

  for (const [i, p] of PERIODS.entries()) {
    it(`prints the independent count in the status report (period ${i + 1}: ${p.from} – ${p.to}${p.district ? `, ${p.district}` : ""})`, async () => {
      const manager = await t.as("manager");
      const r = await ok<StatusReport>(manager.get(`/api/reports/status?${query(p)}`));
      const e = expectedStatus(log, p);
      const f = r.figures;
      expect({
        formsFilled: f.formsFilled.value,
        formsAnswered: f.formsAnswered.value,
        excluded: f.excluded.value,
        excludedByReason: f.excludedByReason.map((x) => [x.reason, x.count.value]),
        assessedLonely: [f.assessedLonely.count.value, f.assessedLonely.of.value, f.assessedLonely.percent],
        baselineQuestionnaires: f.baselineQuestionnaires.value,
        targetGroup: f.targetGroup.value,
        entered: f.entered.value,
        left: f.left.value,
      }).toEqual(e.citizens);
      const g = r.forms;
      expect({
        formsFilled: g.formsFilled.value,
        formsAnswered: g.formsAnswered.value,
        excluded: g.excluded.value,
        excludedByReason: g.excludedByReason.map((x) => [x.reason, x.count.value]),
        assessedLonely: [g.assessedLonely.count.value, g.assessedLonely.of.value, g.assessedLonely.percent],
        baselineQuestionnaires: g.baselineQuestionnaires.value,
      }).toEqual(e.forms);
      expect({
        volunteerReferrals: f.volunteerReferrals.value,
        matched: [f.matched.count.value, f.matched.of.value, f.matched.percent],
      }).toEqual(e.referrals);
      expect(r.targetGroupOn).toBe(p.to);
      // Count and list agree: the citizens behind each target-group figure are as many as it says.
      for (const figure of ["targetGroup", "entered", "left"] as const) {
        const list = await ok<unknown[]>(manager.get(`/api/reports/status/${figure}/citizens?${query(p)}`));
        expect({ figure, n: list.length }).toEqual({ figure, n: f[figure].value });
      }
    });

    it(`prints the independent count in punch-card use and the outcome pairs (period ${i + 1})`, async () => {
      const manager = await t.as("manager");
      const usage = await ok<UsageReport>(manager.get(`/api/reports/punch-card?${query(p)}`));
      const acc = usage.kinds.find((k) => k.kind === "accompaniment");
      expect({
        granted: acc?.granted.value ?? 0,
        used: acc?.used.value ?? 0,
        usedMinutes: acc?.usedMinutes.value ?? 0,
      }).toEqual(expectedUsage(log, p));
      const outcomes = await ok<OutcomeReport>(manager.get(`/api/reports/outcomes?${query(p)}`));
      expect(outcomes.pairs.value).toBe(expectedPairs(log, p).length);
      expect(outcomes.citizens.map((c) => c.citizen.id).sort()).toEqual(expectedPairs(log, p));
    });

    it(`prints the independent cohort in the funnel (period ${i + 1})`, async () => {
      const r = await ok<FunnelReport>((await t.as("manager")).get(`/api/reports/funnel?${query(p)}`));
      expect(
        r.steps.map((s) => ({
          key: s.key,
          count: s.count.value,
          dropOut: s.dropOut?.value ?? null,
          percent: s.percentOfPrevious,
          enteredHere: s.enteredHere.value,
        })),
      ).toEqual(expectedFunnel(log, p));
      for (const [k, s] of r.steps.entries())
        if (k > 0) expect(s.count.value!).toBeLessThanOrEqual(r.steps[k - 1]!.count.value!);
    });
  }
});
