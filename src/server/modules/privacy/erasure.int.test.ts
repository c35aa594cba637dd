/**
 * Anonymisation and erasure of a citizen (issue 13 point 5), through the API on PGlite and
 * PostgreSQL: a citizen with a full course is anonymised and every report figure of the period is
 * the same afterwards, while nothing that identifies them is left in any table — stored answers
 * and the audit trail's search terms included — and they are gone from search, lists and the
 * evaluator's dataset. Refusals, a failure half-way, and erasure (whose figures drop) follow.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import {
  type FullCourse,
  buildFullCourse,
  installErasureCatalog,
} from "../../../../test/support/full-course.js";
import {
  type Client,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
} from "../../../../test/support/test-app.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { ErasurePreview, ErasureResult } from "../../../shared/api/privacy-erasure.js";
import { rawRows } from "../../db/client.js";
import {
  auditEvents,
  careRecordImportRows,
  careRecordImportRuns,
  citizens,
  clips,
  courses,
  deletionRecords,
  journalNotes,
  municipalitySettings,
  retentionRules,
  retentionRuns,
} from "../../db/schema/index.js";
import { pseudonymOf } from "../reports/evaluator.js";
import { anonymiseCitizen } from "./erasure.js";

let t: TestApp;
let admin: Client;
let coordinator: Client;
let activityId: string;
let x: FullCourse;
const today = copenhagenDate(new Date());
const yearAgo = copenhagenDate(new Date(Date.now() - 365 * 24 * 3600 * 1000));
const period = `from=${yearAgo}&to=${today}`;
const tomorrow = copenhagenDate(new Date(Date.now() + 24 * 3600 * 1000));
const key = () => ({ headers: { "idempotency-key": `erasure-test-${Math.random().toString(36).slice(2)}` } });

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  coordinator = await t.as("community_coordinator");
  activityId = await installErasureCatalog(t);
  x = await buildFullCourse(t, activityId, {
    firstName: "Valdemar",
    lastName: "Kvistgaard",
    addressLine: "Lyngbakken 47",
  });
  // Searches by name and by CPR: their terms are on the audit trail of the citizen found.
  expect((await coordinator.post("/api/citizens/search", { q: "Kvistgaard" })).json().total).toBe(1);
  expect((await coordinator.post("/api/citizens/search", { q: x.citizen.cpr })).json().total).toBe(1);
  // A pending import from the care record (issue 14) names the citizen in its preview: a row matched
  // to them with their source record, and one that could not be matched but carries their CPR.
  const [run] = await t.db
    .insert(careRecordImportRuns)
    .values({
      municipalityId: t.tenant.municipality.id,
      source: "csv",
      scope: "complete",
      status: "preview",
      counts: {},
    })
    .returning();
  await t.db.insert(careRecordImportRows).values([
    {
      runId: run!.id,
      municipalityId: t.tenant.municipality.id,
      rowNo: 1,
      outcome: "changed",
      citizenId: x.citizen.id,
      record: {
        kind: "record",
        record: {
          cpr: x.citizen.cpr,
          firstName: "Valdemar",
          lastName: "Kvistgaard",
          addressLine: "Lyngbakken 47",
        },
      },
    },
    {
      runId: run!.id,
      municipalityId: t.tenant.municipality.id,
      rowNo: 2,
      outcome: "unmatched",
      record: { kind: "problem", cpr: x.citizen.cpr },
      reason: "duplicate_cpr",
      field: "cpr",
    },
  ]);
}, 120_000);
afterAll(() => t.close());

/** Every report figure of the period, as the API answers them (JSON, and the CSV rows). */
async function figures() {
  const manager = await t.as("manager");
  const evaluator = await t.as("evaluator");
  const json = async (url: string) => {
    const res = await manager.get(url);
    expect(res.statusCode, url).toBe(200);
    return res.json() as unknown;
  };
  const dataset = (await evaluator.get(`/api/reports/evaluator-dataset.csv?${period}`)).body;
  return {
    status: await json(`/api/reports/status?${period}`),
    funnel: await json(`/api/reports/funnel?${period}`),
    punchCard: await json(`/api/reports/punch-card?${period}`),
    outcomes: await json(`/api/reports/outcomes?${period}`),
    trend: await json(`/api/reports/trend?${period}`),
    statusCsv: (await manager.get(`/api/reports/status/export.csv?${period}`)).body,
    // The pseudonyms aside (an anonymised row's links to nothing): the same rows, column by column.
    datasetRows: dataset
      .trim()
      .split("\n")
      .map((line) => line.split(",").slice(1).join(","))
      .sort(),
    dataset,
  };
}

/** A report's JSON with the citizens' names left out (the figures and everything else kept). */
function withoutNames(report: unknown): unknown {
  return JSON.parse(JSON.stringify(report), (k, v: unknown) => (k === "name" ? undefined : v));
}

/** Every row of every table of the database as text, for "nothing identifying is left anywhere". */
async function everyRowAsText(): Promise<string[]> {
  const tables = await rawRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const out: string[] = [];
  for (const { name } of tables) {
    const rows = await rawRows<{ row: string }>(
      t.db,
      sql`select r::text as row from ${sql.identifier(name)} r`,
    );
    out.push(...rows.map((r) => `${name}: ${r.row}`));
  }
  return out;
}

/** Lists that name a citizen whose course is closed: the register, the inboxes, a report's drill-down. */
async function namingLists(): Promise<(readonly [Client, string, string])[]> {
  return [
    [coordinator, "/api/citizens?pageSize=100", x.citizen.id],
    [coordinator, "/api/referrals?status=all", x.citizen.id],
    // The volunteer centre never sees the citizen's id; the coordinators' view of its inbox does.
    [coordinator, "/api/volunteer-referrals", x.citizen.id],
    [admin, `/api/reports/status/formsFilled/citizens?${period}`, x.citizen.id],
  ];
}

async function citizenRow(id: string) {
  const [row] = await t.db.select().from(citizens).where(eq(citizens.id, id));
  return row;
}

describe("anonymising a citizen with a full course", () => {
  let before: Awaited<ReturnType<typeof figures>>;
  let pseudonym: string;
  let result: ErasureResult;

  beforeAll(async () => {
    before = await figures();
    const [settings] = await t.db
      .select({ key: municipalitySettings.pseudonymKey })
      .from(municipalitySettings)
      .where(eq(municipalitySettings.municipalityId, t.tenant.municipality.id));
    pseudonym = pseudonymOf(settings!.key!, x.citizen.id);
    expect(before.dataset).toContain(pseudonym);
    // Before: the lists that show a citizen with a closed course show this one (the checks after are not vacuous).
    for (const [who, url, needle] of await namingLists())
      expect((await who.get(url)).body, url).toContain(needle);
    // Before: the citizen's texts are in the database (the scan below is not vacuous).
    const all = (await everyRowAsText()).join("\n");
    for (const secret of x.secrets) expect(all, secret).toContain(secret);
  }, 60_000);

  it("previews what would be removed, needing no reason for a closed course", async () => {
    const res = await admin.get(`/api/citizens/${x.citizen.id}/erasure-preview`);
    expect(res.statusCode).toBe(200);
    const preview = res.json() as ErasurePreview;
    expect(preview.reasonRequired).toBe(false);
    const count = (c: string) => preview.categories.find((k) => k.category === c)!;
    expect(count("journal_notes")).toMatchObject({ count: 3, anonymise: "removed", erase: "removed" });
    expect(count("screenings")).toMatchObject({ anonymise: "kept", erase: "removed" });
    expect(count("contacts").count).toBe(1);
    expect(count("stored_answers").count).toBeGreaterThan(10);
    expect(count("audit_search_terms").count).toBe(2);
  });

  it("is refused to anyone but an administrator", async () => {
    const res = await coordinator.post(`/api/citizens/${x.citizen.id}/anonymisation`, {});
    expect(res.statusCode).toBe(403);
    expect((await citizenRow(x.citizen.id))!.anonymisedAt).toBeNull();
  });

  it("anonymises, answering what was done, and a repeat of the request answers the same", async () => {
    const headers = key();
    const res = await admin.post(`/api/citizens/${x.citizen.id}/anonymisation`, {}, headers);
    expect(res.statusCode).toBe(200);
    result = res.json() as ErasureResult;
    const counted = Object.fromEntries(result.counts.map((c) => [c.category, c.count]));
    expect(counted).toMatchObject({ citizen: 1, contacts: 1, journal_notes: 3, audit_search_terms: 2 });
    expect(counted.screenings).toBeUndefined(); // kept, so not counted as removed
    const again = await admin.post(`/api/citizens/${x.citizen.id}/anonymisation`, {}, headers);
    expect(again.json()).toEqual(result);
    const third = await admin.post(`/api/citizens/${x.citizen.id}/anonymisation`, {});
    expect(third.statusCode).toBe(409);
    expect(errorOf(third).code).toBe("citizen_already_anonymised");
  });

  it("leaves every report figure of the period exactly as it was", async () => {
    const after = await figures();
    expect(after.status).toEqual(before.status);
    expect(after.funnel).toEqual(before.funnel);
    expect(after.punchCard).toEqual(before.punchCard);
    // The outcome report lists its pairs to those who may see citizens: the pair stays, nameless.
    expect(withoutNames(after.outcomes)).toEqual(withoutNames(before.outcomes));
    expect(JSON.stringify(after.outcomes)).toContain("Anonymiseret borger");
    expect(JSON.stringify(after.outcomes)).not.toContain("Kvistgaard");
    expect(after.trend).toEqual(before.trend);
    expect(after.statusCsv).toEqual(before.statusCsv);
    // The evaluator's dataset keeps the row (the same facts, column by column) under a pseudonym
    // that links to nothing — the citizen's own pseudonym is gone.
    expect(after.datasetRows).toEqual(before.datasetRows);
    expect(after.dataset).not.toContain(pseudonym);
    expect((before.status as { figures: { formsFilled: { value: number } } }).figures.formsFilled.value).toBe(
      1,
    );
  });

  it("leaves nothing that identifies the citizen in any table, stored answers and audit trail included", async () => {
    const all = await everyRowAsText();
    for (const secret of x.secrets) {
      const found = all.filter((row) => row.includes(secret));
      expect(found, secret).toEqual([]);
    }
    const row = (await citizenRow(x.citizen.id))!;
    expect(row).toMatchObject({
      firstName: "Anonymiseret",
      lastName: "borger",
      cprLast4: "ANON",
      phone: null,
    });
    expect(row.cpr).toMatch(/^ANON-[0-9a-f-]{36}$/);
    // Only the birth year is left (the evaluator's dataset reports it).
    expect(row.birthDate).toMatch(new RegExp(`^\\d\\d${x.citizen.cpr.slice(4, 6)}-01-01$`));
    expect(row.anonymisedAt).not.toBeNull();
    // A repeat of an earlier write about the citizen is told its answer was removed, and is not done again.
    const stored = await rawRows<{ status: number }>(
      t.db,
      sql`select status_code as status from idempotency_keys where response_body->'error'->>'code' = 'stored_answer_removed'`,
    );
    expect(stored.length).toBeGreaterThan(10);
  });

  it("takes the citizen out of search, the register and every list", async () => {
    for (const q of ["Kvistgaard", "Valdemar", x.citizen.cpr, x.citizen.cpr.slice(-4), "Anonymiseret"]) {
      const res = (await coordinator.post("/api/citizens/search", { q })).json() as {
        items: { id: string }[];
      };
      expect(
        res.items.map((i) => i.id),
        q,
      ).not.toContain(x.citizen.id);
    }
    const lists = [
      ...(await namingLists()),
      [coordinator, "/api/courses/caseload", x.citizen.id],
      [coordinator, "/api/outcomes/due?all=true", x.citizen.id],
      [await t.as("team_leader"), "/api/detection/due", x.citizen.id],
    ] as const;
    for (const [who, url, needle] of lists) {
      const res = await who.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(needle);
    }
  });

  it("refuses putting a person back on the anonymised row", async () => {
    const row = (await citizenRow(x.citizen.id))!;
    const edit = await admin.patch(`/api/citizens/${x.citizen.id}`, {
      firstName: "Valdemar",
      version: row.version,
    });
    expect(edit.statusCode).toBe(409);
    expect(errorOf(edit).code).toBe("citizen_anonymised");
    const contact = await admin.post(`/api/citizens/${x.citizen.id}/contacts`, {
      kind: "relative",
      name: "Ny Pårørende",
    });
    expect(errorOf(contact).code).toBe("citizen_anonymised");
    expect((await citizenRow(x.citizen.id))!.firstName).toBe("Anonymiseret");
  });

  it("writes deletion records per category, without the citizen's id", async () => {
    const records = await t.db
      .select()
      .from(deletionRecords)
      .where(
        and(
          eq(deletionRecords.municipalityId, t.tenant.municipality.id),
          eq(deletionRecords.operation, "anonymise"),
        ),
      );
    const byCategory = Object.fromEntries(records.map((r) => [r.category, r.count]));
    expect(byCategory).toEqual(Object.fromEntries(result.counts.map((c) => [c.category, c.count])));
    expect(records.every((r) => r.actorUserId === t.tenant.users.administrator.id)).toBe(true);
    expect(JSON.stringify(records)).not.toContain(x.citizen.id);
  });

  it("audits the step without identifying content", async () => {
    const [row] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.citizenId, x.citizen.id), eq(auditEvents.action, "anonymise")));
    expect(row).toMatchObject({ entityType: "citizen", actorUserId: t.tenant.users.administrator.id });
    expect(Object.keys(row!.criterion as object)).toEqual(["rows"]);
  });
});

describe("open work", () => {
  let z: FullCourse;
  beforeAll(async () => {
    z = await buildFullCourse(
      t,
      activityId,
      { firstName: "Zakarias", lastName: "Lindormsen", addressLine: "Ørnereden 3" },
      { close: false },
    );
  }, 60_000);

  it("requires a reason for a citizen with an open course, and changes nothing without one", async () => {
    expect((await coordinator.get("/api/courses/caseload")).body).toContain(z.courseId);
    expect((await (await t.as("home_care_worker")).get(`/api/clips/day?date=${tomorrow}`)).body).toContain(
      z.citizen.id,
    );
    const preview = (
      await admin.get(`/api/citizens/${z.citizen.id}/erasure-preview`)
    ).json() as ErasurePreview;
    expect(preview).toMatchObject({ reasonRequired: true, blockers: { openCourses: 1 } });
    for (const url of ["anonymisation", "erasure"]) {
      const res = await admin.post(`/api/citizens/${z.citizen.id}/${url}`, { reason: "  " });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe("erasure_reason_required");
      expect(errorFields(res)).toEqual(["reason"]);
    }
    expect(await citizenRow(z.citizen.id)).toMatchObject({ firstName: "Zakarias", anonymisedAt: null });
  });

  it("anonymises with a reason: the course closes, the planned clip is cancelled, the reason is recorded", async () => {
    const res = await admin.post(`/api/citizens/${z.citizen.id}/anonymisation`, {
      reason: "Borgerens anmodning 010203-1234 efter aftale med DPO",
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as ErasureResult).ended).toMatchObject({ courses: 1, plannedClips: 1 });
    expect((await coordinator.get("/api/courses/caseload")).body).not.toContain(z.courseId);
    const day = await (await t.as("home_care_worker")).get(`/api/clips/day?date=${tomorrow}`);
    expect(day.body).not.toContain(z.citizen.id);
    const [course] = await t.db.select().from(courses).where(eq(courses.id, z.courseId));
    expect(course).toMatchObject({ stage: "closed", closingReason: "other" });
    const planned = await t.db
      .select()
      .from(clips)
      .where(and(eq(clips.courseId, z.courseId), eq(clips.status, "planned")));
    expect(planned).toEqual([]);
    const reasons = await t.db.select({ reason: deletionRecords.reason }).from(deletionRecords);
    // The reason is kept with the records, a CPR typed into it masked like on the audit trail.
    expect(reasons.map((r) => r.reason)).toContain("Borgerens anmodning 010203-XXXX efter aftale med DPO");
  });
});

describe("a retention run", () => {
  it("adds each citizen's counts to the run's one record per category", async () => {
    const m = t.tenant.municipality.id;
    await t.db
      .insert(retentionRules)
      .values({ municipalityId: m, kind: "closed_course_anonymise", keepDays: 1825, legalBasis: "Test" })
      .onConflictDoNothing();
    const [rule] = await t.db
      .select()
      .from(retentionRules)
      .where(and(eq(retentionRules.municipalityId, m), eq(retentionRules.kind, "closed_course_anonymise")));
    const [run] = await t.db
      .insert(retentionRuns)
      .values({
        municipalityId: m,
        ruleId: rule!.id,
        kind: rule!.kind,
        trigger: "manual",
        status: "running",
        asOf: new Date(),
      })
      .returning();
    for (const name of ["Runa", "Rasmine"]) {
      const c = await insertCitizen(t.db, t.tenant, { firstName: name, lastName: "Kørselsen" });
      await t.db.transaction((tx) =>
        anonymiseCitizen(tx, { municipalityId: m, citizenId: c.id, ruleId: rule!.id, runId: run!.id }),
      );
    }
    const records = await t.db.select().from(deletionRecords).where(eq(deletionRecords.runId, run!.id));
    expect(records.map((r) => [r.category, r.count, r.operation, r.actorUserId])).toEqual([
      ["citizen", 2, "anonymise", null],
    ]);
  });
});

describe("a failure half-way", () => {
  it("leaves the citizen exactly as they were", async () => {
    const y = await buildFullCourse(t, activityId, {
      firstName: "Ydun",
      lastName: "Fjeldsøe",
      addressLine: "Kløvermarken 8",
    });
    const snapshot = async () => ({
      citizen: await citizenRow(y.citizen.id),
      notes: (await t.db.select().from(journalNotes).where(eq(journalNotes.citizenId, y.citizen.id))).length,
      records: (await t.db.select().from(deletionRecords)).length,
      rows: (await everyRowAsText()).filter((r) => r.includes("Fjeldsøe")).sort(),
    });
    const before = await snapshot();
    // The last statement of anonymisation (the volunteer referral's shared data) fails, after the
    // register row, the notes and the stored answers were already changed in the transaction.
    await t.db.execute(
      sql.raw(
        "create function erasure_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$",
      ),
    );
    await t.db.execute(
      sql.raw(
        "create trigger erasure_test_fail before update on volunteer_referrals for each row execute function erasure_test_fail()",
      ),
    );
    try {
      const res = await admin.post(`/api/citizens/${y.citizen.id}/anonymisation`, {});
      expect(res.statusCode).toBe(500);
    } finally {
      await t.db.execute(sql.raw("drop trigger erasure_test_fail on volunteer_referrals"));
      await t.db.execute(sql.raw("drop function erasure_test_fail()"));
    }
    expect(await snapshot()).toEqual(before);
    expect(before.rows.length).toBeGreaterThan(5);
  }, 60_000);
});

describe("erasing a citizen", () => {
  it("deletes every row about them; the figures of past periods drop by what they contributed", async () => {
    const before = await figures();
    const res = await admin.post(`/api/citizens/${x.citizen.id}/erasure`, {});
    expect(res.statusCode).toBe(200);
    const counted = Object.fromEntries(
      (res.json() as ErasureResult).counts.map((c) => [c.category, c.count]),
    );
    expect(counted).toMatchObject({ citizen: 1, courses: 1, screenings: 2, clips: 1, placements: 1 });
    // No row of any table names the citizen's id any more — but the audit trail, kept under its own rule.
    const left = (await everyRowAsText()).filter((r) => r.includes(x.citizen.id));
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((r) => r.startsWith("audit_events: "))).toBe(true);
    expect(await citizenRow(x.citizen.id)).toBeUndefined();
    const after = await figures();
    type Status = { figures: Record<string, { value: number }> };
    const f = (s: unknown, k: string) => (s as Status).figures[k]!.value;
    expect(f(after.status, "formsFilled")).toBe(f(before.status, "formsFilled") - 1);
    expect(f(after.status, "volunteerReferrals")).toBe(f(before.status, "volunteerReferrals") - 1);
    expect(after.datasetRows.length).toBe(before.datasetRows.length - 1);
    const erased = await t.db.select().from(deletionRecords).where(eq(deletionRecords.operation, "erase"));
    expect(erased.map((r) => r.category)).toEqual(
      expect.arrayContaining(["citizen", "courses", "screenings"]),
    );
  });

  it("answers 404 for a citizen of another municipality", async () => {
    const res = await admin.post(`/api/citizens/${t.other.citizens.andersen.id}/erasure`, {});
    expect(res.statusCode).toBe(404);
    expect(await citizenRow(t.other.citizens.andersen.id)).toBeDefined();
  });
});
