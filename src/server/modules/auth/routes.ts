import { z } from "zod";
import { ChangePasswordBody, LoginBody, Me } from "../../../shared/api/auth.js";
import { ErrorBody } from "../../../shared/api/common.js";
import type { App } from "../../app.js";
import type { FastifyRequest } from "fastify";
import { PASSIVE_HEADER, SESSION_COOKIE, SESSION_TTL_MS, requireCtx } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { changePassword, getMe, login, logout } from "./service.js";

const clientOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers["user-agent"] ?? null });

/** How long the session has left before the idle timeout ends it. */
function idleOf(expiresAt: Date) {
  return { expiresAt: expiresAt.toISOString(), secondsLeft: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)) };
}

export async function authRoutes(app: App, opts: { loginRateLimit: number; idleMs: number }): Promise<void> {
  const db = app.database.db;

  app.post(
    "/auth/login",
    {
      config: { public: true, rateLimit: { max: opts.loginRateLimit, timeWindow: "1 minute" } },
      schema: { tags: ["auth"], summary: "Log in with username and password", body: LoginBody, response: { 200: Me, 401: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      const { token, userId } = await login(db, request.body, clientOf(request)).catch((err: unknown) => {
        if (err instanceof AppError && typeof err.details?.retryAfterSeconds === "number") reply.header("retry-after", String(err.details.retryAfterSeconds));
        throw err;
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "lax",
        secure: app.secureCookies,
        path: "/",
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return { ...(await getMe(db, userId)), idle: idleOf(new Date(Date.now() + opts.idleMs)) };
    },
  );

  app.post(
    "/auth/logout",
    { config: { public: true }, schema: { tags: ["auth"], summary: "End the session", response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(db, request.cookies[SESSION_COOKIE], clientOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      config: { allowPasswordChange: true },
      schema: {
        tags: ["auth"],
        summary: "The logged-in user and when the idle timeout ends the session",
        description: `Every request counts as activity and postpones the idle timeout, except one carrying the header \`${PASSIVE_HEADER}: 1\` — the web app's idle watcher asks this way, so asking does not keep a forgotten session alive.`,
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (request) => {
      const me = await getMe(db, requireCtx(request).actor.userId);
      return request.sessionIdleExpiresAt ? { ...me, idle: idleOf(request.sessionIdleExpiresAt) } : me;
    },
  );

  app.post(
    "/auth/password",
    {
      config: { allowPasswordChange: true },
      schema: { tags: ["auth"], summary: "Change one's own password", body: ChangePasswordBody, response: { 204: z.null(), 400: ErrorBody } },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      await changePassword(db, ctx.actor.userId, request.cookies[SESSION_COOKIE] ?? "", request.body, clientOf(request));
      return reply.code(204).send(null);
    },
  );
}
