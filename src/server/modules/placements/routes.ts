import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
import {
  AddMemberBody,
  AnswerVolunteerReferralBody,
  CommunityProposals,
  CreatePlacementBody,
  CreateSmallCommunityBody,
  CreateVolunteerReferralBody,
  EndSmallCommunityBody,
  Matches,
  MatchesQuery,
  MatchingProfile,
  MatchingProfileBody,
  MemberParams,
  Placement,
  PlacementStatusBody,
  ProposalsQuery,
  RecordMeetingBody,
  SmallCommunity,
  SmallCommunityListQuery,
  SmallCommunityMeeting,
  SmallCommunitySummary,
  VolunteerReferral,
  VolunteerReferralListQuery,
  VolunteerStats,
  VolunteerStatsQuery,
} from "../../../shared/api/placements.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import {
  addMember,
  communityProposals,
  createCommunity,
  endCommunity,
  getCommunity,
  listCommunities,
  recordMeeting,
  removeMember,
} from "./communities.js";
import { findMatches, getMatchingProfile, putMatchingProfile } from "./matching.js";
import { createPlacement, listPlacements, movePlacementStatus } from "./service.js";
import {
  answerVolunteerReferral,
  createVolunteerReferral,
  getVolunteerReferral,
  listVolunteerReferrals,
  volunteerStats,
} from "./volunteer.js";
import { withdrawVolunteerConsent } from "./volunteer-consent.js";

/** Matching, placements, volunteer-centre referrals and small communities (issue 5). */
export async function placementRoutes(app: App): Promise<void> {
  // ---- matching ----
  const matching = ["matching"];
  declareRoute(app, {
    method: "GET",
    url: "/courses/:id/matching-profile",
    tags: matching,
    summary: "The course's matching profile (isolation, times, group size, distance); defaults when unset",
    access: { action: "matching.run" },
    audit: { records: [{ action: "read", entity: "matching_profile" }] },
    params: IdParams,
    response: MatchingProfile,
    handler: ({ tx, ctx, params }) => getMatchingProfile(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/courses/:id/matching-profile",
    tags: matching,
    summary: "Set what matching needs beyond the conversation (coordinators)",
    access: { action: "matching.run" },
    audit: { records: [{ action: "update", entity: "matching_profile" }] },
    params: IdParams,
    body: MatchingProfileBody,
    response: MatchingProfile,
    handler: ({ tx, ctx, params, body }) => putMatchingProfile(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/courses/:id/matches",
    tags: matching,
    summary: "Activities ranked for the citizen, each with why it fits and what does not",
    description:
      "From the latest held conversation (interests, barriers), the citizen's home and the matching profile. includeExcluded=true adds what must never be suggested, last, with the reason.",
    access: { action: "matching.run" },
    audit: { records: [{ action: "read", entity: "matches" }] },
    params: IdParams,
    querystring: MatchesQuery,
    response: Matches,
    handler: ({ tx, ctx, params, query }) => findMatches(tx, ctx, params.id, query),
  });

  // ---- placements ----
  const placing = ["placements"];
  declareRoute(app, {
    method: "GET",
    url: "/courses/:id/placements",
    tags: placing,
    summary: "The course's placements with their history",
    access: { action: "placement.read" },
    audit: { records: [{ action: "read", entity: "placement" }] },
    params: IdParams,
    response: z.array(Placement),
    handler: ({ tx, ctx, params }) => listPlacements(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/placements",
    tags: placing,
    summary: "Place the citizen in an activity (from a suggestion); one active placement per activity",
    access: { action: "placement.manage" },
    audit: { records: [{ action: "create", entity: "placement" }] },
    params: IdParams,
    body: CreatePlacementBody,
    response: Placement,
    status: 201,
    handler: ({ tx, ctx, params, body }) => createPlacement(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/placements/:id/status",
    tags: placing,
    summary: "Move a placement: contacted, trial visit, participating, stopped (with a reason)",
    access: { action: "placement.manage" },
    audit: { records: [{ action: "update", entity: "placement" }] },
    params: IdParams,
    body: PlacementStatusBody,
    response: Placement,
    handler: ({ tx, ctx, params, body }) => movePlacementStatus(tx, ctx, params.id, body),
  });

  // ---- the volunteer centre ----
  const volunteer = ["volunteer centre"];
  declareRoute(app, {
    method: "POST",
    url: "/courses/:id/volunteer-referrals",
    tags: volunteer,
    summary: "Refer the citizen to the volunteer centre, sharing only the consented fields",
    access: { action: "volunteerReferral.create" },
    audit: { records: [{ action: "create", entity: "volunteer_referral" }] },
    params: IdParams,
    body: CreateVolunteerReferralBody,
    response: VolunteerReferral,
    status: 201,
    handler: ({ tx, ctx, params, body }) => createVolunteerReferral(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/volunteer-referrals",
    tags: volunteer,
    summary: "Referrals: the volunteer centre's own, or all in the municipality (coordinators, managers)",
    access: { action: "volunteerReferral.inbox" },
    // An empty list records one search row without a citizen.
    audit: { records: [{ action: "search", entity: "volunteer_referral" }] },
    querystring: VolunteerReferralListQuery,
    response: z.array(VolunteerReferral),
    handler: ({ tx, ctx, query }) => listVolunteerReferrals(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/volunteer-referrals/stats",
    tags: volunteer,
    summary: "Referred, answered and matched, and the share matched (Holstebro: 27 of 36)",
    access: { action: "volunteerReferral.stats" },
    audit: { none: "counts only, no identified citizen" },
    querystring: VolunteerStatsQuery,
    response: VolunteerStats,
    handler: ({ tx, ctx, query }) => volunteerStats(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/volunteer-referrals/:id",
    tags: volunteer,
    summary: "One referral: only what the citizen consented to share",
    access: { action: "volunteerReferral.inbox" },
    audit: { records: [{ action: "read", entity: "volunteer_referral" }] },
    params: IdParams,
    response: VolunteerReferral,
    handler: ({ tx, ctx, params }) => getVolunteerReferral(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/volunteer-referrals/:id/answer",
    tags: volunteer,
    summary: "The volunteer centre's answer: matched, no match, or too complex",
    access: { action: "volunteerReferral.answer" },
    audit: { records: [{ action: "update", entity: "volunteer_referral" }] },
    params: IdParams,
    body: AnswerVolunteerReferralBody,
    response: VolunteerReferral,
    handler: ({ tx, ctx, params, body }) => answerVolunteerReferral(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/volunteer-referrals/:id/withdraw-consent",
    tags: volunteer,
    summary: "The citizen withdrew consent to sharing: sharing stops at once (GDPR art. 7(3))",
    description:
      "The shared data and the message are emptied, the status becomes withdrawn, and the volunteer centre sees only that the referral ended (when; no reason, no data) and can answer no more. Stored answers of earlier writes on the referral are replaced by stored_answer_removed. Allowed while the citizen's processing is restricted. 409 volunteer_referral_withdrawn when already withdrawn.",
    access: { action: "volunteerReferral.withdrawConsent" },
    audit: { records: [{ action: "withdraw_consent", entity: "volunteer_referral" }] },
    params: IdParams,
    response: VolunteerReferral,
    handler: ({ tx, ctx, params }) => withdrawVolunteerConsent(tx, ctx, params.id),
  });

  // ---- small communities ----
  const small = ["small communities"];
  /** Changes to a community record one row per member citizen (one without a citizen when it has none). */
  const communityUpdated = { records: [{ action: "update", entity: "small_community" }] } as const;
  declareRoute(app, {
    method: "GET",
    url: "/small-communities/proposals",
    tags: small,
    summary: "Proposed groups of 2–5 citizens in open courses who share interests and live near each other",
    access: { action: "smallCommunity.manage" },
    // No proposal records one search row without a citizen.
    audit: { records: [{ action: "search", entity: "small_community_proposal" }] },
    querystring: ProposalsQuery,
    response: CommunityProposals,
    handler: ({ tx, ctx, query }) => communityProposals(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/small-communities",
    tags: small,
    summary: "Small communities of the municipality",
    access: { action: "smallCommunity.read" },
    // No active member records one search row without a citizen.
    audit: { records: [{ action: "search", entity: "small_community" }] },
    querystring: SmallCommunityListQuery,
    response: z.array(SmallCommunitySummary),
    handler: ({ tx, ctx, query }) => listCommunities(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/small-communities/:id",
    tags: small,
    summary: "One small community with members and meetings",
    access: { action: "smallCommunity.read" },
    audit: { records: [{ action: "read", entity: "small_community" }] },
    params: IdParams,
    response: SmallCommunity,
    handler: ({ tx, ctx, params }) => getCommunity(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/small-communities",
    tags: small,
    summary: "Form a small community of 2–5 citizens' courses, with a host and a meeting place",
    access: { action: "smallCommunity.manage" },
    audit: { records: [{ action: "create", entity: "small_community" }] },
    body: CreateSmallCommunityBody,
    response: SmallCommunity,
    status: 201,
    handler: ({ tx, ctx, body }) => createCommunity(tx, ctx, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/small-communities/:id/members",
    tags: small,
    summary: "Add a citizen's course to the community (at most five members)",
    access: { action: "smallCommunity.manage" },
    audit: communityUpdated,
    params: IdParams,
    body: AddMemberBody,
    response: SmallCommunity,
    handler: ({ tx, ctx, params, body }) => addMember(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "DELETE",
    url: "/small-communities/:id/members/:courseId",
    tags: small,
    summary: "A member leaves the community (kept in its history)",
    access: { action: "smallCommunity.manage" },
    audit: communityUpdated,
    params: MemberParams,
    response: SmallCommunity,
    handler: ({ tx, ctx, params }) => removeMember(tx, ctx, params.id, params.courseId),
  });

  declareRoute(app, {
    method: "POST",
    url: "/small-communities/:id/meetings",
    tags: small,
    summary: "Record a meeting (the coordinator or the host)",
    access: { action: "smallCommunity.recordMeeting" },
    audit: { records: [{ action: "create", entity: "small_community_meeting" }] },
    params: IdParams,
    body: RecordMeetingBody,
    response: SmallCommunityMeeting,
    status: 201,
    handler: ({ tx, ctx, params, body }) => recordMeeting(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/small-communities/:id/end",
    tags: small,
    summary: "End the community kindly, with a reason; the members' courses go on",
    access: { action: "smallCommunity.manage" },
    audit: communityUpdated,
    params: IdParams,
    body: EndSmallCommunityBody,
    response: SmallCommunity,
    handler: ({ tx, ctx, params, body }) => endCommunity(tx, ctx, params.id, body),
  });
}
