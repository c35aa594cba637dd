/**
 * A digest that cannot be made for one user (its counting fails) keeps no one else from theirs: the
 * others are queued, the job fails and is retried, and the retry queues the one left — once.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenHour } from "../../../domain/messaging/digest.js";
import { messagingSettings, outboxMessages, staffNotificationPreferences } from "../../db/schema/index.js";
import { DIGEST_JOB } from "./digest-job.js";

const failFor = vi.hoisted(() => ({ userId: "" }));
vi.mock("./digest-gather.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./digest-gather.js")>();
  return {
    ...actual,
    gatherDigest: (...args: Parameters<typeof actual.gatherDigest>) => {
      if (args[1].actor.userId === failFor.userId) return Promise.reject(new Error("counting failed"));
      return actual.gatherDigest(...args);
    },
  };
});

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

it("queues everyone else's digest, fails the job, and the retry queues the one left", async () => {
  const now = new Date(Date.now() + 60_000);
  const m = t.tenant.municipality.id;
  await t.db.insert(messagingSettings).values({ municipalityId: m, digestHour: copenhagenHour(now) });
  // Every coordinator has something to tell: a referral in the inbox.
  const referred = await (
    await t.as("home_care_worker")
  ).post(`/api/citizens/${t.tenant.citizens.andersen.id}/referrals`, { reason: "Test" });
  expect(referred.statusCode).toBe(201);
  const [coordinator, manager] = [t.tenant.users.community_coordinator.id, t.tenant.users.manager.id];
  for (const userId of [coordinator, manager])
    await t.db
      .insert(staffNotificationPreferences)
      .values({ userId, municipalityId: m, email: `${userId.slice(0, 8)}@example.dk` });
  const digestOf = async (userId: string) =>
    t.db
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "staff_digest")));

  failFor.userId = coordinator;
  await t.app.jobs.enqueue(DIGEST_JOB, { now: now.toISOString() });
  const first = await t.app.jobs.runDueJobs(DIGEST_JOB);
  expect(first.failed).toHaveLength(1);
  expect(await digestOf(manager)).toHaveLength(1);
  expect(await digestOf(coordinator)).toHaveLength(0);

  failFor.userId = "";
  const retry = await t.app.jobs.runDueJobs(DIGEST_JOB, { includeDelayed: true });
  expect(retry.completed).toEqual(first.failed);
  expect(await digestOf(coordinator)).toHaveLength(1);
  expect(await digestOf(manager)).toHaveLength(1);
});
