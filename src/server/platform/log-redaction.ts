/**
 * Log lines never carry search terms, CPR numbers or secret tokens (issue 18.8): the request's
 * URL is logged with the values of sensitive query parameters and the calendar feed's secret
 * replaced by "[redacted]". Installed as Fastify's `req` serializer in buildApp(), so every line
 * that logs a request — "incoming request", errors — gets the redacted URL.
 */
import type { FastifyRequest } from "fastify";

export const REDACTED = "[redacted]";

/** Query parameters that may hold what a user typed about a person, or a secret. */
// `filter`: a SCIM filter names a member of staff (userName eq "anna.holm@kommune.dk", decision 0102).
const SENSITIVE_PARAMS = new Set([
  "q",
  "search",
  "name",
  "cpr",
  "token",
  "secret",
  "email",
  "phone",
  "filter",
]);
/** Path segments that are secrets: the iCalendar feed address. */
const SECRET_PATHS: RegExp[] = [/^(\/api\/calendar\/)[^/?#]+?(\.ics)?$/];

export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  let path = at === -1 ? url : url.slice(0, at);
  for (const re of SECRET_PATHS)
    path = path.replace(
      re,
      (_m, prefix: string, ext: string | undefined) => `${prefix}${REDACTED}${ext ?? ""}`,
    );
  if (at === -1) return path;
  const query = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq === -1 ? pair : pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key.replace(/\+/g, " "));
      } catch {
        // A malformed escape: judge the raw key.
      }
      return eq !== -1 && SENSITIVE_PARAMS.has(name.toLowerCase()) ? `${key}=${REDACTED}` : pair;
    })
    .join("&");
  return `${path}?${query}`;
}

/** Fastify's default request fields, with the URL redacted. */
export const logSerializers = {
  req(req: FastifyRequest) {
    return {
      method: req.method,
      url: redactUrl(req.url),
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket?.remotePort,
    };
  },
};

/** The logger option with the redacting serializers added (false/undefined stay off). */
export function withLogRedaction(logger: boolean | object | undefined): boolean | object {
  if (!logger) return false;
  const base = logger === true ? {} : (logger as { serializers?: object });
  return { ...base, serializers: { ...(base.serializers ?? {}), ...logSerializers } };
}
