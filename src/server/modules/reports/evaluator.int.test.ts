import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import { auditEvents, citizens } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
const today = copenhagenDate(new Date());
const url = `/api/reports/evaluator-dataset.csv?from=2026-01-01&to=${today}`;
const created: { id: string; cpr: string; name: string }[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  const worker = await t.as("home_care_worker");
  const list = (await worker.get("/api/questionnaires")).json() as {
    id: string;
    key: string;
    definition: { items: { id: string; options: { id: string }[] }[] };
  }[];
  const tils = list.find((q) => q.key === "t-ils")!;
  // Six citizens in Distrikt Nord and one in Distrikt Syd (fewer than 5: written as "øvrige").
  for (let i = 0; i < 7; i++) {
    const c = await insertCitizen(t.db, t.tenant, {
      providerId: t.tenant.orgs.publicProvider.id,
      districtId: i < 6 ? t.tenant.districts.north.id : t.tenant.districts.south.id,
    });
    const [row] = await t.db.select().from(citizens).where(eq(citizens.id, c.id));
    created.push({ id: c.id, cpr: row!.cpr, name: `${row!.firstName} ${row!.lastName}` });
    const answers = Object.fromEntries(tils.definition.items.map((it) => [it.id, it.options[0]!.id]));
    await worker.post(`/api/citizens/${c.id}/screenings`, {
      questionnaireId: tils.id,
      answers,
      consent: "not_asked",
      observation: "Hemmelig notetekst om borgeren",
    });
  }
});
afterAll(() => t.close());

const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n")
    .map((l) => l.split(","));

describe("the evaluator's pseudonymised dataset", () => {
  it("has one row per citizen with pseudonym and birth year — no names, CPR numbers or notes", async () => {
    const res = await (await t.as("evaluator")).get(url);
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = rowsOf(res.body);
    expect(header!.slice(0, 3)).toEqual(["pseudonym", "birth_year", "district"]);
    expect(rows).toHaveLength(7);
    for (const c of created) {
      expect(res.body).not.toContain(c.cpr);
      expect(res.body).not.toContain(c.cpr.slice(0, 6));
      expect(res.body).not.toContain(c.name.split(" ")[1]!);
      expect(res.body).not.toContain(c.id);
    }
    expect(res.body).not.toContain("Hemmelig");
    expect(rows.every((r) => /^P-[0-9a-f]{16}$/.test(r[0]!) && /^\d{4}$/.test(r[1]!))).toBe(true);
  });

  it("keeps pseudonyms stable across exports", async () => {
    const evaluator = await t.as("evaluator");
    const a = rowsOf((await evaluator.get(url)).body).map((r) => r[0]);
    const b = rowsOf((await evaluator.get(url)).body).map((r) => r[0]);
    expect(b).toEqual(a);
  });

  it("writes a district with fewer citizens than the threshold as 'øvrige'", async () => {
    const rows = rowsOf((await (await t.as("evaluator")).get(url)).body).slice(1);
    expect(rows.filter((r) => r[2] === "Distrikt Nord")).toHaveLength(6);
    expect(rows.filter((r) => r[2] === "øvrige")).toHaveLength(1);
    expect(rows.some((r) => r[2] === "Distrikt Syd")).toBe(false);
  });

  it("audits the export on each citizen's trail, and refuses other roles", async () => {
    await (await t.as("evaluator")).get(url);
    const trail = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, created[0]!.id), eq(auditEvents.entityType, "evaluator_dataset")));
    expect(trail.length).toBeGreaterThan(0);
    expect(trail[0]!.action).toBe("export");
    expect((await (await t.as("manager")).get(url)).statusCode).toBe(403);
  });
});
