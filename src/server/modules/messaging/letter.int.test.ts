/**
 * The citizen's letter (issue 16): GET /api/citizens/:id/letter answers a PDF of the plan and the
 * punch card, audited as an export of the citizen. The test — "the letter PDF rendered to an
 * image in the tests and checked for its key text" — renders page 1 with pdf.js on a canvas in Node
 * (test/support/pdf-render.ts) and reads the text of that same page.
 */
import { and, eq, gt, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { renderPdfPage } from "../../../../test/support/pdf-render.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import { copenhagenDayAndClock, spokenDate } from "../../../domain/messaging/reminders.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { CourseDetail } from "../../../shared/api/courses.js";
import { auditEvents, citizenMessagingConsents, citizens, users } from "../../db/schema/index.js";

let t: TestApp;
let coordinator: Client;
const today = copenhagenDate(new Date());
const inDays = (n: number) => copenhagenDate(new Date(Date.now() + n * 86_400_000));

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await t.as("community_coordinator");
  await t.db
    .update(users)
    .set({ phone: "+4522334455" })
    .where(eq(users.id, t.tenant.users.community_coordinator.id));
});
afterAll(() => t.close());

/** Each citizen's clips at their own hours: they share one worker, who cannot be in two places. */
let slot = 0;

async function citizenWithPlan(): Promise<{
  citizenId: string;
  cpr: string;
  course: CourseDetail;
  start: number;
}> {
  const start = 8 + 2 * slot++;
  const c = await insertCitizen(t.db, t.tenant, {
    providerId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
  });
  const [{ cpr }] = (await t.db
    .select({ cpr: citizens.cpr })
    .from(citizens)
    .where(eq(citizens.id, c.id))) as [{ cpr: string }];
  const opened = await coordinator.post(`/api/citizens/${c.id}/courses`, { reason: "Brev" });
  expect(opened.statusCode).toBe(201);
  const course = opened.json() as CourseDetail;
  const intervention = await coordinator.post(`/api/courses/${course.id}/interventions`, {
    kind: "accompaniment",
    providerOrganisationId: t.tenant.orgs.publicProvider.id,
    description: "Strikkecaféen i Kulturhuset",
  });
  expect(intervention.statusCode).toBe(201);
  const grant = await coordinator.post(`/api/courses/${course.id}/grants`, {
    kind: "accompaniment",
    clips: 4,
    minutesPerClip: 90,
  });
  expect(grant.statusCode).toBe(201);
  for (const plannedOn of [today, inDays(3)]) {
    const planned = await coordinator.post(`/api/courses/${course.id}/clips`, {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      plannedOn,
      plannedStart: `${String(start).padStart(2, "0")}:00`,
      plannedMinutes: 60,
      workerUserId: t.tenant.users.community_coordinator.id,
    });
    expect(planned.statusCode, planned.body).toBe(201);
  }
  return { citizenId: c.id, cpr, course, start };
}

describe("GET /api/citizens/:id/letter", () => {
  it("answers a PDF download named by the day, never by the citizen", async () => {
    const { citizenId, cpr } = await citizenWithPlan();
    const res = await coordinator.get(`/api/citizens/${citizenId}/letter`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    // A letter of personal data: never kept by a browser or proxy cache.
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="brev-${today}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(JSON.stringify(res.headers)).not.toContain(cpr);
  });

  it("records the print as an export of the citizen, in the same transaction", async () => {
    const { citizenId } = await citizenWithPlan();
    const [{ last }] = (await t.db.select({ last: max(auditEvents.id) }).from(auditEvents)) as [
      { last: number | null },
    ];
    expect((await coordinator.get(`/api/citizens/${citizenId}/letter`)).statusCode).toBe(200);
    const rows = await t.db
      .select({
        action: auditEvents.action,
        entityType: auditEvents.entityType,
        citizenId: auditEvents.citizenId,
        criterion: auditEvents.criterion,
      })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, last ?? 0), eq(auditEvents.citizenId, citizenId)));
    expect(rows).toEqual([
      { action: "export", entityType: "citizen", citizenId, criterion: { purpose: "letter", format: "pdf" } },
    ]);
  });

  it("renders to a page of A4 proportions, not blank, with the coordinator, phone, activity and clips left", async () => {
    const { citizenId, cpr, start } = await citizenWithPlan();
    const res = await coordinator.get(`/api/citizens/${citizenId}/letter`);
    const page = await renderPdfPage(res.rawPayload);
    expect(page.png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(page.height / page.width).toBeCloseTo(297 / 210, 2);
    expect(page.ink).toBeGreaterThan(0.01);
    const all = [page.text];
    for (let n = 2; n <= page.pages; n++) all.push((await renderPdfPage(res.rawPayload, n)).text);
    const text = all.join(" ");
    expect(page.text).toContain("Din plan og dit klippekort");
    expect(page.text).toContain(`Din koordinator er ${t.tenant.users.community_coordinator.displayName}.`);
    expect(page.text).toContain("Telefon: 22 33 44 55");
    expect(page.text).toContain("Ledsagelse: Strikkecaféen i Kulturhuset");
    const hh = (h: number) => String(h).padStart(2, "0");
    expect(page.text).toContain(
      `I dag, ${spokenDate(today, "da")} ${today.slice(0, 4)}, kl. ${hh(start)}.00 til ${hh(start + 1)}.00`,
    );
    // 4 granted, 2 planned: 2 left — the punch card's own count.
    expect(text).toContain("Ledsagelse: 2 klip tilbage");
    expect(text).toContain("Du har fået 4 klip. 0 er brugt, og 2 er planlagt.");
    expect(text).toContain(t.tenant.municipality.name);
    expect(text).not.toContain(cpr);
    expect(text).not.toContain(cpr.slice(0, 6));
  });

  it("shows a booked conversation among the visits, with the coordinator who comes", async () => {
    const { citizenId, course } = await citizenWithPlan();
    // Tomorrow at a whole minute: between today's clip and the one in three days.
    const at = new Date(Math.floor((Date.now() + 86_400_000) / 60_000) * 60_000);
    const booked = await coordinator.post(`/api/courses/${course.id}/bookings`, {
      kind: "guidance",
      scheduledAt: at.toISOString(),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const { day, clock } = copenhagenDayAndClock(at);
    const spoken = spokenDate(day, "da");
    const when = `${spoken.charAt(0).toUpperCase()}${spoken.slice(1)} ${day.slice(0, 4)}, kl. ${clock.replace(":", ".")}`;
    const { text } = await renderPdfPage(
      (await coordinator.get(`/api/citizens/${citizenId}/letter`)).rawPayload,
    );
    expect(text).toContain(when);
    expect(text).toContain("Samtale");
    expect(text).toContain(`${t.tenant.users.community_coordinator.displayName} kommer`);
    // Three visits now (today's clip, the conversation, the clip in three days): none counted apart.
    expect(text).not.toContain("besøg mere");
    // The clip in three days comes after the conversation.
    expect(text.indexOf(when)).toBeLessThan(
      text.indexOf(`${spokenDate(inDays(3), "da").slice(1)} ${inDays(3).slice(0, 4)}`),
    );
  });

  it("is written in English when the citizen's messaging consent says lang en", async () => {
    const { citizenId } = await citizenWithPlan();
    await t.db.insert(citizenMessagingConsents).values({
      municipalityId: t.tenant.municipality.id,
      citizenId,
      consent: true,
      channel: "letter",
      lang: "en",
    });
    const res = await coordinator.get(`/api/citizens/${citizenId}/letter`);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="letter-${today}.pdf"`);
    const { text } = await renderPdfPage(res.rawPayload);
    expect(text).toContain("Your plan and your punch card");
    expect(text).toContain("Phone: 22 33 44 55");
  });

  it("refuses a citizen without an open course with 409", async () => {
    const c = await insertCitizen(t.db, t.tenant, { providerId: t.tenant.orgs.publicProvider.id });
    const res = await coordinator.get(`/api/citizens/${c.id}/letter`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("letter_no_open_course");
  });

  it("refuses other roles (403) and another municipality's citizen (404)", async () => {
    const { citizenId } = await citizenWithPlan();
    expect((await (await t.as("planner")).get(`/api/citizens/${citizenId}/letter`)).statusCode).toBe(403);
    const other = await t.as("community_coordinator", t.other);
    expect((await other.get(`/api/citizens/${citizenId}/letter`)).statusCode).toBe(404);
  });
});
