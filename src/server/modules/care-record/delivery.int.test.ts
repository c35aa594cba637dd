/**
 * A citizen's CareDeliveryReport (issue 14 point 2) through the API, for a citizen with a whole
 * course recorded as staff would record it: the Bundle passes the FHIR R4 validator and KL's
 * profile rules, holds every part of the punch-card work, carries no name, address or note, is
 * an export on the audit trail, and is refused where it must be. Also the collection functions
 * the FHIR API and the push build on (batch, _lastUpdated order, cursor, restricted left out).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FullCourse,
  buildFullCourse,
  installErasureCatalog,
} from "../../../../test/support/full-course.js";
import { createTenant, insertCitizen } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import { KL_PROFILES } from "../../../domain/care-record/fhir/codes.js";
import { careResources } from "../../../domain/care-record/fhir/resources.js";
import {
  CareDeliveryReportOutline,
  careDeliveryReportPath,
} from "../../../shared/api/care-record-delivery.js";
import { auditEvents, citizens, organisations } from "../../db/schema/index.js";
import { changedCursor, citizensChangedSince, collectCareData } from "./delivery-collect.js";
import { validateFhirResource } from "./fhir-validation.js";

let t: TestApp;
let full: FullCourse;
let open: FullCourse;
const SOR = "123456789012345";

beforeAll(async () => {
  t = await buildTestApp();
  const activity = await installErasureCatalog(t);
  full = await buildFullCourse(t, activity, {
    firstName: "Leverine",
    lastName: "Omsorgsen",
    addressLine: "Journalvej 14",
  });
  open = await buildFullCourse(
    t,
    activity,
    { firstName: "Åbne", lastName: "Forløbsen", addressLine: "Klippevej 2" },
    { close: false },
  );
  await t.db
    .update(organisations)
    .set({ sorCode: SOR })
    .where(eq(organisations.id, t.tenant.orgs.publicProvider.id));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

interface Entry {
  fullUrl: string;
  resource: {
    resourceType: string;
    id: string;
    meta?: { profile?: string[]; versionId?: string };
    [k: string]: unknown;
  };
}

async function report(citizenId: string) {
  const admin = await t.as("administrator");
  return admin.get(careDeliveryReportPath(citizenId));
}

describe("GET /api/citizens/:id/care-delivery-report", () => {
  it("answers a CareDeliveryReport that FHIR R4 and KL's profile rules accept, as a download without CPR or name", async () => {
    const res = await report(open.citizen.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/fhir\+json/);
    const disposition = String(res.headers["content-disposition"]);
    expect(disposition).toMatch(
      /^attachment; filename="broen-omsorgsjournal-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.fhir\.json"$/,
    );
    expect(disposition).not.toContain(open.citizen.cpr.replace("-", ""));
    const bundle = CareDeliveryReportOutline.parse(res.json());
    expect(bundle.meta.profile).toEqual([KL_PROFILES.deliveryReport]);
    expect(validateFhirResource(bundle).filter((i) => i.severity === "error")).toEqual([]);
    // No name, address, note or wish leaves with it: CareCitizen forbids them, and notes are not delivered.
    for (const secret of open.secrets.filter((s) => s !== open.citizen.cpr))
      expect(res.body).not.toContain(secret);
  });

  it("holds the citizen, the condition with its FSIII code and severity, the plans, the work done, the meetings and the follow-up", async () => {
    const bundle = (await report(open.citizen.id)).json() as { entry: Entry[] };
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types[0]).toBe("Patient");
    expect(new Set(types)).toEqual(
      new Set(["Patient", "Condition", "CarePlan", "Procedure", "Encounter", "Observation"]),
    );
    const patient = bundle.entry[0]!.resource as unknown as {
      identifier: { system: string; value: string }[];
      managingOrganization: { identifier: { system: string; value: string } };
    };
    expect(patient.identifier).toEqual([
      { use: "official", system: "urn:oid:1.2.208.176.1.2", value: open.citizen.cpr.replace("-", "") },
    ]);
    expect(patient.managingOrganization.identifier).toMatchObject({
      system: "urn:oid:1.2.208.176.1.1",
      value: SOR,
    });
    const condition = bundle.entry.find((e) => e.resource.resourceType === "Condition")!
      .resource as unknown as {
      code: { coding: { code: string }[] };
      severity: { coding: { code: string }[] };
    };
    expect(condition.code.coding[0]!.code).toBe("J4.5");
    expect(condition.severity.coding[0]!.code).toBe("B3"); // severity 2 → B3
    const codes = (type: string) =>
      bundle.entry
        .filter((e) => e.resource.resourceType === type)
        .flatMap((e) => {
          const r = e.resource as {
            code?: { coding: { code: string }[] };
            activity?: { detail: { code: { coding: { code: string }[] } } }[];
          };
          return (r.code ?? r.activity?.[0]?.detail.code)?.coding.map((c) => c.code) ?? [];
        });
    // The punch card and the accompaniment intervention (level 2 H7.1 + local level 3), the clip and the conversation done.
    expect(codes("CarePlan")).toEqual(expect.arrayContaining(["H7.1", "H7.1.10", "H7.1.4"]));
    expect(codes("Procedure")).toEqual(expect.arrayContaining(["H7.1.13", "H7.1.2"]));
    const followUp = bundle.entry.find(
      (e) =>
        e.resource.resourceType === "Observation" &&
        e.resource.meta?.profile?.[0] === KL_PROFILES.followUpObservation,
    )!.resource as unknown as { valueCodeableConcept: { coding: { code: string }[] } };
    expect(followUp.valueCodeableConcept.coding[0]!.code).toBe("E1");
    // Every entry claims its KL profile; T-ILS (QuestionnaireResponse) is not part of KL's report.
    for (const e of bundle.entry)
      expect(e.resource.meta?.profile?.[0]).toMatch(
        /^http:\/\/municipality-care-data\.gateway\.kl\.dk\/1\.0\//,
      );
  });

  it("is an export on the citizen's audit trail", async () => {
    await report(full.citizen.id);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.citizenId, full.citizen.id), eq(auditEvents.entityType, "care_delivery_report")),
      );
    expect(rows.map((r) => [r.action, r.entityId])).toContainEqual(["export", full.citizen.id]);
  });

  it("is the administrator's: others are refused", async () => {
    const coordinator = await t.as("community_coordinator");
    expect((await coordinator.get(careDeliveryReportPath(open.citizen.id))).statusCode).toBe(403);
  });

  it("says so when the provider has no SOR code (the care record knows the citizen by it)", async () => {
    const citizen = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.privateProviderA.id });
    const res = await report(citizen.id);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("care_record_provider_sor_missing");
  });

  it("refuses a restricted citizen (no sharing, art. 18) and a citizen of another municipality", async () => {
    const citizen = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.publicProvider.id });
    await t.db.update(citizens).set({ restrictedAt: new Date() }).where(eq(citizens.id, citizen.id));
    const restricted = await report(citizen.id);
    expect([restricted.statusCode, errorOf(restricted).code]).toEqual([409, "citizen_restricted"]);
    const other = await createTenant(t.db);
    expect((await report(other.citizens.andersen.id)).statusCode).toBe(404);
  });
});

describe("collectCareData and citizensChangedSince", () => {
  it("reads a batch in one go; every resource of each citizen is valid R4", async () => {
    const data = await collectCareData(t.db, t.tenant.municipality.id, [
      open.citizen.id,
      full.citizen.id,
      open.citizen.id,
    ]);
    expect(data.map((d) => d.citizenId)).toEqual([open.citizen.id, full.citizen.id]);
    const closed = data[1]!;
    expect(closed.courses[0]!.closedAt).not.toBeNull();
    expect(closed.tils.length).toBe(2); // the detection form and the 6-month questionnaire
    for (const d of data) {
      for (const r of careResources(d))
        expect([r.resourceType, validateFhirResource(r).filter((i) => i.severity === "error")]).toEqual([
          r.resourceType,
          [],
        ]);
    }
  });

  it("orders changed citizens by their latest change, pages by cursor, and leaves restricted citizens out", async () => {
    const m = t.tenant.municipality.id;
    const all = await citizensChangedSince(t.db, m, null, 1000);
    const data = await collectCareData(t.db, m, [open.citizen.id]);
    // The same instant as the builders' lastUpdated.
    expect(all.find((r) => r.citizenId === open.citizen.id)?.lastUpdated.getTime()).toBe(
      data[0]!.lastUpdated.getTime(),
    );
    const sorted = [...all].sort(
      (a, b) => a.lastUpdated.getTime() - b.lastUpdated.getTime() || (a.citizenId < b.citizenId ? -1 : 1),
    );
    expect(all).toEqual(sorted);
    const first = await citizensChangedSince(t.db, m, null, 2);
    const rest = await citizensChangedSince(t.db, m, null, 1000, changedCursor(first[1]!));
    expect([...first, ...rest]).toEqual(all);
    const last = all.at(-1)!;
    expect(await citizensChangedSince(t.db, m, last.lastUpdated, 10)).toEqual([]);
    const hidden = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.publicProvider.id });
    await t.db
      .update(citizens)
      .set({ restrictedAt: new Date(), updatedAt: new Date() })
      .where(eq(citizens.id, hidden.id));
    const now = await citizensChangedSince(t.db, m, null, 1000);
    expect(now.some((r) => r.citizenId === hidden.id)).toBe(false);
    expect(await collectCareData(t.db, m, [hidden.id])).toEqual([]);
  });

  it("sees a new change after the cursor", async () => {
    const m = t.tenant.municipality.id;
    const before = await citizensChangedSince(t.db, m, null, 1000);
    const since = before.at(-1)!.lastUpdated;
    await new Promise((r) => setTimeout(r, 5));
    await t.db.update(citizens).set({ updatedAt: new Date() }).where(eq(citizens.id, full.citizen.id));
    const after = await citizensChangedSince(t.db, m, since, 10);
    expect(after.map((r) => r.citizenId)).toEqual([full.citizen.id]);
  });
});
