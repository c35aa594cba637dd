import { z } from "zod";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
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
} from "../../../shared/api/referrals.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
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

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["referrals"];

export async function referralRoutes(app: App, opts: { publicRateLimit: number }): Promise<void> {
  const db = app.database.db;

  app.get(
    "/referrals",
    {
      schema: {
        tags,
        summary: "The coordinators' inbox, oldest first",
        description: "status=open (default) lists new and info_requested; olderThanDays lists those waiting longer.",
        querystring: ReferralInboxQuery,
        response: { 200: z.array(ReferralSummary), ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => referralInbox(tx, ctx, request.query));
    },
  );

  app.get(
    "/referrals/sent",
    { schema: { tags, summary: "Referrals my organisation sent, with the coordinators' answers", response: { 200: z.array(ReferralSummary), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => sentReferrals(tx, ctx));
    },
  );

  app.post(
    "/referrals",
    { schema: { tags, summary: "Register a referral that came by phone or e-mail (coordinators)", body: RegisterExternalReferralBody, response: { 201: ReferralDetail, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await registerExternalReferral(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/referrals/:id",
    { schema: { tags, summary: "One referral with its full history", params: IdParams, response: { 200: ReferralDetail, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => getReferral(tx, ctx, request.params.id));
    },
  );

  app.post(
    "/referrals/:id/decision",
    {
      schema: {
        tags,
        summary: "Accept, ask for more information, reject (with a reason) or mark information received",
        params: IdParams,
        body: DecideReferralBody,
        response: { 200: ReferralDetail, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 200, body: await decideReferral(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.post(
    "/referrals/:id/reply",
    {
      schema: {
        tags,
        summary: "The referrer answers the coordinators' request for more information; the referral returns to the inbox as new",
        params: IdParams,
        body: ReplyReferralBody,
        response: { 200: ReferralDetail, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 200, body: await replyToReferral(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.post(
    "/citizens/:id/referrals",
    { schema: { tags, summary: "Send an advis about this citizen to the coordinators", params: IdParams, body: CreateReferralBody, response: { 201: ReferralDetail, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await createReferralForCitizen(tx, ctx, request.params.id, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/public/municipalities",
    { config: { public: true }, schema: { tags, summary: "Municipalities that receive referrals through the public form", response: { 200: z.array(PublicMunicipality) } } },
    async () => listPublicMunicipalities(db),
  );

  app.post(
    "/public/referrals",
    {
      config: { public: true, rateLimit: { max: opts.publicRateLimit, timeWindow: "1 hour" } },
      // The form's fields are bounded; anything larger is not a referral.
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: "Public referral form (no login, rate-limited); answers with a receipt number",
        body: PublicReferralBody,
        response: { 201: PublicReferralReceipt, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const receipt = await submitPublicReferral(db, { actor: null, ip: request.ip, userAgent: request.headers["user-agent"] ?? null }, request.body);
      return reply.code(201).send(receipt);
    },
  );
}
