import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
import {
  CreateReferralBody,
  DecideReferralBody,
  PublicMunicipality,
  PublicReferralBody,
  PublicReferralReceipt,
  ReferralDetail,
  ReferralInboxQuery,
  ReferralSummary,
  RegisterExternalReferralBody,
  ReplyReferralBody,
  SentReferralsPage,
  SentReferralsQuery,
} from "../../../shared/api/referrals.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import {
  createReferralForCitizen,
  decideReferral,
  getReferral,
  listPublicMunicipalities,
  referralInbox,
  registerExternalReferral,
  replyToReferral,
  sentReferrals,
  submitPublicReferral,
} from "./service.js";

const tags = ["referrals"];
/** Lists audit one search row per referral that names a citizen; a list of none names no one. */
const searched = {
  records: [{ action: "search", entity: "referral" }],
  mayBeEmpty: "no listed referral names a citizen",
} as const;
const created = { records: [{ action: "create", entity: "referral" }] } as const;
const updated = { records: [{ action: "update", entity: "referral" }] } as const;

export async function referralRoutes(app: App, opts: { publicRateLimit: number }): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/referrals",
    tags,
    summary: "The coordinators' inbox, oldest first",
    description:
      "status=open (default) lists new and info_requested; olderThanDays lists those waiting longer.",
    access: { action: "referral.inbox" },
    audit: searched,
    querystring: ReferralInboxQuery,
    response: z.array(ReferralSummary),
    handler: ({ tx, ctx, query }) => referralInbox(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/referrals/sent",
    tags,
    summary: "Referrals my organisation sent, with the coordinators' answers",
    description:
      "Newest first. status filters like the inbox (default all). With page or pageSize the answer is a page with the total; without, the whole list (up to 500) as before.",
    access: { action: "referral.sentList" },
    audit: searched,
    querystring: SentReferralsQuery,
    response: z.union([z.array(ReferralSummary), SentReferralsPage]),
    handler: ({ tx, ctx, query }) => sentReferrals(tx, ctx, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/referrals",
    tags,
    summary: "Register a referral that came by phone or e-mail (coordinators)",
    access: { action: "referral.registerExternal" },
    audit: created,
    body: RegisterExternalReferralBody,
    response: ReferralDetail,
    status: 201,
    handler: ({ tx, ctx, body }) => registerExternalReferral(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/referrals/:id",
    tags,
    summary: "One referral with its full history",
    // The coordinators read it from the inbox, the sender from the sent list.
    access: { action: ["referral.inbox", "referral.sentList"] },
    audit: { records: [{ action: "read", entity: "referral" }] },
    params: IdParams,
    response: ReferralDetail,
    handler: ({ tx, ctx, params }) => getReferral(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/referrals/:id/decision",
    tags,
    summary: "Accept, ask for more information, reject (with a reason) or mark information received",
    access: { action: "referral.decide" },
    audit: {
      records: [
        { action: "update", entity: "referral" },
        { action: "create", entity: "course" },
      ],
    },
    params: IdParams,
    body: DecideReferralBody,
    response: ReferralDetail,
    handler: ({ tx, ctx, params, body }) => decideReferral(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/referrals/:id/reply",
    tags,
    summary:
      "The referrer answers the coordinators' request for more information; the referral returns to the inbox as new",
    access: { action: "referral.reply" },
    audit: updated,
    params: IdParams,
    body: ReplyReferralBody,
    response: ReferralDetail,
    handler: ({ tx, ctx, params, body }) => replyToReferral(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/referrals",
    tags,
    summary: "Send an advis about this citizen to the coordinators",
    access: { action: "referral.createForCitizen" },
    audit: created,
    params: IdParams,
    body: CreateReferralBody,
    response: ReferralDetail,
    status: 201,
    handler: ({ tx, ctx, params, body }) => createReferralForCitizen(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/public/municipalities",
    tags,
    summary: "Municipalities that receive referrals through the public form",
    access: { public: "the public referral form lists where a referral can go" },
    audit: { none: "municipalities' names only" },
    response: z.array(PublicMunicipality),
    handler: ({ tx }) => listPublicMunicipalities(tx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/public/referrals",
    tags,
    summary: "Public referral form (no login, rate-limited); answers with a receipt number",
    access: { public: "relatives and citizens refer without a login; rate-limited per address" },
    audit: created,
    ownTransaction: "the form finds the municipality and the citizen in its own transaction",
    config: { rateLimit: { max: opts.publicRateLimit, timeWindow: "1 hour" } },
    // The form's fields are bounded; anything larger is not a referral.
    bodyLimit: 16 * 1024,
    body: PublicReferralBody,
    response: PublicReferralReceipt,
    status: 201,
    handler: ({ db, request, body }) =>
      submitPublicReferral(
        db,
        { actor: null, ip: request.ip, userAgent: request.headers["user-agent"] ?? null },
        body,
      ),
  });
}
