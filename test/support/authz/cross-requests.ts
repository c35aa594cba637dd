/**
 * The cross-municipality sweep's requests (src/server/authz-cross-municipality.int.test.ts): where
 * they differ from the matrix's rows given the other municipality's fixture (CROSS_REQUEST), and the
 * MIXED cases that name the caller's own resource in the path and the other's in the body.
 */
import type { Fixture, Who } from "./common.js";
import { type Tenant, nextCpr } from "../factories.js";

/** B's ids the matrix's fixture does not carry, and B's current versions. */
export interface BExtra {
  version: Record<string, number>;
  revisionId: string;
  retentionRuleId: string;
  retentionRunId: string;
  importRunId: string;
  deliveryId: string;
  fhirClientRowId: string;
  scimTokenId: string;
  /** Messages in B's outbox: one failed (to retry), one queued (to cancel). */
  failedMessageId: string;
  queuedMessageId: string;
}
export interface Ctx {
  a: Fixture;
  b: Fixture;
  bx: BExtra;
  tenantA: Tenant;
  /** A's current versions, read just before a MIXED request (so a refusal is not a stale version). */
  ax: Record<string, number>;
}
export type Build = (c: Ctx) => { url?: string; body?: unknown };

/**
 * Requests other than the matrix's: B's real ids where the matrix names no such id (so it never
 * touches its own fixture), B's current versions where it sends a stale one, and the caller's own
 * municipality where a public route addresses one by design.
 */
export const CROSS_REQUEST: Record<string, Build> = {
  "PATCH /api/citizens/:id": ({ bx }) => ({ body: { version: bx.version.citizen, phone: "12345678" } }),
  "DELETE /api/citizens/:id/contacts/:contactId": ({ b }) => ({
    url: `/api/citizens/${b.citizenId}/contacts/${b.contactId}`,
  }),
  "POST /api/citizens/:id/revisions/:revisionId/cpr/reveal": ({ b, bx }) => ({
    url: `/api/citizens/${b.citizenId}/revisions/${bx.revisionId}/cpr/reveal`,
  }),
  "POST /api/citizens/:id/restriction": ({ b }) => ({
    url: `/api/citizens/${b.citizenId}/restriction`,
    body: { reason: "Matrix" },
  }),
  "POST /api/citizens/:id/restriction/lift": ({ b }) => ({
    url: `/api/citizens/${b.citizenId}/restriction/lift`,
    body: { reason: "Matrix" },
  }),
  "POST /api/citizens/:id/anonymisation": ({ b }) => ({
    url: `/api/citizens/${b.citizenId}/anonymisation`,
    body: {},
  }),
  "POST /api/citizens/:id/erasure": ({ b }) => ({ url: `/api/citizens/${b.citizenId}/erasure`, body: {} }),
  "GET /api/privacy/retention/rules/:id/preview": ({ bx }) => ({
    url: `/api/privacy/retention/rules/${bx.retentionRuleId}/preview`,
  }),
  "PATCH /api/privacy/retention/rules/:id": ({ bx }) => ({
    url: `/api/privacy/retention/rules/${bx.retentionRuleId}`,
    body: { version: bx.version.retentionRule, enabled: false },
  }),
  "POST /api/privacy/retention/rules/:id/runs": ({ bx }) => ({
    url: `/api/privacy/retention/rules/${bx.retentionRuleId}/runs`,
    body: {},
  }),
  "POST /api/privacy/retention/runs/:id/confirm": ({ bx }) => ({
    url: `/api/privacy/retention/runs/${bx.retentionRunId}/confirm`,
    body: {},
  }),
  "POST /api/privacy/retention/runs/:id/cancel": ({ bx }) => ({
    url: `/api/privacy/retention/runs/${bx.retentionRunId}/cancel`,
    body: {},
  }),
  "POST /api/citizens/:id/screenings": ({ b }) => ({
    body: { questionnaireId: b.questionnaireId, answers: {}, consent: "not_asked" },
  }),
  "POST /api/courses/:id/outcomes/:phase": ({ b }) => ({
    url: `/api/courses/${b.courseId}/outcomes/baseline`,
    body: { questionnaireId: b.questionnaireId, answers: {} },
  }),
  "POST /api/courses/:id/stage": ({ b, bx }) => ({
    url: `/api/courses/${b.courseId}/stage`,
    body: { to: "guidance", version: bx.version.course },
  }),
  "POST /api/courses/:id/pause": ({ b, bx }) => ({
    url: `/api/courses/${b.courseId}/pause`,
    body: { version: bx.version.course },
  }),
  "POST /api/courses/:id/resume": ({ b, bx }) => ({
    url: `/api/courses/${b.courseId}/resume`,
    body: { version: bx.version.course },
  }),
  "POST /api/courses/:id/reassign": ({ b, bx }) => ({
    url: `/api/courses/${b.courseId}/reassign`,
    body: { coordinatorUserId: b.coordinatorUserId, version: bx.version.course },
  }),
  "POST /api/courses/:id/close": ({ b, bx }) => ({
    url: `/api/courses/${b.courseId}/close`,
    body: { reason: "other", citizenAccount: "Matrix", summary: "Matrix", version: bx.version.course },
  }),
  "POST /api/courses/:id/follow-ups": ({ b, bx }) => ({
    url: `/api/courses/${b.courseId}/follow-ups`,
    body: { result: "E1", version: bx.version.course },
  }),
  // catalog entries of B's volunteer centre, at their current versions
  "PATCH /api/catalog/organisations/:id": ({ b, bx }) => ({
    url: `/api/catalog/organisations/${b.extra.catalogOrganisationId}`,
    body: { version: bx.version.catalogOrganisation, phone: "40404040" },
  }),
  "POST /api/catalog/organisations/:id/verify": ({ b, bx }) => ({
    url: `/api/catalog/organisations/${b.extra.catalogOrganisationId}/verify`,
    body: { version: bx.version.catalogOrganisation },
  }),
  "POST /api/catalog/organisations/:id/deactivate": ({ b, bx }) => ({
    url: `/api/catalog/organisations/${b.extra.catalogOrganisationId}/deactivate`,
    body: { version: bx.version.catalogOrganisation },
  }),
  "PATCH /api/catalog/activities/:id": ({ b, bx }) => ({
    url: `/api/catalog/activities/${b.extra.catalogActivityId}`,
    body: { version: bx.version.catalogActivity, title: "Matrix" },
  }),
  "POST /api/catalog/activities/:id/verify": ({ b, bx }) => ({
    url: `/api/catalog/activities/${b.extra.catalogActivityId}/verify`,
    body: { version: bx.version.catalogActivity },
  }),
  "POST /api/catalog/activities/:id/deactivate": ({ b, bx }) => ({
    url: `/api/catalog/activities/${b.extra.catalogActivityId}/deactivate`,
    body: { version: bx.version.catalogActivity },
  }),
  "POST /api/placements/:id/status": ({ b, bx }) => ({
    url: `/api/placements/${b.extra.placementId}/status`,
    body: { to: "contacted", version: bx.version.placement },
  }),
  "POST /api/volunteer-referrals/:id/withdraw-consent": ({ b }) => ({
    url: `/api/volunteer-referrals/${b.extra.volunteerReferralId}/withdraw-consent`,
  }),
  "DELETE /api/small-communities/:id/members/:courseId": ({ b }) => ({
    url: `/api/small-communities/${b.extra.communityId}/members/${b.extra.secondCourseId}`,
  }),
  "POST /api/care-record/fhir-clients/:id/revoke": ({ bx }) => ({
    url: `/api/care-record/fhir-clients/${bx.fhirClientRowId}/revoke`,
  }),
  "GET /api/care-record/imports/:id": ({ bx }) => ({ url: `/api/care-record/imports/${bx.importRunId}` }),
  "GET /api/care-record/imports/:id/rows": ({ bx }) => ({
    url: `/api/care-record/imports/${bx.importRunId}/rows`,
  }),
  "POST /api/care-record/imports/:id/apply": ({ bx }) => ({
    url: `/api/care-record/imports/${bx.importRunId}/apply`,
    body: { version: bx.version.importRun },
  }),
  "POST /api/care-record/imports/:id/discard": ({ bx }) => ({
    url: `/api/care-record/imports/${bx.importRunId}/discard`,
    body: {},
  }),
  "POST /api/care-record/deliveries/:id/retry": ({ bx }) => ({
    url: `/api/care-record/deliveries/${bx.deliveryId}/retry`,
    body: {},
  }),
  "POST /api/provisioning/scim-tokens/:id/revoke": ({ bx }) => ({
    url: `/api/provisioning/scim-tokens/${bx.scimTokenId}/revoke`,
  }),
  "GET /api/messaging/outbox/:id": ({ bx }) => ({ url: `/api/messaging/outbox/${bx.failedMessageId}` }),
  "POST /api/messaging/outbox/:id/retry": ({ bx }) => ({
    url: `/api/messaging/outbox/${bx.failedMessageId}/retry`,
    body: {},
  }),
  "POST /api/messaging/outbox/:id/cancel": ({ bx }) => ({
    url: `/api/messaging/outbox/${bx.queuedMessageId}/cancel`,
    body: {},
  }),
  "GET /scim/v2/Users/:id": ({ b }) => ({ url: `/scim/v2/Users/${b.targetUserId}` }),
  "PUT /scim/v2/Users/:id": ({ b }) => ({
    url: `/scim/v2/Users/${b.targetUserId}`,
    body: { userName: "matrix" },
  }),
  "PATCH /scim/v2/Users/:id": ({ b }) => ({
    url: `/scim/v2/Users/${b.targetUserId}`,
    body: { Operations: [{ op: "replace", path: "active", value: false }] },
  }),
  "DELETE /scim/v2/Users/:id": ({ b }) => ({ url: `/scim/v2/Users/${b.targetUserId}` }),
  // public routes that address a municipality or a credential by design: the caller's own
  "POST /api/auth/login": ({ a }) => ({ body: { username: a.loginUsername, password: "not-the-password" } }),
  "POST /api/public/referrals": ({ tenantA }) => ({
    body: {
      municipalityCode: tenantA.municipality.code,
      referrerRole: "relative",
      referrerName: "Matrix Datter",
      referrerContact: "20304050",
      subjectName: "Matrix Mor",
      subjectAddress: "Tabelvej 2",
      reason: "Sidder alene",
      subjectAgrees: true,
    },
  }),
  "POST /fhir/R4/auth/token": ({ a }) => ({
    body: {
      grant_type: "client_credentials",
      client_id: a.extra.fhirClientId,
      client_secret: a.extra.fhirClientSecret,
    },
  }),
};

/**
 * A's own resource in the path, B's in the body: who may call the route in A sends it, and the
 * route must refuse B's id (400/403/404/409/422) — or it wrote a link from A to B.
 */
export const MIXED: Record<string, { route: string; as: Who[]; request: Build }> = {
  "a worker of B planned for A's citizen": {
    route: "POST /api/citizens/:id/detection-clips",
    as: ["planner"],
    request: ({ a, b }) => ({
      url: `/api/citizens/${a.citizenId}/detection-clips`,
      body: { workerUserId: b.hcwUserId, plannedDate: a.today, minutes: 15 },
    }),
  },
  "B's provider as A's course's intervention": {
    route: "POST /api/courses/:id/interventions",
    as: ["community_coordinator"],
    request: ({ a, b }) => ({
      url: `/api/courses/${a.courseId}/interventions`,
      body: { kind: "accompaniment", providerOrganisationId: b.organisationId },
    }),
  },
  "A's course reassigned to B's coordinator": {
    route: "POST /api/courses/:id/reassign",
    as: ["manager"],
    request: ({ a, b, ax }) => ({
      url: `/api/courses/${a.courseId}/reassign`,
      body: { coordinatorUserId: b.coordinatorUserId, version: ax.course },
    }),
  },
  "a clip of A's course for B's worker": {
    route: "POST /api/courses/:id/clips",
    as: ["planner"],
    request: ({ a, b }) => ({
      url: `/api/courses/${a.courseId}/clips`,
      body: {
        kind: "accompaniment",
        accompanimentForm: "to_from",
        plannedOn: a.today,
        plannedStart: "11:00",
        plannedMinutes: 60,
        workerUserId: b.hcwUserId,
      },
    }),
  },
  "A's course placed on B's activity": {
    route: "POST /api/courses/:id/placements",
    as: ["community_coordinator"],
    request: ({ a, b }) => ({
      url: `/api/courses/${a.courseId}/placements`,
      body: { activityId: b.extra.secondActivityId },
    }),
  },
  "A's citizen referred to B's volunteer centre": {
    route: "POST /api/courses/:id/volunteer-referrals",
    as: ["community_coordinator"],
    request: ({ a, b }) => ({
      url: `/api/courses/${a.courseId}/volunteer-referrals`,
      body: { toOrganisationId: b.extra.volunteerCentreId, consentFields: ["firstName"], message: "Matrix" },
    }),
  },
  "B's course into A's small community": {
    route: "POST /api/small-communities/:id/members",
    as: ["community_coordinator"],
    request: ({ a, b }) => ({
      url: `/api/small-communities/${a.extra.communityId}/members`,
      body: { courseId: b.courseId },
    }),
  },
  "a small community of A's course and B's, hosted by B's worker": {
    route: "POST /api/small-communities",
    as: ["community_coordinator"],
    request: ({ a, b }) => ({
      body: { name: "Matrix blandet", courseIds: [a.courseId, b.courseId], hostUserId: b.hcwUserId },
    }),
  },
  "A's small community hosted by B's worker": {
    route: "POST /api/small-communities",
    as: ["community_coordinator"],
    request: ({ a, b }) => ({
      body: { name: "Matrix vært", courseIds: [a.courseId, a.extra.secondCourseId], hostUserId: b.hcwUserId },
    }),
  },
  "a decision on B's citizen in A's triage meeting": {
    route: "PUT /api/triage/meetings/:id/decisions/:citizenId",
    as: ["planner"],
    request: ({ a, b }) => ({
      url: `/api/triage/meetings/${a.meetingId}/decisions/${b.citizenId}`,
      body: { decision: "watch" },
    }),
  },
  "A's citizen screened with B's questionnaire": {
    route: "POST /api/citizens/:id/screenings",
    as: ["home_care_worker"],
    request: ({ a, b }) => ({
      url: `/api/citizens/${a.citizenId}/screenings`,
      body: { questionnaireId: b.questionnaireId, answers: {}, consent: "not_asked" },
    }),
  },
  "A's course's baseline with B's questionnaire": {
    route: "POST /api/courses/:id/outcomes/:phase",
    as: ["community_coordinator"],
    request: ({ a, b }) => ({
      url: `/api/courses/${a.courseId}/outcomes/baseline`,
      body: { questionnaireId: b.questionnaireId, answers: {} },
    }),
  },
  "A's user moved to B's organisation and district": {
    route: "PATCH /api/users/:id",
    as: ["administrator"],
    request: ({ a, b }) => ({
      url: `/api/users/${a.targetUserId}`,
      body: { organisationId: b.organisationId, districtId: b.districtId },
    }),
  },
  "A's citizen given B's provider and district": {
    route: "PATCH /api/citizens/:id",
    as: ["administrator"],
    request: ({ a, b, ax }) => ({
      url: `/api/citizens/${a.citizenId}`,
      body: { version: ax.citizen, providerId: b.organisationId, districtId: b.districtId },
    }),
  },
  "a citizen of A created with B's provider and district": {
    route: "POST /api/citizens",
    as: ["administrator"],
    request: ({ b }) => ({
      body: {
        cpr: nextCpr(),
        firstName: "Matrix",
        lastName: "Blandet",
        addressLine: "Tabelvej 3",
        postalCode: "9901",
        city: "Fjordby",
        providerId: b.organisationId,
        districtId: b.districtId,
      },
    }),
  },
  "A's catalog activity under B's catalog organisation": {
    route: "PATCH /api/catalog/activities/:id",
    as: ["administrator"],
    request: ({ a, b, ax }) => ({
      url: `/api/catalog/activities/${a.extra.catalogActivityId}`,
      body: { version: ax.catalogActivity, organisationId: b.extra.catalogOrganisationId },
    }),
  },
};
