/**
 * Retention of citizens (issue 13 points 4–6, "Bad input and faults"): closed courses anonymised and
 * citizens without home care and without a course erased, on a clock set forward. Each rule takes
 * exactly the citizens that are due (not one a day inside the period, not one with an open course,
 * recent activity, an active referral or a restriction); its preview counts what the run then does;
 * a run above the rule's share waits for an administrator; a run that fails for one citizen finishes
 * the others, leaves that citizen whole and says so; repeating it does nothing more; and the report
 * figures for past periods are the same after the anonymisation.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "../../../domain/privacy/retention-defaults.js";
import { copenhagenDate } from "../../../domain/time.js";
import type {
  RetentionPreview,
  RetentionRuleList,
  RetentionRuleView,
  RetentionRunView,
  RetentionRunsPage,
} from "../../../shared/api/privacy-retention.js";
import {
  auditEvents,
  citizens,
  courses,
  deletionRecords,
  journalNotes,
  questionnaireDefinitions,
  referrals,
  retentionRuns,
  screenings,
} from "../../db/schema/index.js";
import { type TestCitizen, insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { AuditEvent } from "../../../shared/api/citizens.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";
import { anonymiseCitizen } from "./erasure.js";
import { RETENTION_DAILY_JOB, RETENTION_RUN_JOB } from "./retention-jobs.js";
import { loadRule } from "./retention-rules-store.js";
import { createRun } from "./retention-service.js";

let t: TestApp;
const HOUR = 3_600_000;
// Noon (UTC) of a Copenhagen day, so an hour either side, or the next day's run, never changes day
// with the hour the suite runs at (retention-rows.int.test.ts failed so at 22:59 UTC).
const asOf = new Date(`${copenhagenDate(new Date(Date.now() + 400 * DAY_MS))}T12:00:00Z`);
const ago = (days: number, ms = 0) => new Date(asOf.getTime() - days * DAY_MS + ms);
const due = (days: number) => ago(days, -HOUR);
const inside = (days: number) => ago(days, HOUR);
const OLD = ago(4000);
let definitionId: string;

interface Make {
  homeCare?: boolean;
  closedAt?: Date | "open";
  screenedAt?: Date;
  restricted?: boolean;
  activeReferral?: boolean;
  updatedAt?: Date;
}

async function make(name: string, o: Make): Promise<TestCitizen> {
  const m = t.tenant.municipality.id;
  const c = await insertCitizen(t.db, t.tenant, { firstName: name, lastName: "Opbevaring" });
  await t.db
    .update(citizens)
    .set({
      createdAt: OLD,
      updatedAt: o.updatedAt ?? OLD,
      homeCareSince: o.homeCare === false ? null : "2015-01-01",
      restrictedAt: o.restricted ? OLD : null,
    })
    .where(eq(citizens.id, c.id));
  if (o.closedAt) {
    const closed = o.closedAt === "open" ? null : o.closedAt;
    const opened = new Date((closed ?? OLD).getTime() - 200 * DAY_MS);
    await t.db.insert(courses).values({
      municipalityId: m,
      citizenId: c.id,
      coordinatorUserId: t.tenant.users.community_coordinator.id,
      stage: closed ? "closed" : "guidance",
      stageSince: closed ?? opened,
      openedAt: opened,
      closedAt: closed,
      closingReason: closed ? "goal_reached" : null,
    });
  }
  if (o.screenedAt)
    await t.db.insert(screenings).values({
      municipalityId: m,
      citizenId: c.id,
      definitionId,
      positive: true,
      consent: "yes",
      performedBy: t.tenant.users.home_care_worker.id,
      performedByOrganisationId: t.tenant.orgs.publicProvider.id,
      performedAt: o.screenedAt,
    });
  if (o.activeReferral)
    await t.db.insert(referrals).values({
      municipalityId: m,
      receiptNumber: `H-${name}`,
      citizenId: c.id,
      source: "home_care",
      channel: "broen",
      toOrganisationId: t.tenant.orgs.coordinatorUnit.id,
      reason: "Ensom",
      status: "new",
      createdAt: OLD,
      updatedAt: OLD,
    });
  await t.db.insert(journalNotes).values({
    municipalityId: m,
    citizenId: c.id,
    kind: "observation",
    title: "Iagttagelse",
    body: `Fiktiv note om ${name}`,
    authorUserId: t.tenant.users.home_care_worker.id,
    authorOrganisationId: t.tenant.orgs.publicProvider.id,
    createdAt: OLD,
  });
  return c;
}

let cz: Record<string, TestCitizen>;
let admin: Client;

/**
 * A run with the clock forward removes this test's sessions too (the sessions rule): log in again.
 */
async function loginAgain(): Promise<void> {
  admin = await t.login(t.tenant.users.administrator.username);
}

async function rule(kind: RetentionRuleView["kind"]): Promise<RetentionRuleView> {
  const res = await admin.get("/api/privacy/retention/rules");
  expect(res.statusCode).toBe(200);
  return (res.json() as RetentionRuleList).rules.find((r) => r.kind === kind)!;
}

async function firstNames(ids: string[]): Promise<Map<string, { firstName: string; anonymised: boolean }>> {
  const rows = await t.db
    .select({ id: citizens.id, firstName: citizens.firstName, at: citizens.anonymisedAt })
    .from(citizens)
    .where(inArray(citizens.id, ids));
  return new Map(rows.map((r) => [r.id, { firstName: r.firstName, anonymised: r.at !== null }]));
}

async function runOf(id: string) {
  const [run] = await t.db.select().from(retentionRuns).where(eq(retentionRuns.id, id));
  return run!;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  const [def] = await t.db
    .select({ id: questionnaireDefinitions.id })
    .from(questionnaireDefinitions)
    .where(eq(questionnaireDefinitions.municipalityId, t.tenant.municipality.id))
    .limit(1);
  definitionId = def!.id;
  // The factory's citizens are in home care, without courses, long registered: never due.
  await t.db
    .update(citizens)
    .set({ createdAt: OLD, updatedAt: OLD })
    .where(eq(citizens.municipalityId, t.tenant.municipality.id));
  cz = {
    alma: await make("Alma", { closedAt: due(1825), screenedAt: ago(2400) }),
    bodil: await make("Bodil", { closedAt: due(3000) }),
    carl: await make("Carl", { closedAt: inside(1825) }),
    dorte: await make("Dorte", { closedAt: "open" }),
    erik: await make("Erik", { closedAt: due(3000), screenedAt: ago(100) }),
    frida: await make("Frida", { closedAt: due(3000), restricted: true }),
    gorm: await make("Gorm", { closedAt: due(3000), activeReferral: true }),
    hanne: await make("Hanne", { homeCare: false }),
    // Two days inside the period: still kept when tomorrow's schedule runs.
    ib: await make("Ib", { homeCare: false, updatedAt: ago(1823) }),
    jytte: await make("Jytte", { homeCare: true }),
  };
});

afterAll(async () => {
  await t.close();
});

const reportPeriod = `from=${copenhagenDate(ago(4100))}&to=${copenhagenDate(ago(1500))}`;
let reportsBefore: unknown[];

async function reports(): Promise<unknown[]> {
  const manager = await t.login(t.tenant.users.manager.username);
  const out = [];
  for (const report of ["status", "funnel"]) {
    const res = await manager.get(`/api/reports/${report}?${reportPeriod}`);
    expect(res.statusCode, report).toBe(200);
    out.push(res.json());
  }
  return out;
}

describe("retention of citizens, with the clock set forward", () => {
  it("previews the due citizens by count, the restricted one held back, and that a run needs confirmation", async () => {
    const anonymise = await rule("closed_course_anonymise");
    const res = await admin.get(
      `/api/privacy/retention/rules/${anonymise.id}/preview?asOf=${encodeURIComponent(asOf.toISOString())}`,
    );
    expect(res.statusCode).toBe(200);
    const p = res.json() as RetentionPreview;
    const registered = Object.keys(t.tenant.citizens).length + 10;
    expect(p).toMatchObject({
      candidates: 2,
      heldBackRestricted: 1,
      citizensInMunicipality: registered,
      needsConfirmation: true,
    });
    expect(p.categories).toMatchObject({
      citizens: 2,
      courses: 2,
      screenings: 1,
      journal_notes: 2,
      referrals: 0,
    });
    expect(JSON.stringify(p)).not.toMatch(/Alma|Bodil/);

    const erase = await rule("inactive_citizen_erase");
    const e = (
      await admin.get(
        `/api/privacy/retention/rules/${erase.id}/preview?asOf=${encodeURIComponent(asOf.toISOString())}`,
      )
    ).json() as RetentionPreview;
    // 1 of 20 is exactly the 5 % share: allowed without confirmation.
    expect(e).toMatchObject({
      candidates: 1,
      heldBackRestricted: 0,
      citizensInMunicipality: 20,
      needsConfirmation: false,
    });
  });

  it("lets only the administrator change a rule, with the version it started from, within the kind's limits", async () => {
    const erase = await rule("inactive_citizen_erase");
    const planner = await t.as("planner");
    expect(
      (
        await planner.patch(`/api/privacy/retention/rules/${erase.id}`, {
          version: 1,
          confirmAbovePercent: 10,
        })
      ).statusCode,
    ).toBe(403);
    const tooShort = await admin.patch(`/api/privacy/retention/rules/${erase.id}`, {
      version: 1,
      keepDays: 5,
    });
    expect(tooShort.statusCode).toBe(422);
    expect(errorOf(tooShort)).toMatchObject({
      code: "retention_period_out_of_range",
      details: { minKeepDays: 365 },
    });

    const ok = await admin.patch(`/api/privacy/retention/rules/${erase.id}`, {
      version: 1,
      confirmAbovePercent: 10,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      confirmAbovePercent: 10,
      version: 2,
      updatedBy: { id: t.tenant.users.administrator.id },
    });
    const stale = await admin.patch(`/api/privacy/retention/rules/${erase.id}`, {
      version: 1,
      enabled: false,
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("version_conflict");
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, erase.id));
    expect(trail.map((a) => [a.action, a.entityType])).toEqual([["update", "retention_rule"]]);
  });

  it("the daily job erases the due citizen, and the anonymisation above the share waits", async () => {
    await t.app.jobs.enqueue(RETENTION_DAILY_JOB, { asOf: asOf.toISOString() });
    expect((await t.app.jobs.runDueJobs()).failed).toEqual([]);
    await loginAgain();

    const erase = await rule("inactive_citizen_erase");
    expect(erase.lastRun).toMatchObject({ status: "succeeded", candidates: 1, processed: 1, failed: 0 });
    const left = await firstNames(Object.values(cz).map((c) => c.id));
    expect(left.has(cz.hanne!.id)).toBe(false);
    expect(left.get(cz.ib!.id)).toEqual({ firstName: "Ib", anonymised: false });
    expect(left.get(cz.jytte!.id)).toEqual({ firstName: "Jytte", anonymised: false });
    const records = await t.db
      .select()
      .from(deletionRecords)
      .where(eq(deletionRecords.runId, erase.lastRun!.id));
    expect(records.find((r) => r.category === "citizen")).toMatchObject({
      operation: "erase",
      count: 1,
      ruleId: erase.id,
    });

    const anonymise = await rule("closed_course_anonymise");
    expect(anonymise.lastRun).toBeNull();
    expect(anonymise.pendingRun).toMatchObject({
      status: "awaiting_confirmation",
      candidates: 2,
      processed: 0,
    });
    expect(left.get(cz.alma!.id)).toEqual({ firstName: "Alma", anonymised: false });
    // Waiting, it blocks a second run and tomorrow's schedule alike.
    const again = await admin.post(`/api/privacy/retention/rules/${anonymise.id}/runs`, {});
    expect(errorOf(again).code).toBe("retention_run_pending");
    await t.app.jobs.enqueue(RETENTION_DAILY_JOB, { asOf: new Date(asOf.getTime() + DAY_MS).toISOString() });
    await t.app.jobs.runDueJobs();
    await loginAgain();
    const runs = (
      await admin.get(`/api/privacy/retention/runs?ruleId=${anonymise.id}`)
    ).json() as RetentionRunsPage;
    expect(runs.items.map((r) => r.status)).toEqual(["awaiting_confirmation"]);
    reportsBefore = await reports();
    // Alma's screening and both closed courses are in the period: the comparison below compares something.
    const status = reportsBefore[0] as {
      figures: { formsFilled: { value: number }; targetGroup: { value: number } };
    };
    expect(status.figures.formsFilled.value).toBe(1);
    const funnel = reportsBefore[1] as { steps: { key: string; count: { value: number } }[] };
    expect(funnel.steps.find((s) => s.key === "screened")!.count.value).toBe(1);
  });

  it("confirmed, the run anonymises exactly the due citizens, as the preview said, and the past reports stay", async () => {
    const anonymise = await rule("closed_course_anonymise");
    const confirm = await admin.post(`/api/privacy/retention/runs/${anonymise.pendingRun!.id}/confirm`, {});
    expect(confirm.statusCode).toBe(202);
    expect(confirm.json()).toMatchObject({ status: "confirmed" });
    expect((await t.app.jobs.runDueJobs(RETENTION_RUN_JOB)).failed).toEqual([]);

    const run = await runOf(anonymise.pendingRun!.id);
    expect(run).toMatchObject({ status: "succeeded", candidates: 2, processed: 2, failed: 0 });
    const after = await firstNames(
      Object.values(cz)
        .filter((c) => c !== cz.hanne)
        .map((c) => c.id),
    );
    expect(after.get(cz.alma!.id)!.anonymised).toBe(true);
    expect(after.get(cz.alma!.id)!.firstName).not.toBe("Alma");
    expect(after.get(cz.bodil!.id)!.anonymised).toBe(true);
    for (const kept of ["carl", "dorte", "erik", "frida", "gorm", "ib", "jytte"])
      expect(after.get(cz[kept]!.id), kept).toEqual({ firstName: cz[kept]!.firstName, anonymised: false });
    const records = await t.db.select().from(deletionRecords).where(eq(deletionRecords.runId, run.id));
    expect(records.filter((r) => r.category === "citizen").reduce((n, r) => n + r.count, 0)).toBe(2);
    expect(records.every((r) => r.operation === "anonymise" && r.ruleId === anonymise.id)).toBe(true);

    expect(await reports()).toEqual(reportsBefore);
    const confirmed = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, run.id));
    expect(confirmed.map((a) => a.criterion)).toEqual([expect.objectContaining({ action: "confirm" })]);

    // The citizen's own trail says Broen anonymised them by this rule (no person, no address).
    const trail = await admin.get(`/api/citizens/${cz.alma!.id}/audit`);
    expect(trail.statusCode).toBe(200);
    const byBroen = (trail.json() as { events: AuditEvent[] }).events.filter((e) => e.action === "anonymise");
    expect(byBroen).toEqual([
      expect.objectContaining({
        actor: null,
        actorKind: "system",
        ip: null,
        criterion: expect.objectContaining({ kind: "closed_course_anonymise" }),
      }),
    ]);
  });

  it("a run that fails for one citizen finishes the others, leaves that one whole, and says so", async () => {
    const kaj = await make("Kaj", { closedAt: due(3000) });
    const lis = await make("Lis", { closedAt: due(3000) });
    const anonymise = await rule("closed_course_anonymise");
    // No confirmation for this part; the share is the administrator's setting.
    expect(
      (
        await admin.patch(`/api/privacy/retention/rules/${anonymise.id}`, {
          version: anonymise.version,
          confirmAbovePercent: 100,
        })
      ).statusCode,
    ).toBe(200);
    // A fault in the database for Kaj alone, at the last step of the anonymisation.
    await t.db.execute(`create function retention_test_fault() returns trigger language plpgsql as $$
      begin if old.id = '${kaj.id}' then raise exception 'test fault'; end if; return new; end $$`);
    await t.db.execute(
      `create trigger retention_test_fault before update on citizens for each row execute function retention_test_fault()`,
    );
    try {
      // A manual run: now, through the queue (Kaj and Lis closed long enough ago for today too).
      const started = await admin.post(`/api/privacy/retention/rules/${anonymise.id}/runs`, {});
      expect(started.statusCode).toBe(202);
      const view = started.json() as RetentionRunView;
      expect(view).toMatchObject({
        status: "queued",
        trigger: "manual",
        startedBy: { id: t.tenant.users.administrator.id },
      });
      expect((await t.app.jobs.runDueJobs(RETENTION_RUN_JOB)).failed).toEqual([]);
      const run = await runOf(view.id);
      expect(run).toMatchObject({ status: "partly_failed", candidates: 2, processed: 1, failed: 1 });
      expect(Object.values(JSON.parse(run.error!) as Record<string, number>)).toEqual([1]);
      expect(run.error).not.toMatch(/Kaj|test fault/);
      const names = await firstNames([kaj.id, lis.id]);
      expect(names.get(kaj.id)).toEqual({ firstName: "Kaj", anonymised: false });
      expect(names.get(lis.id)!.anonymised).toBe(true);
      // Kaj's note survived the rolled-back anonymisation.
      const notes = await t.db.select().from(journalNotes).where(eq(journalNotes.citizenId, kaj.id));
      expect(notes.map((n) => n.body)).toEqual(["Fiktiv note om Kaj"]);
    } finally {
      await t.db.execute(`drop trigger retention_test_fault on citizens`);
      await t.db.execute(`drop function retention_test_fault()`);
    }
    // The fault gone, the next run takes Kaj; the one after finds nothing.
    const second = (
      await admin.post(`/api/privacy/retention/rules/${anonymise.id}/runs`, {})
    ).json() as RetentionRunView;
    await t.app.jobs.runDueJobs(RETENTION_RUN_JOB);
    expect(await runOf(second.id)).toMatchObject({
      status: "succeeded",
      candidates: 1,
      processed: 1,
      failed: 0,
    });
    expect((await firstNames([kaj.id])).get(kaj.id)!.anonymised).toBe(true);
    const third = (
      await admin.post(`/api/privacy/retention/rules/${anonymise.id}/runs`, {})
    ).json() as RetentionRunView;
    await t.app.jobs.runDueJobs(RETENTION_RUN_JOB);
    expect(await runOf(third.id)).toMatchObject({ status: "succeeded", candidates: 0, processed: 0 });
  });

  it("a run interrupted after its first citizen resumes on the job's next try and finishes exactly once", async () => {
    const m = t.tenant.municipality.id;
    const nils = await make("Nils", { closedAt: due(3000) });
    const olga = await make("Olga", { closedAt: due(3000) });
    const row = await loadRule(t.db, m, (await rule("closed_course_anonymise")).id);
    const run = await t.db.transaction((tx) =>
      createRun(
        tx,
        row,
        { trigger: "manual", asOf: new Date(), actorUserId: null },
        (jtx, runId, municipalityId) =>
          t.app.jobs.enqueue(RETENTION_RUN_JOB, { runId, municipalityId }, { tx: jtx }),
      ),
    );
    // What the killed process had committed: the run running, Nils anonymised in his own transaction.
    await t.db
      .update(retentionRuns)
      .set({ status: "running", candidates: 2 })
      .where(eq(retentionRuns.id, run.id));
    await t.db.transaction(async (tx) => {
      await anonymiseCitizen(tx, { municipalityId: m, citizenId: nils.id, ruleId: row.id, runId: run.id });
      await tx.update(retentionRuns).set({ processed: 1 }).where(eq(retentionRuns.id, run.id));
    });
    expect((await t.app.jobs.runDueJobs(RETENTION_RUN_JOB)).failed).toEqual([]);
    expect(await runOf(run.id)).toMatchObject({
      status: "succeeded",
      candidates: 2,
      processed: 2,
      failed: 0,
    });
    const names = await firstNames([nils.id, olga.id]);
    expect([names.get(nils.id)!.anonymised, names.get(olga.id)!.anonymised]).toEqual([true, true]);
    const records = await t.db.select().from(deletionRecords).where(eq(deletionRecords.runId, run.id));
    expect(records.filter((r) => r.category === "citizen").reduce((n, r) => n + r.count, 0)).toBe(2);
  });

  it("a waiting run can be cancelled (it does nothing), and a rule switched off does not run", async () => {
    const mona = await make("Mona", { closedAt: due(3000) });
    let anonymise = await rule("closed_course_anonymise");
    await admin.patch(`/api/privacy/retention/rules/${anonymise.id}`, {
      version: anonymise.version,
      confirmAbovePercent: 0,
    });
    const started = (
      await admin.post(`/api/privacy/retention/rules/${anonymise.id}/runs`, {})
    ).json() as RetentionRunView;
    await t.app.jobs.runDueJobs(RETENTION_RUN_JOB);
    expect(await runOf(started.id)).toMatchObject({ status: "awaiting_confirmation", candidates: 1 });
    const cancelled = await admin.post(`/api/privacy/retention/runs/${started.id}/cancel`, {});
    expect(cancelled.json()).toMatchObject({ status: "cancelled" });
    expect(errorOf(await admin.post(`/api/privacy/retention/runs/${started.id}/confirm`, {})).code).toBe(
      "retention_run_not_awaiting_confirmation",
    );
    expect((await firstNames([mona.id])).get(mona.id)).toEqual({ firstName: "Mona", anonymised: false });

    anonymise = await rule("closed_course_anonymise");
    expect(anonymise.lastRun).toMatchObject({ status: "cancelled" });
    await admin.patch(`/api/privacy/retention/rules/${anonymise.id}`, {
      version: anonymise.version,
      enabled: false,
    });
    expect(errorOf(await admin.post(`/api/privacy/retention/rules/${anonymise.id}/runs`, {})).code).toBe(
      "retention_rule_disabled",
    );
  });

  it("never touches the other municipality", async () => {
    const other = await t.db
      .select()
      .from(citizens)
      .where(eq(citizens.municipalityId, t.other.municipality.id));
    expect(other.every((c) => c.anonymisedAt === null)).toBe(true);
    expect(other).toHaveLength(Object.keys(t.other.citizens).length);
    const otherAdmin = await t.login(t.other.users.administrator.username);
    const runs = (
      await otherAdmin.get("/api/privacy/retention/runs?pageSize=100")
    ).json() as RetentionRunsPage;
    const citizenRuns = runs.items.filter(
      (r) => r.kind === "closed_course_anonymise" || r.kind === "inactive_citizen_erase",
    );
    expect(citizenRuns.length).toBeGreaterThan(0);
    expect(citizenRuns.every((r) => r.processed === 0)).toBe(true);
  });
});
