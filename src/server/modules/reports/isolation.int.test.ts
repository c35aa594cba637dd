/**
 * Issue 6: "Report queries are read-only and can never block workers registering clips."
 * A report transaction is held open after every report service has run in it, and a worker then
 * registers a clip on a course the reports read; and the other way round, a registration's
 * row lock is held open while a manager asks for the reports. Neither may wait for the other.
 *
 * PostgreSQL only: PGlite is one connection, so two transactions can never overlap there and
 * the question does not arise (every request waits its turn by design).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDbKind } from "../../../../test/support/test-db.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import type { Actor } from "../../../domain/access-policy.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import type { ReportQuery } from "../../../shared/api/reports.js";
import type { Ctx } from "../../platform/context.js";
import { evaluatorDataset } from "./evaluator.js";
import { reportWorkbook } from "./exports.js";
import { funnelReport } from "./funnel.js";
import { outcomeReport } from "./outcome-report.js";
import { statusFigureCitizens, statusReport } from "./status.js";
import { trendReport } from "./trend.js";
import { usageReport } from "./usage.js";

const today = copenhagenDate(new Date());
const query: ReportQuery = { from: `${today.slice(0, 4)}-01-01`, to: today };
/** Long enough for any query on a busy 2-core machine; a lock wait would last until the other transaction ends. */
const PATIENCE_MS = 10_000;

let t: TestApp;
let worker: Client;
let courseId: string;

/** The answer, or "waited" when it did not come while the other transaction was held open. */
async function withoutWaiting<T>(work: Promise<T>): Promise<T | "waited"> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<"waited">(
    (resolve) => (timer = setTimeout(() => resolve("waited"), PATIENCE_MS)),
  );
  try {
    return await Promise.race([work, waited]);
  } finally {
    clearTimeout(timer);
  }
}

const register = () =>
  worker.post(`/api/courses/${courseId}/clip-registrations`, {
    kind: "accompaniment",
    accompanimentForm: "to_from",
    performedOn: today,
    outcome: "done",
    actualMinutes: 60,
  });

describe.skipIf(testDbKind() === "pglite")("reports and clip registration on PostgreSQL", () => {
  beforeAll(async () => {
    t = await buildTestApp();
    worker = await t.as("home_care_worker");
    const coordinator = await t.as("community_coordinator");
    const course = (
      await coordinator.post(`/api/citizens/${t.tenant.citizens.andersen.id}/courses`, { reason: "Test" })
    ).json() as CourseDetail;
    courseId = course.id;
    expect(
      (
        await coordinator.post(`/api/courses/${courseId}/grants`, {
          kind: "accompaniment",
          clips: 10,
          minutesPerClip: 60,
        })
      ).statusCode,
    ).toBe(201);
    expect((await register()).statusCode).toBe(201);
  });
  afterAll(() => t?.close());

  it("registers a clip while a transaction that ran every report is still open", async () => {
    const manager = t.tenant.users.manager;
    const evaluator = t.tenant.users.evaluator;
    const actorOf = (u: typeof manager): Actor => ({
      userId: u.id,
      municipalityId: t.tenant.municipality.id,
      organisationId: u.organisationId,
      organisationKind: Object.values(t.tenant.orgs).find((o) => o.id === u.organisationId)!.kind,
      districtId: u.districtId,
      role: u.role,
    });
    const ctx = (u: typeof manager): Ctx => ({
      actor: actorOf(u),
      ip: "127.0.0.1",
      userAgent: "test",
      lang: "da",
    });

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let ran!: () => void;
    const reportsRan = new Promise<void>((resolve) => (ran = resolve));
    const reports = t.db.transaction(async (tx) => {
      await statusReport(tx, ctx(manager), query);
      await statusFigureCitizens(tx, ctx(manager), "formsFilled", query);
      await funnelReport(tx, ctx(manager), query);
      await usageReport(tx, ctx(manager), query);
      await trendReport(tx, ctx(manager), query);
      await outcomeReport(tx, ctx(manager), query);
      await reportWorkbook(tx, ctx(manager), query);
      await evaluatorDataset(tx, ctx(evaluator), query, "csv");
      ran();
      await held;
    });
    await reportsRan;
    const registration = await withoutWaiting(register());
    release();
    await reports;
    expect(registration === "waited" ? "waited for the reports' transaction" : registration.statusCode).toBe(
      201,
    );
  });

  it("answers every report while a registration holds its course locked", async () => {
    const manager = await t.as("manager");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // What registration does first: lock the course row (and its citizen's), then insert.
    const registration = t.db.transaction(async (tx) => {
      await tx.execute(sql`select id from courses where id = ${courseId} for update`);
      await tx.execute(sql`update clips set actual_minutes = actual_minutes where course_id = ${courseId}`);
      locked();
      await held;
    });
    await isLocked;
    const qs = `from=${query.from}&to=${query.to}`;
    const answers: (number | "waited")[] = [];
    for (const url of [
      "status",
      "status/formsFilled/citizens",
      "funnel",
      "punch-card",
      "trend",
      "outcomes",
      "workbook.xlsx",
    ]) {
      const res = await withoutWaiting(manager.get(`/api/reports/${url}?${qs}`));
      answers.push(res === "waited" ? "waited" : res.statusCode);
    }
    release();
    await registration;
    expect(answers).toEqual([200, 200, 200, 200, 200, 200, 200]);
  });
});
