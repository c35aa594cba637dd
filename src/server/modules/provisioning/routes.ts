/**
 * Provisioning's routes (issue 15 point 2, decision 0102):
 *
 *  - /api/provisioning/scim-tokens: the administrator issues (secret shown once), lists and
 *    revokes the SCIM tokens (`scimToken.manage`);
 *  - /scim/v2: SCIM 2.0 for the municipality's identity provider — its own Fastify plugin beside
 *    /api, like the FHIR API (decision 0099), because its callers and conventions differ: a SCIM
 *    token as bearer (never a session cookie), SCIM's error resource and application/scim+json.
 *    Every route still goes through declareRoute (one transaction, the audit check); the bearer
 *    check is the plugin's hook, so the routes are declared `public` to the session platform.
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { IdParams } from "../../../shared/api/common.js";
import {
  CreateScimTokenBody,
  IssuedScimToken,
  ScimListQuery,
  ScimPatchBody,
  ScimToken,
  ScimTokenList,
  ScimUserBody,
} from "../../../shared/api/provisioning.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { resourceTypes, schemas, serviceProviderConfig } from "./discovery.js";
import { SCIM_JSON, sendScimError } from "./scim-errors.js";
import {
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  patchUser,
  replaceUser,
  scimError,
} from "./scim-users.js";
import {
  type ScimCaller,
  issueScimToken,
  listScimTokens,
  revokeScimToken,
  scimBearerLookup,
} from "./tokens.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The identity provider behind a /scim/v2 request's bearer token (set by the SCIM plugin). */
    scimCaller: ScimCaller | null;
  }
}

const tags = ["provisioning"];

export async function scimTokenRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/provisioning/scim-tokens",
    tags,
    summary: "The SCIM tokens of the municipality's identity provider (administrators)",
    description: "In use first, then revoked; newest first. The token itself is never answered again.",
    access: { action: "scimToken.manage" },
    audit: { none: "tokens' names and times: configuration, no citizen" },
    response: ScimTokenList,
    handler: ({ tx, ctx }) => listScimTokens(tx, ctx),
  });

  declareRoute(app, {
    method: "POST",
    url: "/provisioning/scim-tokens",
    tags,
    summary: "Issue a SCIM token; the token is in this answer only",
    description:
      "The identity provider sends it as `Authorization: Bearer <token>` to /scim/v2 (tenant URL: https://<broen>/scim/v2).",
    access: { action: "scimToken.manage" },
    audit: { records: [{ action: "create", entity: "scim_token" }] },
    secretAnswer: "the token is shown once; a repeat issues a second token, which can be revoked",
    body: CreateScimTokenBody,
    response: IssuedScimToken,
    status: 201,
    handler: ({ tx, ctx, body }) => issueScimToken(tx, ctx, body.name),
  });

  declareRoute(app, {
    method: "POST",
    url: "/provisioning/scim-tokens/:id/revoke",
    tags,
    summary: "Revoke a SCIM token: the next request with it is refused",
    description: "409 scim_token_revoked when it is revoked already.",
    access: { action: "scimToken.manage" },
    audit: { records: [{ action: "deactivate", entity: "scim_token" }] },
    params: IdParams,
    response: ScimToken,
    handler: ({ tx, ctx, params }) => revokeScimToken(tx, ctx, params.id),
  });
}

/** Discovery needs no token (RFC 7644 §4): what the endpoint supports, never a user. */
const OPEN_PATHS = new Set(["/scim/v2/ServiceProviderConfig", "/scim/v2/ResourceTypes", "/scim/v2/Schemas"]);
const BEARER = "the identity provider's SCIM token, checked by the /scim/v2 plugin (never a session)";
const UserParams = z.strictObject({ id: z.string().max(100) });

function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/scim/v2`;
}

function callerOf(request: FastifyRequest): ScimCaller {
  if (!request.scimCaller) throw scimError("scim_token_required", 401);
  return request.scimCaller;
}

export async function scimRoutes(app: App): Promise<void> {
  const lookup = scimBearerLookup(app.database.db);
  app.decorateRequest("scimCaller", null);
  app.setErrorHandler((err, request, reply) => sendScimError(request, reply, err as Error));
  app.setNotFoundHandler((request, reply) => sendScimError(request, reply, scimError("not_found", 404)));
  app.addContentTypeParser(
    "application/scim+json",
    { parseAs: "string" },
    app.getDefaultJsonParser("error", "error"),
  );
  app.addHook("onRequest", async (request, reply) => {
    void reply.header("cache-control", "no-store");
    if (request.is404 || OPEN_PATHS.has(request.routeOptions.url ?? "")) return;
    request.scimCaller = await lookup(request);
  });

  const scim = (value: unknown, reply: { type(t: string): unknown }) => {
    reply.type(SCIM_JSON);
    return JSON.stringify(value);
  };

  for (const [url, build, summary] of [
    ["/ServiceProviderConfig", serviceProviderConfig, "What the SCIM endpoint supports"],
    ["/ResourceTypes", resourceTypes, "The SCIM resource types (User)"],
    ["/Schemas", schemas, "The SCIM schemas of the attributes Broen keeps"],
  ] as const) {
    declareRoute(app, {
      method: "GET",
      url,
      tags,
      summary,
      access: { public: "SCIM discovery: the endpoint's capabilities, before a token is used" },
      audit: { none: "what the endpoint supports: no user, no citizen" },
      produces: ["application/scim+json"],
      handler: async ({ request, reply }) => scim(build(baseUrlOf(request)), reply),
    });
  }

  declareRoute(app, {
    method: "GET",
    url: "/Users",
    tags,
    summary: 'The municipality\'s staff, or those a filter finds (userName eq "…", externalId eq "…")',
    access: { public: BEARER },
    audit: { records: [{ action: "read", entity: "user" }], mayBeEmpty: "the filter finds no one" },
    querystring: ScimListQuery,
    produces: ["application/scim+json"],
    handler: async ({ tx, query, request, reply }) =>
      scim(await listUsers(tx, callerOf(request), query, baseUrlOf(request)), reply),
  });

  declareRoute(app, {
    method: "GET",
    url: "/Users/:id",
    tags,
    summary: "One user",
    access: { public: BEARER },
    audit: { none: "the identity provider reads what it provisioned: no citizen; changes are audited" },
    params: UserParams,
    produces: ["application/scim+json"],
    handler: async ({ tx, params, request, reply }) =>
      scim(await getUser(tx, callerOf(request), params.id, baseUrlOf(request)), reply),
  });

  declareRoute(app, {
    method: "POST",
    url: "/Users",
    tags,
    summary:
      "Create a user (role and unit from Broen's extension, the roles attribute or the enterprise extension)",
    access: { public: BEARER },
    audit: { records: [{ action: "create", entity: "user" }] },
    body: ScimUserBody,
    status: 201,
    produces: ["application/scim+json"],
    handler: async ({ tx, body, request, reply }) => {
      const user = await createUser(tx, callerOf(request), body, baseUrlOf(request));
      void reply.header("location", user.meta.location);
      return scim(user, reply);
    },
  });

  const changes = [
    { action: "update", entity: "user" },
    { action: "deactivate", entity: "user" },
  ] as const;

  declareRoute(app, {
    method: "PUT",
    url: "/Users/:id",
    tags,
    summary: "Replace a user; active false deactivates (sessions and calendar feeds end at once)",
    access: { public: BEARER },
    audit: { records: changes },
    params: UserParams,
    body: ScimUserBody,
    produces: ["application/scim+json"],
    handler: async ({ tx, params, body, request, reply }) =>
      scim(await replaceUser(tx, callerOf(request), params.id, body, baseUrlOf(request)), reply),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/Users/:id",
    tags,
    summary: "Change a user (PatchOp: add, replace, remove); replace active false deactivates",
    access: { public: BEARER },
    audit: { records: changes },
    params: UserParams,
    body: ScimPatchBody,
    produces: ["application/scim+json"],
    handler: async ({ tx, params, body, request, reply }) =>
      scim(await patchUser(tx, callerOf(request), params.id, body, baseUrlOf(request)), reply),
  });

  declareRoute(app, {
    method: "DELETE",
    url: "/Users/:id",
    tags,
    summary:
      "Deactivate a user: Broen keeps the row (the audit trail names them); sessions and calendar feeds end",
    access: { public: BEARER },
    audit: { records: [{ action: "deactivate", entity: "user" }] },
    params: UserParams,
    status: 204,
    handler: async ({ tx, params, request }) => {
      await deactivateUser(tx, callerOf(request), params.id);
      return null;
    },
  });
}
