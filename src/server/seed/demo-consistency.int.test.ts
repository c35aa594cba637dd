/**
 * The demo municipality obeys the rules the API enforces (issue 11 point 9), so the demo's status
 * page is a believable example: no course opened in the future, no clip performed in the future or
 * before its course, within its grant, no two planned clips of one worker at once, interventions
 * starting within their course, no follow-up questionnaire without a baseline or outside its window.
 * Seeds the whole demo once into a fresh database (the embedded one is enough: the rules are SQL).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/test-db.js";
import { followUpWindow, isWithin } from "../../domain/reporting/outcome-window.js";
import { findClash } from "../../domain/punchcard/registration.js";
import { copenhagenDate } from "../../domain/time.js";
import { rawRows } from "../db/client.js";
import { seedDemo } from "./demo.js";

let testDb: TestDatabase;
const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  rawRows<T>(testDb.database.db, query);

beforeAll(async () => {
  testDb = await openTestDatabase();
  await seedDemo(testDb.database.db);
}, 240_000);
afterAll(() => testDb?.close());

describe("the demo municipality", () => {
  it("opens no course in the future", async () => {
    expect(await rows(sql`select id from courses where opened_at > now()`)).toEqual([]);
  });

  it("performs no clip in the future or before its course opened", async () => {
    const today = copenhagenDate(new Date());
    const bad = await rows<{ id: string }>(
      sql`select cl.id from clips cl join courses c on c.id = cl.course_id
        where cl.status = 'done' and (cl.performed_on > ${today}::date or cl.performed_on < (c.opened_at at time zone 'Europe/Copenhagen')::date)`,
    );
    expect(bad).toEqual([]);
  });

  it("keeps every performed clip within its grant's minutes per clip", async () => {
    const bad = await rows<{ id: string }>(
      sql`select cl.id from clips cl
        where cl.status = 'done' and not cl.exception
          and cl.actual_minutes > (select max(g.minutes_per_clip) from clip_grants g where g.course_id = cl.course_id and g.kind = cl.kind)`,
    );
    expect(bad).toEqual([]);
  });

  it("never plans two clips for one worker at the same time", async () => {
    const planned = await rows<{ id: string; worker: string; day: string; start: string; minutes: number }>(
      sql`select id, worker_user_id as worker, planned_on::text as day, planned_start as start, planned_minutes as minutes
        from clips where status = 'planned' and planned_on is not null and planned_start is not null`,
    );
    expect(planned.length).toBeGreaterThan(0);
    const clashes = planned.filter((p) =>
      findClash(
        p,
        planned.filter((o) => o.worker === p.worker && o.id !== p.id),
      ),
    );
    expect(clashes).toEqual([]);
  });

  it("starts every intervention within its course", async () => {
    const bad = await rows<{ id: string }>(
      sql`select i.id from interventions i join courses c on c.id = i.course_id
        where i.started_on < (c.opened_at at time zone 'Europe/Copenhagen')::date or i.started_on > (now() at time zone 'Europe/Copenhagen')::date`,
    );
    expect(bad).toEqual([]);
  });

  it("answers no follow-up questionnaire without a baseline, and none outside its window", async () => {
    const followUps = await rows<{ course_id: string; answered: Date; baseline: Date | null }>(
      sql`select f.course_id, f.answered_at as answered, b.answered_at as baseline
        from outcome_measurements f left join outcome_measurements b on b.course_id = f.course_id and b.phase = 'baseline'
        where f.phase = 'follow_up' and f.answered_at is not null`,
    );
    expect(followUps.filter((f) => f.baseline === null)).toEqual([]);
    const outside = followUps.filter(
      (f) =>
        !isWithin(
          copenhagenDate(new Date(f.answered)),
          followUpWindow(copenhagenDate(new Date(f.baseline!)), { fromMonths: 5, toMonths: 8 }),
        ),
    );
    expect(outside).toEqual([]);
  });
});
