/**
 * The validator every FHIR resource passes (issue 14): the R4 base definitions through
 * @medplum/core, and KL Gateway's profile rules. KL's own example instances (transcribed from the
 * FSH of hl7dk/kl-gateway-care-data) pass; Broen's builders pass; each kind of break is caught.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { KL_PROFILES } from "../../../domain/care-record/fhir/codes.js";
import { careDeliveryReport, careResources } from "../../../domain/care-record/fhir/resources.js";
import { sampleCareData } from "../../../domain/care-record/fhir/sample-care-data.js";
import { validateFhirResource } from "./fhir-validation.js";

// The first validation loads FHIR R4's definitions (several seconds on a busy 2-core machine): paid
// here, with room, not inside whichever test happens to run first and its 5-second limit.
beforeAll(() => {
  validateFhirResource({ resourceType: "Patient", id: "warm-up" });
}, 60_000);

const FSIII = "http://kl.dk/fhir/common/caresocial/CodeSystem/FSIII";
const errors = (r: unknown) => validateFhirResource(r).filter((i) => i.severity === "error");
const clone = <T>(v: T): T => structuredClone(v);

// KL's examples (input/fsh/*.fsh), with meta.profile as an instance of the profile claims it.
const TestPerson = {
  resourceType: "Patient",
  id: "TestPerson",
  meta: { profile: [KL_PROFILES.citizen] },
  identifier: [{ use: "official", value: "0101010101", system: "urn:oid:1.2.208.176.1.2" }],
  managingOrganization: {
    identifier: { use: "official", value: "123456789012345", system: "urn:oid:1.2.208.176.1.1" },
  },
};
const VaskeSig = {
  resourceType: "Condition",
  id: "VaskeSigLetteBegraensninger",
  meta: { profile: [KL_PROFILES.condition] },
  clinicalStatus: {
    coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }],
  },
  category: [
    {
      coding: [
        { system: "http://terminology.hl7.org/CodeSystem/condition-category", code: "problem-list-item" },
      ],
    },
  ],
  severity: { coding: [{ system: FSIII, code: "B2" }] },
  verificationStatus: {
    coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code: "confirmed" }],
  },
  code: { coding: [{ system: FSIII, code: "J1.1" }] },
  subject: { reference: "Patient/TestPerson" },
  recordedDate: "2020-08-14",
  extension: [
    {
      url: KL_PROFILES.followUpEncounterExtension,
      valueReference: { reference: "Encounter/bfa70a76-318d-453d-9abc-76982f8d13ca" },
    },
  ],
};
const PersonligHygiejne = {
  resourceType: "CarePlan",
  id: "PersonligHygiejne",
  meta: { profile: [KL_PROFILES.plannedIntervention] },
  status: "active",
  intent: "plan",
  subject: { reference: "Patient/TestPerson" },
  period: { start: "2020-08-14" },
  activity: [
    {
      detail: {
        code: {
          coding: [
            { system: FSIII, code: "H1.1" },
            {
              system: "http://gateway.kl.dk/1.0/CodeSystem/LocallyDefinedInterventions",
              code: "H1.1.1",
              display: "Speciel personlig pleje",
            },
          ],
        },
        status: "in-progress",
      },
    },
  ],
};
const Saarbehandling = {
  resourceType: "Procedure",
  id: "Saarbehandling",
  meta: { profile: [KL_PROFILES.completedIntervention] },
  status: "completed",
  code: { coding: [{ system: FSIII, code: "G1.39" }] },
  subject: { reference: "Patient/TestPerson" },
  performedDateTime: "2020-08-14T10:15:00Z",
};
const FollowUpEncounter = {
  resourceType: "Encounter",
  id: "bfa70a76-318d-453d-9abc-76982f8d13ca",
  meta: { profile: [KL_PROFILES.encounter] },
  status: "planned",
  class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "HH" },
  type: [
    {
      coding: [
        {
          system: "http://kl.dk/fhir/common/caresocial/CodeSystem/KLCommonCareSocialCodes",
          code: "9f03dfbb-7a97-45a5-94db-d4c3501714a9",
        },
      ],
    },
  ],
  subject: { reference: "Patient/TestPerson" },
  period: { start: "2020-08-14" },
};
const VaskeSigFortsaettes = {
  resourceType: "Observation",
  id: "VaskeSigFortsaettes",
  meta: { profile: [KL_PROFILES.followUpObservation] },
  status: "final",
  code: { coding: [{ system: "http://snomed.info/sct", code: "712744002" }] },
  subject: { reference: "Patient/TestPerson" },
  focus: [{ reference: "Condition/VaskeSigLetteBegraensninger" }],
  effectiveDateTime: "2020-08-14",
  valueCodeableConcept: { coding: [{ system: FSIII, code: "E1" }] },
};
const EXAMPLES = [
  TestPerson,
  VaskeSig,
  PersonligHygiejne,
  Saarbehandling,
  FollowUpEncounter,
  VaskeSigFortsaettes,
];
const exampleReport = {
  resourceType: "Bundle",
  meta: { profile: [KL_PROFILES.deliveryReport] },
  type: "collection",
  timestamp: "2020-08-14T00:00:00Z",
  entry: EXAMPLES.map((r) => ({ fullUrl: `${r.resourceType}/${r.id}`, resource: r })),
};

describe("KL's own examples", () => {
  it.each(EXAMPLES.map((r) => [r.resourceType, r] as const))("%s passes", (_type, r) => {
    expect(errors(r)).toEqual([]);
  });
  it("TestPersonReport (its citizen, condition, plan, procedure, encounter and follow-up) passes", () => {
    expect(errors(exampleReport)).toEqual([]);
  });
});

describe("Broen's resources", () => {
  it("every resource of a citizen and the delivery report pass R4 and KL's rules", () => {
    const d = sampleCareData();
    for (const r of careResources(d))
      expect([r.resourceType, r.id, errors(r)]).toEqual([r.resourceType, r.id, []]);
    expect(validateFhirResource(careDeliveryReport(d, new Date("2026-06-01T00:00:00Z")))).toEqual([]);
  });
  it("a closed course's inactive condition and completed plans pass", () => {
    const d = sampleCareData();
    const closedAt = new Date("2026-06-01T10:00:00.000Z");
    const closed = sampleCareData({
      courses: d.courses.map((c) => ({ ...c, closedAt, stage: "closed", nextFollowUpOn: null })),
      punchCards: d.punchCards.map((p) => ({ ...p, endedAt: closedAt })),
      conversations: d.conversations.filter((c) => c.status === "held"),
    });
    expect(errors(careDeliveryReport(closed, new Date()))).toEqual([]);
  });
});

/** Each break: the resource changed, and a path the issue must name. */
const BREAKS: [string, () => unknown, string][] = [
  ["a citizen's name", () => ({ ...clone(TestPerson), name: [{ family: "Hansen" }] }), "Patient.name"],
  [
    "a citizen's address",
    () => ({ ...clone(TestPerson), address: [{ city: "Holstebro" }] }),
    "Patient.address",
  ],
  ["a citizen's birth date", () => ({ ...clone(TestPerson), birthDate: "1950-01-01" }), "Patient.birthDate"],
  [
    "a CPR with a hyphen",
    () => ({
      ...clone(TestPerson),
      identifier: [{ system: "urn:oid:1.2.208.176.1.2", value: "010101-0101" }],
    }),
    "Patient.identifier[0].value",
  ],
  [
    "a second identifier",
    () => ({ ...clone(TestPerson), identifier: [...TestPerson.identifier, TestPerson.identifier[0]] }),
    "Patient.identifier",
  ],
  [
    "no provider",
    () => ({ ...clone(TestPerson), managingOrganization: undefined }),
    "Patient.managingOrganization",
  ],
  [
    "a provider by reference",
    () => ({
      ...clone(TestPerson),
      managingOrganization: {
        reference: "Organization/x",
        identifier: TestPerson.managingOrganization.identifier,
      },
    }),
    "Patient.managingOrganization.reference",
  ],
  [
    "a provider not by SOR",
    () => ({
      ...clone(TestPerson),
      managingOrganization: { identifier: { system: "urn:oid:1.2.3", value: "1" } },
    }),
    "Patient.managingOrganization.identifier.system",
  ],
  [
    "a home-care condition without severity",
    () => ({ ...clone(VaskeSig), severity: undefined }),
    "Condition.severity",
  ],
  [
    "a nursing condition with severity",
    () => ({ ...clone(VaskeSig), code: { coding: [{ system: FSIII, code: "I1.1" }] } }),
    "Condition.severity",
  ],
  [
    "a severity that is not a B-code",
    () => ({ ...clone(VaskeSig), severity: { coding: [{ system: FSIII, code: "E1" }] } }),
    "Condition.severity.coding[0].code",
  ],
  [
    "a condition code outside FSIII",
    () => ({ ...clone(VaskeSig), code: { coding: [{ system: "http://snomed.info/sct", code: "1234" }] } }),
    "Condition.code.coding[0].system",
  ],
  [
    "a condition with onset",
    () => ({ ...clone(VaskeSig), onsetDateTime: "2020-01-01" }),
    "Condition.onsetDateTime",
  ],
  [
    "an FSIII display that is not KL's",
    () => ({ ...clone(VaskeSig), code: { coding: [{ system: FSIII, code: "J4.5", display: "Ensomhed" }] } }),
    "Condition.code.coding[0].display",
  ],
  [
    "an inactive condition with the category",
    () => ({
      ...clone(VaskeSig),
      clinicalStatus: {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "inactive" }],
      },
    }),
    "Condition.category",
  ],
  [
    "a condition without recordedDate",
    () => ({ ...clone(VaskeSig), recordedDate: undefined }),
    "Condition.recordedDate",
  ],
  ["a plan of another intent", () => ({ ...clone(PersonligHygiejne), intent: "order" }), "CarePlan.intent"],
  ["a plan without period", () => ({ ...clone(PersonligHygiejne), period: undefined }), "CarePlan.period"],
  ["a plan with a title", () => ({ ...clone(PersonligHygiejne), title: "Hygiejne" }), "CarePlan.title"],
  [
    "a plan without FSIII level 2",
    () => {
      const p = clone(PersonligHygiejne);
      p.activity[0]!.detail.code.coding.shift();
      return p;
    },
    "CarePlan.activity[0].detail.code.coding",
  ],
  [
    "a level 3 without display",
    () => {
      const p = clone(PersonligHygiejne);
      delete (p.activity[0]!.detail.code.coding[1] as { display?: string }).display;
      return p;
    },
    "CarePlan.activity[0].detail.code.coding[1].display",
  ],
  [
    "a coding of a third system (closed slicing)",
    () => {
      const p = clone(PersonligHygiejne);
      p.activity[0]!.detail.code.coding.push({ system: "http://snomed.info/sct", code: "1", display: "x" });
      return p;
    },
    "CarePlan.activity[0].detail.code.coding[2].system",
  ],
  [
    "a level 2 that is a condition",
    () => ({ ...clone(Saarbehandling), code: { coding: [{ system: FSIII, code: "J4.5" }] } }),
    "Procedure.code.coding[0].code",
  ],
  [
    "a procedure without performedDateTime",
    () => ({ ...clone(Saarbehandling), performedDateTime: undefined }),
    "Procedure.performedDateTime",
  ],
  [
    "a procedure with a performer",
    () => ({ ...clone(Saarbehandling), performer: [{ actor: { reference: "Practitioner/x" } }] }),
    "Procedure.performer",
  ],
  [
    "a procedure's reason that is not a condition",
    () => ({ ...clone(Saarbehandling), reasonReference: [{ reference: "Observation/x" }] }),
    "Procedure.reasonReference[0].reference",
  ],
  [
    "an encounter of another type",
    () => ({
      ...clone(FollowUpEncounter),
      type: [{ coding: [{ system: "http://snomed.info/sct", code: "1" }] }],
    }),
    "Encounter.type[0].coding[0]",
  ],
  [
    "an encounter of another class",
    () => ({
      ...clone(FollowUpEncounter),
      class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "AMB" },
    }),
    "Encounter.class",
  ],
  [
    "an encounter with an end",
    () => ({ ...clone(FollowUpEncounter), period: { start: "2020-08-14", end: "2020-08-15" } }),
    "Encounter.period.end",
  ],
  [
    "an encounter with a participant",
    () => ({ ...clone(FollowUpEncounter), participant: [{ individual: { reference: "Practitioner/x" } }] }),
    "Encounter.participant",
  ],
  [
    "a follow-up that is not final",
    () => ({ ...clone(VaskeSigFortsaettes), status: "preliminary" }),
    "Observation.status",
  ],
  [
    "a follow-up of another code",
    () => ({
      ...clone(VaskeSigFortsaettes),
      code: { coding: [{ system: "http://snomed.info/sct", code: "1" }] },
    }),
    "Observation.code.coding[0]",
  ],
  [
    "a follow-up result outside E1–E4",
    () => ({
      ...clone(VaskeSigFortsaettes),
      valueCodeableConcept: { coding: [{ system: FSIII, code: "B1" }] },
    }),
    "Observation.valueCodeableConcept.coding[0].code",
  ],
  [
    "a follow-up without focus",
    () => ({ ...clone(VaskeSigFortsaettes), focus: undefined }),
    "Observation.focus",
  ],
  [
    "a follow-up with a category",
    () => ({ ...clone(VaskeSigFortsaettes), category: [{ text: "x" }] }),
    "Observation.category",
  ],
  [
    "a profile on the wrong type",
    () => ({ ...clone(Saarbehandling), meta: { profile: [KL_PROFILES.citizen] } }),
    "Procedure.meta.profile",
  ],
];

describe("KL's rules catch", () => {
  it.each(BREAKS)("%s", (_what, make, path) => {
    const issues = errors(make());
    expect(issues.map((i) => i.path)).toContain(path);
  });
});

describe("the delivery report's rules catch", () => {
  const entryWith = (r: { resourceType: string; id: string; [k: string]: unknown }) => ({
    fullUrl: `${r.resourceType}/${r.id}`,
    resource: r,
  });
  it("a reference that does not resolve within the bundle", () => {
    const b = clone(exampleReport);
    b.entry = b.entry.filter((e) => e.resource.resourceType !== "Encounter");
    expect(errors(b).map((i) => i.path)).toContain(
      "Bundle.entry[1].resource.extension[0].valueReference.reference",
    );
  });
  it("a resource type the report does not admit", () => {
    const b = clone(exampleReport);
    b.entry.push(
      entryWith({ resourceType: "QuestionnaireResponse", id: "q", status: "completed" } as never) as never,
    );
    expect(errors(b).map((i) => i.path)).toContain(
      `Bundle.entry[${b.entry.length - 1}].resource.resourceType`,
    );
  });
  it("an observation in no KL profile", () => {
    const b = clone(exampleReport);
    b.entry.push(entryWith({ ...clone(VaskeSigFortsaettes), id: "other", meta: {} }) as never);
    expect(errors(b).map((i) => i.path)).toContain(
      `Bundle.entry[${b.entry.length - 1}].resource.meta.profile`,
    );
  });
  it("an entry breaking its profile though it claims none", () => {
    const b = clone(exampleReport);
    b.entry[0] = entryWith({
      ...clone(TestPerson),
      meta: {},
      name: [{ family: "Hansen" }],
    } as never) as never;
    expect(errors(b).map((i) => i.path)).toContain("Bundle.entry[0].resource.name");
  });
  it("two citizens, or none", () => {
    const b = clone(exampleReport);
    b.entry.push(entryWith({ ...clone(TestPerson), id: "Other" }) as never);
    expect(errors(b).map((i) => i.path)).toContain("Bundle.entry");
    const none = clone(exampleReport);
    none.entry = none.entry.filter((e) => e.resource.resourceType !== "Patient");
    expect(errors(none).map((i) => i.path)).toContain("Bundle.entry");
  });
  it("the same fullUrl twice without distinct versions, a missing timestamp, another Bundle type", () => {
    const b: Omit<typeof exampleReport, "timestamp"> & { timestamp?: string; type: string } =
      clone(exampleReport);
    b.entry.push(clone(b.entry[1]!));
    delete b.timestamp;
    b.type = "searchset";
    const paths = errors(b).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        `Bundle.entry[${b.entry.length - 1}].fullUrl`,
        "Bundle.timestamp",
        "Bundle.type",
      ]),
    );
  });
});

describe("the R4 base (@medplum/core)", () => {
  it("catches an unknown element, a malformed date and a missing required element", () => {
    expect(errors({ resourceType: "Patient", foo: 1 }).map((i) => i.path)).toContain("Patient.foo");
    expect(errors({ ...clone(Saarbehandling), performedDateTime: "14-08-2020" }).length).toBeGreaterThan(0);
    expect(errors({ ...clone(FollowUpEncounter), status: undefined }).map((i) => i.path)).toContain(
      "Encounter.status",
    );
  });
  it("refuses what is not a resource", () => {
    expect(errors(null)).toHaveLength(1);
    expect(errors([])).toHaveLength(1);
    expect(errors({ id: "x" })).toEqual([
      { severity: "error", path: "resourceType", message: "resourceType is required" },
    ]);
    expect(errors({ resourceType: "NoSuchType" }).length).toBeGreaterThan(0);
  });
});

describe("R4's required bindings on plain codes (which @medplum/core does not check)", () => {
  it("refuses a code outside its value set, at its path, and keeps the known ones", () => {
    const bad = errors({ resourceType: "Bundle", type: "not-a-bundle-type" });
    expect(bad).toEqual([
      expect.objectContaining({ path: "Bundle.type", message: expect.stringContaining("not-a-bundle-type") }),
    ]);
    expect(errors({ resourceType: "Bundle", type: "collection" })).toEqual([]);
  });

  it("checks contained entries and repeated elements too", () => {
    const issues = errors({
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        {
          request: { method: "PUT", url: "Patient/a" },
          resource: { resourceType: "Patient", gender: "female" },
        },
        {
          request: { method: "FETCH", url: "Patient/b" },
          resource: { resourceType: "Patient", gender: "kvinde" },
        },
      ],
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      "Bundle.entry[1].request.method",
      "Bundle.entry[1].resource.Patient.gender",
    ]);
  });
});
