import { readFileSync } from "node:fs";
import type { CarePlan, Patient, Resource } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";
import { type DiffContext, type RegisterCitizen, diffImport } from "./diff.js";
import { parseFhirBundle, parseFhirNdjson, recordsFromFhirResources } from "./fhir.js";

const sample = (name: string) =>
  readFileSync(new URL(`../../../../samples/care-record/${name}`, import.meta.url), "utf8");

const CPR = "030438-1001";
const patient = (id: string, cpr: string, extra: Partial<Patient> = {}): Patient => ({
  resourceType: "Patient",
  id,
  identifier: [{ system: "urn:oid:1.2.208.176.1.2", value: cpr.replace("-", "") }],
  name: [{ family: "Mikkelsen", given: ["Karen"] }],
  address: [{ line: ["Strandvejen 12"], postalCode: "9901", city: "Fjordby" }],
  managingOrganization: { identifier: { system: "urn:oid:1.2.208.176.1.1", value: "999000000000011" } },
  ...extra,
});
const plan = (subject: string, code: string, start: string, extra: Partial<CarePlan> = {}): CarePlan => ({
  resourceType: "CarePlan",
  status: "active",
  intent: "plan",
  subject: { reference: subject },
  period: { start },
  activity: [
    {
      detail: {
        status: "in-progress",
        code: { coding: [{ system: "http://kl.dk/fhir/common/caresocial/CodeSystem/FSIII", code }] },
      },
    },
  ],
  ...extra,
});

describe("FHIR resources → import records", () => {
  it("reads CPR, name, address, provider SOR and home care since the earliest open intervention", () => {
    const parsed = recordsFromFhirResources([
      patient("p1", CPR),
      plan("Patient/p1", "H1.1", "2024-03-01"),
      plan("Patient/p1", "H1.8", "2023-05-02"),
      plan("Patient/p1", "H1.3", "2020-01-01", {
        status: "completed",
        period: { start: "2020-01-01", end: "2021-01-01" },
      }),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toEqual([
      expect.objectContaining({
        cpr: CPR,
        birthDate: "1938-04-03",
        firstName: "Karen",
        lastName: "Mikkelsen",
        addressLine: "Strandvejen 12",
        providerSor: "999000000000011",
        homeCare: { since: "2023-05-02", endsOn: null, endedOn: null },
        interventions: ["H1.1", "H1.3", "H1.8"],
      }),
    ]);
  });

  it("says home care ended on the latest end when every intervention is closed", () => {
    const parsed = recordsFromFhirResources([
      patient("p1", CPR),
      plan("Patient/p1", "H1.1", "2024-03-01", {
        status: "completed",
        period: { start: "2024-03-01", end: "2026-11-30" },
      }),
      plan("Patient/p1", "H1.8", "2024-03-01", {
        status: "revoked",
        period: { start: "2024-03-01", end: "2026-10-01" },
      }),
    ]);
    expect(parsed.records[0]!.homeCare).toEqual({ since: null, endsOn: null, endedOn: "2026-11-30" });
  });

  it("makes the citizen one unmatched row for an unknown FSIII code — nothing of them half-applied", () => {
    const parsed = recordsFromFhirResources([
      patient("p1", CPR),
      plan("Patient/p1", "H1.1", "2024-03-01"),
      // Shaped like an FSIII intervention, but KL has no H9.9.
      plan("Patient/p1", "H9.9", "2024-03-01"),
    ]);
    expect(parsed.records).toEqual([]);
    expect(parsed.problems).toEqual([
      { rowNo: 1, reason: "unknown_fsiii_code", field: "CarePlan.activity.detail.code", cpr: CPR },
    ]);
  });

  it("accepts every FSIII intervention of KL's extract, home care (H) and nursing (G), and nothing else", () => {
    for (const code of ["H1.1", "Genoptraening", "H7.1", "G1.21", "Hjaelp_til_hjemmemonitorering_diabetes"])
      expect(
        recordsFromFhirResources([patient("p1", CPR), plan("Patient/p1", code, "2024-01-01")]).problems,
      ).toEqual([]);
    for (const code of ["J4.5", "B1", "H", "h1.1"])
      expect(
        recordsFromFhirResources([patient("p1", CPR), plan("Patient/p1", code, "2024-01-01")]).problems,
      ).toHaveLength(1);
  });

  it("reports an invalid CPR, a CarePlan without its Patient and a period without a start per row", () => {
    const parsed = recordsFromFhirResources([
      patient("p1", "3113451234"),
      plan("Patient/nobody", "H1.1", "2024-03-01"),
      patient("p2", "1107411000"),
      plan("Patient/p2", "H1.1", "2024-03-01", { period: {} }),
    ]);
    expect(parsed.records).toEqual([]);
    expect(parsed.problems.map((p) => [p.rowNo, p.reason, p.field])).toEqual([
      [1, "invalid_cpr", "Patient.identifier"],
      [2, "unresolved_reference", "CarePlan.subject"],
      [3, "missing_value", "CarePlan.period.start"],
    ]);
  });

  it("takes relatives from RelatedPerson and Patient.contact", () => {
    const parsed = recordsFromFhirResources([
      patient("p1", CPR, {
        contact: [{ name: { text: "Søren Mikkelsen" }, relationship: [{ text: "søn" }] }],
      }),
      {
        resourceType: "RelatedPerson",
        patient: { reference: "Patient/p1" },
        name: [{ given: ["Mette"], family: "Holm" }],
        telecom: [{ system: "phone", value: "51525354" }],
      } as Resource,
    ]);
    expect(parsed.records[0]!.contacts).toEqual([
      { name: "Mette Holm", relation: null, phone: "51525354" },
      { name: "Søren Mikkelsen", relation: "søn", phone: null },
    ]);
    expect(parsed.records[0]!.homeCare).toBeUndefined();
  });

  it("makes two Patients with one CPR both unmatched", () => {
    const parsed = recordsFromFhirResources([patient("p1", CPR), patient("p2", CPR)]);
    expect(parsed.records).toEqual([]);
    expect(parsed.problems.map((p) => p.reason)).toContain("duplicate_cpr");
  });

  it("reads the Bundle and NDJSON samples alike, references by fullUrl included", () => {
    const a = parseFhirBundle(sample("hjemmepleje-bundle.json"));
    const b = parseFhirNdjson(sample("hjemmepleje.ndjson"));
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(a.records.map((r) => [r.cpr, r.homeCare, r.contacts?.length])).toEqual(
      b.records.map((r) => [r.cpr, r.homeCare, r.contacts?.length]),
    );
    expect(a.records).toHaveLength(5);
  });

  it("reports a line that is not JSON, and a file that is not a Bundle", () => {
    expect(
      parseFhirNdjson('{"resourceType":"Patient"\nnot json\n').problems.map((p) => [p.rowNo, p.reason]),
    ).toEqual([
      [1, "malformed"],
      [2, "malformed"],
    ]);
    expect(parseFhirBundle("[1,2]").problems).toEqual([
      { rowNo: 0, reason: "malformed", field: "resourceType" },
    ]);
  });
});

describe("CSV → import records", () => {
  it("reads the sample with its documented columns", () => {
    const parsed = parseCsv(sample("hjemmepleje.csv"));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toHaveLength(5);
    expect(parsed.records[0]).toMatchObject({
      rowNo: 2,
      cpr: CPR,
      district: "Distrikt Nord",
      homeCare: { since: "2023-03-01", endsOn: null, endedOn: null },
      contacts: [{ name: "Søren Mikkelsen", relation: "søn", phone: "40506070" }],
    });
    expect(parsed.records[1]!.contacts).toEqual([]);
  });

  it("accepts Danish column names, commas and Danish dates", () => {
    const parsed = parseCsv(
      "\uFEFFcpr,fornavn,efternavn,hjemmepleje_fra\n0304381001,Karen,Mikkelsen,01-03-2023\n",
    );
    expect(parsed.records[0]).toMatchObject({
      cpr: CPR,
      firstName: "Karen",
      homeCare: { since: "2023-03-01" },
    });
  });

  it("reports bad rows with the reason and column, and refuses an unknown column", () => {
    const parsed = parseCsv(
      [
        "cpr;first_name;home_care_since;interventions",
        "3113451234;A;2024-01-01;H1.1",
        "0304381001;A;2024-02-30;H1.1",
        "1107411000;A;2024-01-01;Z1",
        "2212361000;A",
        "0502441001;A;2024-01-01;H1.1",
        "0502441001;B;2024-01-01;H1.1",
      ].join("\n"),
    );
    expect(parsed.records).toEqual([]);
    expect(parsed.problems.map((p) => [p.rowNo, p.reason, p.field])).toEqual([
      [2, "invalid_cpr", "cpr"],
      [3, "invalid_date", "home_care_since"],
      [4, "unknown_fsiii_code", "interventions"],
      [5, "malformed", "line"],
      [6, "duplicate_cpr", "cpr"],
      [7, "duplicate_cpr", "cpr"],
    ]);
    expect(parseCsv("cpr;fornavnn\n0304381001;A\n").problems).toEqual([
      { rowNo: 0, reason: "malformed", field: "fornavnn" },
    ]);
  });
});

describe("the diff against the register", () => {
  const existing = (over: Partial<RegisterCitizen> = {}): RegisterCitizen => ({
    id: "c1",
    cpr: CPR,
    firstName: "Karen",
    lastName: "Mikkelsen",
    addressLine: "Strandvejen 12",
    postalCode: "9901",
    city: "Fjordby",
    phone: null,
    providerOrganisationId: "org1",
    districtId: null,
    homeCareSince: "2023-05-02",
    homeCareEndedOn: null,
    anonymised: false,
    restricted: false,
    relatives: [],
    ...over,
  });
  const ctx = (register: RegisterCitizen[], over: Partial<DiffContext> = {}): DiffContext => ({
    scope: "changes",
    today: "2026-12-06",
    register: new Map(register.map((c) => [c.cpr, c])),
    providersBySor: new Map([["999000000000011", "org1"]]),
    foreignSors: new Set(["999200000000011"]),
    districtsByName: new Map([["distrikt nord", "d1"]]),
    ...over,
  });
  const fhir = (...extra: Resource[]) =>
    recordsFromFhirResources([patient("p1", CPR), plan("Patient/p1", "H1.8", "2023-05-02"), ...extra]);

  it("is unchanged when the source says what the register holds (a re-import changes nothing)", () => {
    expect(diffImport(fhir(), ctx([existing()])).map((r) => r.outcome)).toEqual(["unchanged"]);
  });

  it("is new for a citizen in home care not in the register", () => {
    const [row] = diffImport(fhir(), ctx([]));
    expect(row).toMatchObject({
      outcome: "new",
      create: { providerId: "org1", homeCareSince: "2023-05-02" },
    });
  });

  it("is changed with each field's old and new value", () => {
    const [row] = diffImport(
      fhir(),
      ctx([existing({ addressLine: "Gammel Vej 1", homeCareSince: null, homeCareEndedOn: "2022-01-01" })]),
    );
    expect(row).toMatchObject({
      outcome: "changed",
      changes: {
        addressLine: ["Gammel Vej 1", "Strandvejen 12"],
        homeCareSince: [null, "2023-05-02"],
        homeCareEndedOn: ["2022-01-01", null],
      },
    });
  });

  it("is ended when the planned end has passed, and in a complete import for whom it does not name", () => {
    const ending = recordsFromFhirResources([
      patient("p1", CPR),
      plan("Patient/p1", "H1.8", "2023-05-02", { period: { start: "2023-05-02", end: "2026-12-01" } }),
    ]);
    expect(diffImport(ending, ctx([existing()]))[0]).toMatchObject({
      outcome: "ended",
      change: { homeCareSince: null, homeCareEndedOn: "2026-12-01" },
    });
    const other = existing({ id: "c2", cpr: "110741-1000" });
    const rows = diffImport(fhir(), ctx([existing(), other], { scope: "complete" }));
    expect(rows.map((r) => [r.outcome, "citizenId" in r ? r.citizenId : null])).toEqual([
      ["unchanged", "c1"],
      ["ended", "c2"],
    ]);
    // The same file as "changes" leaves the other citizen alone.
    expect(diffImport(fhir(), ctx([existing(), other])).map((r) => r.outcome)).toEqual(["unchanged"]);
  });

  it("does not end anyone when a complete file could not be read", () => {
    const rows = diffImport(parseCsv("not;a;header\n"), ctx([existing()], { scope: "complete" }));
    expect(rows.map((r) => r.outcome)).toEqual(["unmatched"]);
  });

  it("does not end anyone in a complete file with a row whose CPR could not be read (it may be any of them)", () => {
    const bad = { rowNo: 2, reason: "invalid_cpr", field: "cpr" } as const;
    const withBadRow = { records: fhir().records, problems: [bad] };
    const other = existing({ id: "c2", cpr: "110741-1000" });
    const rows = diffImport(withBadRow, ctx([existing(), other], { scope: "complete" }));
    expect(rows.map((r) => r.outcome)).toEqual(["unchanged", "unmatched"]);
    // A bad row that still names its CPR proves the others absent: they end as before.
    const named = {
      records: fhir().records,
      problems: [{ ...bad, reason: "missing_value" as const, cpr: "010101-0001" }],
    };
    expect(
      diffImport(named, ctx([existing(), other], { scope: "complete" })).map((r) => r.outcome),
    ).toContain("ended");
  });

  it("is unmatched for another municipality's provider, an unknown district, an anonymised citizen", () => {
    const foreign = recordsFromFhirResources([
      patient("p1", CPR, {
        managingOrganization: { identifier: { system: "urn:oid:1.2.208.176.1.1", value: "999200000000011" } },
      }),
      plan("Patient/p1", "H1.8", "2023-05-02"),
    ]);
    expect(diffImport(foreign, ctx([]))[0]).toMatchObject({
      outcome: "unmatched",
      reason: "other_municipality",
      field: "providerSor",
    });
    const csv = parseCsv("cpr;district;home_care_since\n0304381001;Distrikt Øst;2023-05-02\n");
    expect(diffImport(csv, ctx([existing()]))[0]).toMatchObject({
      outcome: "unmatched",
      reason: "unknown_district",
    });
    expect(diffImport(fhir(), ctx([existing({ anonymised: true })]))[0]).toMatchObject({
      reason: "anonymised",
      citizenId: null,
    });
  });

  it("does not register a citizen out of home care, nor one without name and address", () => {
    const ended = parseCsv(
      "cpr;first_name;last_name;address;postal_code;city;home_care_ended\n0304381001;A;B;C 1;9901;D;2026-01-01\n",
    );
    expect(diffImport(ended, ctx([]))[0]).toMatchObject({ reason: "not_in_home_care" });
    const nameless = parseCsv("cpr;home_care_since\n0304381001;2026-01-01\n");
    expect(diffImport(nameless, ctx([]))[0]).toMatchObject({ reason: "missing_value", field: "firstName" });
  });
});
