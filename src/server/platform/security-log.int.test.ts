import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, buildTestApp } from "../../../test/support/test-app.js";
import { securityEvents } from "../db/schema/index.js";
import { recordSecurityEvent } from "./security-log.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("recordSecurityEvent", () => {
  it("stores kind, municipality, username as typed, user, address and a bounded user agent", async () => {
    const user = t.tenant.users.planner;
    await recordSecurityEvent(t.db, {
      kind: "login_failed",
      municipalityId: t.tenant.municipality.id,
      username: "planner",
      userId: user.id,
      ip: "10.0.0.7",
      userAgent: "x".repeat(400),
    });
    await recordSecurityEvent(t.db, { kind: "login_failed", municipalityId: null, username: "ingen-saadan" });
    const rows = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.kind, "login_failed"))
      .orderBy(securityEvents.id);
    expect(rows).toEqual([
      expect.objectContaining({
        municipalityId: t.tenant.municipality.id,
        username: "planner",
        userId: user.id,
        ip: "10.0.0.7",
      }),
      expect.objectContaining({ municipalityId: null, username: "ingen-saadan", userId: null }),
    ]);
    expect(rows[0]!.userAgent).toHaveLength(300);
  });
});
