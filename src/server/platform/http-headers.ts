/**
 * Response headers that depend on how Broen is reached: security headers (helmet, CSP), caching
 * and compression of the API and of the built web app.
 *
 * - Over plain http (a LAN, `HOST=0.0.0.0` to reach it from a phone) neither
 *   `upgrade-insecure-requests` nor HSTS may be sent: the browser would fetch every asset over
 *   https, where nothing answers. Both only when Broen runs behind HTTPS (`SECURE_COOKIES=true`).
 * - The app's scripts are all files (Vite build), so `script-src` has no 'unsafe-inline'; Swagger
 *   UI at /api/docs gets its own policy (docsCsp).
 * - API answers are per user and change with every write: `no-store`, errors too. Vite's hashed
 *   files never change under their name: cached for a year; index.html (and the SPA fallback)
 *   is revalidated so a new build is picked up at once, and so are the service worker (sw.js,
 *   workbox-*.js), manifest.webmanifest and the icons (decision 0107): they lie outside assets/,
 *   and a worker cached as immutable could never be replaced by a new build.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import compress from "@fastify/compress";
import type { FastifyInstance, FastifyReply } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

type Directives = Record<string, string[]>;

function appDirectives(secure: boolean): Directives {
  return {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "font-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    // React sets style attributes; DKFDS components may too.
    "style-src": ["'self'", "'unsafe-inline'"],
    ...(secure ? { "upgrade-insecure-requests": [] } : {}),
  };
}

/**
 * Swagger UI's own header (its routes set it, @fastify/swagger-ui staticCSP): it needs inline
 * styles, no inline script (its initializer is a file), and shows the validator badge's image.
 */
export function docsCsp(secure: boolean): string {
  const directives: Directives = {
    ...appDirectives(secure),
    "img-src": ["'self'", "data:", "validator.swagger.io"],
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/**
 * The headers helmet sets for these options. None of them depends on the request (no directive is
 * a function), so they are computed once: @fastify/helmet built the whole middleware — parsing and
 * validating every CSP directive — on every request, ~8 % of the CPU of a request Broen answers
 * without the database (issue 19, decision 0092).
 */
function helmetHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return Object.freeze(headers);
}

export function registerSecurityHeaders(app: FastifyInstance, opts: { secure: boolean }): void {
  const headers = helmetHeaders({
    // useDefaults: false so helmet adds no upgrade-insecure-requests of its own.
    contentSecurityPolicy: { useDefaults: false, directives: appDirectives(opts.secure) },
    strictTransportSecurity: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Both need a secure context: on an http origin other than localhost browsers ignore them and
    // say so in the console.
    crossOriginOpenerPolicy: opts.secure,
    originAgentCluster: opts.secure,
  });
  // On every answer, errors and 404s included; a route may still set its own (Swagger UI's CSP).
  app.addHook("onRequest", (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}

/**
 * Brotli/gzip for answers above 1 KB (JSON, CSV, iCalendar, static files without a precompressed
 * copy). Measured on a 9 KB page of citizens (decision 0092): brotli's default 4 MB window cost
 * ~0.5 ms to set up per answer, a 256 KB window (lgwin 18) ~0.06 ms for the same 1.9 KB result;
 * and answers up to 64 KB are compressed in one synchronous call instead of through a stream
 * pipeline and the thread pool, which on 2 cores cost more than the compression itself.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    syncThreshold: 64 * 1024,
    brotliOptions: {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
      },
    },
  });
}

export function registerApiNoStore(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    // Before the handler, so errors and 404s carry it as well; a route may still choose otherwise
    // (the calendar feed lets calendar apps keep it five minutes).
    if (request.url === "/api" || request.url.startsWith("/api/"))
      void reply.header("cache-control", "no-store");
  });
}

const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{6,}\.[a-z0-9]+(\.br|\.gz)?$/;

/** A hashed script, style sheet or font: never a document, nor a worker's script. */
const SUBRESOURCE = /[\\/]assets[\\/][^\\/]+\.(js|css|woff2?)(\.br|\.gz)?$/;

/**
 * Headers that only a document (or a worker's script) reads: on a script, a style sheet or a font
 * the browser ignores them. Left off those, they are ~430 bytes less on each of the 30–40 answers
 * of a first load on a phone (issue 17 point 2). nosniff, CORP and Referrer-Policy stay: they do
 * apply to subresources.
 */
const DOCUMENT_ONLY = [
  "content-security-policy",
  "x-frame-options",
  "x-xss-protection",
  "x-download-options",
  "x-dns-prefetch-control",
  "x-permitted-cross-domain-policies",
];

/** @fastify/static's setHeaders: long caching for Vite's hashed files, revalidation for the rest. */
export function staticCacheHeaders(reply: FastifyReply, path: string): void {
  void reply.header(
    "cache-control",
    HASHED_ASSET.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
  );
  if (HASHED_ASSET.test(path) && SUBRESOURCE.test(path))
    for (const name of DOCUMENT_ONLY) void reply.removeHeader(name);
}
