/**
 * The right of access (GDPR art. 15, issue 13 point 1): for a citizen with a full course, the export
 * holds every category with the right content in words, and nothing of another citizen. Who may
 * produce it, its audit, logs and snapshot: access-export-rules.int.test.ts.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SweepFixture, buildSweepFixture } from "../../../../test/support/route-sweep.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import {
  auditEvents,
  careRecordDeliveries,
  careRecordImportRows,
  careRecordImportRuns,
  referrals,
} from "../../db/schema/index.js";
import {
  ACCESS_EXPORT_CATEGORIES,
  AccessExport,
  type AccessExportCategory,
} from "../../../shared/api/privacy-access.js";

let t: TestApp;
let f: SweepFixture;
let admin: Client;
let exported: AccessExport;
let response: Awaited<ReturnType<Client["get"]>>;
let trailBefore: number;
const NAME = { firstName: "Indsigtine", lastName: "Eksportsen" };
const GROUP_NOTE = "Gruppens egen note om Andens humør";

async function ok(res: Promise<{ statusCode: number; body: string; json: () => unknown }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`setup: ${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

/** The fixture's citizen with a whole course's worth of data, through the API as staff would make it. */
async function fillCourse() {
  const id = f.citizenId;
  const hcw = await t.as("home_care_worker");
  const planner = await t.as("planner");
  const coordinator = await t.as("community_coordinator");
  const centre = await t.as("volunteer_centre_staff");
  await ok(
    planner.post(`/api/citizens/${id}/contacts`, {
      kind: "relative",
      name: "Kaja Eksportsen",
      relation: "datter",
      phone: "20304051",
    }),
  );
  await ok(
    planner.put(`/api/triage/meetings/${f.meetingId}/decisions/${id}`, { colour: "red", decision: "refer" }),
  );
  await ok(
    coordinator.post(`/api/referrals/${f.referralId}/decision`, {
      action: "request_info",
      message: "Hvornår er borgeren hjemme?",
    }),
  );
  await ok(hcw.post(`/api/referrals/${f.referralId}/reply`, { message: "Om formiddagen" }));
  const guides = (await ok(
    coordinator.get("/api/course-definitions?kind=conversation_guide"),
  )) as unknown as {
    id: string;
    key: string;
    definition: { title: { da: string }; themes: { id: string; title: { da: string } }[] };
  }[];
  const guide = guides.find((g) => g.key === "narrativ-samtale")!;
  const taxonomy = (await ok(
    coordinator.get("/api/course-definitions?kind=interest_taxonomy"),
  )) as unknown as {
    definition: { interests: { id: string; label: { da: string } }[] };
  }[];
  const interest = taxonomy[0]!.definition.interests[0]!;
  await ok(
    coordinator.post(`/api/courses/${f.courseId}/conversations`, {
      kind: "clarification",
      guideId: guide.id,
      themeNotes: { [guide.definition.themes[0]!.id]: "Har været sømand" },
      lonelinessType: "both",
      interests: [interest.id],
      barriers: ["transport"],
      wishes: "Vil gerne synge igen",
      goals: [
        {
          goal: "Synge i kor",
          agreements: [{ who: "Koordinator", what: "Finde et kor", due: "2026-12-15" }],
        },
      ],
      condition: { severity: 2, citizenView: "D2" },
    }),
  );
  const course = await ok(coordinator.get(`/api/courses/${f.courseId}`));
  await ok(coordinator.post(`/api/courses/${f.courseId}/stage`, { to: "guidance", version: course.version }));
  const moved = await ok(coordinator.get(`/api/courses/${f.courseId}`));
  await ok(
    coordinator.post(`/api/courses/${f.courseId}/follow-ups`, {
      result: "E1",
      stillParticipating: true,
      note: "Går til koret hver uge",
      version: moved.version,
    }),
  );
  await ok(
    hcw.post(`/api/courses/${f.courseId}/clip-registrations`, {
      clipId: f.plannedClipId,
      kind: "accompaniment",
      accompanimentForm: "to_from",
      performedOn: f.today,
      outcome: "done",
      actualMinutes: 50,
      note: "Fulgtes til koret",
    }),
  );
  await ok(coordinator.post(`/api/placements/${f.placementId}/status`, { to: "contacted", version: 1 }));
  await ok(
    centre.post(`/api/volunteer-referrals/${f.volunteerReferralId}/answer`, {
      status: "matched",
      matchKind: "visiting_friend",
      answer: "Besøgsven om tirsdagen",
    }),
  );
  await ok(
    hcw.post(`/api/small-communities/${f.communityId}/meetings`, {
      heldOn: f.today,
      place: "Hos Gerda",
      note: GROUP_NOTE,
    }),
  );
  // A correction (phone) that also takes the citizen out of the target group.
  const before = await ok(planner.get(`/api/citizens/${id}`));
  await ok(
    planner.patch(`/api/citizens/${id}`, {
      version: before.version,
      phone: "22334455",
      inTargetGroup: false,
      reason: "Borgeren ringede",
    }),
  );
  // A search that found the citizen: its term stays off the copy (it may name someone else).
  const found = await ok(planner.post("/api/citizens/search", { q: NAME.lastName }));
  expect(found.total).toBeGreaterThan(0);
  // Restricted and lifted again; consent to sharing withdrawn last.
  await ok(admin.post(`/api/citizens/${id}/restriction`, { reason: "Borgeren bestrider oplysningerne" }));
  await ok(admin.post(`/api/citizens/${id}/restriction/lift`, { reason: "Oplysningerne er rettet" }));
  await ok(coordinator.post(`/api/volunteer-referrals/${f.volunteerReferralId}/withdraw-consent`));
  // Two referrals from the public form that were never linked: one gives this citizen's CPR (it is
  // about them all the same), the other another person's.
  const unlinked = (n: string, cpr: string, reason: string) => ({
    municipalityId: t.tenant.municipality.id,
    receiptNumber: `W-${n}`,
    source: "relative" as const,
    channel: "web_form" as const,
    toOrganisationId: t.tenant.orgs.coordinatorUnit.id,
    referrerName: "Søn af borgeren",
    referrerContact: "soen@example.invalid",
    subjectName: "Mor",
    subjectCpr: cpr,
    reason,
  });
  await t.db
    .insert(referrals)
    .values([
      unlinked("1", f.cpr, "Min mor sidder meget alene"),
      unlinked("2", t.tenant.citizens.bech.cpr, "Naboen er ensom"),
    ]);
  // A pending import from the care record (issue 14): a row matched to the citizen, one that could
  // not be matched but carries their CPR, and another citizen's row; and the sending of their
  // punch-card work to the care record.
  const m = t.tenant.municipality.id;
  const [run] = await t.db
    .insert(careRecordImportRuns)
    .values({ municipalityId: m, source: "fhir_server", scope: "changes", status: "preview", counts: {} })
    .returning();
  const record = (cpr: string, city: string) => ({
    kind: "record",
    record: {
      rowNo: 1,
      cpr,
      birthDate: "1940-01-01",
      city,
      homeCare: { since: "2026-01-05", endsOn: null, endedOn: null },
    },
  });
  await t.db.insert(careRecordImportRows).values([
    {
      runId: run!.id,
      municipalityId: m,
      rowNo: 1,
      outcome: "changed",
      citizenId: id,
      record: record(f.cpr, "Omsorgsby"),
      changes: { city: ["Gammelby", "Omsorgsby"] },
    },
    {
      runId: run!.id,
      municipalityId: m,
      rowNo: 2,
      outcome: "unmatched",
      citizenId: null,
      record: { kind: "problem", cpr: f.cpr },
      reason: "duplicate_cpr",
      field: "cpr",
    },
    {
      runId: run!.id,
      municipalityId: m,
      rowNo: 3,
      outcome: "unchanged",
      citizenId: t.tenant.citizens.bech.id,
      record: record(t.tenant.citizens.bech.cpr, "Naboby"),
    },
  ]);
  await t.db.insert(careRecordDeliveries).values({
    municipalityId: m,
    citizenId: id,
    status: "sent",
    attempts: 1,
    sentHash: "ab".repeat(32),
    sentAt: new Date(),
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  f = await buildSweepFixture(t, t.tenant, NAME);
  admin = await t.as("administrator");
  await fillCourse();
  const [n] = await t.db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.citizenId, f.citizenId));
  trailBefore = n!.n;
  response = await admin.get(`/api/citizens/${f.citizenId}/access-export`);
  exported = response.json() as AccessExport;
});
afterAll(() => t.close());

describe("the access export of a citizen with a full course", () => {
  it("answers the documented schema as a download named without CPR or name", () => {
    expect(response.statusCode, response.body).toBe(200);
    expect(() => AccessExport.parse(exported)).not.toThrow();
    const disposition = String(response.headers["content-disposition"]);
    expect(disposition).toMatch(/^attachment; filename="broen-indsigt-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json"$/);
    for (const secret of [f.cpr, f.cpr.replace("-", ""), NAME.firstName, NAME.lastName])
      expect(disposition).not.toContain(secret);
  });

  it("has something in every category (the fixture fills them all)", () => {
    const empty = ACCESS_EXPORT_CATEGORIES.filter((c) => c !== "citizen").filter(
      (c) => (exported[c] as unknown[]).length === 0,
    );
    expect(empty).toEqual([]);
  });

  it("shows the register in full — the CPR too — in words and Copenhagen time", () => {
    expect(exported.citizen).toMatchObject({
      name: `${NAME.firstName} ${NAME.lastName}`,
      cpr: f.cpr,
      phone: "22334455",
      homeCareProvider: "Hjemmeplejen",
      district: "Distrikt Nord",
      inTargetGroup: false,
      restricted: false,
    });
    expect(exported.citizen.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(exported.producedBy).toEqual({ name: "Karin Admin", role: "Administrator" });
    expect(exported.municipality).toBe(t.tenant.municipality.name);
  });

  it("keeps the history: the correction old → new, the restriction and its lifting, the target group", () => {
    const phone = exported.corrections.flatMap((c) => c.changes).find((c) => c.field === "Telefon");
    expect(phone).toMatchObject({ to: "22334455" });
    expect(exported.corrections.at(-1)).toMatchObject({
      by: { name: "Lars Winther" },
      reason: "Borgeren ringede",
    });
    expect(exported.restrictions).toEqual([
      expect.objectContaining({
        reason: "Borgeren bestrider oplysningerne",
        restrictedBy: { name: "Karin Admin", role: "Administrator" },
        liftReason: "Oplysningerne er rettet",
      }),
    ]);
    expect(exported.targetGroupChanges.at(-1)).toMatchObject({
      inTargetGroup: false,
      by: { name: "Lars Winther" },
    });
    expect(exported.contacts).toEqual([
      expect.objectContaining({ kind: "Pårørende", name: "Kaja Eksportsen", relation: "datter" }),
    ]);
  });

  it("shows each screening with the questions as worded and the answers given", () => {
    const detection = exported.screenings.find((s) => s.purpose === "Opsporing")!;
    expect(detection).toMatchObject({
      consent: "Ja",
      colour: "Rød",
      positive: true,
      performedBy: { name: "Mette Lykke", role: "Hjemmehjælper" },
    });
    expect(detection.answers).toContainEqual({
      question: "Hvor ofte føler du dig isoleret fra andre?",
      answer: "Ofte",
    });
    // The detection form just before the course opened is its baseline outcome questionnaire.
    const baseline = exported.outcomeMeasurements.find((o) => o.phase === "Baseline")!;
    expect(baseline.answeredAt).not.toBeNull();
    expect(exported.screenings.map((s) => s.id)).toContain(baseline.screeningId);
  });

  it("shows notes, triage, detection clips and referrals with their events", () => {
    expect(exported.journalNotes.map((n) => n.title)).toContain("Sweep");
    expect(exported.triageDecisions).toEqual([
      expect.objectContaining({
        colour: "Rød",
        decision: "Henvis",
        district: "Distrikt Nord",
        meetingOn: f.today,
      }),
    ]);
    expect(exported.detectionClips[0]).toMatchObject({
      minutes: 15,
      status: "Planlagt",
      worker: { name: "Mette Lykke" },
    });
    const referral = exported.referrals.find((r) => r.reason === "Sweep")!;
    expect(referral).toMatchObject({ source: "Hjemmeplejen", createdBy: { name: "Mette Lykke" } });
    const fromOutside = exported.referrals.find((r) => r.receiptNumber === "W-1")!;
    expect(fromOutside).toMatchObject({
      channel: "Webformular",
      source: "Pårørende",
      referrerName: "Søn af borgeren",
      subject: { name: "Mor", cpr: f.cpr },
      createdBy: null,
    });
    // The referrer's own contact details are the referrer's data, not the citizen's.
    expect(response.body).not.toContain("soen@example.invalid");
    expect(exported.referrals.map((r) => r.receiptNumber)).not.toContain("W-2");
    expect(response.body).not.toContain("Naboen er ensom");
    expect(referral.events.map((e) => [e.step, e.message])).toEqual(
      expect.arrayContaining([
        ["Bed om flere oplysninger", "Hvornår er borgeren hjemme?"],
        ["Svar fra den, der henviste", "Om formiddagen"],
      ]),
    );
  });

  it("shows the course with its stages, conversation, FSIII, intervention, grant, clip and follow-up", () => {
    const course = exported.courses[0]!;
    expect(course).toMatchObject({
      id: f.courseId,
      stage: "Afprøvning",
      coordinator: { name: "Camilla Holt" },
    });
    expect(course.events.map((e) => [e.toStage, e.reason])).toEqual(
      expect.arrayContaining([
        ["Vejledning og motivation", null],
        ["Afprøvning", "Opfølgning: E1 Fortsættes"],
      ]),
    );
    const talk = exported.conversations[0]!;
    expect(talk).toMatchObject({
      courseId: f.courseId,
      kind: "Afklarende samtale",
      lonelinessType: "Både social og emotionel ensomhed",
      barriers: ["Transport til og fra"],
      wishes: "Vil gerne synge igen",
    });
    expect(talk.notes[0]?.note).toBe("Har været sømand");
    expect(talk.notes[0]?.theme).not.toMatch(/^[a-z_]+$/);
    expect(talk.goals[0]?.agreements[0]).toEqual({
      who: "Koordinator",
      what: "Finde et kor",
      due: "2026-12-15",
    });
    expect(exported.conditionAssessments[0]).toMatchObject({
      condition: "Følelsesfunktioner",
      severity: "2 Moderate begrænsninger",
      citizenView: "D2 Oplever begrænsninger",
    });
    expect(exported.interventions[0]).toMatchObject({ kind: "Ledsagelse", provider: "Hjemmeplejen" });
    expect(exported.grants[0]).toMatchObject({ kind: "Ledsagelse", clips: 5, minutesPerClip: 60 });
    expect(exported.clips[0]).toMatchObject({
      status: "Udført",
      actualMinutes: 50,
      note: "Fulgtes til koret",
      accompanimentForm: "Til/fra",
      registeredBy: { name: "Mette Lykke" },
    });
    expect(exported.followUps[0]).toMatchObject({ result: "E1 Fortsættes", note: "Går til koret hver uge" });
  });

  it("shows placements with events, what the volunteer centre got and the consent withdrawal", () => {
    const placement = exported.placements[0]!;
    expect(placement.activity).toContain("Sweep Strik");
    expect(placement.events.map((e) => e.to)).toContain("Kontaktet");
    const v = exported.volunteerReferrals[0]!;
    expect(v.consentFields).toEqual(["Fornavn"]);
    expect(v.answeredBy).toEqual({ name: "Peter Skov", role: expect.any(String) });
    expect(v.consentWithdrawnAt).not.toBeNull();
    expect(v.consentWithdrawnBy).toMatchObject({ name: "Camilla Holt" });
    // Withdrawn: the centre holds nothing any more, and the export says exactly that.
    expect(v.shared).toEqual([]);
  });

  it("shows the pending import rows naming the citizen and the sending to the care record", () => {
    // The sweep fixture's uploaded preview names the citizen too; the other two are the pull's above.
    expect(exported.careRecordImports.map((r) => r.outcome)).toEqual([
      "Ingen ændringer",
      "Oplysninger ændres",
      "Kan ikke indlæses",
    ]);
    expect(exported.careRecordImports[0]!.by).toMatchObject({ role: "Administrator" });
    const [, changed, unmatched] = exported.careRecordImports;
    expect(changed).toMatchObject({
      source: "Hentet automatisk fra omsorgsjournalen",
      by: null,
      outcome: "Oplysninger ændres",
      changes: [{ field: "By", from: "Gammelby", to: "Omsorgsby" }],
      reason: null,
    });
    expect(changed!.record).toContainEqual({ label: "CPR-nummer", value: f.cpr });
    expect(changed!.record).toContainEqual({ label: "Hjemmehjælp siden", value: "2026-01-05" });
    expect(unmatched).toMatchObject({
      outcome: "Kan ikke indlæses",
      record: [{ label: "CPR-nummer", value: f.cpr }],
      reason: "CPR-nummeret står på flere rækker",
      field: "CPR-nummer",
    });
    expect(response.body).not.toContain("Naboby");
    expect(exported.careRecordDeliveries).toEqual([
      expect.objectContaining({ recipient: "Kommunens omsorgsjournal", status: "Sendt", attempts: 1 }),
    ]);
    expect(response.body).not.toContain("ab".repeat(32));
  });

  it("names no other member of a small community and leaves the group's notes out", () => {
    const community = exported.smallCommunities[0]!;
    expect(community).toMatchObject({ otherMembers: 1, host: { name: "Mette Lykke" } });
    expect(community.meetings).toEqual([{ heldOn: f.today, place: "Hos Gerda" }]);
    const body = response.body;
    expect(body).not.toContain(GROUP_NOTE);
    expect(body).not.toContain(`${NAME.lastName}to`); // the other member's last name
    expect(body).not.toContain("Anden");
  });

  it("holds nothing of another citizen", async () => {
    const body = response.body;
    const others = Object.values(t.tenant.citizens);
    for (const other of others) {
      expect(body).not.toContain(other.cpr);
      expect(body).not.toContain(other.id);
    }
    expect(body).not.toContain("Lise Andersen"); // another citizen's relative
    expect(body).not.toContain(t.tenant.contactId);
  });

  it("carries this citizen's audit trail — and only theirs — naming staff by name and role, without IPs or search terms", () => {
    expect(exported.auditTrail).toHaveLength(trailBefore);
    expect(exported.auditTrail[0]!.by).toMatchObject({ role: expect.any(String) });
    expect(exported.auditTrail.map((e) => e.action)).toContain("Oprettet");
    const body = JSON.stringify(exported.auditTrail);
    expect(body).not.toMatch(/"ip"|127\.0\.0\.1/);
    expect(exported.auditTrail.map((e) => e.action)).toContain("Fremsøgt");
    expect(body).not.toContain(NAME.lastName);
  });
});

describe("the document's shape", () => {
  it("lists the categories in the document's order", () => {
    const keys = Object.keys(exported).filter((k) =>
      (ACCESS_EXPORT_CATEGORIES as readonly string[]).includes(k),
    );
    expect(keys).toEqual([...ACCESS_EXPORT_CATEGORIES] as AccessExportCategory[]);
  });
});
