import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorFields } from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { StatusReport } from "../../../shared/api/reports.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let worker: Client;
let tils: { id: string; items: { id: string; options: { id: string; score: number }[] }[] };
const today = copenhagenDate(new Date());
const period = `from=2026-01-01&to=${today}`;

beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  worker = await t.as("home_care_worker");
  const list = (await worker.get("/api/questionnaires")).json() as {
    id: string;
    key: string;
    definition: typeof tils;
  }[];
  const found = list.find((q) => q.key === "t-ils")!;
  tils = { ...found.definition, id: found.id };
  // 7 forms in Distrikt Nord: 1 excluded (dementia), 6 answered of which 2 lonely.
  for (let i = 0; i < 7; i++) {
    const c = await insertCitizen(t.db, t.tenant, {
      providerId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.north.id,
    });
    const lonely = i < 2;
    const answers = Object.fromEntries(
      tils.items.map((it) => [
        it.id,
        [...it.options].sort((a, b) => (lonely ? b.score - a.score : a.score - b.score))[0]!.id,
      ]),
    );
    const res = await worker.post(`/api/citizens/${c.id}/screenings`, {
      questionnaireId: tils.id,
      answers,
      consent: lonely ? "no" : "not_asked",
      ...(i === 6 ? { exclusion: { reason: "dementia" } } : {}),
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const report = async (who: Client, query = period) =>
  (await who.get(`/api/reports/status?${query}`)).json() as StatusReport;

describe("status report", () => {
  it("counts forms, exclusions by reason, answered and lonely with the share", async () => {
    const r = await report(await t.as("manager"));
    expect(r.figures.formsFilled.value).toBe(7);
    expect(r.figures.excluded.value).toBe(1);
    expect(r.figures.excludedByReason).toEqual([
      { reason: "dementia", count: { value: 1, suppressed: false } },
    ]);
    expect(r.figures.formsAnswered.value).toBe(6);
    expect(r.figures.assessedLonely).toEqual({
      count: { value: 2, suppressed: false },
      of: { value: 6, suppressed: false },
      percent: 33.3,
    });
    expect(r.empty).toBe(false);
  });

  it("narrows to a district and shows zeros, saying so, for a period without data", async () => {
    const manager = await t.as("manager");
    expect(
      (await report(manager, `${period}&districtId=${t.tenant.districts.south.id}`)).figures.formsFilled
        .value,
    ).toBe(0);
    const empty = await report(manager, "from=2020-01-01&to=2020-12-31");
    expect(empty.empty).toBe(true);
    expect(empty.figures.assessedLonely.percent).toBeNull();
  });

  it("refuses a period that ends before it starts, naming the field", async () => {
    const res = await (await t.as("manager")).get("/api/reports/status?from=2026-05-01&to=2026-04-01");
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual(["to"]);
    expect(
      errorFields(await (await t.as("manager")).get("/api/reports/status?from=2026-13-01&to=2026-04-01")),
    ).toEqual(["from"]);
  });

  it("refuses a provider or district that is not the municipality's, naming the field", async () => {
    const manager = await t.as("manager");
    const bad = [
      [`providerId=${randomUUID()}`, "providerId"],
      [`providerId=${t.tenant.orgs.coordinatorUnit.id}`, "providerId"],
      [`providerId=${t.other.orgs.publicProvider.id}`, "providerId"],
      [`districtId=${t.other.districts.north.id}`, "districtId"],
    ] as const;
    for (const [scope, field] of bad) {
      for (const report of ["status", "funnel", "punch-card", "trend", "outcomes"]) {
        const res = await manager.get(`/api/reports/${report}?${period}&${scope}`);
        expect({ report, scope, status: res.statusCode, fields: errorFields(res) }).toEqual({
          report,
          scope,
          status: 400,
          fields: [field],
        });
      }
    }
    expect(
      (await manager.get(`/api/reports/status?${period}&providerId=${t.tenant.orgs.privateProviderA.id}`))
        .statusCode,
    ).toBe(200);
  });

  it("suppresses small numbers for the evaluator, who has no citizen access", async () => {
    const r = await report(await t.as("evaluator"));
    expect(r.suppressed).toBe(true);
    expect(r.figures.formsFilled).toEqual({ value: 7, suppressed: false });
    expect(r.figures.excluded).toEqual({ value: null, suppressed: true });
    expect(r.figures.assessedLonely.percent).toBeNull();
  });

  it("lists the citizens behind a figure for roles with citizen access, not for the evaluator", async () => {
    const manager = await t.as("manager");
    const lonely = (await manager.get(`/api/reports/status/assessedLonely/citizens?${period}`)).json() as {
      id: string;
    }[];
    expect(lonely).toHaveLength(2);
    expect(
      (await (await t.as("evaluator")).get(`/api/reports/status/assessedLonely/citizens?${period}`))
        .statusCode,
    ).toBe(403);
  });

  it("shows the funnel with the drop-out at each step, split by district", async () => {
    const f = (await (await t.as("manager")).get(`/api/reports/funnel?${period}`)).json() as {
      steps: { key: string; count: { value: number }; dropOut: { value: number } | null }[];
      byDistrict: { name: string; steps: { key: string; count: { value: number } }[] }[];
      byProvider: { name: string; steps: { key: string; count: { value: number } }[] }[];
    };
    const step = (key: string) => f.steps.find((s) => s.key === key)!;
    expect([
      step("noticed").count.value,
      step("screened").count.value,
      step("lonely").count.value,
      step("consented").count.value,
    ]).toEqual([7, 6, 2, 0]);
    expect(step("screened").dropOut!.value).toBe(1);
    expect(f.byDistrict.find((d) => d.name === "Distrikt Nord")!.steps[0]!.count.value).toBe(7);
    // Every citizen has one district and one provider, so each split adds up to the total, step by step.
    for (const split of [f.byDistrict, f.byProvider]) {
      expect(split.length).toBeGreaterThan(0);
      for (const s of f.steps) {
        const sum = split.reduce((n, g) => n + (g.steps.find((x) => x.key === s.key)?.count.value ?? 0), 0);
        expect({ step: s.key, n: sum }).toEqual({ step: s.key, n: s.count.value });
      }
    }
  });

  it("exports the status report as CSV with Danish labels, and all reports as an Excel workbook", async () => {
    const manager = await t.as("manager");
    const csv = await manager.get(`/api/reports/status/export.csv?${period}`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Udfyldte opsporingsskemaer,7");
    expect(csv.body).toContain("Vurderet ensomme,2,6,33.3");
    const xlsx = await manager.get(`/api/reports/workbook.xlsx?${period}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("writes suppressed figures as below the threshold in the evaluator's CSV", async () => {
    const csv = await (await t.as("evaluator")).get(`/api/reports/status/export.csv?${period}`);
    expect(csv.body).toContain("Ekskluderet fra målgruppen,<5");
  });

  it("gives the trend month by month, with empty months as zero", async () => {
    const r = (
      await (await t.as("manager")).get(`/api/reports/trend?from=2026-01-01&to=${today}`)
    ).json() as { months: { month: string; forms: { value: number } }[] };
    expect(r.months[0]!.month).toBe("2026-01");
    expect(r.months.at(-1)!.month).toBe(today.slice(0, 7));
    expect(r.months.reduce((n, m) => n + m.forms.value, 0)).toBe(7);
  });
});
