import { z } from "zod";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
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
import type { App } from "../../app.js";
import type { Tx } from "../../db/client.js";
import { requireCtx } from "../../platform/auth.js";
import type { Ctx } from "../../platform/context.js";
import { writeOnce } from "../../platform/idempotency.js";
import { addMember, communityProposals, createCommunity, endCommunity, getCommunity, listCommunities, recordMeeting, removeMember } from "./communities.js";
import { findMatches, getMatchingProfile, putMatchingProfile } from "./matching.js";
import { createPlacement, listPlacements, movePlacementStatus } from "./service.js";
import { answerVolunteerReferral, createVolunteerReferral, getVolunteerReferral, listVolunteerReferrals, volunteerStats } from "./volunteer.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Matching, placements, volunteer-centre referrals and small communities (issue 5). */
export async function placementRoutes(app: App): Promise<void> {
  const db = app.database.db;

  /** A write in one transaction, once per Idempotency-Key; `work` gets the validated params and body. */
  const write = <P extends z.ZodType, B extends z.ZodType | undefined>(
    method: "POST" | "PUT" | "DELETE",
    url: string,
    opts: { tags: string[]; summary: string; params?: P; body?: B; response: z.ZodType; status?: number },
    work: (tx: Tx, ctx: Ctx, params: z.output<P>, body: B extends z.ZodType ? z.output<B> : undefined) => Promise<unknown>,
  ) => {
    const status = opts.status ?? 200;
    const response: Record<number, z.ZodType> = { [status]: opts.response, ...errors };
    const schema = { tags: opts.tags, summary: opts.summary, ...(opts.params ? { params: opts.params } : {}), ...(opts.body ? { body: opts.body } : {}), response };
    app.route({
      method,
      url,
      schema,
      handler: async (request, reply) => {
        const ctx = requireCtx(request);
        const r = await writeOnce(db, request, ctx, async (tx) => ({ status, body: await work(tx, ctx, request.params as z.output<P>, request.body as never) }));
        // The generic helper cannot tell Fastify which response schema applies; the schema still validates it.
        return reply.code(r.status).send(r.body as never);
      },
    });
  };

  // ---- matching ----
  const matching = ["matching"];
  app.get(
    "/courses/:id/matching-profile",
    { schema: { tags: matching, summary: "The course's matching profile (isolation, times, group size, distance); defaults when unset", params: IdParams, response: { 200: MatchingProfile, ...errors } } },
    async (request) => db.transaction((tx) => getMatchingProfile(tx, requireCtx(request), request.params.id)),
  );
  write("PUT", "/courses/:id/matching-profile", { tags: matching, summary: "Set what matching needs beyond the conversation (coordinators)", params: IdParams, body: MatchingProfileBody, response: MatchingProfile }, (tx, ctx, p, body) =>
    putMatchingProfile(tx, ctx, p.id, body),
  );
  app.get(
    "/courses/:id/matches",
    {
      schema: {
        tags: matching,
        summary: "Activities ranked for the citizen, each with why it fits and what does not",
        description: "From the latest held conversation (interests, barriers), the citizen's home and the matching profile. includeExcluded=true adds what must never be suggested, last, with the reason.",
        params: IdParams,
        querystring: MatchesQuery,
        response: { 200: Matches, ...errors },
      },
    },
    async (request) => db.transaction((tx) => findMatches(tx, requireCtx(request), request.params.id, request.query)),
  );

  // ---- placements ----
  const placing = ["placements"];
  app.get(
    "/courses/:id/placements",
    { schema: { tags: placing, summary: "The course's placements with their history", params: IdParams, response: { 200: z.array(Placement), ...errors } } },
    async (request) => db.transaction((tx) => listPlacements(tx, requireCtx(request), request.params.id)),
  );
  write("POST", "/courses/:id/placements", { tags: placing, summary: "Place the citizen in an activity (from a suggestion); one active placement per activity", params: IdParams, body: CreatePlacementBody, response: Placement, status: 201 }, (tx, ctx, p, body) =>
    createPlacement(tx, ctx, p.id, body),
  );
  write("POST", "/placements/:id/status", { tags: placing, summary: "Move a placement: contacted, trial visit, participating, stopped (with a reason)", params: IdParams, body: PlacementStatusBody, response: Placement }, (tx, ctx, p, body) =>
    movePlacementStatus(tx, ctx, p.id, body),
  );

  // ---- the volunteer centre ----
  const volunteer = ["volunteer centre"];
  write(
    "POST",
    "/courses/:id/volunteer-referrals",
    { tags: volunteer, summary: "Refer the citizen to the volunteer centre, sharing only the consented fields", params: IdParams, body: CreateVolunteerReferralBody, response: VolunteerReferral, status: 201 },
    (tx, ctx, p, body) => createVolunteerReferral(tx, ctx, p.id, body),
  );
  app.get(
    "/volunteer-referrals",
    { schema: { tags: volunteer, summary: "Referrals: the volunteer centre's own, or all in the municipality (coordinators, managers)", querystring: VolunteerReferralListQuery, response: { 200: z.array(VolunteerReferral), ...errors } } },
    async (request) => db.transaction((tx) => listVolunteerReferrals(tx, requireCtx(request), request.query)),
  );
  app.get(
    "/volunteer-referrals/stats",
    { schema: { tags: volunteer, summary: "Referred, answered and matched, and the share matched (Holstebro: 27 of 36)", querystring: VolunteerStatsQuery, response: { 200: VolunteerStats, ...errors } } },
    async (request) => db.transaction((tx) => volunteerStats(tx, requireCtx(request), request.query)),
  );
  app.get(
    "/volunteer-referrals/:id",
    { schema: { tags: volunteer, summary: "One referral: only what the citizen consented to share", params: IdParams, response: { 200: VolunteerReferral, ...errors } } },
    async (request) => db.transaction((tx) => getVolunteerReferral(tx, requireCtx(request), request.params.id)),
  );
  write("POST", "/volunteer-referrals/:id/answer", { tags: volunteer, summary: "The volunteer centre's answer: matched, no match, or too complex", params: IdParams, body: AnswerVolunteerReferralBody, response: VolunteerReferral }, (tx, ctx, p, body) =>
    answerVolunteerReferral(tx, ctx, p.id, body),
  );

  // ---- small communities ----
  const small = ["small communities"];
  app.get(
    "/small-communities/proposals",
    { schema: { tags: small, summary: "Proposed groups of 2–5 citizens in open courses who share interests and live near each other", querystring: ProposalsQuery, response: { 200: CommunityProposals, ...errors } } },
    async (request) => db.transaction((tx) => communityProposals(tx, requireCtx(request), request.query)),
  );
  app.get(
    "/small-communities",
    { schema: { tags: small, summary: "Small communities of the municipality", querystring: SmallCommunityListQuery, response: { 200: z.array(SmallCommunitySummary), ...errors } } },
    async (request) => db.transaction((tx) => listCommunities(tx, requireCtx(request), request.query)),
  );
  app.get(
    "/small-communities/:id",
    { schema: { tags: small, summary: "One small community with members and meetings", params: IdParams, response: { 200: SmallCommunity, ...errors } } },
    async (request) => db.transaction((tx) => getCommunity(tx, requireCtx(request), request.params.id)),
  );
  write("POST", "/small-communities", { tags: small, summary: "Form a small community of 2–5 citizens' courses, with a host and a meeting place", body: CreateSmallCommunityBody, response: SmallCommunity, status: 201 }, (tx, ctx, _p, body) =>
    createCommunity(tx, ctx, body),
  );
  write("POST", "/small-communities/:id/members", { tags: small, summary: "Add a citizen's course to the community (at most five members)", params: IdParams, body: AddMemberBody, response: SmallCommunity }, (tx, ctx, p, body) =>
    addMember(tx, ctx, p.id, body),
  );
  write("DELETE", "/small-communities/:id/members/:courseId", { tags: small, summary: "A member leaves the community (kept in its history)", params: MemberParams, response: SmallCommunity }, (tx, ctx, p) =>
    removeMember(tx, ctx, p.id, p.courseId),
  );
  write("POST", "/small-communities/:id/meetings", { tags: small, summary: "Record a meeting (the coordinator or the host)", params: IdParams, body: RecordMeetingBody, response: SmallCommunityMeeting, status: 201 }, (tx, ctx, p, body) =>
    recordMeeting(tx, ctx, p.id, body),
  );
  write("POST", "/small-communities/:id/end", { tags: small, summary: "End the community kindly, with a reason; the members' courses go on", params: IdParams, body: EndSmallCommunityBody, response: SmallCommunity }, (tx, ctx, p, body) =>
    endCommunity(tx, ctx, p.id, body),
  );
}
