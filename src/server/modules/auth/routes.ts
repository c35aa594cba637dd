import { z } from "zod";
import { ChangePasswordBody, LoginBody, Me } from "../../../shared/api/auth.js";
import { ErrorBody } from "../../../shared/api/common.js";
import type { App } from "../../app.js";
import { SESSION_COOKIE, SESSION_TTL_MS, requireCtx } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { changePassword, getMe, login, logout } from "./service.js";

export async function authRoutes(app: App, opts: { loginRateLimit: number }): Promise<void> {
  const db = app.database.db;

  app.post(
    "/auth/login",
    {
      config: { public: true, rateLimit: { max: opts.loginRateLimit, timeWindow: "1 minute" } },
      schema: { tags: ["auth"], summary: "Log in with username and password", body: LoginBody, response: { 200: Me, 401: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      const { token, userId } = await login(db, request.body, request.ip).catch((err: unknown) => {
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
      return getMe(db, userId);
    },
  );

  app.post(
    "/auth/logout",
    { config: { public: true }, schema: { tags: ["auth"], summary: "End the session", response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(db, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    { config: { allowPasswordChange: true }, schema: { tags: ["auth"], summary: "The logged-in user", response: { 200: Me, 401: ErrorBody } } },
    async (request) => getMe(db, requireCtx(request).actor.userId),
  );

  app.post(
    "/auth/password",
    {
      config: { allowPasswordChange: true },
      schema: { tags: ["auth"], summary: "Change one's own password", body: ChangePasswordBody, response: { 204: z.null(), 400: ErrorBody } },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      await changePassword(db, ctx.actor.userId, request.cookies[SESSION_COOKIE] ?? "", request.body);
      return reply.code(204).send(null);
    },
  );
}
