/**
 * Builds the Fastify app: used by main.ts and by tests (app.inject).
 * The database is passed in, so tests hand it a fresh PGlite or PostgreSQL database.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify from "fastify";
import {
  type ZodTypeProvider,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import type { Database } from "./db/client.js";
import { adminRoutes, jobRoutes, securityEventRoutes } from "./modules/admin/index.js";
import { authRoutes } from "./modules/auth/index.js";
import { citizenRoutes } from "./modules/citizens/index.js";
import { detectionRoutes, screeningRoutes } from "./modules/detection/index.js";
import { healthRoutes } from "./modules/health/index.js";
import { referralRoutes } from "./modules/referrals/index.js";
import { courseRoutes } from "./modules/courses/index.js";
import { punchCardRoutes } from "./modules/punchcard/index.js";
import { catalogRoutes } from "./modules/catalog/index.js";
import { placementRoutes } from "./modules/placements/index.js";
import { reportRoutes } from "./modules/reports/index.js";
import { privacyRoutes } from "./modules/privacy/index.js";
import { careRecordRoutes, fhirApiRoutes } from "./modules/care-record/index.js";
import { scimRoutes, scimTokenRoutes } from "./modules/provisioning/index.js";
import { platformAdminRoutes } from "./modules/platform-admin/index.js";
import { messagingRoutes } from "./modules/messaging/index.js";
import { DEFAULT_SESSION_IDLE_MS, registerAuth } from "./platform/auth.js";
import { registerErrorHandling, registerNotFound } from "./platform/error-handler.js";
import { databaseRateLimitStore } from "./platform/rate-limit-store.js";
import { withLogRedaction } from "./platform/log-redaction.js";
import {
  docsCsp,
  registerApiNoStore,
  registerCompression,
  registerSecurityHeaders,
  staticCacheHeaders,
} from "./platform/http-headers.js";
import { registerSameOrigin } from "./platform/same-origin.js";
import { type JobDefinition, type JobQueue, openJobQueue } from "./platform/jobs.js";
import { JOB_DEFINITIONS } from "./job-list.js";
import type { App } from "./platform/app-type.js";

export type { App };

export interface AppOptions {
  database: Database;
  logger?: boolean | object;
  /** Folder of the built web app (vite build); served with an SPA fallback when present. */
  webDir?: string | null;
  /** Cookie `Secure` flag: on behind HTTPS in production. */
  secureCookies?: boolean;
  /** Requests per minute per IP on the login and public routes. */
  loginRateLimit?: number;
  /** Trust X-Forwarded-For from this proxy (true, or its addresses/CIDRs); default: no proxy. */
  trustProxy?: boolean | string;
  /** Submissions per hour per IP on the public referral form. */
  publicRateLimit?: number;
  /** A session unused this long ends (default 30 minutes, SESSION_IDLE_MINUTES). */
  sessionIdleMs?: number;
  /** Run the job queue's workers, cron and maintenance here (main.ts); tests run due jobs themselves. */
  jobWorkers?: boolean;
  /** The jobs this app knows (default job-list.ts); a test of the queue passes its own. */
  jobDefinitions?: readonly JobDefinition[];
}

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    secureCookies: boolean;
    /** The job queue (platform/jobs.ts): enqueue from a route with its `tx`. */
    jobs: JobQueue;
  }
}

export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    // Search terms and secret tokens in URLs never reach a log line (platform/log-redaction.ts).
    logger: withLogRedaction(opts.logger),
    // Only behind a known proxy may X-Forwarded-For decide the client's address (it goes into the audit trail).
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only: a text/plain body is refused (415) instead of reaching validation.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("database", opts.database);
  app.decorate("secureCookies", opts.secureCookies ?? false);
  // After the migrations (main.ts), before the routes that enqueue; stopped (gracefully) when the app closes.
  const jobs = await openJobQueue(opts.database, opts.jobDefinitions ?? JOB_DEFINITIONS, {
    workers: opts.jobWorkers ?? false,
    log: app.log,
  });
  app.decorate("jobs", jobs);
  app.addHook("onClose", () => jobs.stop());

  registerErrorHandling(app);
  // Before every route: its onRoute hooks (bodyless routes, compression) see them all.
  registerApiNoStore(app);
  registerSameOrigin(app);
  registerSecurityHeaders(app, { secure: app.secureCookies });
  await registerCompression(app);
  await app.register(cookie);
  // Counters in the database: every Broen process on it counts the same requests.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(opts.database.db) });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Broen API",
        version: "0.1.0",
        description:
          "Case work for the community punch card (fællesskabsklippekort). Errors always have the shape { error: { code, message, details? } }; messages follow Accept-Language (da, en). Writes accept an Idempotency-Key header.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "broen_session" } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The browsable docs are public like /api/openapi.json; the plugin declares its own routes, so mark them here.
  await app.register(async (docs) => {
    docs.addHook("onRoute", (route) => {
      route.config = { ...route.config, public: true };
    });
    await docs.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: docsCsp(app.secureCookies) });
  });

  registerAuth(app, opts.database.db, { idleMs: opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS });
  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>() as App;
      await authRoutes(typed, {
        loginRateLimit: opts.loginRateLimit ?? 20,
        idleMs: opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS,
      });
      await citizenRoutes(typed);
      await adminRoutes(typed);
      await securityEventRoutes(typed);
      await jobRoutes(typed);
      await referralRoutes(typed, { publicRateLimit: opts.publicRateLimit ?? 10 });
      await detectionRoutes(typed);
      await screeningRoutes(typed);
      await courseRoutes(typed);
      await punchCardRoutes(typed);
      await catalogRoutes(typed);
      await placementRoutes(typed);
      await reportRoutes(typed);
      await privacyRoutes(typed);
      await careRecordRoutes(typed);
      await scimTokenRoutes(typed);
      await messagingRoutes(typed);
      // The platform administration (issue 15 point 3): its own sessions, never a staff one.
      await platformAdminRoutes(typed, {
        loginRateLimit: opts.loginRateLimit ?? 20,
        idleMs: opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS,
      });
      api.get("/openapi.json", { schema: { hide: true }, config: { public: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: "/api" },
  );
  // The FHIR R4 read API (issue 14, decision 0099): bearer tokens of system clients, FHIR's own
  // error resource and content type, described by its CapabilityStatement rather than /api's OpenAPI.
  await app.register(
    async (fhir) =>
      fhirApiRoutes(fhir.withTypeProvider<ZodTypeProvider>() as App, {
        tokenRateLimit: opts.loginRateLimit ?? 20,
      }),
    { prefix: "/fhir/R4" },
  );
  // SCIM 2.0 provisioning (issue 15, decision 0102): the identity provider's bearer token, SCIM's error resource.
  await app.register(async (scim) => scimRoutes(scim.withTypeProvider<ZodTypeProvider>() as App), {
    prefix: "/scim/v2",
  });

  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  const serveWeb = Boolean(webDir && existsSync(webDir));
  if (serveWeb) {
    // preCompressed: the .br/.gz copies scripts/build-web.mjs writes next to each asset.
    await app.register(fastifyStatic, {
      root: webDir as string,
      prefix: "/",
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: staticCacheHeaders,
    });
  }
  registerNotFound(app, { spaFallback: serveWeb });
  return app;
}
