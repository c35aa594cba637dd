/**
 * HTTP hardening (issue 18 points 6, 12, 13): cross-origin writes refused, bodyless routes stay
 * bodyless, caching and compression of the API and the built web app, and a CSP that works over
 * plain http on a LAN.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../test/support/factories.js";
import { type Response, type TestApp, buildTestApp, errorOf } from "../../../test/support/test-app.js";
import { auditEvents, calendarFeeds } from "../db/schema/index.js";

let t: TestApp;
/** A second app on the same database: behind HTTPS and a trusted proxy, serving a tiny web build. */
let secure: TestApp;
let webDir: string;
const ASSET = `console.log(${JSON.stringify("Broen ".repeat(400))});\n`;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), "broen-web-"));
  mkdirSync(join(webDir, "assets"));
  writeFileSync(
    join(webDir, "index.html"),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>',
  );
  writeFileSync(join(webDir, "assets", "index-abc123.js"), ASSET);
  writeFileSync(join(webDir, "assets", "index-abc123.js.br"), brotliCompressSync(ASSET));
  // What vite-plugin-pwa adds (decision 0107): the service worker, its Workbox runtime, the manifest, icons.
  writeFileSync(join(webDir, "sw.js"), 'define(["./workbox-0a1b2c3d"], () => {});\n');
  writeFileSync(join(webDir, "workbox-0a1b2c3d.js"), "define([], () => {});\n");
  writeFileSync(join(webDir, "manifest.webmanifest"), JSON.stringify({ name: "Broen", start_url: "/" }));
  mkdirSync(join(webDir, "icons"));
  writeFileSync(join(webDir, "icons", "icon-192.png"), Buffer.from("89504e470d0a1a0a", "hex"));
  t = await buildTestApp({ app: { webDir } });
  secure = await buildTestApp({
    database: t.database,
    tenants: { tenant: t.tenant, other: t.other },
    app: { secureCookies: true, trustProxy: true },
  });
});
afterAll(async () => {
  await secure?.close();
  await t?.close();
  rmSync(webDir, { recursive: true, force: true });
});

const feedsOf = (userId: string) => t.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
const reveals = (citizenId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.citizenId, citizenId), eq(auditEvents.action, "reveal_cpr")));

function decoded(res: Response): string {
  const encoding = res.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(res.rawPayload).toString("utf8");
  if (encoding === "gzip") return gunzipSync(res.rawPayload).toString("utf8");
  return res.body;
}

describe("cross-origin writes are refused", () => {
  const REFUSED: [string, Record<string, string>][] = [
    ["a cross-site page", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    [
      "a same-site page (another subdomain)",
      { "sec-fetch-site": "same-site", origin: "https://blog.broen.example" },
    ],
    ["an older browser's foreign Origin", { origin: "https://evil.example" }],
    ["an opaque Origin", { origin: "null" }],
  ];

  it.each(REFUSED)("a calendar feed is not created from %s", async (_name, headers) => {
    const worker = await t.login(t.tenant.users.home_care_worker.username);
    const res = await worker.post("/api/me/calendar-feed", undefined, {
      headers: { host: "broen.example", ...headers },
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res)).toMatchObject({
      code: "cross_origin_request",
      message: expect.stringContaining("Broen"),
    });
    expect(await feedsOf(t.tenant.users.home_care_worker.id)).toEqual([]);
  });

  it("a CPR number is not revealed (nor audited) for a same-site page", async () => {
    const c = await insertCitizen(t.db, t.tenant, { firstName: "Ulla", lastName: "Grænse" });
    const res = await (
      await t.as("planner")
    ).post(`/api/citizens/${c.id}/cpr/reveal`, undefined, { headers: { "sec-fetch-site": "same-site" } });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(c.cpr);
    expect(await reveals(c.id)).toEqual([]);
  });

  it("a DELETE from another site revokes nothing", async () => {
    const worker = await t.login(t.tenant.users.community_coordinator.username);
    expect((await worker.post("/api/me/calendar-feed")).statusCode).toBe(201);
    const res = await worker.delete("/api/me/calendar-feed", { headers: { "sec-fetch-site": "cross-site" } });
    expect(res.statusCode).toBe(403);
    expect((await worker.get("/api/me/calendar-feed")).json()).toMatchObject({ active: true });
  });

  it("answers in English when asked", async () => {
    const res = await t.anonymous.post(
      "/api/auth/login",
      { username: "x", password: "y" },
      { headers: { "sec-fetch-site": "cross-site", "accept-language": "en" } },
    );
    expect(errorOf(res)).toMatchObject({
      code: "cross_origin_request",
      message: "The request came from a page other than Broen and was refused.",
    });
  });

  it("X-Forwarded-Host counts only behind a trusted proxy", async () => {
    const headers = {
      host: "127.0.0.1:3000",
      "x-forwarded-host": "broen.example",
      "x-forwarded-proto": "https",
      origin: "https://broen.example",
    };
    const untrusted = await t.anonymous.post(
      "/api/auth/login",
      { username: "nobody", password: "wrong-password" },
      { headers },
    );
    expect(errorOf(untrusted).code).toBe("cross_origin_request");
    const trusted = await secure.anonymous.post(
      "/api/auth/login",
      { username: "nobody", password: "wrong-password" },
      { headers },
    );
    expect(errorOf(trusted).code).toBe("invalid_credentials");
  });
});

describe("same-origin and non-browser writes pass", () => {
  const ALLOWED: [string, Record<string, string>][] = [
    ["Broen's own page", { "sec-fetch-site": "same-origin", origin: "http://broen.example:3000" }],
    ["an older browser on Broen's page", { origin: "http://broen.example:3000" }],
    ["the address bar", { "sec-fetch-site": "none" }],
    ["a script without browser headers", {}],
  ];

  // Each time the same request from a same-site page first: only the origin headers differ.
  it.each(ALLOWED)(
    "a calendar feed is created from %s (and not from a same-site page)",
    async (_name, headers) => {
      const worker = await t.login(t.tenant.users.team_leader.username);
      const host = "broen.example:3000";
      expect(
        (
          await worker.post("/api/me/calendar-feed", undefined, {
            headers: { host, "sec-fetch-site": "same-site", origin: "http://www.broen.example" },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await worker.post("/api/me/calendar-feed", undefined, { headers: { host, ...headers } })).statusCode,
      ).toBe(201);
    },
  );

  it("the public referral form works from Broen's own page, not from another site", async () => {
    const form = {
      municipalityCode: t.tenant.municipality.code,
      referrerRole: "relative",
      referrerName: "Lone Testesen",
      referrerContact: "lone@example.invalid",
      subjectName: "Anna Testesen",
      subjectAddress: "Fjordvej 9, 9901 Fjordby",
      reason: "Min mor sidder meget alene.",
      subjectAgrees: true,
    };
    const foreign = await t.anonymous.post("/api/public/referrals", form, {
      headers: { host: "broen.example", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(errorOf(foreign).code).toBe("cross_origin_request");
    const own = await t.anonymous.post("/api/public/referrals", form, {
      headers: { host: "broen.example", origin: "https://broen.example", "sec-fetch-site": "same-origin" },
    });
    expect(own.statusCode).toBe(201);
  });

  it("reads from anywhere still work; a write with the same headers does not", async () => {
    const planner = await t.login(t.tenant.users.planner.username);
    const headers = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };
    expect((await planner.get("/api/auth/me", { headers })).statusCode).toBe(200);
    expect(errorOf(await planner.post("/api/auth/logout", undefined, { headers })).code).toBe(
      "cross_origin_request",
    );
    expect((await planner.get("/api/auth/me")).statusCode).toBe(200);
  });
});

describe("a route without a body refuses one", () => {
  it("POST with a JSON body", async () => {
    const worker = await t.login(t.tenant.users.planner.username);
    const res = await worker.post("/api/me/calendar-feed", {});
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: "body_not_allowed",
      details: { fields: [{ field: "body", reason: "unknown_field" }] },
    });
    expect(await feedsOf(t.tenant.users.planner.id)).toEqual([]);
  });

  it("DELETE with a body", async () => {
    const res = await (await t.as("planner")).delete("/api/me/calendar-feed", { rawBody: '{"x":1}' });
    expect(errorOf(res).code).toBe("body_not_allowed");
  });

  it("a form post (any content type)", async () => {
    const res = await (
      await t.as("planner")
    ).request("POST", "/api/auth/logout", {
      rawBody: "a=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(errorOf(res).code).toBe("body_not_allowed");
  });
});

describe("caching and compression", () => {
  it("every API answer is no-store: success, refusal, validation error, unknown route", async () => {
    const planner = await t.as("planner");
    const answers = [
      await planner.get("/api/auth/me"),
      await t.anonymous.get("/api/citizens"),
      await planner.post("/api/citizens", { firstName: "" }),
      await t.anonymous.get("/api/no-such-thing"),
      await planner.post("/api/me/calendar-feed", undefined, { headers: { "sec-fetch-site": "cross-site" } }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 400, 404, 403]);
    for (const res of answers) expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("API JSON is compressed for a client that accepts it", async () => {
    const res = await t.anonymous.get("/api/openapi.json", { headers: { "accept-encoding": "br, gzip" } });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(decoded(res))).toMatchObject({ openapi: "3.0.3" });
    const gzip = await t.anonymous.get("/api/openapi.json", { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decoded(gzip))).toMatchObject({ openapi: "3.0.3" });
  });

  it("the calendar feed and a CSV download still read correctly when compressed", async () => {
    const worker = await t.login(t.tenant.users.home_care_worker.username);
    const feed = (await worker.post("/api/me/calendar-feed")).json() as { url: string };
    const ics = await t.anonymous.get(new URL(feed.url).pathname, { headers: { "accept-encoding": "gzip" } });
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(decoded(ics)).toMatch(/^BEGIN:VCALENDAR/);
    const missing = await t.anonymous.get("/api/calendar/nope.ics");
    expect(missing.headers["cache-control"]).toBe("no-store");

    const c = await insertCitizen(t.db, t.tenant, { firstName: "Karl", lastName: "Komprimeret" });
    const csv = await (
      await t.as("administrator")
    ).get(`/api/citizens/${c.id}/audit.csv`, { headers: { "accept-encoding": "br" } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["cache-control"]).toBe("no-store");
    expect(csv.headers["content-disposition"]).toContain(".csv");
    expect(decoded(csv).startsWith("\uFEFF")).toBe(true);
  });

  it("hashed assets are cached for a year and served precompressed", async () => {
    const br = await t.anonymous.get("/assets/index-abc123.js", {
      headers: { "accept-encoding": "br, gzip" },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toContain("javascript");
    expect(br.headers.vary).toContain("accept-encoding");
    expect(decoded(br)).toBe(ASSET);
    // A script is no document: no CSP or framing headers on it (bytes on a phone), nosniff still.
    expect(br.headers["content-security-policy"]).toBeUndefined();
    expect(br.headers["x-frame-options"]).toBeUndefined();
    expect(br.headers["x-content-type-options"]).toBe("nosniff");
    // No .gz copy: compressed on the fly.
    const gzip = await t.anonymous.get("/assets/index-abc123.js", { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(ASSET);
  });

  it("the service worker and the manifest are revalidated, never cached as immutable", async () => {
    // A service worker held by a cache (the browser's for older browsers, a proxy's) would keep an old
    // build's worker, and with it the old app, in place; the manifest names the icons of a build.
    const expected: Record<string, RegExp> = {
      "/sw.js": /^(application|text)\/javascript/,
      "/workbox-0a1b2c3d.js": /^(application|text)\/javascript/,
      "/manifest.webmanifest": /^application\/manifest\+json/,
      "/icons/icon-192.png": /^image\/png$/,
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await t.anonymous.get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers["content-type"], path).toMatch(type);
      expect(res.headers["cache-control"], path).toBe("no-cache");
    }
    // A missing worker script is a 404, not the SPA's index.html (which the browser would refuse as a script).
    const missing = await t.anonymous.get("/sw-old.js");
    expect(missing.statusCode).toBe(404);
  });

  it("index.html and the SPA fallback are revalidated", async () => {
    for (const path of ["/", "/index.html", "/citizens/123"]) {
      const res = await t.anonymous.get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers["content-type"], path).toContain("text/html");
      expect(res.headers["cache-control"], path).toBe("no-cache");
    }
  });
});

describe("security headers over http and https", () => {
  const csp = (res: Response) => String(res.headers["content-security-policy"]);
  const scriptSrc = (res: Response) => /(?:^|;\s*)script-src ([^;]*)/.exec(csp(res))?.[1];

  it("over plain http: no upgrade-insecure-requests, no HSTS, no inline scripts", async () => {
    const res = await t.anonymous.get("/");
    expect(csp(res)).not.toContain("upgrade-insecure-requests");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    expect(scriptSrc(res)).toBe("'self'");
    expect(scriptSrc(await t.anonymous.get("/api/auth/me"))).toBe("'self'");
  });

  it("every answer carries the same security headers: pages, API answers, errors and 404s", async () => {
    const expected = {
      "content-security-policy":
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline'",
      "cross-origin-resource-policy": "same-origin",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "x-dns-prefetch-control": "off",
      "x-download-options": "noopen",
      "x-frame-options": "SAMEORIGIN",
      "x-permitted-cross-domain-policies": "none",
      "x-xss-protection": "0",
    };
    for (const path of ["/", "/api/auth/me", "/api/no-such-route", "/health"]) {
      const res = await t.anonymous.get(path);
      for (const [name, value] of Object.entries(expected))
        expect(res.headers[name], `${path} ${name}`).toBe(value);
      // Over plain http the headers that need a secure context are left off (browsers would complain).
      for (const name of ["strict-transport-security", "cross-origin-opener-policy", "origin-agent-cluster"])
        expect(res.headers[name], `${path} ${name}`).toBeUndefined();
    }
    const behindHttps = await secure.anonymous.get("/api/no-such-route");
    expect(behindHttps.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(behindHttps.headers["origin-agent-cluster"]).toBe("?1");
    expect(behindHttps.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("behind HTTPS: upgrade-insecure-requests and HSTS", async () => {
    const res = await secure.anonymous.get("/health");
    expect(csp(res)).toContain("upgrade-insecure-requests");
    expect(res.headers["strict-transport-security"]).toContain("max-age=31536000");
    expect(scriptSrc(res)).toBe("'self'");
  });

  it("/api/docs loads with its own policy (inline styles for Swagger UI)", async () => {
    const page = await t.anonymous.get("/api/docs");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("swagger-ui");
    expect(csp(page)).toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(csp(page)).toContain("validator.swagger.io");
    expect(csp(page)).not.toContain("upgrade-insecure-requests");
    expect(scriptSrc(page)).toBe("'self'");
    expect((await t.anonymous.get("/api/docs/static/swagger-initializer.js")).statusCode).toBe(200);
    expect(csp(await secure.anonymous.get("/api/docs"))).toContain("upgrade-insecure-requests");
  });
});
