/**
 * Punch-card use and the trend find a period's clips by their day in clips_report_day_idx — also
 * under row-level security, where every report runs (decision 0106). PostgreSQL uses an index for a
 * condition under a policy only if the condition cannot leak; it takes COALESCE for one that might,
 * so the day was once written as coalesce() and every clip of the municipality was filtered instead
 * (decision 0109). On PGlite and PostgreSQL alike.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, openTestDatabase } from "../../../../test/support/test-db.js";
import { rawRows } from "../../db/client.js";
import { clips } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";
import { tenantTransaction } from "../../platform/tenant-isolation.js";
import { clipDay } from "./clip-use.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t.close());

describe("the clip day under row-level security", () => {
  it("is an index condition of clips_report_day_idx, not a filter over the municipality's clips", async () => {
    const municipalityId = randomUUID();
    const k = alias(clips, "k");
    const plan = await tenantTransaction(t.database.db, municipalityId, async (tx) => {
      // Only an index scan is left to the planner, so the plan shows which conditions reach the index.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const rows = await rawRows<{ "QUERY PLAN": string }>(
        tx,
        sql`explain select k.course_id, k.status from clips k
            where ${inTenant(k, municipalityId)} and ${clipDay} >= '2026-01-01'::date and ${clipDay} <= '2026-01-31'::date`,
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("clips_report_day_idx");
    const indexCond = plan.split("\n").find((line) => line.includes("Index Cond"));
    expect(indexCond).toMatch(/performed_on IS NOT NULL/i);
    expect(indexCond).toContain("2026-01-31");
  });
});
