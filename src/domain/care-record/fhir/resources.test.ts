/**
 * The FHIR builders (issue 14 point 2): stable ids, meta, references, the condition's severity
 * history as versions, what the delivery report admits. Validation against R4 and KL's rules:
 * src/server/modules/care-record/fhir-validation.test.ts.
 */
import { describe, expect, it } from "vitest";
import { KL_PROFILES } from "./codes.js";
import { careDeliveryReport, careIds, careResources } from "./resources.js";
import { sampleCareData } from "./sample-care-data.js";

const d = sampleCareData();
const at = new Date("2026-06-01T00:00:00.000Z");

describe("careResources", () => {
  it("is the same for the same data, with ids from Broen's ids", () => {
    expect(careResources(d)).toEqual(careResources(sampleCareData()));
    const ids = careResources(d).map((r) => `${r.resourceType}/${r.id}`);
    expect(ids).toContain(`Patient/${d.citizenId}`);
    expect(ids).toContain(`Condition/${careIds.condition(d.citizenId)}`);
    expect(ids).toContain(`CarePlan/${careIds.punchCard(d.courses[0]!.id)}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of careResources(d)) expect(r.id).toMatch(/^[A-Za-z0-9.-]{1,64}$/);
  });

  it("names the CPR as ten digits and nothing else about the person", () => {
    const patient = careResources(d)[0] as unknown as Record<string, unknown>;
    expect(Object.keys(patient).sort()).toEqual([
      "id",
      "identifier",
      "managingOrganization",
      "meta",
      "resourceType",
    ]);
    expect(JSON.stringify(patient)).toContain('"0101504001"');
  });

  it("gives the current severity, the follow-up planned and the lastUpdated of each row", () => {
    const condition = careResources(d).find((r) => r.resourceType === "Condition") as unknown as {
      severity: { coding: { code: string }[] };
      meta: { versionId: string; lastUpdated: string };
      recordedDate: string;
      extension: { valueReference: { reference: string } }[];
    };
    expect(condition.severity.coding[0]!.code).toBe("B2"); // the last assessment: severity 1
    expect(condition.meta).toMatchObject({ versionId: "2", lastUpdated: "2026-05-04T10:00:00.000Z" });
    expect(condition.recordedDate).toBe("2026-02-02T10:00:00.000Z");
    // The booked follow-up meeting is the planned follow-up: no second encounter for nextFollowUpOn.
    expect(condition.extension[0]!.valueReference.reference).toBe(`Encounter/${d.conversations[1]!.id}`);
    expect(careResources(d).some((r) => r.id === careIds.nextFollowUp(d.courses[0]!.id))).toBe(false);
  });

  it("plans a follow-up encounter from the course's next follow-up day when no meeting is booked", () => {
    const resources = careResources(
      sampleCareData({ conversations: d.conversations.filter((c) => c.status === "held") }),
    );
    const planned = resources.find((r) => r.id === careIds.nextFollowUp(d.courses[0]!.id)) as unknown as {
      status: string;
      period: { start: string };
    };
    expect(planned).toMatchObject({ status: "planned", period: { start: "2026-08-03" } });
  });

  it("gives T-ILS as a QuestionnaireResponse and its score as an Observation", () => {
    const tils = careResources(d).filter(
      (r) => r.resourceType === "QuestionnaireResponse" || r.id === careIds.tilsScore(d.tils[0]!.id),
    );
    expect(tils.map((r) => r.resourceType)).toEqual(["QuestionnaireResponse", "Observation"]);
    expect((tils[1] as unknown as { valueInteger: number }).valueInteger).toBe(8);
  });
});

describe("careDeliveryReport", () => {
  const report = careDeliveryReport(d, at);

  it("is a collection Bundle in KL's profile, citizen first, every entry by <Type>/<id>", () => {
    expect(report).toMatchObject({
      resourceType: "Bundle",
      id: d.citizenId,
      type: "collection",
      timestamp: at.toISOString(),
    });
    expect(report.meta?.profile).toEqual([KL_PROFILES.deliveryReport]);
    expect(report.meta?.lastUpdated).toBe(d.lastUpdated.toISOString());
    expect(report.entry?.[0]?.resource?.resourceType).toBe("Patient");
    for (const e of report.entry ?? [])
      expect(e.fullUrl).toBe(`${e.resource?.resourceType}/${e.resource?.id}`);
  });

  it("carries the condition's severity history as versions of one Condition, oldest first", () => {
    const versions = (report.entry ?? [])
      .filter((e) => e.resource?.resourceType === "Condition")
      .map(
        (e) =>
          e.resource as unknown as { meta: { versionId: string }; severity: { coding: { code: string }[] } },
      );
    expect(versions.map((c) => [c.meta.versionId, c.severity.coding[0]!.code])).toEqual([
      ["1", "B4"],
      ["2", "B2"],
    ]);
  });

  it("leaves out what KL's report does not admit (T-ILS), keeps KL's observations", () => {
    const types = (report.entry ?? []).map((e) => e.resource?.resourceType);
    expect(types).not.toContain("QuestionnaireResponse");
    const observations = (report.entry ?? []).filter((e) => e.resource?.resourceType === "Observation");
    expect(observations.map((e) => e.resource?.meta?.profile?.[0]).sort()).toEqual(
      [KL_PROFILES.citizensOwnObservation, KL_PROFILES.followUpObservation].sort(),
    );
  });
});
