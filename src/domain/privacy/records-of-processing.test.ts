import { describe, expect, it } from "vitest";
import { CONSENT_FIELDS } from "../vocabulary/placements.js";
import {
  DATA_CATEGORIES,
  DATA_SUBJECTS,
  type RecordsInput,
  assembleRecordsOfProcessing,
} from "./records-of-processing.js";
import { RETENTION_DEFAULTS, retentionDefault } from "./retention-defaults.js";

/** A fictitious municipality's configuration; each test changes what it is about. */
function input(over: Partial<RecordsInput> = {}): RecordsInput {
  return {
    generatedAt: new Date("2026-03-01T09:00:00Z"),
    municipality: { name: "Fjordby Kommune", code: "0999" },
    controllerContact: "Fjordby Kommune, Rådhustorvet 1, 9999 Fjordby",
    dpoContact: null,
    organisations: [
      { name: "Hjemmeplejen", kind: "public_provider", active: true },
      { name: "Privathjælpen", kind: "private_provider", active: true },
      { name: "Aktivitet Fællesskab", kind: "coordinator_unit", active: true },
      { name: "Frivilligcenter Fjordby", kind: "volunteer_centre", active: true },
      { name: "Ældre og Sundhed", kind: "administration", active: true },
    ],
    questionnaires: [
      { key: "t-ils", title: "T-ILS", version: 1, active: true, items: 3 },
      { key: "amager-5", title: "Amagers fem spørgsmål", version: 2, active: true, items: 6 },
      { key: "tegn-paa-ensomhed", title: "Tegn på ensomhed", version: 1, active: false, items: 11 },
    ],
    outcomeQuestionnaireKey: "t-ils",
    barriers: ["Transport til og fra", "Hørelse"],
    consentFields: CONSENT_FIELDS,
    evaluatorColumns: ["pseudonym", "birth_year"],
    evaluatorUsers: 1,
    smallNumberThreshold: 5,
    retentionRules: [],
    careRecord: { source: null, pushTarget: null, fhirClients: [] },
    messaging: { email: null, sms: null },
    security: {
      passwordAlgorithm: "argon2id",
      passwordMemoryKiB: 19_456,
      passwordPasses: 2,
      passwordMinLength: 12,
      sessionLifetimeHours: 10,
      idleMinutesDefault: 30,
      lockoutFreeFailures: 5,
      lockoutFirstDelaySeconds: 30,
      lockoutMaxDelaySeconds: 900,
      secureCookies: false,
    },
    ...over,
  };
}

describe("records of processing", () => {
  it("names the controller from the municipality and its contacts, missing ones as null", () => {
    const doc = assembleRecordsOfProcessing(input());
    expect(doc.controller).toEqual({
      name: "Fjordby Kommune",
      code: "0999",
      controllerContact: "Fjordby Kommune, Rådhustorvet 1, 9999 Fjordby",
      dpoContact: null,
    });
    expect(doc.generatedAt).toBe("2026-03-01T09:00:00.000Z");
    expect(doc.thirdCountryTransfers).toBe("none");
  });

  it("takes the recipients from the organisations: each volunteer centre, each private provider", () => {
    const doc = assembleRecordsOfProcessing(
      input({
        organisations: [
          { name: "Frivilligcenter Vest", kind: "volunteer_centre", active: true },
          { name: "Hjemmeplejen", kind: "public_provider", active: true },
          { name: "Frivilligcenter Øst", kind: "volunteer_centre", active: false },
          { name: "Kær Pleje", kind: "private_provider", active: true },
          { name: "Frivilligcenter Fjordby", kind: "volunteer_centre", active: true },
        ],
      }),
    );
    // Both volunteer centres and the inactive one (it may still hold what was shared), in Danish order.
    expect(doc.recipients.volunteerCentres.organisations).toEqual([
      { name: "Frivilligcenter Fjordby", active: true },
      { name: "Frivilligcenter Vest", active: true },
      { name: "Frivilligcenter Øst", active: false },
    ]);
    expect(doc.recipients.volunteerCentres.shares).toEqual([...CONSENT_FIELDS]);
    expect(doc.recipients.privateProviders.organisations).toEqual([{ name: "Kær Pleje", active: true }]);
    expect(doc.recipients.internalUnits.organisations).toEqual([{ name: "Hjemmeplejen", active: true }]);
  });

  it("lists no volunteer centre when the municipality has none", () => {
    const doc = assembleRecordsOfProcessing(
      input({ organisations: [{ name: "Hjemmeplejen", kind: "public_provider", active: true }] }),
    );
    expect(doc.recipients.volunteerCentres.organisations).toEqual([]);
  });

  it("describes the evaluator's dataset from its columns and the small-number threshold", () => {
    const doc = assembleRecordsOfProcessing(input({ smallNumberThreshold: 10, evaluatorUsers: 0 }));
    expect(doc.recipients.evaluator).toEqual({
      users: 0,
      columns: ["pseudonym", "birth_year"],
      smallNumberThreshold: 10,
    });
  });

  it("uses the shipped retention defaults, not in force, while the municipality has no rules", () => {
    const doc = assembleRecordsOfProcessing(input());
    expect(doc.retention.map((r) => r.kind)).toEqual(RETENTION_DEFAULTS.map((d) => d.kind));
    const course = doc.retention.find((r) => r.kind === "closed_course_anonymise")!;
    expect(course).toMatchObject({
      keepDays: retentionDefault("closed_course_anonymise").keepDays,
      legalBasis: retentionDefault("closed_course_anonymise").da.legalBasis,
      state: "default",
    });
  });

  it("follows a changed rule: its period, its legal basis text and whether it is switched on", () => {
    const doc = assembleRecordsOfProcessing(
      input({
        retentionRules: [
          {
            kind: "closed_course_anonymise",
            keepDays: 730,
            legalBasis: "Kommunens journalplan",
            enabled: true,
          },
          { kind: "audit_trail_erase", keepDays: 1825, legalBasis: "Logning", enabled: false },
          { kind: "no_longer_known", keepDays: 1, legalBasis: "x", enabled: true },
        ],
      }),
    );
    const byKind = new Map(doc.retention.map((r) => [r.kind, r]));
    expect(byKind.get("closed_course_anonymise")).toMatchObject({
      keepDays: 730,
      legalBasis: "Kommunens journalplan",
      state: "active",
    });
    expect(byKind.get("audit_trail_erase")).toMatchObject({ keepDays: 1825, state: "disabled" });
    // A kind without the municipality's row still shows the default; an unknown kind is not invented.
    expect(byKind.get("sessions_purge")).toMatchObject({ keepDays: 1, state: "default" });
    expect(doc.retention).toHaveLength(RETENTION_DEFAULTS.length);
  });

  it("ties each category to the rules that end it; staff accounts have none", () => {
    const doc = assembleRecordsOfProcessing(input());
    const cat = new Map(doc.categories.map((c) => [c.category, c]));
    expect(cat.get("screenings")!.retention).toEqual(["closed_course_anonymise", "inactive_citizen_erase"]);
    expect(cat.get("referrer")!.retention).toEqual(["unmatched_public_referral_erase"]);
    expect(cat.get("staff_activity")!.retention).toContain("audit_trail_erase");
    expect(cat.get("staff_account")!.retention).toEqual([]);
    expect(cat.get("catalog_contacts")!.retention).toEqual([]);
    // The citizen's messages and consent go with the citizen; a staff member's digest address does not.
    expect(cat.get("messaging")!.retention).toEqual([
      "closed_course_anonymise",
      "inactive_citizen_erase",
      "idempotency_purge",
    ]);
    expect(cat.get("staff_notifications")!.retention).toEqual([]);
  });

  it("derives the questionnaires in use and marks health data and CPR", () => {
    const doc = assembleRecordsOfProcessing(input());
    // The inactive one is not in use; the outcome questionnaire is also a detection form here.
    expect(doc.questionnaires).toEqual([
      { key: "amager-5", title: "Amagers fem spørgsmål", version: 2, items: 6, uses: ["detection"] },
      { key: "t-ils", title: "T-ILS", version: 1, items: 3, uses: ["detection", "outcome"] },
    ]);
    const cat = new Map(doc.categories.map((c) => [c.category, c]));
    expect(cat.get("screenings")).toMatchObject({
      sensitivity: ["art9"],
      configured: ["Amagers fem spørgsmål", "T-ILS"],
    });
    expect(cat.get("outcomes")!.configured).toEqual(["T-ILS"]);
    expect(cat.get("course")!.configured).toEqual(["Transport til og fra", "Hørelse"]);
    expect(cat.get("identity")!.sensitivity).toEqual(["cpr"]);
  });

  it("keeps the outcome questionnaire even when it is withdrawn as a detection form", () => {
    const doc = assembleRecordsOfProcessing(
      input({
        questionnaires: [{ key: "t-ils", title: "T-ILS", version: 3, active: false, items: 3 }],
      }),
    );
    expect(doc.questionnaires).toEqual([
      { key: "t-ils", title: "T-ILS", version: 3, items: 3, uses: ["outcome"] },
    ]);
    expect(doc.categories.find((c) => c.category === "screenings")!.configured).toEqual([]);
  });

  it("covers every category and every subject by some purpose", () => {
    const doc = assembleRecordsOfProcessing(input());
    const used = new Set(doc.purposes.flatMap((p) => p.categories));
    expect(DATA_CATEGORIES.filter((c) => !used.has(c))).toEqual([]);
    const subjects = new Set(doc.purposes.flatMap((p) => p.subjects));
    expect(DATA_SUBJECTS.filter((s) => !subjects.has(s))).toEqual([]);
    // The volunteer centre receives data on consent only.
    expect(doc.purposes.find((p) => p.purpose === "matching")!.legalBases).toContain("consent");
  });
});

describe("the care record as a recipient (issue 14)", () => {
  it("says nothing is exchanged when nothing is configured", () => {
    expect(assembleRecordsOfProcessing(input()).recipients.careRecord).toEqual({
      source: null,
      pushTarget: null,
      fhirClients: [],
    });
  });

  it("names the source, the push target and the system clients in Danish order, scopes sorted", () => {
    const doc = assembleRecordsOfProcessing(
      input({
        careRecord: {
          source: { host: "fhir.omsorg.fjordby.dk", scheduleEnabled: true },
          pushTarget: { host: "gateway.kl.dk", enabled: false },
          fhirClients: [
            { name: "Østjylland Datavarehus", scopes: ["system/Patient.read", "system/CarePlan.read"] },
            { name: "Cura", scopes: ["system/*.read"] },
          ],
        },
      }),
    );
    expect(doc.recipients.careRecord).toEqual({
      source: { host: "fhir.omsorg.fjordby.dk", scheduleEnabled: true },
      pushTarget: { host: "gateway.kl.dk", enabled: false },
      fhirClients: [
        { name: "Cura", scopes: ["system/*.read"] },
        { name: "Østjylland Datavarehus", scopes: ["system/CarePlan.read", "system/Patient.read"] },
      ],
    });
  });
});

describe("messages to citizens and the staff digest (issue 16)", () => {
  it("describes the messages to citizens and relatives, and the staff's digest addresses", () => {
    const doc = assembleRecordsOfProcessing(input());
    const purpose = new Map(doc.purposes.map((p) => [p.purpose, p]));
    expect(purpose.get("messaging")).toMatchObject({
      categories: ["identity", "contacts", "messaging", "course", "punch_card"],
      subjects: ["citizens", "contacts", "staff"],
    });
    expect(purpose.get("staff_digest")).toMatchObject({
      categories: ["staff_account", "staff_notifications"],
      subjects: ["staff"],
      legalBases: ["gdpr_6_1_e"],
    });
    const cat = new Map(doc.categories.map((c) => [c.category, c]));
    // No CPR number or health word is ever in a message.
    expect(cat.get("messaging")).toMatchObject({
      subjects: ["citizens", "contacts", "staff"],
      sensitivity: [],
    });
    expect(cat.get("staff_notifications")).toMatchObject({ subjects: ["staff"], sensitivity: [] });
    expect(doc.subjects.find((s) => s.subject === "contacts")!.categories).toContain("messaging");
  });

  it("names the SMTP server and the SMS gateway as recipients when set up, nothing when not", () => {
    expect(assembleRecordsOfProcessing(input()).recipients.messaging).toEqual({ email: null, sms: null });
    const doc = assembleRecordsOfProcessing(
      input({
        messaging: {
          email: { host: "smtp.fjordby.dk", enabled: true },
          sms: { host: "sms.gateway.example", enabled: false },
        },
      }),
    );
    expect(doc.recipients.messaging).toEqual({
      email: { host: "smtp.fjordby.dk", enabled: true },
      sms: { host: "sms.gateway.example", enabled: false },
    });
    expect(doc.thirdCountryTransfers).toBe("none");
  });
});
