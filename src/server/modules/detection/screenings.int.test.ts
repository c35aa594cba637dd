import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertCitizen } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp, errorFields, errorOf } from "../../../../test/support/test-app.js";
import {
  auditEvents,
  citizens,
  journalNotes,
  referrals,
  screenings,
  targetGroupChanges,
} from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let tils: string;
beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  const list = (await (await t.as("home_care_worker")).get("/api/questionnaires")).json() as {
    id: string;
    key: string;
  }[];
  tils = list.find((q) => q.key === "t-ils")!.id;
});
afterAll(() => t.close());

/** T-ILS answers summing to 3 (sjældent ×3) up to 9 (ofte ×3). */
function tilsAnswers(sum: number) {
  const scores = sum === 7 ? [3, 2, 2] : sum === 5 ? [2, 2, 1] : sum === 6 ? [2, 2, 2] : [1, 1, 1];
  const option = (s: number) => (s === 1 ? "sjaeldent" : s === 2 ? "en_gang_imellem" : "ofte");
  return { isoleret: option(scores[0]!), savner_nogen: option(scores[1]!), udenfor: option(scores[2]!) };
}

const notesOf = (citizenId: string) =>
  t.db.select().from(journalNotes).where(eq(journalNotes.citizenId, citizenId));

describe("the detection form", () => {
  it("shows the outcome at once, writes an observation tagged ensomhed and refers a lonely citizen who consents", async () => {
    const citizen = t.tenant.citizens.andersen;
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(7),
      consent: "yes",
      observation: "Sidder ved vinduet hele dagen.",
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as {
      scores: { total: number };
      outcome: { key: string; colour: string; positive: boolean };
      referral: { receiptNumber: string } | null;
    };
    expect(body.scores.total).toBe(7);
    expect(body.outcome).toMatchObject({ colour: "red", positive: true });
    expect(body.referral).not.toBeNull();
    const notes = await notesOf(citizen.id);
    expect(
      notes.some(
        (n) =>
          n.kind === "observation" && n.tags.includes("ensomhed") && n.body.includes("Sidder ved vinduet"),
      ),
    ).toBe(true);
    const inbox = (await (await t.as("community_coordinator")).get("/api/referrals")).json() as {
      receiptNumber: string;
      source: string;
      screening: { colour: string } | null;
    }[];
    expect(inbox.find((r) => r.receiptNumber === body.referral!.receiptNumber)).toMatchObject({
      source: "screening",
      screening: { colour: "red" },
    });
  });

  it("sends no referral when the citizen is not lonely", async () => {
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${t.tenant.citizens.zacho.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(5),
      consent: "not_asked",
    });
    expect(res.json()).toMatchObject({ outcome: { positive: false }, referral: null });
  });

  it("saves a refusal as an active professional note and sends no referral", async () => {
    const citizen = t.tenant.citizens.oestergaard;
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(6),
      consent: "no",
      consentNote: "Vil ikke forstyrres.",
    });
    expect(res.json()).toMatchObject({ outcome: { positive: true }, referral: null });
    const notes = await notesOf(citizen.id);
    expect(notes.find((n) => n.kind === "professional")).toMatchObject({
      active: true,
      body: "Vil ikke forstyrres.",
    });
    const journal = (
      await (await t.as("home_care_worker")).get(`/api/citizens/${citizen.id}/journal`)
    ).json() as { active: boolean }[];
    expect(journal[0]!.active).toBe(true);
  });

  it("records an exclusion from the target group with its reason and refers no one", async () => {
    const citizen = t.tenant.citizens.aerboel;
    // In home care, so the citizen is in the target group before the exclusion.
    await t.db.update(citizens).set({ homeCareSince: "2025-01-01" }).where(eq(citizens.id, citizen.id));
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(7),
      consent: "yes",
      exclusion: { reason: "dementia", note: "Diagnosticeret 2025." },
    });
    expect(res.json()).toMatchObject({ exclusionReason: "dementia", referral: null });
    const [row] = await t.db
      .select({ inTargetGroup: citizens.inTargetGroup })
      .from(citizens)
      .where(eq(citizens.id, citizen.id));
    expect(row!.inTargetGroup).toBe(false);
    const changes = await t.db
      .select()
      .from(targetGroupChanges)
      .where(eq(targetGroupChanges.citizenId, citizen.id));
    expect(changes).toMatchObject([{ inTargetGroup: false, reason: "dementia" }]);
  });

  it("excludes a citizen without answers: stored with no answers or score, no referral, one history row", async () => {
    const citizen = await insertCitizen(t.db, t.tenant);
    await t.db.update(citizens).set({ homeCareSince: "2025-01-01" }).where(eq(citizens.id, citizen.id));
    const worker = await t.as("home_care_worker");
    const res = await worker.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      consent: "not_asked",
      exclusion: { reason: "terminal" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      exclusionReason: "terminal",
      scores: null,
      outcome: null,
      referral: null,
    });
    const [row] = await t.db.select().from(screenings).where(eq(screenings.citizenId, citizen.id));
    expect(row).toMatchObject({
      answers: null,
      scores: null,
      outcomeKey: null,
      colour: null,
      positive: false,
      exclusionReason: "terminal",
    });
    // An empty answers object is the same as none.
    const again = await worker.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      answers: {},
      consent: "not_asked",
      exclusion: { reason: "moved" },
    });
    expect(again.statusCode).toBe(201);
    // The second exclusion finds the citizen already outside: no second crossing in the history.
    const changes = await t.db
      .select()
      .from(targetGroupChanges)
      .where(eq(targetGroupChanges.citizenId, citizen.id));
    expect(changes).toMatchObject([{ inTargetGroup: false, reason: "terminal" }]);
    expect(await t.db.select().from(referrals).where(eq(referrals.citizenId, citizen.id))).toHaveLength(0);
    const listed = (await worker.get(`/api/citizens/${citizen.id}/screenings`)).json() as {
      outcome: unknown;
      scores: unknown;
    }[];
    expect(listed.map((s) => [s.outcome, s.scores])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("refuses a form without answers unless it is an exclusion, and partial answers even with one", async () => {
    const citizen = t.tenant.citizens.bech;
    const worker = await t.as("home_care_worker");
    const before = await Promise.all([
      countRows(t.db, screenings),
      countRows(t.db, journalNotes),
      countRows(t.db, targetGroupChanges),
    ]);
    const none = await worker.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      consent: "not_asked",
    });
    expect([none.statusCode, errorOf(none).code, errorFields(none)]).toEqual([
      400,
      "questionnaire_incomplete",
      ["answers.isoleret", "answers.savner_nogen", "answers.udenfor"],
    ]);
    const partial = await worker.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      answers: { isoleret: "ofte" },
      consent: "not_asked",
      exclusion: { reason: "dementia" },
    });
    expect([partial.statusCode, errorOf(partial).code, errorFields(partial)]).toEqual([
      400,
      "questionnaire_incomplete",
      ["answers.savner_nogen", "answers.udenfor"],
    ]);
    const unknownQuestionnaire = await worker.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: "00000000-0000-4000-8000-000000000000",
      consent: "not_asked",
      exclusion: { reason: "dementia" },
    });
    expect([unknownQuestionnaire.statusCode, errorFields(unknownQuestionnaire)]).toEqual([
      400,
      ["questionnaireId"],
    ]);
    const noReason = await worker.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      consent: "not_asked",
      exclusion: {},
    });
    expect([noReason.statusCode, errorFields(noReason)]).toEqual([400, ["exclusion.reason"]]);
    expect(
      await Promise.all([
        countRows(t.db, screenings),
        countRows(t.db, journalNotes),
        countRows(t.db, targetGroupChanges),
      ]),
    ).toEqual(before);
  });

  it("names the missing items of an incomplete form and saves nothing", async () => {
    const before = await Promise.all([
      countRows(t.db, screenings),
      countRows(t.db, journalNotes),
      countRows(t.db, referrals),
    ]);
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${t.tenant.citizens.bech.id}/screenings`, {
      questionnaireId: tils,
      answers: { isoleret: "ofte" },
      consent: "yes",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("questionnaire_incomplete");
    expect(errorFields(res)).toEqual(["answers.savner_nogen", "answers.udenfor"]);
    expect(
      await Promise.all([
        countRows(t.db, screenings),
        countRows(t.db, journalNotes),
        countRows(t.db, referrals),
      ]),
    ).toEqual(before);
  });

  it("refuses an answer the item does not offer", async () => {
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${t.tenant.citizens.bech.id}/screenings`, {
      questionnaireId: tils,
      answers: { ...tilsAnswers(5), udenfor: "altid" },
      consent: "yes",
    });
    expect(errorFields(res)).toEqual(["answers.udenfor"]);
  });

  it("stores a form sent twice (double tap, retry) once", async () => {
    const citizen = t.tenant.citizens.bech;
    const worker = await t.as("home_care_worker");
    const body = { questionnaireId: tils, answers: tilsAnswers(7), consent: "yes" };
    const headers = { "idempotency-key": "screening-double-tap-1" };
    const [a, b] = await Promise.all([
      worker.post(`/api/citizens/${citizen.id}/screenings`, body, { headers }),
      worker.post(`/api/citizens/${citizen.id}/screenings`, body, { headers }),
    ]);
    const c = await worker.post(`/api/citizens/${citizen.id}/screenings`, body, { headers });
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(b.json()).toEqual(a.json());
    expect(c.json()).toEqual(a.json());
    expect(await t.db.select().from(screenings).where(eq(screenings.citizenId, citizen.id))).toHaveLength(1);
    expect(await t.db.select().from(referrals).where(eq(referrals.citizenId, citizen.id))).toHaveLength(1);
  });

  it("does not let a private provider's worker screen, or even find, another provider's citizen", async () => {
    const worker = await t.as("private_worker");
    const res = await worker.post(`/api/citizens/${t.tenant.citizens.aagaard.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(7),
      consent: "yes",
    });
    expect(res.statusCode).toBe(403);
    const search = (
      await worker.post("/api/citizens/search", { q: t.tenant.citizens.aagaard.lastName })
    ).json() as { total: number };
    expect(search.total).toBe(0);
    const own = await worker.post(`/api/citizens/${t.tenant.citizens.holm.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(5),
      consent: "not_asked",
    });
    expect(own.statusCode).toBe(201);
  });

  it("keeps the answers given on a version when the questionnaire changes", async () => {
    const admin = await t.as("administrator");
    const current = (await admin.get(`/api/questionnaires/${tils}`)).json() as {
      definition: Record<string, unknown> & { title: { da: string } };
    };
    const given = await (
      await t.as("private_worker")
    ).post(`/api/citizens/${t.tenant.citizens.moeller.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(6),
      consent: "not_asked",
    });
    const published = await admin.post("/api/questionnaires", {
      ...current.definition,
      title: { da: "T-ILS (ny tekst)" },
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 2, active: true });
    const history = (
      await (await t.as("private_worker")).get(`/api/citizens/${t.tenant.citizens.moeller.id}/screenings`)
    ).json() as { id: string; questionnaire: { version: number; title: string } }[];
    expect(history.find((s) => s.id === given.json().id)!.questionnaire).toMatchObject({
      version: 1,
      title: current.definition.title.da,
    });
    // The old version is withdrawn for new forms.
    const again = await (
      await t.as("private_worker")
    ).post(`/api/citizens/${t.tenant.citizens.moeller.id}/screenings`, {
      questionnaireId: tils,
      answers: tilsAnswers(6),
      consent: "not_asked",
    });
    expect(errorFields(again)).toEqual(["questionnaireId"]);
  });

  it("refuses a definition whose bands leave a gap, naming where", async () => {
    const admin = await t.as("administrator");
    const list = (await admin.get("/api/questionnaires")).json() as {
      key: string;
      definition: { result: { kind: string; bands: { min: number; max?: number; outcome: string }[] } };
    }[];
    const def = list.find((q) => q.key === "t-ils")!.definition;
    const broken = {
      ...def,
      result: { ...def.result, bands: [{ ...def.result.bands[0]!, max: 4 }, ...def.result.bands.slice(1)] },
    };
    const res = await admin.post("/api/questionnaires", broken);
    expect(res.statusCode).toBe(400);
    expect(errorFields(res).some((f) => f.startsWith("result"))).toBe(true);
  });

  it("audits the screening without its answers or note text", async () => {
    const citizen = t.tenant.citizens.kaer;
    const leader = await t.as("private_team_leader");
    const active = ((await leader.get("/api/questionnaires")).json() as { id: string; key: string }[]).find(
      (q) => q.key === "t-ils",
    )!.id;
    const res = await leader.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: active,
      answers: tilsAnswers(5),
      consent: "not_asked",
      observation: "HEMMELIG NOTE",
    });
    expect(res.statusCode).toBe(201);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, citizen.id), eq(auditEvents.entityType, "screening")));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.criterion)).not.toContain("HEMMELIG");
  });
});

describe("withdrawing a questionnaire version", () => {
  it("offers an older version again when the administrator withdraws the newest and reactivates the older", async () => {
    const admin = await t.as("administrator");
    const versions = (await admin.get("/api/questionnaires/by-key/t-ils/versions")).json() as {
      id: string;
      version: number;
    }[];
    const newest = versions[0]!;
    const oldest = versions.at(-1)!;
    expect(newest.version).toBeGreaterThan(oldest.version);
    await admin.patch(`/api/questionnaires/${newest.id}`, { active: false });
    await admin.patch(`/api/questionnaires/${oldest.id}`, { active: true });
    const offered = (await (await t.as("home_care_worker")).get("/api/questionnaires")).json() as {
      id: string;
      key: string;
    }[];
    expect(offered.filter((q) => q.key === "t-ils").map((q) => q.id)).toEqual([oldest.id]);
    const adminList = (await admin.get("/api/questionnaires")).json() as {
      id: string;
      key: string;
      active: boolean;
    }[];
    expect(adminList.find((q) => q.key === "t-ils")).toMatchObject({ id: newest.id, active: false });
  });
});
