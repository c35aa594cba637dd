/**
 * The FHIR R4 read API under /fhir/R4 (issue 14 point 3, decision 0099), for the care record or
 * the municipality's data warehouse. Its own Fastify plugin beside /api, because its callers and
 * conventions differ from the web app's:
 *
 *  - callers are system clients with a bearer token from POST /fhir/R4/auth/token (client
 *    credentials), never a session cookie; the token stands for the client's service user, whose
 *    role (system_client) the one policy allows `fhir.read` and nothing else;
 *  - errors are OperationOutcome resources (the token endpoint: OAuth's error object), not the
 *    app's `{ error }` shape — FHIR clients understand nothing else;
 *  - answers are application/fhir+json, built by the same builders as the CareDeliveryReport;
 *  - the API describes itself in its CapabilityStatement (GET /fhir/R4/metadata), as FHIR clients
 *    expect; the routes are in /api/openapi.json too (tag fhir), for the municipality's IT.
 *
 * Every route still goes through declareRoute: policy action, audit declaration, one transaction.
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { FHIR_RESOURCE_TYPES, type FhirResourceType } from "../../../../shared/api/care-record-clients.js";
import type { App } from "../../../platform/app-type.js";
import { AppError } from "../../../platform/errors.js";
import { declareRoute } from "../../../platform/route.js";
import { capabilityStatement } from "./capability.js";
import { FHIR_JSON, sendFhirError } from "./outcome.js";
import { type RawParams, isSupportedType, parseSearch } from "./search-params.js";
import { readResource, searchResources } from "./service.js";
import { type BearerCaller, basicCredentials, bearerLookup, issueToken } from "./token.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The system client behind a /fhir/R4 request's bearer token (set by the FHIR plugin). */
    fhirCaller: BearerCaller | null;
  }
}

export interface FhirApiOptions {
  /** Token requests per minute per client address (LOGIN_RATE_LIMIT: it is a sign-in for systems). */
  tokenRateLimit: number;
}

const tags = ["fhir"];
const SOFTWARE = { version: "0.1.0" };
/** Form bodies (token requests, POST _search) are small: a few parameters. */
const FORM_LIMIT = 16 * 1024;

const Param = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)]);
const SearchQuery = z.record(z.string().max(100), Param);
const TypeParams = z.strictObject({ type: z.string().max(100) });
const ReadParams = z.strictObject({ type: z.string().max(100), id: z.string().max(100) });

/** The token request: grant_type, client_id, client_secret, scope (form or JSON; checked by issueToken). */
const TokenBody = z.object({
  grant_type: z.string().max(100).optional(),
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(500).optional(),
  scope: z.string().max(2000).optional(),
});
const TokenAnswer = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int(),
  scope: z.string(),
});

function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/fhir/R4`;
}

function typeOf(type: string): FhirResourceType {
  if (!isSupportedType(type)) throw new AppError("fhir_type_not_supported", 404);
  return type;
}

function callerOf(request: FastifyRequest): BearerCaller {
  if (!request.fhirCaller) throw new AppError("fhir_token_required", 401);
  return request.fhirCaller;
}

function parseForm(body: string): RawParams {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : [seen, value].flat();
  }
  return out;
}

export async function fhirApiRoutes(app: App, opts: FhirApiOptions): Promise<void> {
  const lookup = bearerLookup(app.database.db);
  app.decorateRequest("fhirCaller", null);
  app.setErrorHandler((err, request, reply) => sendFhirError(request, reply, err as Error));
  app.setNotFoundHandler((request, reply) => sendFhirError(request, reply, AppError.notFound()));
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_LIMIT },
    (_request, body, done) => done(null, parseForm(body as string)),
  );
  app.addHook("onRequest", async (request, reply) => {
    // Answers about citizens, and tokens: never kept by a cache (RFC 6749 §5.1 for the token).
    void reply.header("cache-control", "no-store").header("pragma", "no-cache");
    if (request.is404 || request.routeOptions.config.public) return;
    const caller = await lookup(request);
    request.fhirCaller = caller;
    request.ctx = caller.ctx;
  });

  declareRoute(app, {
    method: "GET",
    url: "/metadata",
    tags,
    summary: "The FHIR server's CapabilityStatement",
    access: { public: "FHIR clients discover the server and its token endpoint before they have a token" },
    audit: { none: "what the server can do: no citizen" },
    produces: ["application/fhir+json"],
    handler: async ({ request, reply }) => {
      void reply.type(FHIR_JSON);
      return JSON.stringify(capabilityStatement(baseUrlOf(request), SOFTWARE));
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/auth/token",
    tags,
    summary: "A bearer token for a system client (OAuth 2.0 client credentials)",
    description:
      "Form (application/x-www-form-urlencoded) or JSON: grant_type=client_credentials, client_id, client_secret (or HTTP Basic), scope (optional, space-separated; default every scope the client has). Refusals answer OAuth's error object and go to the security log.",
    access: { public: "a system client has no token before it asks for one; rate-limited per address" },
    audit: { none: "the client's own credential; refusals go to the security log" },
    ownTransaction: "a refused try must stay in the security log although the answer is an error",
    config: { rateLimit: { max: opts.tokenRateLimit, timeWindow: "1 minute" } },
    body: TokenBody,
    response: TokenAnswer,
    handler: ({ db, body, request }) =>
      issueToken(db, body, basicCredentials(request.headers.authorization), {
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      }),
  });

  declareRoute(app, {
    method: "GET",
    url: "/:type",
    tags,
    summary: `Search ${FHIR_RESOURCE_TYPES.join(", ")} by patient, _id and _lastUpdated`,
    description:
      "A searchset Bundle, paged by the next link. A Patient's identifier (CPR) is refused here: POST Patient/_search.",
    access: { action: "fhir.read" },
    audit: {
      records: [{ action: "search", entity: "fhir_resource" }],
      mayBeEmpty: "no citizen's data matches the search",
    },
    params: TypeParams,
    querystring: SearchQuery,
    produces: ["application/fhir+json"],
    handler: async ({ tx, params, query, request, reply }) => {
      const spec = parseSearch(typeOf(params.type), query, "get");
      const bundle = await searchResources(tx, callerOf(request), spec, baseUrlOf(request));
      void reply.type(FHIR_JSON);
      return JSON.stringify(bundle);
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/:type/_search",
    tags,
    summary:
      "Search by a form body: the way to search a Patient by identifier (CPR), which never goes in a URL",
    access: { action: "fhir.read" },
    audit: {
      records: [{ action: "search", entity: "fhir_resource" }],
      mayBeEmpty: "no citizen's data matches the search",
    },
    readOnly: "a search whose parameters (a CPR) must stay out of the URL",
    params: TypeParams,
    querystring: SearchQuery,
    body: SearchQuery,
    produces: ["application/fhir+json"],
    handler: async ({ tx, params, query, body, request, reply }) => {
      const type = typeOf(params.type);
      // Parameters in the URL are checked as a GET's are (a CPR there is refused), then joined to the body's.
      parseSearch(type, { ...query, _cursor: undefined }, "get");
      const joined: RawParams = { ...query };
      for (const [k, v] of Object.entries(body)) {
        const seen = joined[k];
        joined[k] = seen === undefined ? v : [seen, v].flat();
      }
      const spec = parseSearch(type, joined, "post");
      const bundle = await searchResources(tx, callerOf(request), spec, baseUrlOf(request));
      void reply.type(FHIR_JSON);
      return JSON.stringify(bundle);
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/:type/:id",
    tags,
    summary: "Read one resource by id",
    access: { action: "fhir.read" },
    audit: { records: [{ action: "read", entity: "fhir_resource" }] },
    params: ReadParams,
    produces: ["application/fhir+json"],
    handler: async ({ tx, params, request, reply }) => {
      const resource = await readResource(tx, callerOf(request), typeOf(params.type), params.id);
      void reply.type(FHIR_JSON);
      return JSON.stringify(resource);
    },
  });
}
