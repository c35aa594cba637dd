/**
 * The authorisation matrix's fixture: one municipality's resources of every kind (a citizen with a
 * referral, clips, a triage meeting, a note, an open course with an intervention and a planned
 * clip, and the MatrixParts' own), made through the API by that municipality's staff, plus a
 * loneliness ambassador. Built for `t.tenant` by the matrix and for `t.other` too by the
 * cross-municipality sweep, so both files use the same ids of the same kinds.
 */
import { eq } from "drizzle-orm";
import { copenhagenDate } from "../../../src/domain/time.js";
import { questionnaireDefinitions, users } from "../../../src/server/db/schema/index.js";
import { installShippedQuestionnaires } from "../../../src/server/modules/questionnaires/index.js";
import type { ActorKey, Tenant } from "../factories.js";
import type { Client, TestApp } from "../test-app.js";
import type { Fixture } from "./common.js";
import { PARTS } from "./core.js";

/** `t` seen from `tenant`: the MatrixParts' setups build in `t.tenant` with `t.as(role)`. */
function viewOf(t: TestApp, tenant: Tenant): TestApp {
  if (tenant === t.tenant) return t;
  return { ...t, tenant, other: t.tenant, as: (actor: ActorKey, inTenant = tenant) => t.as(actor, inTenant) };
}

export async function buildMatrixFixture(
  app: TestApp,
  tenant: Tenant = app.tenant,
): Promise<{ f: Fixture; ambassador: Client }> {
  const t = viewOf(app, tenant);
  await installShippedQuestionnaires(t.db, t.tenant.municipality.id);
  const [q] = await t.db
    .select({ id: questionnaireDefinitions.id })
    .from(questionnaireDefinitions)
    .where(eq(questionnaireDefinitions.municipalityId, t.tenant.municipality.id));
  const citizenId = t.tenant.citizens.andersen.id;
  const today = copenhagenDate(new Date());
  const hcw = await t.as("home_care_worker");
  const planner = await t.as("planner");
  const admin = await t.as("administrator");
  const created = async (res: Promise<{ statusCode: number; json: () => unknown; body: string }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`fixture setup failed: ${r.statusCode} ${r.body}`);
    return (r.json() as { id: string }).id;
  };
  // Usernames are unique across municipalities: the first fixture keeps the matrix's own names.
  const suffix = tenant === app.tenant ? "" : `.${t.tenant.municipality.code}`;
  const f: Fixture = {
    citizenId,
    contactId: t.tenant.contactId,
    organisationId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
    targetUserId: await created(
      admin.post("/api/users", {
        username: `matrix.target${suffix}`,
        displayName: "Mål",
        role: "manager",
        organisationId: t.tenant.orgs.administration.id,
        password: "first-password-1",
      }),
    ),
    referralId: await created(hcw.post(`/api/citizens/${citizenId}/referrals`, { reason: "Fixture" })),
    clipId: await created(
      planner.post(`/api/citizens/${citizenId}/detection-clips`, {
        workerUserId: t.tenant.users.home_care_worker.id,
        plannedDate: today,
        minutes: 15,
      }),
    ),
    meetingId: await created(
      planner.post("/api/triage/meetings", { districtId: t.tenant.districts.north.id, heldOn: today }),
    ),
    noteId: await created(
      hcw.post(`/api/citizens/${citizenId}/journal`, {
        kind: "professional",
        title: "Fixture",
        body: "Note",
      }),
    ),
    questionnaireId: q!.id,
    today,
    municipalityCode: t.tenant.municipality.code,
    hcwUserId: t.tenant.users.home_care_worker.id,
    loginUsername: t.tenant.users.evaluator.username,
    courseId: "",
    coordinatorUserId: t.tenant.users.community_coordinator.id,
    interventionId: "",
    plannedClipId: "",
    extra: {},
  };
  const coordinator = await t.as("community_coordinator");
  f.courseId = await created(coordinator.post(`/api/citizens/${citizenId}/courses`, { reason: "Matrix" }));
  f.interventionId = await created(
    coordinator.post(`/api/courses/${f.courseId}/interventions`, {
      kind: "accompaniment",
      providerOrganisationId: f.organisationId,
    }),
  );
  await created(
    coordinator
      .post(`/api/courses/${f.courseId}/grants`, { kind: "accompaniment", clips: 5, minutesPerClip: 60 })
      .then((r) => ({ ...r, json: () => ({ id: "" }) })),
  );
  f.plannedClipId = await created(
    planner.post(`/api/courses/${f.courseId}/clips`, {
      kind: "accompaniment",
      accompanimentForm: "to_from",
      plannedOn: today,
      plannedStart: "09:00",
      plannedMinutes: 60,
      workerUserId: f.hcwUserId,
    }),
  );
  for (const part of PARTS) if (part.setup) Object.assign(f.extra, await part.setup(t, f));
  const [hcwRow] = await t.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, f.hcwUserId));
  await t.db.insert(users).values({
    municipalityId: t.tenant.municipality.id,
    organisationId: t.tenant.orgs.publicProvider.id,
    districtId: t.tenant.districts.north.id,
    ambassadorDistrictId: t.tenant.districts.north.id,
    username: `matrix.ambassador${suffix}`,
    displayName: "Matrix Ambassadør",
    role: "home_care_worker",
    passwordHash: hcwRow!.passwordHash,
  });
  return { f, ambassador: await t.login(`matrix.ambassador${suffix}`) };
}
