/**
 * The authorisation matrix's rows (src/server/authz-matrix.int.test.ts): every route of the app and
 * who may call it, with a request per route built from a Fixture (test/support/authz/fixture.ts).
 * Kept here, not in the test file, so the cross-municipality sweep
 * (src/server/authz-cross-municipality.int.test.ts) sends the same requests with another
 * municipality's fixture. Modules add their rows as a MatrixPart beside this file.
 */
import {
  ADMIN,
  CITIZEN_LISTERS,
  COORDINATOR,
  DEFINITION_READERS,
  DETECTORS,
  DETECTORS_OF_CITIZEN,
  EDITORS,
  EVERYONE,
  type Fixture,
  INBOX,
  type MatrixPart,
  NO_SUCH_ID,
  QUESTIONNAIRE_READERS,
  READERS,
  type Row,
  SIGNED_IN,
  TRIAGE,
  TRIAGE_OF_CITIZEN,
  type Who,
} from "./common.js";
import { catalogPart } from "./catalog.js";
import { placementsPart } from "./placements.js";
import { fhirApiPart } from "./fhir-api.js";
import { careRecordImportPart } from "./care-record-import.js";
import { careRecordExchangePart } from "./care-record-exchange.js";
import { platformAdminPart } from "./platform-admin.js";
import { provisioningPart } from "./provisioning.js";
import { identityPart } from "./identity.js";
import { messagingDigestPart } from "./messaging-digest.js";
import { messagingLetterPart } from "./messaging-letter.js";
import { messagingCitizenPart } from "./messaging-citizen.js";
import { messagingCorePart } from "./messaging-core.js";
import { TEST_PASSWORD, nextCpr } from "../factories.js";
import { SHIPPED_PUNCH_CARD_POLICY } from "../../../src/server/modules/courses/definitions/index.js";
import { SHIPPED_DEFINITIONS } from "../../../src/server/modules/questionnaires/definitions/index.js";

const citizenBody = () => ({
  cpr: nextCpr(),
  firstName: "Matrix",
  lastName: "Borger",
  addressLine: "Tabelvej 1",
  postalCode: "9901",
  city: "Fjordby",
});

/** Reports: planners, team leaders (private ones for their own provider), coordinators, managers, the evaluator, administrators. */
const REPORT_READERS: readonly Who[] = [
  "planner",
  "team_leader",
  "community_coordinator",
  "manager",
  "evaluator",
  "administrator",
  "private_team_leader",
];

/** Modules' own rows (test/support/authz/*.ts). */
export const PARTS: MatrixPart[] = [
  catalogPart,
  placementsPart,
  fhirApiPart,
  careRecordImportPart,
  careRecordExchangePart,
  platformAdminPart,
  provisioningPart,
  identityPart,
  messagingDigestPart,
  messagingLetterPart,
  messagingCitizenPart,
  messagingCorePart,
];

/** Every route of the app. Keep in step with the routes: the first test fails on any route not listed. */
export const CORE: Record<string, Row> = {
  "GET /health": { allow: EVERYONE },
  "GET /ready": { allow: EVERYONE },
  "GET /api/openapi.json": { allow: EVERYONE },
  "GET /api/docs": { allow: EVERYONE },
  "GET /api/docs/json": { allow: EVERYONE },
  "GET /api/docs/yaml": { allow: EVERYONE },
  "GET /api/docs/static/index.html": { allow: EVERYONE },
  "GET /api/docs/static/swagger-initializer.js": { allow: EVERYONE },
  "GET /api/docs/static/*": { allow: EVERYONE, request: () => ({ url: "/api/docs/static/swagger-ui.css" }) },

  // auth
  "POST /api/auth/login": {
    allow: EVERYONE,
    request: (f) => ({ body: { username: f.loginUsername, password: TEST_PASSWORD } }),
  },
  "GET /api/auth/me": { allow: SIGNED_IN },
  "POST /api/auth/password": {
    allow: SIGNED_IN,
    request: () => ({ body: { currentPassword: "not-the-password", newPassword: "new-password-123" } }),
  },

  // citizens
  "GET /api/citizens": { allow: CITIZEN_LISTERS },
  "POST /api/citizens/search": { allow: CITIZEN_LISTERS, request: () => ({ body: { q: "Matrix" } }) },
  "POST /api/citizens": { allow: EDITORS, request: () => ({ body: citizenBody() }) },
  "GET /api/citizens/:id": { allow: READERS },
  "PATCH /api/citizens/:id": {
    allow: EDITORS,
    request: () => ({ body: { version: 999, phone: "12345678" } }),
  },
  "POST /api/citizens/:id/cpr/reveal": { allow: EDITORS },
  "POST /api/citizens/:id/contacts": {
    allow: EDITORS,
    request: () => ({ body: { kind: "relative", name: "Matrix Pårørende" } }),
  },
  "DELETE /api/citizens/:id/contacts/:contactId": {
    allow: EDITORS,
    request: (f) => ({ url: `/api/citizens/${f.citizenId}/contacts/${NO_SUCH_ID}` }),
  },
  "GET /api/citizens/:id/audit": { allow: ADMIN },
  "GET /api/citizens/:id/audit.csv": { allow: ADMIN },
  // rectification history and restriction (issue 13): the trail's readers; the moves name no
  // citizen (404 for the administrator after the role gate), so the matrix never restricts its fixture
  "GET /api/citizens/:id/revisions": { allow: ADMIN },
  // The CPR revealers pass the role gate; the service asks for the trail too (403 but for the administrator).
  "POST /api/citizens/:id/revisions/:revisionId/cpr/reveal": {
    allow: ADMIN,
    request: (f) => ({ url: `/api/citizens/${f.citizenId}/revisions/1/cpr/reveal` }),
  },
  "GET /api/citizens/:id/restriction": { allow: ADMIN },
  "POST /api/citizens/:id/restriction": {
    allow: ADMIN,
    request: () => ({ url: `/api/citizens/${NO_SUCH_ID}/restriction`, body: { reason: "Matrix" } }),
  },
  "POST /api/citizens/:id/restriction/lift": {
    allow: ADMIN,
    request: () => ({ url: `/api/citizens/${NO_SUCH_ID}/restriction/lift`, body: { reason: "Matrix" } }),
  },
  "GET /api/privacy/restrictions": { allow: ADMIN },
  // the right of access (issue 13): the whole record in one file, for the administrator only
  "GET /api/citizens/:id/access-export": { allow: ADMIN },
  // the citizen's punch-card work as KL's CareDeliveryReport (issue 14): the administrator only
  // (the matrix citizen's provider has no SOR code: 409 after the check is "allowed")
  "GET /api/citizens/:id/care-delivery-report": { allow: ADMIN },

  // administration
  "GET /api/organisations": { allow: SIGNED_IN },
  "POST /api/organisations": {
    allow: ADMIN,
    request: () => ({ body: { name: "Matrix Pleje", kind: "private_provider" } }),
  },
  "PATCH /api/organisations/:id": { allow: ADMIN, request: () => ({ body: { active: true } }) },
  "GET /api/districts": { allow: SIGNED_IN },
  "POST /api/districts": { allow: ADMIN, request: () => ({ body: { name: "Matrix Distrikt" } }) },
  "PATCH /api/districts/:id": { allow: ADMIN, request: () => ({ body: { active: true } }) },
  "GET /api/users": { allow: ADMIN },
  "POST /api/users": {
    allow: ADMIN,
    request: (f) => ({
      body: {
        username: "matrix.user",
        displayName: "Matrix",
        role: "planner",
        organisationId: f.organisationId,
        password: "first-password-1",
      },
    }),
  },
  "PATCH /api/users/:id": {
    allow: ADMIN,
    request: (f) => ({ url: `/api/users/${f.targetUserId}`, body: { displayName: "Matrix Mål" } }),
  },
  "POST /api/users/:id/reset-password": {
    allow: ADMIN,
    request: (f) => ({
      url: `/api/users/${f.targetUserId}/reset-password`,
      body: { temporaryPassword: "temporary-pass-1" },
    }),
  },
  "POST /api/users/:id/unlock": {
    allow: ADMIN,
    request: (f) => ({ url: `/api/users/${f.targetUserId}/unlock` }),
  },
  "GET /api/admin/security-events": { allow: ADMIN },
  "GET /api/admin/jobs": { allow: ADMIN },
  // anonymisation and erasure (issue 13): the preview reads the fixture citizen; the steps name no
  // citizen (404 for the administrator after the role gate), so the matrix never erases its fixture
  "GET /api/citizens/:id/erasure-preview": { allow: ADMIN },
  "POST /api/citizens/:id/anonymisation": {
    allow: ADMIN,
    request: () => ({ url: `/api/citizens/${NO_SUCH_ID}/anonymisation`, body: {} }),
  },
  "POST /api/citizens/:id/erasure": {
    allow: ADMIN,
    request: () => ({ url: `/api/citizens/${NO_SUCH_ID}/erasure`, body: {} }),
  },
  // retention (issue 13): administrators only; the rule and run routes name no such rule or run
  // (404 for the administrator after the role gate), so the matrix never starts or edits a real rule
  "GET /api/privacy/retention/rules": { allow: ADMIN },
  "GET /api/privacy/retention/runs": { allow: ADMIN },
  "GET /api/privacy/deletion-records": { allow: ADMIN },
  "GET /api/privacy/retention/rules/:id/preview": {
    allow: ADMIN,
    request: () => ({ url: `/api/privacy/retention/rules/${NO_SUCH_ID}/preview` }),
  },
  "PATCH /api/privacy/retention/rules/:id": {
    allow: ADMIN,
    request: () => ({
      url: `/api/privacy/retention/rules/${NO_SUCH_ID}`,
      body: { version: 1, enabled: false },
    }),
  },
  "POST /api/privacy/retention/rules/:id/runs": {
    allow: ADMIN,
    request: () => ({ url: `/api/privacy/retention/rules/${NO_SUCH_ID}/runs`, body: {} }),
  },
  "POST /api/privacy/retention/runs/:id/confirm": {
    allow: ADMIN,
    request: () => ({ url: `/api/privacy/retention/runs/${NO_SUCH_ID}/confirm`, body: {} }),
  },
  "POST /api/privacy/retention/runs/:id/cancel": {
    allow: ADMIN,
    request: () => ({ url: `/api/privacy/retention/runs/${NO_SUCH_ID}/cancel`, body: {} }),
  },
  // records of processing (issue 13): the manager reads it too; the administrator writes the contacts
  "GET /api/privacy/records-of-processing": { allow: ["manager", "administrator"] },
  "PATCH /api/privacy/records-of-processing/contacts": {
    allow: ADMIN,
    request: () => ({ body: { dpoContact: "Matrix DPO" } }),
  },

  // referrals
  "GET /api/referrals": { allow: INBOX },
  "GET /api/referrals/sent": { allow: DETECTORS },
  "POST /api/referrals": {
    allow: COORDINATOR,
    request: () => ({
      body: { source: "gp", channel: "phone", subjectName: "Matrix Borger", reason: "Ensom" },
    }),
  },
  // Sent by the public provider: its care staff read it as sender, the coordinators' inbox roles as receivers.
  "GET /api/referrals/:id": {
    allow: ["home_care_worker", "planner", "team_leader", "community_coordinator", "manager"],
  },
  "POST /api/referrals/:id/decision": {
    allow: COORDINATOR,
    request: () => ({ body: { action: "request_info", message: "Ring venligst" } }),
  },
  // The worker who sent it (the fixture's home-care worker) and the sending unit's team leader; a 409 when nothing is asked is past the policy.
  "POST /api/referrals/:id/reply": {
    allow: ["home_care_worker", "team_leader"],
    request: () => ({ body: { message: "Hun er hjemme om formiddagen" } }),
  },
  "POST /api/citizens/:id/referrals": {
    allow: DETECTORS_OF_CITIZEN,
    request: () => ({ body: { reason: "Virker ensom" } }),
  },
  "GET /api/public/municipalities": { allow: EVERYONE },
  "POST /api/public/referrals": {
    allow: EVERYONE,
    request: (f) => ({
      body: {
        municipalityCode: f.municipalityCode,
        referrerRole: "relative",
        referrerName: "Matrix Datter",
        referrerContact: "20304050",
        subjectName: "Matrix Mor",
        subjectAddress: "Tabelvej 2",
        reason: "Sidder alene",
        subjectAgrees: true,
      },
    }),
  },

  // detection: journal, clips, due lists, settings, triage
  "GET /api/citizens/:id/journal": { allow: READERS },
  "POST /api/citizens/:id/journal": {
    allow: DETECTORS_OF_CITIZEN,
    request: () => ({ body: { kind: "observation", title: "Matrix", body: "Observation" } }),
  },
  "PATCH /api/citizens/:id/journal/:noteId": {
    allow: DETECTORS_OF_CITIZEN,
    request: (f) => ({ url: `/api/citizens/${f.citizenId}/journal/${f.noteId}`, body: { active: true } }),
  },
  "POST /api/citizens/:id/detection-clips": {
    allow: ["planner", "team_leader"],
    request: (f) => ({ body: { workerUserId: f.hcwUserId, plannedDate: f.today, minutes: 15 } }),
  },
  "GET /api/citizens/:id/detection-workers": { allow: ["planner", "team_leader"] },
  "GET /api/detection-clips": { allow: DETECTORS },
  // The worker the clip is planned for, and planners and team leaders who see the citizen.
  "POST /api/detection-clips/:id/settle": {
    allow: ["home_care_worker", "planner", "team_leader"],
    request: (f) => ({ url: `/api/detection-clips/${f.clipId}/settle`, body: { status: "done" } }),
  },
  "GET /api/detection/my-day": { allow: DETECTORS },
  "GET /api/detection/offline-day": { allow: DETECTORS },
  "GET /api/detection/due": { allow: TRIAGE },
  "GET /api/detection/settings": { allow: [...TRIAGE, "administrator"] },
  "PATCH /api/detection/settings": { allow: ADMIN, request: () => ({ body: { referralWaitDays: 7 } }) },
  "GET /api/triage": { allow: TRIAGE },
  "POST /api/triage/meetings": {
    allow: TRIAGE,
    request: (f) => ({ body: { districtId: f.districtId, heldOn: f.today } }),
  },
  "GET /api/triage/meetings/:id": {
    allow: TRIAGE,
    request: (f) => ({ url: `/api/triage/meetings/${f.meetingId}` }),
  },
  "PUT /api/triage/meetings/:id/decisions/:citizenId": {
    allow: TRIAGE_OF_CITIZEN,
    request: (f) => ({
      url: `/api/triage/meetings/${f.meetingId}/decisions/${f.citizenId}`,
      body: { decision: "watch" },
    }),
  },
  "GET /api/triage/meetings/:id/export.csv": {
    allow: TRIAGE,
    request: (f) => ({ url: `/api/triage/meetings/${f.meetingId}/export.csv` }),
  },

  // questionnaires and screenings
  "GET /api/questionnaires": { allow: QUESTIONNAIRE_READERS },
  "GET /api/questionnaires/:id": {
    allow: QUESTIONNAIRE_READERS,
    request: (f) => ({ url: `/api/questionnaires/${f.questionnaireId}` }),
  },
  "GET /api/questionnaires/by-key/:key/versions": {
    allow: ADMIN,
    request: () => ({ url: "/api/questionnaires/by-key/t-ils/versions" }),
  },
  "POST /api/questionnaires": {
    allow: ADMIN,
    request: () => ({ body: SHIPPED_DEFINITIONS.find((d) => d.key === "t-ils") }),
  },
  "PATCH /api/questionnaires/:id": {
    allow: ADMIN,
    request: (f) => ({ url: `/api/questionnaires/${f.questionnaireId}`, body: { active: true } }),
  },
  "GET /api/citizens/:id/screenings": { allow: READERS },
  // An unknown questionnaire is a 400 after the policy check: enough to see who gets past it.
  "POST /api/citizens/:id/screenings": {
    allow: DETECTORS_OF_CITIZEN,
    request: () => ({ body: { questionnaireId: NO_SUCH_ID, answers: {}, consent: "not_asked" } }),
  },

  // courses
  "GET /api/courses/caseload": { allow: INBOX },
  "GET /api/courses/coordinators": { allow: ["manager"] },
  "GET /api/citizens/:id/courses": { allow: READERS },
  // The citizen already has the fixture's open course: a coordinator gets past the policy to a 409.
  "POST /api/citizens/:id/courses": { allow: COORDINATOR, request: () => ({ body: { reason: "Matrix" } }) },
  "GET /api/citizens/:id/timeline": { allow: READERS },
  "GET /api/courses/:id": { allow: READERS, request: (f) => ({ url: `/api/courses/${f.courseId}` }) },
  "POST /api/courses/:id/stage": {
    allow: COORDINATOR,
    request: (f) => ({ url: `/api/courses/${f.courseId}/stage`, body: { to: "guidance", version: 999 } }),
  },
  "POST /api/courses/:id/pause": {
    allow: COORDINATOR,
    request: (f) => ({ url: `/api/courses/${f.courseId}/pause`, body: { version: 999 } }),
  },
  "POST /api/courses/:id/resume": {
    allow: COORDINATOR,
    request: (f) => ({ url: `/api/courses/${f.courseId}/resume`, body: { version: 999 } }),
  },
  "POST /api/courses/:id/reassign": {
    allow: ["manager"],
    request: (f) => ({
      url: `/api/courses/${f.courseId}/reassign`,
      body: { coordinatorUserId: f.coordinatorUserId, version: 999 },
    }),
  },
  "POST /api/courses/:id/close": {
    allow: COORDINATOR,
    request: (f) => ({
      url: `/api/courses/${f.courseId}/close`,
      body: { reason: "other", citizenAccount: "Matrix", summary: "Matrix", version: 999 },
    }),
  },
  "POST /api/courses/:id/follow-ups": {
    allow: COORDINATOR,
    request: (f) => ({ url: `/api/courses/${f.courseId}/follow-ups`, body: { result: "E1", version: 999 } }),
  },
  "POST /api/courses/:id/bookings": {
    allow: COORDINATOR,
    request: (f) => ({
      url: `/api/courses/${f.courseId}/bookings`,
      body: { kind: "clarification", scheduledAt: "2026-12-01T10:00:00+01:00" },
    }),
  },
  "POST /api/courses/:id/conversations": {
    allow: COORDINATOR,
    request: (f) => ({ url: `/api/courses/${f.courseId}/conversations`, body: { kind: "guidance" } }),
  },
  "POST /api/courses/:id/interventions": {
    allow: COORDINATOR,
    request: (f) => ({
      url: `/api/courses/${f.courseId}/interventions`,
      body: { kind: "accompaniment", providerOrganisationId: f.organisationId },
    }),
  },
  "POST /api/interventions/:id/end": {
    allow: COORDINATOR,
    request: (f) => ({ url: `/api/interventions/${f.interventionId}/end` }),
  },
  "GET /api/course-definitions": {
    allow: DEFINITION_READERS,
    request: () => ({ url: "/api/course-definitions?kind=conversation_guide" }),
  },
  "GET /api/course-definitions/:kind/:key/versions": {
    allow: DEFINITION_READERS,
    request: () => ({ url: "/api/course-definitions/punch_card_policy/punch-card/versions" }),
  },
  "PUT /api/course-definitions/:kind/:key": {
    allow: ADMIN,
    request: () => ({
      url: "/api/course-definitions/punch_card_policy/punch-card",
      body: SHIPPED_PUNCH_CARD_POLICY,
    }),
  },

  // evaluation
  "GET /api/courses/:id/outcomes": {
    allow: READERS,
    request: (f) => ({ url: `/api/courses/${f.courseId}/outcomes` }),
  },
  // An unknown questionnaire is a 400 after the policy check.
  "POST /api/courses/:id/outcomes/:phase": {
    allow: COORDINATOR,
    request: (f) => ({
      url: `/api/courses/${f.courseId}/outcomes/baseline`,
      body: { questionnaireId: NO_SUCH_ID, answers: {} },
    }),
  },
  "GET /api/outcomes/due": { allow: INBOX },
  "GET /api/evaluation/settings": { allow: REPORT_READERS },
  "PATCH /api/evaluation/settings": { allow: ADMIN, request: () => ({ body: { outcomeWindowToMonths: 8 } }) },
  "GET /api/reports/status": {
    allow: REPORT_READERS,
    request: (f) => ({ url: `/api/reports/status?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/punch-card": {
    allow: REPORT_READERS,
    request: (f) => ({ url: `/api/reports/punch-card?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/:report/export.csv": {
    allow: REPORT_READERS,
    request: (f) => ({ url: `/api/reports/status/export.csv?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/workbook.xlsx": {
    allow: REPORT_READERS,
    request: (f) => ({ url: `/api/reports/workbook.xlsx?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/evaluator-dataset.:format": {
    allow: ["evaluator", "administrator"],
    request: (f) => ({ url: `/api/reports/evaluator-dataset.csv?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/outcomes": {
    allow: REPORT_READERS,
    request: (f) => ({ url: `/api/reports/outcomes?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/trend": {
    allow: REPORT_READERS,
    request: (f) => ({ url: `/api/reports/trend?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/funnel": {
    allow: REPORT_READERS,
    request: (f) => ({ url: `/api/reports/funnel?from=2026-01-01&to=${f.today}` }),
  },
  "GET /api/reports/status/:figure/citizens": {
    allow: ["planner", "team_leader", "community_coordinator", "manager", "administrator"],
    request: (f) => ({ url: `/api/reports/status/formsFilled/citizens?from=2026-01-01&to=${f.today}` }),
  },

  // punch card
  "GET /api/courses/:id/card": {
    allow: READERS,
    request: (f) => ({ url: `/api/courses/${f.courseId}/card` }),
  },
  // A team leader gets past the policy to "choose a budget" (400).
  "POST /api/courses/:id/grants": {
    allow: ["community_coordinator", "team_leader", "manager"],
    request: (f) => ({
      url: `/api/courses/${f.courseId}/grants`,
      body: { kind: "accompaniment", clips: 1, minutesPerClip: 60 },
    }),
  },
  "POST /api/courses/:id/clips": {
    allow: ["planner", "team_leader", "community_coordinator"],
    request: (f) => ({
      url: `/api/courses/${f.courseId}/clips`,
      body: {
        kind: "accompaniment",
        accompanimentForm: "to_from",
        plannedOn: f.today,
        plannedStart: "10:00",
        plannedMinutes: 60,
        workerUserId: f.hcwUserId,
      },
    }),
  },
  "POST /api/courses/:id/clip-registrations": {
    allow: DETECTORS_OF_CITIZEN,
    request: (f) => ({
      url: `/api/courses/${f.courseId}/clip-registrations`,
      body: {
        kind: "accompaniment",
        accompanimentForm: "to_from",
        performedOn: f.today,
        outcome: "done",
        actualMinutes: 30,
      },
    }),
  },
  "GET /api/courses/:id/workers": {
    allow: ["planner", "team_leader", "community_coordinator"],
    request: (f) => ({ url: `/api/courses/${f.courseId}/workers` }),
  },
  "POST /api/clips/:id/cancel": {
    allow: ["planner", "team_leader", "community_coordinator"],
    request: (f) => ({ url: `/api/clips/${f.plannedClipId}/cancel`, body: { reason: "Matrix" } }),
  },
  "GET /api/clips/day": { allow: DETECTORS },
  "GET /api/hour-budgets": {
    allow: ["team_leader", "community_coordinator", "manager", "administrator", "private_team_leader"],
  },
  "POST /api/hour-budgets": {
    allow: ["manager", "administrator"],
    request: (f) => ({
      body: { organisationId: f.organisationId, periodStart: f.today, periodEnd: f.today, minutes: 600 },
    }),
  },
  "GET /api/me/calendar-feed": { allow: DETECTORS },
  "POST /api/me/calendar-feed": { allow: DETECTORS },
  "DELETE /api/me/calendar-feed": { allow: DETECTORS },
  // Public: the secret in the URL is the key; an unknown one is a 404 for everybody.
  "GET /api/calendar/:token": {
    allow: EVERYONE,
    request: () => ({ url: "/api/calendar/abcdefghijklmnopqrstuvwxyz012345.ics" }),
  },
};

/** The URL of a route without a `request` of its own: its :id filled with the fixture's id of that kind (a citizen by default). */
export function defaultUrl(route: string, fx: Fixture): string {
  const path = route.split(" ")[1]!;
  const ids: Record<string, string> = {
    "/api/organisations/:id": fx.organisationId,
    "/api/districts/:id": fx.districtId,
    "/api/referrals/:id": fx.referralId,
  };
  const base = Object.keys(ids).find((p) => path.startsWith(p));
  if (base) return path.replace(":id", ids[base]!);
  return path.replace(":id", fx.citizenId);
}

/** Every route of the app: the core rows and the modules' parts. */
export const MATRIX: Record<string, Row> = {
  ...CORE,
  ...Object.assign({}, ...PARTS.map((p) => p.rows)),
  // Last: it ends the session it is called with.
  "POST /api/auth/logout": { allow: EVERYONE },
};
