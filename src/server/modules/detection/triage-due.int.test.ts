import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, buildTestApp, errorFields } from "../../../../test/support/test-app.js";
import { citizens, detectionClips, referrals, screenings } from "../../db/schema/index.js";
import { copenhagenToday } from "../../../domain/time.js";
import type { MyDay } from "../../../shared/api/detection.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

let t: TestApp;
let tils: string;
beforeAll(async () => {
  t = await buildTestApp();
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  tils = (
    (await (await t.as("home_care_worker")).get("/api/questionnaires")).json() as {
      id: string;
      key: string;
    }[]
  ).find((q) => q.key === "t-ils")!.id;
});
afterAll(() => t.close());

const lonely = { isoleret: "ofte", savner_nogen: "ofte", udenfor: "en_gang_imellem" };
const detectionClipsOf = (day: MyDay) =>
  day.citizens.flatMap((c) => c.tasks.flatMap((task) => (task.kind === "detection_clip" ? [task.clip] : [])));
const notLonely = { isoleret: "sjaeldent", savner_nogen: "sjaeldent", udenfor: "sjaeldent" };

async function screen(citizenId: string, answers: Record<string, string>, daysAgo = 0) {
  const res = await (
    await t.as("home_care_worker")
  ).post(`/api/citizens/${citizenId}/screenings`, { questionnaireId: tils, answers, consent: "not_asked" });
  expect(res.statusCode).toBe(201);
  const id = (res.json() as { id: string }).id;
  if (daysAgo > 0)
    await t.db
      .update(screenings)
      .set({ performedAt: sql`now() - make_interval(days => ${daysAgo})` })
      .where(eq(screenings.id, id));
  return id;
}

type Row = {
  citizen: { id: string };
  colour: string | null;
  lastScreenedOn: string | null;
  decision: string | null;
  meetingColour: string | null;
};

describe("the weekly triage meeting", () => {
  it("shows the team's citizens of the district with the latest risk colour, and filters yellow/red and never screened", async () => {
    const { andersen, zacho, oestergaard, bech } = t.tenant.citizens;
    await screen(andersen.id, notLonely, 30);
    await screen(andersen.id, lonely, 2);
    await screen(zacho.id, notLonely, 1);
    const leader = await t.as("team_leader");
    const all = (await leader.get("/api/triage")).json() as Row[];
    const ids = all.map((r) => r.citizen.id);
    expect(ids).toContain(andersen.id);
    expect(ids).not.toContain(bech.id); // Distrikt Syd
    expect(all.find((r) => r.citizen.id === andersen.id)!.colour).toBe("red");
    expect(all.find((r) => r.citizen.id === zacho.id)!.colour).toBe("green");
    const redYellow = (await leader.get("/api/triage?filter=yellow_red")).json() as Row[];
    expect(redYellow.map((r) => r.citizen.id)).toEqual([andersen.id]);
    const never = (await leader.get("/api/triage?filter=never_screened")).json() as Row[];
    expect(never.map((r) => r.citizen.id)).toContain(oestergaard.id);
    expect(never.map((r) => r.citizen.id)).not.toContain(andersen.id);
  });

  it("opens one meeting per district and day, and saves colour and decision as minutes", async () => {
    const leader = await t.as("team_leader");
    const open = () =>
      leader.post("/api/triage/meetings", { districtId: t.tenant.districts.north.id, heldOn: "2026-11-23" });
    const first = (await open()).json() as { id: string };
    const second = (await open()).json() as { id: string };
    expect(second.id).toBe(first.id);
    const citizen = t.tenant.citizens.oestergaard.id;
    await leader.put(`/api/triage/meetings/${first.id}/decisions/${citizen}`, { colour: "yellow" });
    const decided = await leader.put(`/api/triage/meetings/${first.id}/decisions/${citizen}`, {
      decision: "screen",
    });
    expect(decided.json()).toMatchObject({ colour: "yellow", decision: "screen" });
    const meeting = (await leader.get(`/api/triage/meetings/${first.id}`)).json() as { rows: Row[] };
    expect(meeting.rows.find((r) => r.citizen.id === citizen)).toMatchObject({
      meetingColour: "yellow",
      decision: "screen",
      colour: "yellow",
      colourBefore: null, // never screened: the page keeps the citizen under "no colour" at this meeting
    });
    // The next week's meeting sees this meeting's colour as the colour from before it.
    const next = (
      await leader.post("/api/triage/meetings", {
        districtId: t.tenant.districts.north.id,
        heldOn: "2026-11-30",
      })
    ).json() as { id: string; rows: Row[] };
    expect(next.rows.find((r) => r.citizen.id === citizen)).toMatchObject({
      colour: "yellow",
      colourBefore: "yellow",
      meetingColour: null,
      decision: null,
    });
    await leader.put(`/api/triage/meetings/${next.id}/decisions/${citizen}`, { colour: "red" });
    const later = (await leader.get(`/api/triage/meetings/${next.id}`)).json() as { rows: Row[] };
    expect(later.rows.find((r) => r.citizen.id === citizen)).toMatchObject({
      colour: "red",
      colourSource: "triage",
      colourBefore: "yellow",
    });
    // Outside a meeting there is no "before".
    const overview = (await leader.get("/api/triage")).json() as Row[];
    expect(overview.find((r) => r.citizen.id === citizen)).not.toHaveProperty("colourBefore");
    const csv = await leader.get(`/api/triage/meetings/${first.id}/export.csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Østergaard");
    expect(csv.body).toContain("gul");
  });

  it("refuses a decision that is not one of the four", async () => {
    const leader = await t.as("team_leader");
    const meeting = (await (
      await leader.post("/api/triage/meetings", {
        districtId: t.tenant.districts.north.id,
        heldOn: "2026-11-16",
      })
    ).json()) as { id: string };
    const res = await leader.put(
      `/api/triage/meetings/${meeting.id}/decisions/${t.tenant.citizens.zacho.id}`,
      { decision: "forget" },
    );
    expect(errorFields(res)).toEqual(["decision"]);
  });

  it("shows a private provider's team leader only the provider's own citizens", async () => {
    const rows = (await (await t.as("private_team_leader")).get("/api/triage")).json() as Row[];
    expect(rows.map((r) => r.citizen.id)).toEqual([t.tenant.citizens.kaer.id]);
  });

  it("is for team leaders, planners and coordinators, not for workers or the volunteer centre", async () => {
    for (const actor of ["home_care_worker", "volunteer_centre_staff", "evaluator"] as const) {
      expect((await (await t.as(actor)).get("/api/triage")).statusCode, actor).toBe(403);
    }
  });
});

describe("due lists", () => {
  it("lists citizens new in home care and never screened, and those whose screening is older than the interval", async () => {
    const fresh = t.tenant.citizens.zacho; // screened above
    await t.db
      .update(citizens)
      .set({ homeCareSince: sql`(now() - interval '10 days')::date` })
      .where(eq(citizens.id, t.tenant.citizens.oestergaard.id));
    const old = await screen(t.tenant.citizens.holm.id, notLonely, 200);
    expect(old).toBeTruthy();
    const due = (await (await t.as("team_leader")).get("/api/detection/due")).json() as {
      neverScreenedNew: { citizen: { id: string } }[];
      rescreenDue: { citizen: { id: string }; lastScreenedOn: string }[];
    };
    expect(due.neverScreenedNew.map((d) => d.citizen.id)).toEqual([t.tenant.citizens.oestergaard.id]);
    expect(due.rescreenDue.map((d) => d.citizen.id)).toContain(t.tenant.citizens.holm.id);
    expect(due.rescreenDue.map((d) => d.citizen.id)).not.toContain(fresh.id);
  });

  it("follows the municipality's re-screening interval set by an administrator", async () => {
    const admin = await t.as("administrator");
    expect(
      (await admin.patch("/api/detection/settings", { rescreenIntervalMonths: 12 })).json(),
    ).toMatchObject({ rescreenIntervalMonths: 12 });
    const due = (await (await t.as("team_leader")).get("/api/detection/due")).json() as {
      rescreenDue: { citizen: { id: string } }[];
    };
    expect(due.rescreenDue.map((d) => d.citizen.id)).not.toContain(t.tenant.citizens.holm.id);
    await admin.patch("/api/detection/settings", { rescreenIntervalMonths: 6 });
    expect(
      (await (await t.as("team_leader")).patch("/api/detection/settings", { rescreenIntervalMonths: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it("lists referrals waiting more than N days", async () => {
    const worker = await t.as("home_care_worker");
    const res = await worker.post(`/api/citizens/${t.tenant.citizens.andersen.id}/referrals`, {
      reason: "Ensom",
    });
    const id = (res.json() as { id: string }).id;
    const leader = await t.as("team_leader");
    const before = (await leader.get("/api/detection/due?referralWaitDays=7")).json() as {
      referralsWaiting: { id: string }[];
    };
    expect(before.referralsWaiting.map((r) => r.id)).not.toContain(id);
    await t.db
      .update(referrals)
      .set({ createdAt: sql`now() - interval '9 days'` })
      .where(eq(referrals.id, id));
    const after = (await leader.get("/api/detection/due?referralWaitDays=7")).json() as {
      referralsWaiting: { id: string; daysWaiting: number }[];
    };
    expect(after.referralsWaiting.find((r) => r.id === id)!.daysWaiting).toBe(9);
  });
});

describe("opsporingsklip", () => {
  it("lands on the worker's day and is marked done when the form is filled", async () => {
    const planner = await t.as("planner");
    const citizen = t.tenant.citizens.bech;
    const today = copenhagenToday();
    const granted = await planner.post(`/api/citizens/${citizen.id}/detection-clips`, {
      workerUserId: t.tenant.users.home_care_worker.id,
      plannedDate: today,
      minutes: 30,
    });
    expect(granted.statusCode).toBe(201);
    const clipId = (granted.json() as { id: string }).id;
    const worker = await t.as("home_care_worker");
    const day = (await worker.get("/api/detection/my-day")).json() as MyDay;
    expect(detectionClipsOf(day).find((c) => c.id === clipId)).toMatchObject({ minutes: 30 });
    const res = await worker.post(`/api/citizens/${citizen.id}/screenings`, {
      questionnaireId: tils,
      answers: notLonely,
      consent: "not_asked",
      detectionClipId: clipId,
    });
    expect(res.statusCode).toBe(201);
    const [clip] = await t.db.select().from(detectionClips).where(eq(detectionClips.id, clipId));
    expect(clip).toMatchObject({ status: "done", screeningId: (res.json() as { id: string }).id });
    const after = (await worker.get("/api/detection/my-day")).json() as MyDay;
    expect(detectionClipsOf(after).map((c) => c.id)).not.toContain(clipId);
  });

  it("puts the time only on a worker of the citizen's provider", async () => {
    const res = await (
      await t.as("planner")
    ).post(`/api/citizens/${t.tenant.citizens.bech.id}/detection-clips`, {
      workerUserId: t.tenant.users.private_worker.id,
      plannedDate: "2026-12-01",
      minutes: 30,
    });
    expect(errorFields(res)).toEqual(["workerUserId"]);
  });

  it("is granted by planners and team leaders, not by workers", async () => {
    const res = await (
      await t.as("home_care_worker")
    ).post(`/api/citizens/${t.tenant.citizens.bech.id}/detection-clips`, {
      workerUserId: t.tenant.users.home_care_worker.id,
      plannedDate: "2026-12-01",
      minutes: 30,
    });
    expect(res.statusCode).toBe(403);
  });

  it("offers the planner the home-care workers of the citizen's provider to choose from", async () => {
    const res = await (
      await t.as("planner")
    ).get(`/api/citizens/${t.tenant.citizens.bech.id}/detection-workers`);
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { id: string }[]).map((w) => w.id);
    expect(ids).toContain(t.tenant.users.home_care_worker.id);
    expect(ids).not.toContain(t.tenant.users.private_worker.id);
    expect(ids).not.toContain(t.tenant.users.planner.id);
    expect(
      (
        await (
          await t.as("home_care_worker")
        ).get(`/api/citizens/${t.tenant.citizens.bech.id}/detection-workers`)
      ).statusCode,
    ).toBe(403);
  });

  it("never shows a private provider's staff another provider's citizens through a worker's clip list", async () => {
    const granted = await (
      await t.as("planner")
    ).post(`/api/citizens/${t.tenant.citizens.bech.id}/detection-clips`, {
      workerUserId: t.tenant.users.home_care_worker.id,
      plannedDate: "2026-12-03",
      minutes: 30,
    });
    expect(granted.statusCode).toBe(201);
    const res = await (
      await t.as("private_team_leader")
    ).get(`/api/detection-clips?workerUserId=${t.tenant.users.home_care_worker.id}`);
    if (res.statusCode === 200) {
      expect(res.body).not.toContain(t.tenant.citizens.bech.id);
      expect(res.body).not.toContain(t.tenant.citizens.bech.lastName);
    } else expect([403, 404]).toContain(res.statusCode);
  });

  it("refuses an absurd duration", async () => {
    const res = await (
      await t.as("planner")
    ).post(`/api/citizens/${t.tenant.citizens.bech.id}/detection-clips`, {
      workerUserId: t.tenant.users.home_care_worker.id,
      plannedDate: "2026-12-01",
      minutes: 600,
    });
    expect(errorFields(res)).toEqual(["minutes"]);
  });
});
