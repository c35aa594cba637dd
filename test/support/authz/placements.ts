/** Authorisation-matrix rows of placements, matching, volunteer-centre referrals and small communities (issue 5). */
import {
  insertActivity,
  insertCatalogOrganisation,
} from "../../../src/server/modules/placements/test-fixtures.js";
import type { TestApp } from "../test-app.js";
import { COORDINATOR, type Fixture, type MatrixPart, NO_SUCH_ID, READERS, type Who } from "./common.js";

/** volunteerReferral.inbox: the volunteer centre (its own), coordinators and managers. */
const REFERRAL_INBOX: readonly Who[] = ["volunteer_centre_staff", "community_coordinator", "manager"];
const COMMUNITY_READERS: readonly Who[] = ["community_coordinator", "manager"];

async function created(
  res: Promise<{ statusCode: number; body: string; json: () => unknown }>,
): Promise<string> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`placements fixture setup failed: ${r.statusCode} ${r.body}`);
  return (r.json() as { id: string }).id;
}

async function setup(t: TestApp, f: Fixture): Promise<Record<string, string>> {
  const m = t.tenant.municipality.id;
  const org = await insertCatalogOrganisation(t.db, m, "Matrix Forening");
  const activityId = await insertActivity(t.db, m, org, { title: "Matrix Strik" });
  const secondActivityId = await insertActivity(t.db, m, org, { title: "Matrix Sang" });
  const coordinator = await t.as("community_coordinator");
  const placementId = await created(
    coordinator.post(`/api/courses/${f.courseId}/placements`, { activityId }),
  );
  const volunteerReferralId = await created(
    coordinator.post(`/api/courses/${f.courseId}/volunteer-referrals`, {
      toOrganisationId: t.tenant.orgs.volunteerCentre.id,
      consentFields: ["firstName"],
      message: "Matrix",
    }),
  );
  // A second course (another public-provider citizen) so a community has its two members.
  const secondCourseId = await created(
    coordinator.post(`/api/citizens/${t.tenant.citizens.bech.id}/courses`, { reason: "Matrix" }),
  );
  const communityId = await created(
    coordinator.post("/api/small-communities", {
      name: "Matrix-fællesskab",
      courseIds: [f.courseId, secondCourseId],
      hostUserId: t.tenant.users.home_care_worker.id,
    }),
  );
  return {
    activityId,
    secondActivityId,
    placementId,
    volunteerReferralId,
    secondCourseId,
    communityId,
    volunteerCentreId: t.tenant.orgs.volunteerCentre.id,
  };
}

export const placementsPart: MatrixPart = {
  setup,
  rows: {
    // matching
    "GET /api/courses/:id/matching-profile": {
      allow: COORDINATOR,
      request: (f) => ({ url: `/api/courses/${f.courseId}/matching-profile` }),
    },
    "PUT /api/courses/:id/matching-profile": {
      allow: COORDINATOR,
      request: (f) => ({
        url: `/api/courses/${f.courseId}/matching-profile`,
        body: { isolation: "some_network", preferredTimes: [] },
      }),
    },
    "GET /api/courses/:id/matches": {
      allow: COORDINATOR,
      request: (f) => ({ url: `/api/courses/${f.courseId}/matches` }),
    },

    // placements: the second activity, so the first call creates and any repeat is a 409 after the check
    "GET /api/courses/:id/placements": {
      allow: READERS,
      request: (f) => ({ url: `/api/courses/${f.courseId}/placements` }),
    },
    "POST /api/courses/:id/placements": {
      allow: COORDINATOR,
      request: (f) => ({
        url: `/api/courses/${f.courseId}/placements`,
        body: { activityId: f.extra.secondActivityId },
      }),
    },
    "POST /api/placements/:id/status": {
      allow: COORDINATOR,
      request: (f) => ({
        url: `/api/placements/${f.extra.placementId}/status`,
        body: { to: "contacted", version: 999 },
      }),
    },

    // the volunteer centre: the fixture referral goes to the tenant's volunteer centre, whose staff read and answer it
    "POST /api/courses/:id/volunteer-referrals": {
      allow: COORDINATOR,
      request: (f) => ({
        url: `/api/courses/${f.courseId}/volunteer-referrals`,
        body: {
          toOrganisationId: f.extra.volunteerCentreId,
          consentFields: ["firstName"],
          message: "Matrix",
        },
      }),
    },
    "GET /api/volunteer-referrals": { allow: REFERRAL_INBOX },
    "GET /api/volunteer-referrals/stats": { allow: ["community_coordinator", "manager", "administrator"] },
    "GET /api/volunteer-referrals/:id": {
      allow: REFERRAL_INBOX,
      request: (f) => ({ url: `/api/volunteer-referrals/${f.extra.volunteerReferralId}` }),
    },
    // Withdrawal of consent (issue 13): the coordinator or the administrator; an unknown referral, so
    // the fixture's referral stays answerable for the row above.
    "POST /api/volunteer-referrals/:id/withdraw-consent": {
      allow: ["community_coordinator", "administrator"],
      request: () => ({ url: `/api/volunteer-referrals/${NO_SUCH_ID}/withdraw-consent` }),
    },
    "POST /api/volunteer-referrals/:id/answer": {
      allow: ["volunteer_centre_staff"],
      request: (f) => ({
        url: `/api/volunteer-referrals/${f.extra.volunteerReferralId}/answer`,
        body: { status: "matched", matchKind: "visiting_friend", answer: "Matrix" },
      }),
    },

    // small communities: the fixture community's host is the home-care worker
    "GET /api/small-communities/proposals": { allow: COORDINATOR },
    "GET /api/small-communities": { allow: COMMUNITY_READERS },
    "GET /api/small-communities/:id": {
      allow: COMMUNITY_READERS,
      request: (f) => ({ url: `/api/small-communities/${f.extra.communityId}` }),
    },
    "POST /api/small-communities": {
      allow: COORDINATOR,
      request: (f) => ({ body: { name: "Matrix to", courseIds: [f.courseId, f.extra.secondCourseId] } }),
    },
    "POST /api/small-communities/:id/members": {
      allow: COORDINATOR,
      request: (f) => ({
        url: `/api/small-communities/${f.extra.communityId}/members`,
        body: { courseId: f.courseId },
      }),
    },
    // Not a member: a coordinator gets past the policy to a 404.
    "DELETE /api/small-communities/:id/members/:courseId": {
      allow: COORDINATOR,
      request: (f) => ({ url: `/api/small-communities/${f.extra.communityId}/members/${NO_SUCH_ID}` }),
    },
    "POST /api/small-communities/:id/meetings": {
      allow: ["community_coordinator", "home_care_worker"],
      request: (f) => ({
        url: `/api/small-communities/${f.extra.communityId}/meetings`,
        body: { heldOn: f.today },
      }),
    },
    "POST /api/small-communities/:id/end": {
      allow: COORDINATOR,
      request: (f) => ({
        url: `/api/small-communities/${f.extra.communityId}/end`,
        body: { reason: "Matrix" },
      }),
    },
  },
};
