/**
 * Issue 17 point 1: the day pack a worker's phone keeps for work without a signal holds the day's
 * citizens and tasks and nothing more (no CPR number, no note), is audited per citizen, and says
 * for how many hours the phone may keep it — a setting of the municipality.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { copenhagenToday } from "../../../domain/time.js";
import type { MyDay, OfflineDay } from "../../../shared/api/detection.js";
import { auditEvents } from "../../db/schema/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let worker: Client;
let admin: Client;
const today = copenhagenToday();

beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  worker = await t.as("home_care_worker");
  admin = await t.as("administrator");
});
afterAll(() => t.close());

describe("the day pack for a phone without a signal", () => {
  it("holds exactly the day's citizens and tasks and the instruments, no CPR number or note, audited per citizen", async () => {
    const citizen = await insertCitizen(t.db, t.tenant, {
      cpr: "0101401234",
      lastName: "Offlinesen",
      providerId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.north.id,
    });
    const planner = await t.as("planner");
    const granted = await planner.post(`/api/citizens/${citizen.id}/detection-clips`, {
      workerUserId: t.tenant.users.home_care_worker.id,
      plannedDate: today,
      minutes: 30,
    });
    expect(granted.statusCode).toBe(201);
    const note = "Fortrolig observation der ikke må forlade serveren";
    const noted = await worker.post(`/api/citizens/${citizen.id}/journal`, {
      kind: "observation",
      title: "Observation",
      body: note,
      tags: ["ensomhed"],
      active: true,
    });
    expect(noted.statusCode).toBe(201);

    const res = await worker.get("/api/detection/offline-day");
    expect(res.statusCode).toBe(200);
    const pack = res.json() as OfflineDay;
    const day = (await worker.get("/api/detection/my-day")).json() as MyDay;
    expect(pack.day).toEqual(day);
    expect(pack.day.citizens.map((c) => c.citizen.id)).toContain(citizen.id);
    expect(pack.questionnaires.map((q) => q.key)).toContain("t-ils");
    expect(pack.keepHours).toBe(12);
    expect(Number.isNaN(Date.parse(pack.fetchedAt))).toBe(false);
    expect(res.body).not.toContain("0101401234");
    expect(res.body).not.toContain('1234"');
    expect(res.body).not.toContain(note);

    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "offline_day"), eq(auditEvents.citizenId, citizen.id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.action).toBe("read");
    expect(audited[0]!.actorUserId).toBe(t.tenant.users.home_care_worker.id);
  });

  it("keeps the hours the administrator sets, and refuses hours outside 1–24 naming the field", async () => {
    const bad = await admin.patch("/api/detection/settings", { offlineHours: 0 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("offlineHours");
    const tooMany = await admin.patch("/api/detection/settings", { offlineHours: 25 });
    expect(tooMany.statusCode).toBe(400);
    expect(((await worker.get("/api/detection/offline-day")).json() as OfflineDay).keepHours).toBe(12);

    const saved = await admin.patch("/api/detection/settings", { offlineHours: 8 });
    expect(saved.statusCode).toBe(200);
    expect((saved.json() as { offlineHours: number }).offlineHours).toBe(8);
    expect(((await worker.get("/api/detection/offline-day")).json() as OfflineDay).keepHours).toBe(8);
  });

  it("dates a form filled without a signal when it was filled, and refuses one older than a day naming the field, writing nothing", async () => {
    const citizen = await insertCitizen(t.db, t.tenant, {
      lastName: "Kaelderby",
      providerId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.north.id,
    });
    const tils = ((await worker.get("/api/questionnaires")).json() as { id: string; key: string }[]).find(
      (q) => q.key === "t-ils",
    )!.id;
    const form = (filledAt: string) => ({
      questionnaireId: tils,
      answers: { isoleret: "sjaeldent", savner_nogen: "sjaeldent", udenfor: "sjaeldent" },
      consent: "not_asked",
      filledAt,
    });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const count = async () =>
      ((await worker.get(`/api/citizens/${citizen.id}/screenings`)).json() as unknown[]).length;

    const old = await worker.post(`/api/citizens/${citizen.id}/screenings`, form(hoursAgo(26)));
    expect(old.statusCode).toBe(400);
    expect(JSON.stringify(old.json())).toContain("filledAt");
    expect(await count()).toBe(0);
    // A phone clock running fast: filled now.
    const before = Date.now();
    const ahead = await worker.post(`/api/citizens/${citizen.id}/screenings`, form(hoursAgo(-1)));
    expect(ahead.statusCode).toBe(201);
    const dated = Date.parse((ahead.json() as { performedAt: string }).performedAt);
    expect(dated).toBeGreaterThanOrEqual(before - 1000);
    expect(dated).toBeLessThanOrEqual(Date.now());

    const filledAt = hoursAgo(3);
    const key = "00000000-0000-4000-8000-0000000000f1";
    const sent = await worker.post(`/api/citizens/${citizen.id}/screenings`, form(filledAt), {
      headers: { "idempotency-key": key },
    });
    expect(sent.statusCode).toBe(201);
    expect(Date.parse((sent.json() as { performedAt: string }).performedAt)).toBe(Date.parse(filledAt));
    // The queue sends it again after a lost answer: the same answer, one screening.
    const again = await worker.post(`/api/citizens/${citizen.id}/screenings`, form(filledAt), {
      headers: { "idempotency-key": key },
    });
    expect(again.json()).toEqual(sent.json());
    expect(await count()).toBe(2);
  });

  it("is refused to a role without a day of visits", async () => {
    const res = await admin.get("/api/detection/offline-day");
    expect(res.statusCode).toBe(403);
  });
});
