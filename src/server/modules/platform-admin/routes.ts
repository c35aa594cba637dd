/**
 * /api/platform/* — the platform administration (issue 15 point 3, decision 0103). These routes
 * know no staff session: to the staff session hook they are public, and each one asks the platform
 * guard (a platform administrator's session, canPlatform) itself. A staff session — a
 * municipality's administrator's included — gets 401 here, and a platform session gets 401 on
 * every other /api route, since the staff hook knows only staff sessions.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { type PlatformAction, canPlatform } from "../../../domain/access-policy.js";
import {
  CreateMunicipalityBody,
  CreatedMunicipality,
  MunicipalityList,
  PlatformLoginBody,
  PlatformMe,
} from "../../../shared/api/platform-admin.js";
import type { App } from "../../platform/app-type.js";
import type { DbOrTx } from "../../db/client.js";
import { AppError } from "../../platform/errors.js";
import { declareRoute } from "../../platform/route.js";
import {
  PLATFORM_COOKIE,
  PLATFORM_COOKIE_PATH,
  PLATFORM_SESSION_TTL_MS,
  createMunicipality,
  listMunicipalities,
  platformLogin,
  platformLogout,
  platformSessionOf,
} from "./service.js";

const tags = ["platform"];
const GUARDED =
  "a platform administrator's session (cookie broen_platform_session), checked by the platform guard (canPlatform); staff sessions are refused 401";
const clientOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers["user-agent"] ?? null,
});

export async function platformAdminRoutes(
  app: App,
  opts: { loginRateLimit: number; idleMs: number },
): Promise<void> {
  const cookieOptions = {
    httpOnly: true,
    sameSite: "strict" as const,
    secure: app.secureCookies,
    path: PLATFORM_COOKIE_PATH,
  };

  /** The platform guard: the caller's platform session, allowed this action, or 401. */
  async function guard(tx: DbOrTx, request: FastifyRequest, reply: FastifyReply, action: PlatformAction) {
    const session = await platformSessionOf(tx, request.cookies[PLATFORM_COOKIE], opts.idleMs);
    if (!session || !canPlatform(session.actor, action).allowed) {
      if (request.cookies[PLATFORM_COOKIE])
        reply.clearCookie(PLATFORM_COOKIE, { path: PLATFORM_COOKIE_PATH });
      throw new AppError("platform_unauthenticated", 401);
    }
    return session;
  }

  declareRoute(app, {
    method: "POST",
    url: "/platform/login",
    tags,
    summary: "Log in as a platform administrator",
    access: { public: "signing in is how a platform session starts; rate-limited per address" },
    audit: { none: "the caller's own account; sign-ins go to the security log" },
    ownTransaction: "a failed try must be kept (the lock-out counts it) even though the answer is 401",
    config: { rateLimit: { max: opts.loginRateLimit, timeWindow: "1 minute" } },
    body: PlatformLoginBody,
    response: PlatformMe,
    handler: async ({ db, body, request, reply }) => {
      const { token, admin } = await platformLogin(db, body, clientOf(request)).catch((err: unknown) => {
        if (err instanceof AppError && typeof err.details?.retryAfterSeconds === "number")
          reply.header("retry-after", String(err.details.retryAfterSeconds));
        throw err;
      });
      reply.setCookie(PLATFORM_COOKIE, token, {
        ...cookieOptions,
        maxAge: Math.floor(PLATFORM_SESSION_TTL_MS / 1000),
      });
      return { admin };
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/platform/logout",
    tags,
    summary: "End the platform session",
    access: { public: "ending a session needs no valid one: an expired cookie is cleared too" },
    audit: { none: "the caller's own session; logouts go to the security log" },
    ownTransaction: "ending the session and its security-log row are one transaction of the service",
    status: 204,
    handler: async ({ db, request, reply }) => {
      await platformLogout(db, request.cookies[PLATFORM_COOKIE], clientOf(request));
      reply.clearCookie(PLATFORM_COOKIE, { path: PLATFORM_COOKIE_PATH });
      return null;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/platform/me",
    tags,
    summary: "The logged-in platform administrator, or null",
    description:
      "Answers { admin: null } without a platform session (not 401), so the web app's platform pages can ask who is there.",
    access: { public: "answers who holds the platform session, if anyone" },
    audit: { none: "the caller's own account" },
    response: PlatformMe,
    handler: async ({ tx, request }) => {
      const session = await platformSessionOf(tx, request.cookies[PLATFORM_COOKIE], opts.idleMs);
      return { admin: session?.admin ?? null };
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/platform/municipalities",
    tags,
    summary: "Every municipality with its size and health (counts only)",
    description:
      "Citizens, active users, users who logged in during the last 30 days, open courses, the last activity and the jobs that failed in the last 30 days — counts and times, never a person.",
    access: { public: GUARDED },
    audit: { none: "counts per municipality; no person is read" },
    response: MunicipalityList,
    handler: async ({ tx, request, reply }) => {
      await guard(tx, request, reply, { kind: "municipality.health" });
      return { municipalities: await listMunicipalities(tx) };
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/platform/municipalities",
    tags,
    summary: "Create a municipality with its administration and first administrator",
    description:
      "The code is the official four-digit municipality code, unique on the installation; the administrator's username is unique across it. The initial password must be changed at first login.",
    access: { public: GUARDED },
    audit: {
      none: "creates a municipality and its first administrator, no citizen; the new municipality's security log records municipality_created and user_created",
    },
    body: CreateMunicipalityBody,
    response: CreatedMunicipality,
    status: 201,
    handler: async ({ tx, body, request, reply }) => {
      const { admin } = await guard(tx, request, reply, { kind: "municipality.create" });
      return createMunicipality(tx, admin, body, clientOf(request));
    },
  });
}
