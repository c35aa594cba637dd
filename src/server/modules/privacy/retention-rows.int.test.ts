/**
 * Retention of rows (issue 13 point 4): the audit trail, the security log, sessions, stored answers,
 * failed-login and request counters, and public-form referrals that matched no citizen. The clock
 * is set forward (the daily job is given `asOf`), never waited for: each rule removes exactly what
 * is due — a row a minute inside its period stays — writes its deletion records, does what its
 * preview said, and a repeated run does nothing more.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS, type RetentionKind, retentionDefault } from "../../../domain/privacy/retention-defaults.js";
import { copenhagenDate } from "../../../domain/time.js";
import type {
  DeletionRecordsPage,
  RetentionPreview,
  RetentionRuleList,
} from "../../../shared/api/privacy-retention.js";
import {
  auditEvents,
  deletionRecords,
  idempotencyKeys,
  loginThrottle,
  municipalities,
  rateLimitCounters,
  referralEvents,
  referrals,
  retentionRules,
  retentionRuns,
  securityEvents,
  sessions,
} from "../../db/schema/index.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { RETENTION_DAILY_JOB, RETENTION_RUN_JOB } from "./retention-jobs.js";
import { executeRetentionRun } from "./retention-run.js";
import { createRun } from "./retention-service.js";
import { installShippedRetentionRulesEverywhere, loadRule } from "./retention-rules-store.js";

let t: TestApp;
let admin: Client;
const MINUTE = 60_000;
/**
 * The clock of the runs: noon (UTC) of the Copenhagen day 400 days from now. Not now + 400 days: run
 * in the last minute before Copenhagen's midnight, "a minute later, the same day" below fell on the
 * next day and the daily job rightly started that day's runs (a CI run at 22:59 UTC failed so).
 */
const asOf = new Date(`${copenhagenDate(new Date(Date.now() + 400 * DAY_MS))}T12:00:00Z`);
/** Just past a period of `days` (due), or a minute inside it (kept). */
const due = (days: number) => new Date(asOf.getTime() - days * DAY_MS - MINUTE);
const inside = (days: number) => new Date(asOf.getTime() - days * DAY_MS + MINUTE);

let markers: Record<string, { due: unknown[]; kept: unknown[] }>;

/** The rules, read with a fresh login: a run with the clock forward removes this test's sessions too. */
async function rules(): Promise<RetentionRuleList> {
  admin = await t.login(t.tenant.users.administrator.username);
  const res = await admin.get("/api/privacy/retention/rules");
  expect(res.statusCode).toBe(200);
  return res.json() as RetentionRuleList;
}

async function referral(
  m: string,
  org: string,
  receipt: string,
  fields: Partial<typeof referrals.$inferInsert>,
) {
  const [row] = await t.db
    .insert(referrals)
    .values({
      municipalityId: m,
      receiptNumber: receipt,
      source: "relative",
      channel: "web_form",
      toOrganisationId: org,
      subjectName: "Fiktiv Person",
      subjectAddress: "Testvej 99",
      subjectCpr: "010101-0000",
      reason: "Virker ensom",
      status: "rejected",
      ...fields,
    })
    .returning({ id: referrals.id });
  await t.db
    .insert(referralEvents)
    .values({ municipalityId: m, referralId: row!.id, toStatus: "new", at: fields.updatedAt });
  return row!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  const m = t.tenant.municipality.id;
  const o = t.other.municipality.id;
  const user = t.tenant.users.planner.id;
  const otherUser = t.other.users.planner.id;
  const org = t.tenant.orgs.coordinatorUnit.id;

  const audit = async (municipalityId: string, at: Date) =>
    (
      await t.db
        .insert(auditEvents)
        .values({ municipalityId, at, action: "read", entityType: "citizen" })
        .returning()
    )[0]!.id;
  const security = async (municipalityId: string | null, at: Date) =>
    (
      await t.db
        .insert(securityEvents)
        .values({ municipalityId, at, kind: "login_failed", username: "x" })
        .returning()
    )[0]!.id;
  const session = async (userId: string, name: string, expiresAt: Date) => {
    await t.db.insert(sessions).values({ tokenHash: name, userId, expiresAt });
    return name;
  };
  const stored = async (userId: string, key: string, createdAt: Date) => {
    await t.db.insert(idempotencyKeys).values({
      userId,
      key,
      requestHash: "h",
      statusCode: 201,
      responseBody: { name: "Fiktiv" },
      createdAt,
    });
    return key;
  };
  const throttle = async (username: string, updatedAt: Date, lockedUntil: Date | null) => {
    await t.db
      .insert(loginThrottle)
      .values({ username, client: "10.0.0.1", failures: 6, updatedAt, lockedUntil });
    return username;
  };
  const counter = async (key: string, resetsAt: Date) => {
    await t.db.insert(rateLimitCounters).values({ key, hits: 3, resetsAt });
    return key;
  };

  markers = {
    audit: {
      due: [await audit(m, due(1825)), await audit(m, due(3000))],
      // The other municipality's due row goes by ITS rule; this municipality's record counts 2, not 3.
      kept: [await audit(m, inside(1825))],
    },
    otherAudit: {
      due: [await audit(o, due(3000))],
      kept: [],
    },
    security: {
      due: [await security(m, due(365)), await security(null, due(365))],
      kept: [await security(m, inside(365)), await security(null, inside(365))],
    },
    sessions: {
      due: [await session(user, "s-due", due(1))],
      kept: [await session(user, "s-kept", inside(1))],
    },
    stored: {
      due: [await stored(user, "key-due-000", due(2))],
      kept: [await stored(user, "key-kept-000", inside(2))],
    },
    otherStored: {
      due: [await stored(otherUser, "key-other-00", due(2))],
      kept: [],
    },
    // The throttle's starting event is the later of the last failure and the lock's end.
    throttle: {
      due: [await throttle("gone.a", due(1), null), await throttle("gone.b", due(3), due(1))],
      kept: [await throttle("kept.a", inside(1), null), await throttle("kept.b", due(3), inside(1))],
    },
    counters: {
      due: [await counter("login:10.0.0.1", due(1))],
      kept: [await counter("login:10.0.0.2", inside(1))],
    },
    referrals: {
      due: [
        await referral(m, org, "H-1", { updatedAt: due(90) }),
        // An unmatched referral nobody handled is still about someone outside the register.
        await referral(m, org, "H-2", { updatedAt: due(200), status: "new" }),
      ],
      kept: [
        await referral(m, org, "H-3", { updatedAt: inside(90) }),
        // Linked to a citizen: the citizen's rules decide, not this one.
        await referral(m, org, "H-4", { updatedAt: due(90), citizenId: t.tenant.citizens.andersen.id }),
        // Came by phone, not the public form.
        await referral(m, org, "H-5", { updatedAt: due(90), channel: "phone" }),
      ],
    },
    otherReferrals: {
      due: [await referral(o, t.other.orgs.coordinatorUnit.id, "H-6", { updatedAt: due(90) })],
      kept: [],
    },
  };
});

afterAll(async () => {
  await t.close();
});

async function present(kind: keyof typeof markers): Promise<Set<unknown>> {
  const ids = [...markers[kind]!.due, ...markers[kind]!.kept];
  switch (kind) {
    case "audit":
    case "otherAudit":
      return new Set(
        (
          await t.db
            .select({ id: auditEvents.id })
            .from(auditEvents)
            .where(inArray(auditEvents.id, ids as number[]))
        ).map((r) => r.id),
      );
    case "security":
      return new Set(
        (
          await t.db
            .select({ id: securityEvents.id })
            .from(securityEvents)
            .where(inArray(securityEvents.id, ids as number[]))
        ).map((r) => r.id),
      );
    case "sessions":
      return new Set(
        (
          await t.db
            .select({ id: sessions.tokenHash })
            .from(sessions)
            .where(inArray(sessions.tokenHash, ids as string[]))
        ).map((r) => r.id),
      );
    case "stored":
    case "otherStored":
      return new Set(
        (
          await t.db
            .select({ id: idempotencyKeys.key })
            .from(idempotencyKeys)
            .where(inArray(idempotencyKeys.key, ids as string[]))
        ).map((r) => r.id),
      );
    case "throttle":
      return new Set(
        (
          await t.db
            .select({ id: loginThrottle.username })
            .from(loginThrottle)
            .where(inArray(loginThrottle.username, ids as string[]))
        ).map((r) => r.id),
      );
    case "counters":
      return new Set(
        (
          await t.db
            .select({ id: rateLimitCounters.key })
            .from(rateLimitCounters)
            .where(inArray(rateLimitCounters.key, ids as string[]))
        ).map((r) => r.id),
      );
    default:
      return new Set(
        (
          await t.db
            .select({ id: referrals.id })
            .from(referrals)
            .where(inArray(referrals.id, ids as string[]))
        ).map((r) => r.id),
      );
  }
}

const ROW_KINDS: RetentionKind[] = [
  "unmatched_public_referral_erase",
  "audit_trail_erase",
  "security_log_erase",
  "sessions_purge",
  "login_throttle_purge",
  "rate_limit_purge",
  "idempotency_purge",
];

/**
 * Rules whose run counts vary with the order of the municipalities' runs or with this test's own
 * logins: rows of no municipality go by whichever municipality's run comes first, and the logins
 * (at real now, so due under the clock set forward) add sessions, security-log lines and counters.
 */
const VOLATILE: RetentionKind[] = [
  "security_log_erase",
  "sessions_purge",
  "rate_limit_purge",
  "login_throttle_purge",
];

describe("retention of rows, with the clock set forward", () => {
  let previews: Map<RetentionKind, RetentionPreview>;

  it("installs every shipped rule with its legal basis for the municipality", async () => {
    const list = await rules();
    expect(list.rules.map((r) => r.kind)).toContain("audit_trail_erase");
    expect(list.rules).toHaveLength(9);
    for (const r of list.rules) {
      expect(r.legalBasis).toMatch(/art\./);
      expect(r.keepDays).toBe(r.defaultKeepDays);
      expect(r.lastRun).toBeNull();
    }
  });

  it("a start gives a new municipality every rule, writes nothing the second time, and keeps its periods", async () => {
    await installShippedRetentionRulesEverywhere(t.db);
    const [fresh] = await t.db
      .insert(municipalities)
      .values({ name: "Nyby Kommune", code: "999" })
      .returning({ id: municipalities.id });
    expect(await installShippedRetentionRulesEverywhere(t.db)).toBe(9);
    expect(await installShippedRetentionRulesEverywhere(t.db)).toBe(0);
    // The municipality's own period stays; the shipped legal-basis text follows the release.
    await t.db
      .update(retentionRules)
      .set({ keepDays: 400, legalBasis: "en ældre tekst" })
      .where(
        and(eq(retentionRules.municipalityId, fresh!.id), eq(retentionRules.kind, "security_log_erase")),
      );
    expect(await installShippedRetentionRulesEverywhere(t.db)).toBe(1);
    const [row] = await t.db
      .select()
      .from(retentionRules)
      .where(
        and(eq(retentionRules.municipalityId, fresh!.id), eq(retentionRules.kind, "security_log_erase")),
      );
    expect(row).toMatchObject({
      keepDays: 400,
      legalBasis: retentionDefault("security_log_erase").da.legalBasis,
    });
  });

  it("previews what each rule would remove, as of the clock", async () => {
    const list = await rules();
    previews = new Map();
    for (const rule of list.rules.filter((r) => ROW_KINDS.includes(r.kind))) {
      const res = await admin.get(
        `/api/privacy/retention/rules/${rule.id}/preview?asOf=${encodeURIComponent(asOf.toISOString())}`,
      );
      expect(res.statusCode).toBe(200);
      previews.set(rule.kind, res.json() as RetentionPreview);
    }
    expect(previews.get("unmatched_public_referral_erase")!.categories).toEqual({
      referral_events: 2,
      referrals: 2,
    });
    expect(previews.get("unmatched_public_referral_erase")!.candidates).toBe(2);
    expect(previews.get("login_throttle_purge")!.candidates).toBe(2);
    expect(previews.get("idempotency_purge")!.candidates).toBe(1);
    expect(previews.get("audit_trail_erase")!.candidates).toBe(2);
    // The security log's own due line, the unattributed one, and the logins of this test (at real now).
    expect(previews.get("security_log_erase")!.categories.security_events_without_municipality).toBe(1);
    for (const p of previews.values()) expect(p.needsConfirmation).toBe(false);
  });

  it("the daily job removes exactly what is due, and what the preview said", async () => {
    expect(await t.app.jobs.enqueue(RETENTION_DAILY_JOB, { asOf: asOf.toISOString() })).toBeTruthy();
    const result = await t.app.jobs.runDueJobs();
    expect(result.failed).toEqual([]);

    for (const kind of Object.keys(markers)) {
      const left = await present(kind);
      for (const id of markers[kind]!.due) expect(left.has(id), `${kind} ${String(id)} is due`).toBe(false);
      for (const id of markers[kind]!.kept) expect(left.has(id), `${kind} ${String(id)} is kept`).toBe(true);
    }
    // The referrals' history went with them, and only theirs.
    const events = await t.db
      .select({ id: referralEvents.referralId })
      .from(referralEvents)
      .where(eq(referralEvents.municipalityId, t.tenant.municipality.id));
    expect(events.map((e) => e.id).sort()).toEqual([...markers.referrals!.kept].sort());

    const list = await rules();
    for (const rule of list.rules.filter((r) => ROW_KINDS.includes(r.kind))) {
      const p = previews.get(rule.kind)!;
      expect(rule.lastRun, rule.kind).toMatchObject({ status: "succeeded", trigger: "schedule", failed: 0 });
      expect(rule.lastRun!.asOf).toBe(asOf.toISOString());
      expect(rule.lastRun!.processed, rule.kind).toBe(rule.lastRun!.candidates);
      // This test's logins after the preview added sessions, security-log lines and request counters.
      if (!VOLATILE.includes(rule.kind)) expect(rule.lastRun!.processed, rule.kind).toBe(p.candidates);
    }
  });

  it("writes one deletion record per rule and category, counts only", async () => {
    const res = await admin.get("/api/privacy/deletion-records?pageSize=100");
    expect(res.statusCode).toBe(200);
    const page = res.json() as DeletionRecordsPage;
    const of = (category: string) => page.items.filter((d) => d.category === category);
    expect(of("referrals")).toMatchObject([
      { operation: "erase", count: 2, kind: "unmatched_public_referral_erase", actor: null },
    ]);
    expect(of("referral_events")).toMatchObject([{ operation: "erase", count: 2 }]);
    expect(of("audit_events")).toMatchObject([{ operation: "purge", count: 2, kind: "audit_trail_erase" }]);
    expect(of("idempotency_keys")).toMatchObject([{ count: 1 }]);
    // The other municipality's records are its own…
    const other = await (
      await t.as("administrator", t.other)
    ).get("/api/privacy/deletion-records?pageSize=100");
    const otherItems = (other.json() as DeletionRecordsPage).items;
    expect(otherItems.filter((d) => d.category === "referrals")).toMatchObject([{ count: 1 }]);
    // …but rows of no municipality go by whichever municipality's run came first: counted once in all.
    const total = async (category: string) =>
      (await t.db.select().from(deletionRecords).where(eq(deletionRecords.category, category))).reduce(
        (n, d) => n + d.count,
        0,
      );
    expect(await total("login_throttle")).toBe(2);
    expect(await total("security_events_without_municipality")).toBe(1);
  });

  it("a repeated daily job the same day starts nothing, and a repeated run removes nothing more", async () => {
    const before = await t.db.select({ id: retentionRuns.id }).from(retentionRuns);
    await t.app.jobs.enqueue(RETENTION_DAILY_JOB, { asOf: new Date(asOf.getTime() + MINUTE).toISOString() });
    await t.app.jobs.runDueJobs();
    expect(await t.db.select({ id: retentionRuns.id }).from(retentionRuns)).toHaveLength(before.length);

    const m = t.tenant.municipality.id;
    for (const rule of (await rules()).rules.filter(
      (r) => ROW_KINDS.includes(r.kind) && !VOLATILE.includes(r.kind),
    )) {
      const row = await loadRule(t.db, m, rule.id);
      const run = await t.db.transaction((tx) =>
        createRun(tx, row, { trigger: "manual", asOf, actorUserId: null }, (jtx, runId, municipalityId) =>
          t.app.jobs.enqueue(RETENTION_RUN_JOB, { runId, municipalityId }, { tx: jtx }),
        ),
      );
      expect((await t.app.jobs.runDueJobs(RETENTION_RUN_JOB)).failed).toEqual([]);
      const [again] = await t.db.select().from(retentionRuns).where(eq(retentionRuns.id, run.id));
      expect(again, rule.kind).toMatchObject({ status: "succeeded", candidates: 0, processed: 0 });
      expect(await t.db.select().from(deletionRecords).where(eq(deletionRecords.runId, run.id))).toEqual([]);
    }
  });

  it("a finished run's job repeated does nothing", async () => {
    const [run] = await t.db
      .select()
      .from(retentionRuns)
      .where(eq(retentionRuns.kind, "audit_trail_erase"))
      .limit(1);
    await executeRetentionRun(t.db, run!.id);
    const [again] = await t.db.select().from(retentionRuns).where(eq(retentionRuns.id, run!.id));
    expect(again).toEqual(run);
  });

  it("deletes in batches and keeps one deletion record per run and category", async () => {
    const m = t.tenant.municipality.id;
    const later = new Date(asOf.getTime() + 10 * DAY_MS);
    const [rule] = (await rules()).rules.filter((r) => r.kind === "rate_limit_purge");
    await t.db.delete(rateLimitCounters);
    for (let i = 0; i < 5; i++)
      await t.db.insert(rateLimitCounters).values({ key: `batch:${i}`, hits: 1, resetsAt: due(2) });
    const row = await loadRule(t.db, m, rule!.id);
    const run = await t.db.transaction((tx) =>
      createRun(
        tx,
        row,
        { trigger: "manual", asOf: later, actorUserId: null },
        (jtx, runId, municipalityId) =>
          t.app.jobs.enqueue(RETENTION_RUN_JOB, { runId, municipalityId }, { tx: jtx }),
      ),
    );
    await executeRetentionRun(t.db, run.id, { batchSize: 2 });
    const records = await t.db
      .select()
      .from(deletionRecords)
      .where(and(eq(deletionRecords.runId, run.id)));
    expect(records).toMatchObject([{ category: "rate_limit_counters", count: 5, operation: "purge" }]);
    const [done] = await t.db.select().from(retentionRuns).where(eq(retentionRuns.id, run.id));
    expect(done).toMatchObject({ status: "succeeded", candidates: 5, processed: 5 });
    // Its job, run by the queue afterwards, finds the run finished and does nothing.
    expect((await t.app.jobs.runDueJobs(RETENTION_RUN_JOB)).failed).toEqual([]);
    expect(await t.db.select().from(deletionRecords).where(eq(deletionRecords.runId, run.id))).toHaveLength(
      1,
    );
  });
});
