/**
 * Cross-origin write refusal (CSRF beyond SameSite) and bodyless routes that stay bodyless.
 *
 * SameSite=Lax keeps the session cookie off cross-site POSTs, but not off *same-site* ones: a page
 * on another subdomain of the municipality's domain is same-site, and a bodyless POST (create a
 * calendar feed, reveal a CPR number) needs no JSON and hence no CORS preflight. So every request
 * that may change something is checked against the browser's own account of where it came from:
 *
 *   - Sec-Fetch-Site (set by the browser, a page cannot forge it): only `same-origin` and `none`
 *     (typed into the address bar, a bookmark) pass; `same-site` and `cross-site` are refused.
 *   - Without it (older browsers), Origin: its host:port must be the request's own host
 *     (X-Forwarded-Host counts only behind a trusted proxy — Fastify's request.host).
 *   - With neither (curl, scripts, app.inject) the request passes: no browser sent it, so no
 *     visitor's cookie rides along uninvited.
 *
 * A route declared without a body schema takes no body: one sent anyway is refused (400
 * `body_not_allowed`) instead of being parsed and ignored.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "./errors.js";
import { sendError } from "./error-handler.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);
const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/** `host[:port]` lower-cased, the scheme's default port dropped (Host: a.dk:443 is Origin https://a.dk). */
function normalHost(host: string, protocol: string): string {
  const h = host.trim().toLowerCase();
  const port = DEFAULT_PORTS[protocol];
  return port && h.endsWith(`:${port}`) ? h.slice(0, -(port.length + 1)) : h;
}

/** Whether a state-changing request comes from another origin than Broen's own pages. */
export function isCrossOrigin(request: Pick<FastifyRequest, "headers" | "host">): boolean {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") return !ALLOWED_FETCH_SITES.has(site.trim().toLowerCase());
  const origin = request.headers.origin;
  if (typeof origin !== "string") return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return true; // "null" (sandboxed frame, privacy redirect) or garbage: not provably ours.
  }
  return normalHost(url.host, url.protocol) !== normalHost(request.host ?? "", url.protocol);
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

export function registerSameOrigin(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !isCrossOrigin(request)) return;
    request.log.warn(
      { origin: request.headers.origin, fetchSite: request.headers["sec-fetch-site"] },
      "cross-origin request refused",
    );
    return sendError(reply, request, new AppError("cross_origin_request", 403));
  });

  // Runs for every route registered after this call (so register it before the routes).
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => SAFE_METHODS.has(m)) || route.schema?.body !== undefined) return;
    const bodyless = async (request: FastifyRequest) => {
      if (!SAFE_METHODS.has(request.method) && hasBody(request))
        throw AppError.field("body", "unknown_field", "body_not_allowed");
    };
    const existing = route.onRequest;
    route.onRequest =
      existing === undefined ? [bodyless] : [...(Array.isArray(existing) ? existing : [existing]), bodyless];
  });
}
