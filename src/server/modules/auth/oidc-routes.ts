/**
 * Routes of login with the municipality's identity provider (issue 15 point 1, decision 0101): the
 * login page's buttons, the redirect to the provider and its redirect back (browser navigations:
 * they answer 302, a refusal lands on the login page with `?fejl=<code>`), and the administrator's
 * configuration.
 */
import { z } from "zod";
import type { FastifyRequest } from "fastify";
import {
  IdentityProvider,
  IdentityProviderCheck,
  OidcCallbackQuery,
  OidcProviderList,
  OidcStartParams,
  OidcStartQuery,
  SaveIdentityProviderBody,
} from "../../../shared/api/identity.js";
import type { App } from "../../platform/app-type.js";
import { SESSION_COOKIE, SESSION_TTL_MS } from "../../platform/auth.js";
import { declareRoute } from "../../platform/route.js";
import { checkIdentityProvider, getIdentityProvider, saveIdentityProvider } from "./oidc-admin.js";
import {
  CALLBACK_PATH,
  OidcLoginRefused,
  completeLogin,
  listProviderButtons,
  recordRefusal,
  startLogin,
} from "./oidc-service.js";

const tags = ["auth"];
const clientOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers["user-agent"] ?? null,
});

/**
 * Broen's own address as the browser sees it (behind a trusted proxy, X-Forwarded-Proto/-Host):
 * the redirect URI registered at the provider is this plus /api/auth/oidc/callback.
 */
export function baseUrlOf(request: FastifyRequest): string {
  // The origin as a URL writes it (no default port), so the redirect URI is one string everywhere.
  return new URL(`${request.protocol}://${request.host}`).origin;
}

const loginPageWith = (code: string) => `/login?fejl=${encodeURIComponent(code)}`;
const REDIRECT = { 302: z.null() };

export async function oidcRoutes(app: App, opts: { loginRateLimit: number }): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/auth/oidc/providers",
    tags,
    summary: "The municipalities whose staff log in with an identity provider (the login page's buttons)",
    access: { public: "the login page shows the buttons before anyone is signed in" },
    audit: { none: "municipality names and the buttons' labels" },
    response: OidcProviderList,
    handler: async ({ tx }) => listProviderButtons(tx),
  });

  declareRoute(app, {
    method: "GET",
    url: "/auth/oidc/:municipalityCode/start",
    tags,
    summary: "Start a login at the municipality's identity provider (302 to it, PKCE S256, state, nonce)",
    access: { public: "signing in is how a session starts; rate-limited per address" },
    audit: { none: "no person is known yet" },
    ownTransaction: "keeps the login's state row, and a refusal's security-log row, apart from any answer",
    config: { rateLimit: { max: opts.loginRateLimit, timeWindow: "1 minute" } },
    params: OidcStartParams,
    querystring: OidcStartQuery,
    otherResponses: REDIRECT,
    handler: async ({ db, params, query, request, reply }) => {
      const base = baseUrlOf(request);
      try {
        const url = await startLogin(db, params.municipalityCode, query.returnTo, base + CALLBACK_PATH);
        reply.code(302).header("location", url.toString());
      } catch (err) {
        if (!(err instanceof OidcLoginRefused)) throw err;
        request.log.warn({ code: err.code, detail: err.detail }, "OIDC login not started");
        if (err.code === "oidc_provider_unreachable")
          await recordRefusal(db, err, { municipalityId: null }, clientOf(request));
        reply.code(302).header("location", loginPageWith(err.code));
      }
      return null;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/auth/oidc/callback",
    tags,
    summary: "The identity provider's redirect back: code exchange, ID token validation, session",
    description:
      "openid-client exchanges the code (with the PKCE verifier) and validates the ID token (signature, issuer, audience, nonce, expiry). The user is created at the first login and updated (name, role, unit) at every login. Answers 302: to the page the login started from, or to the login page with `?fejl=<code>`.",
    access: { public: "the provider's redirect carries no session yet; rate-limited per address" },
    audit: { none: "the caller's own account; logins and refusals go to the security log" },
    ownTransaction: "a refusal's security-log row must be kept though the login fails",
    config: { rateLimit: { max: opts.loginRateLimit, timeWindow: "1 minute" } },
    querystring: OidcCallbackQuery,
    otherResponses: REDIRECT,
    handler: async ({ db, request, reply }) => {
      const base = baseUrlOf(request);
      try {
        const { token, returnTo } = await completeLogin(
          db,
          new URL(request.url, base),
          base + CALLBACK_PATH,
          clientOf(request),
        );
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: "lax",
          secure: app.secureCookies,
          path: "/",
          maxAge: Math.floor(SESSION_TTL_MS / 1000),
        });
        reply.code(302).header("location", returnTo);
      } catch (err) {
        if (!(err instanceof OidcLoginRefused)) throw err;
        request.log.warn({ code: err.code, detail: err.detail }, "OIDC login refused");
        reply.code(302).header("location", loginPageWith(err.code));
      }
      return null;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/identity-provider",
    tags: ["admin"],
    summary:
      "The municipality's identity provider and its claim mapping (the client secret is never answered)",
    access: { action: "identityProvider.manage" },
    audit: { none: "configuration, no citizen" },
    response: IdentityProvider,
    handler: async ({ tx, ctx, request }) => getIdentityProvider(tx, ctx, baseUrlOf(request)),
  });

  declareRoute(app, {
    method: "PUT",
    url: "/identity-provider",
    tags: ["admin"],
    summary: "Save the identity provider, its claim mapping and whether local passwords stay on",
    access: { action: "identityProvider.manage" },
    audit: { none: "configuration, no citizen" },
    body: SaveIdentityProviderBody,
    response: IdentityProvider,
    handler: async ({ tx, ctx, body, request }) => saveIdentityProvider(tx, ctx, body, baseUrlOf(request)),
  });

  declareRoute(app, {
    method: "POST",
    url: "/identity-provider/check",
    tags: ["admin"],
    summary: "Test the connection: fetch the provider's discovery document",
    access: { action: "identityProvider.manage" },
    audit: { none: "configuration, no citizen" },
    ownTransaction:
      "changes nothing, and waits for the provider outside any transaction (PGlite has one connection); a POST so a link or prefetch does not call the provider",
    response: IdentityProviderCheck,
    handler: async ({ db, ctx }) => checkIdentityProvider(db, ctx),
  });
}
