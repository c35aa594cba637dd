import { ChangePasswordBody, LoginBody, Me, SwitchMunicipalityBody } from "../../../shared/api/auth.js";
import type { App } from "../../platform/app-type.js";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { PASSIVE_HEADER, SESSION_COOKIE, SESSION_TTL_MS } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { declareRoute } from "../../platform/route.js";
import { switchMunicipality } from "./municipalities.js";
import { changePassword, getMe, login, logout } from "./service.js";
import { LogoutAnswer } from "../../../shared/api/identity.js";
import { baseUrlOf, oidcRoutes } from "./oidc-routes.js";
import { POST_LOGOUT_PATH, endSessionUrl } from "./oidc-service.js";

const tags = ["auth"];
const clientOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers["user-agent"] ?? null,
});

/** How long the session has left before the idle timeout ends it. */
function idleOf(expiresAt: Date) {
  return {
    expiresAt: expiresAt.toISOString(),
    secondsLeft: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  };
}

export async function authRoutes(app: App, opts: { loginRateLimit: number; idleMs: number }): Promise<void> {
  // Login with the municipality's identity provider (issue 15 point 1): oidc-routes.ts.
  await oidcRoutes(app, opts);

  declareRoute(app, {
    method: "POST",
    url: "/auth/login",
    tags,
    summary: "Log in with username and password",
    access: { public: "signing in is how a session starts; rate-limited per address" },
    audit: { none: "the caller's own account; sign-ins go to the security log" },
    ownTransaction: "a failed try must be kept (the lock-out counts it) even though the answer is 401",
    config: { rateLimit: { max: opts.loginRateLimit, timeWindow: "1 minute" } },
    body: LoginBody,
    response: Me,
    handler: async ({ db, body, request, reply }) => {
      const { token, userId } = await login(db, body, clientOf(request)).catch((err: unknown) => {
        if (err instanceof AppError && typeof err.details?.retryAfterSeconds === "number")
          reply.header("retry-after", String(err.details.retryAfterSeconds));
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
  });

  declareRoute(app, {
    method: "POST",
    url: "/auth/logout",
    tags,
    summary: "End the session",
    description:
      "204 for a password session. A session from the municipality's identity provider answers 200 with the provider's end-session address (RP-initiated logout with id_token_hint), where the provider offers one: the web app goes there, so the provider's session ends too.",
    access: { public: "ending a session needs no valid one: an expired cookie is cleared too" },
    audit: { none: "the caller's own session; logouts go to the security log" },
    ownTransaction: "ending the session and its security-log row are one transaction of the auth service",
    response: LogoutAnswer,
    otherResponses: { 204: z.null() },
    handler: async ({ db, request, reply }) => {
      const token = request.cookies[SESSION_COOKIE];
      const endSession = await endSessionUrl(db, token, baseUrlOf(request) + POST_LOGOUT_PATH);
      await logout(db, token, clientOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      if (endSession) return { endSessionUrl: endSession };
      reply.code(204);
      return null;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/auth/me",
    tags,
    summary: "The logged-in user and when the idle timeout ends the session",
    description: `Every request counts as activity and postpones the idle timeout, except one carrying the header \`${PASSIVE_HEADER}: 1\` — the web app's idle watcher asks this way, so asking does not keep a forgotten session alive.`,
    access: { signedIn: true },
    audit: { none: "the caller's own account" },
    config: { allowPasswordChange: true },
    response: Me,
    handler: async ({ tx, ctx, request }) => {
      const me = await getMe(tx, ctx.actor.userId, ctx.actor.municipalityId);
      return request.sessionIdleExpiresAt ? { ...me, idle: idleOf(request.sessionIdleExpiresAt) } : me;
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/auth/municipality",
    tags,
    summary: "Work in another of one's municipalities",
    description:
      "For staff who work for several municipalities (decision 0104): moves the session to the person's row in that municipality — its role, organisation and data from the next request on. A municipality the person has no active access in answers 404 naming `municipalityId`. Switching to the current one changes nothing. The web app then reloads completely, so nothing of the other municipality stays in memory.",
    access: { signedIn: true },
    audit: { none: "the caller's own session, no citizen; the switch goes to the security log" },
    body: SwitchMunicipalityBody,
    response: Me,
    handler: async ({ tx, ctx, body, request }) => {
      const userId = await switchMunicipality(tx, {
        token: request.cookies[SESSION_COOKIE] ?? "",
        userId: ctx.actor.userId,
        from: ctx.actor.municipalityId,
        municipalityId: body.municipalityId,
        client: clientOf(request),
      });
      const me = await getMe(tx, userId, body.municipalityId);
      return request.sessionIdleExpiresAt ? { ...me, idle: idleOf(request.sessionIdleExpiresAt) } : me;
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/auth/password",
    tags,
    summary: "Change one's own password",
    access: { signedIn: true },
    audit: { none: "the caller's own account; the change goes to the security log" },
    ownTransaction:
      "the auth service checks the current password, then writes the new one and ends other sessions in its own transaction",
    config: { allowPasswordChange: true },
    body: ChangePasswordBody,
    status: 204,
    handler: async ({ db, ctx, body, request }) => {
      await changePassword(
        db,
        ctx.actor.userId,
        request.cookies[SESSION_COOKIE] ?? "",
        body,
        clientOf(request),
      );
      return null;
    },
  });
}
