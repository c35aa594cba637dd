/**
 * The demo municipality's whole population as CareDeliveryReports (issue 14): every citizen's
 * report, built from the demo seed's varied courses, passes FHIR R4 and KL's profile rules — so
 * what the push would send from a fresh installation is valid, not only the hand-made cases.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../../test/support/test-db.js";
import { careDeliveryReport } from "../../../domain/care-record/fhir/resources.js";
import { municipalities } from "../../db/schema/index.js";
import { seedDemo } from "../../seed/demo.js";
import { citizensChangedSince, collectCareData } from "./delivery-collect.js";
import { validateFhirResource } from "./fhir-validation.js";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await openTestDatabase();
  await seedDemo(testDb.database.db);
}, 120_000);

afterAll(async () => {
  await testDb?.close();
});

it("every demo citizen's delivery report is valid", async () => {
  const db = testDb.database.db;
  const [m] = await db.select({ id: municipalities.id }).from(municipalities);
  const changed = await citizensChangedSince(db, m!.id, null, 100_000);
  expect(changed.length).toBeGreaterThan(50);
  const data = await collectCareData(
    db,
    m!.id,
    changed.map((c) => c.citizenId),
  );
  expect(data.length).toBe(changed.length);
  const withWork = data.filter(
    (d) => d.clips.length > 0 && d.assessments.length > 0 && d.followUps.length > 0,
  );
  expect(withWork.length).toBeGreaterThan(0);
  const invalid: string[] = [];
  for (const d of data) {
    expect(d.providerSorCode === null || /^\d+$/.test(d.providerSorCode)).toBe(true);
    if (!d.providerSorCode) continue;
    const issues = validateFhirResource(careDeliveryReport(d, new Date())).filter(
      (i) => i.severity === "error",
    );
    if (issues.length > 0)
      invalid.push(`${d.citizenId}: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
  }
  expect(invalid).toEqual([]);
}, 120_000);
