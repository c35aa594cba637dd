/** Bad input, unknown routes, languages, unexpected errors: always the one error shape, never a stack trace. */
import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, insertCitizen, nextCpr } from "../../../test/support/factories.js";
import {
  type Response,
  type TestApp,
  buildTestApp,
  errorFields,
  errorOf,
  makeClient,
} from "../../../test/support/test-app.js";
import { buildApp } from "../app.js";
import { openDatabase } from "../db/client.js";
import { markConnectError } from "../db/unavailable.js";
import { auditEvents, citizens } from "../db/schema/index.js";
import type { CitizenDetail, CitizenPage } from "../../shared/api/citizens.js";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const validCitizen = () => ({
  cpr: nextCpr(),
  firstName: "Ib",
  lastName: "Holt",
  addressLine: "Egevej 8",
  postalCode: "9904",
  city: "Fjordby",
});

/** A stack frame ("at fn (file.ts:12:5)") or a source path would tell a client about our internals. */
function expectNoInternals(res: Response): void {
  expect(res.body).not.toMatch(/\bat .*:\d+:\d+/);
  expect(res.body).not.toMatch(/node_modules|\/src\/|\.ts\b|stack/i);
}

function expectErrorShape(res: Response, status: number, code: string): void {
  expect(res.statusCode).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json() as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(errorOf(res)).toMatchObject({ code, message: expect.any(String) });
  expectNoInternals(res);
}

/** Runs `work` and asserts that no citizen and no audit row was written meanwhile. */
async function expectNothingWritten(work: () => Promise<void>): Promise<void> {
  const before = [await countRows(t.db, citizens), await countRows(t.db, auditEvents)];
  await work();
  expect([await countRows(t.db, citizens), await countRows(t.db, auditEvents)]).toEqual(before);
}

describe("bad input", () => {
  it("answers malformed JSON with 400 invalid_json and writes nothing", async () => {
    const planner = await t.as("planner");
    await expectNothingWritten(async () => {
      expectErrorShape(
        await planner.request("POST", "/api/citizens", { rawBody: '{"cpr": "150445-1019", ' }),
        400,
        "invalid_json",
      );
    });
  });

  it("answers wrong types with 400 naming each field", async () => {
    const planner = await t.as("planner");
    await expectNothingWritten(async () => {
      const res = await planner.post("/api/citizens", {
        ...validCitizen(),
        cpr: 1504451019,
        firstName: ["Ib"],
        inTargetGroup: "yes",
      });
      expectErrorShape(res, 400, "validation_failed");
      expect(errorOf(res).details?.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: "cpr", reason: "invalid_type" }),
          expect.objectContaining({ field: "firstName", reason: "invalid_type" }),
          expect.objectContaining({ field: "inTargetGroup", reason: "invalid_type" }),
        ]),
      );
      expect(errorFields(res).sort()).toEqual(["cpr", "firstName", "inTargetGroup"]);
    });
  });

  it("answers too long text with 400 naming each field", async () => {
    const planner = await t.as("planner");
    await expectNothingWritten(async () => {
      const res = await planner.post("/api/citizens", {
        ...validCitizen(),
        firstName: "x".repeat(101),
        addressLine: "y".repeat(201),
      });
      expectErrorShape(res, 400, "validation_failed");
      expect(errorOf(res).details?.fields).toEqual([
        expect.objectContaining({ field: "firstName", reason: "too_long" }),
        expect.objectContaining({ field: "addressLine", reason: "too_long" }),
      ]);
    });
  });

  it("answers unknown fields with 400 naming them, so nobody can set what the API does not offer", async () => {
    const planner = await t.as("planner");
    await expectNothingWritten(async () => {
      const res = await planner.post("/api/citizens", {
        ...validCitizen(),
        municipalityId: t.other.municipality.id,
        version: 7,
      });
      expectErrorShape(res, 400, "validation_failed");
      expect(errorOf(res).details?.fields).toEqual([
        expect.objectContaining({ field: "municipalityId", reason: "unknown_field" }),
        expect.objectContaining({ field: "version", reason: "unknown_field" }),
      ]);
    });
  });

  it("answers missing required fields with 400 naming each of them", async () => {
    const planner = await t.as("planner");
    await expectNothingWritten(async () => {
      const res = await planner.post("/api/citizens", {});
      expectErrorShape(res, 400, "validation_failed");
      expect(errorFields(res).sort()).toEqual([
        "addressLine",
        "city",
        "cpr",
        "firstName",
        "lastName",
        "postalCode",
      ]);
      for (const f of errorOf(res).details!.fields!)
        expect(f).toMatchObject({ reason: "required", message: "Skal udfyldes." });
    });
  });

  it("answers blank required text and control characters with 400 naming the field", async () => {
    const planner = await t.as("planner");
    const res = await planner.post("/api/citizens", {
      ...validCitizen(),
      firstName: "   ",
      city: "Fjord\u0000by",
    });
    expectErrorShape(res, 400, "validation_failed");
    expect(errorOf(res).details?.fields).toEqual([
      expect.objectContaining({ field: "firstName", reason: "required" }),
      expect.objectContaining({ field: "city", reason: "invalid_format" }),
    ]);
  });

  it("answers a body of another media type, plain text included, with 415", async () => {
    const planner = await t.as("planner");
    await expectNothingWritten(async () => {
      const form = await planner.request("POST", "/api/citizens", {
        rawBody: "cpr=150445-1019",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expectErrorShape(form, 415, "unsupported_media_type");
      const text = await planner.request("POST", "/api/citizens", {
        rawBody: "cpr=150445-1019",
        headers: { "content-type": "text/plain" },
      });
      expectErrorShape(text, 415, "unsupported_media_type");
    });
  });

  it("answers a body above one megabyte with 413", async () => {
    const res = await (
      await t.as("planner")
    ).post("/api/citizens", { ...validCitizen(), city: "x".repeat(1024 * 1024) });
    expectErrorShape(res, 413, "payload_too_large");
  });

  it("answers a bad query parameter with 400 naming it", async () => {
    const res = await (await t.as("planner")).get("/api/citizens?sort=shoe-size&page=0");
    expectErrorShape(res, 400, "validation_failed");
    expect(errorFields(res).sort()).toEqual(["page", "sort"]);
  });
});

describe("SQL and HTML in text", () => {
  const hostile = {
    firstName: "<script>alert('x')</script>",
    lastName: "Robert'); DROP TABLE citizens;--",
    addressLine: `O'Brien "Vej" 1 & 2 <b>`,
  };

  it("stores and returns names with SQL and HTML metacharacters literally", async () => {
    const planner = await t.as("planner");
    const created = await planner.post("/api/citizens", { ...validCitizen(), ...hostile });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as CitizenDetail;
    const res = await planner.get(`/api/citizens/${id}`);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject(hostile);
    expect(await countRows(t.db, citizens)).toBeGreaterThan(0);
  });

  it("searches with them as plain text", async () => {
    const lastName = "Bobby'); DELETE FROM users;--";
    await insertCitizen(t.db, t.tenant, { lastName });
    const planner = await t.as("planner");
    const res = await planner.post("/api/citizens/search", { q: "bobby'); delete" });
    expect(res.statusCode).toBe(200);
    expect((res.json() as CitizenPage).items.map((c) => c.lastName)).toEqual([lastName]);
    const injection = await planner.post("/api/citizens/search", { q: "' OR 1=1 --" });
    expect((injection.json() as CitizenPage).total).toBe(0);
  });
});

describe("unknown routes", () => {
  it("are 404 in the error shape, also without a login", async () => {
    for (const res of [
      await t.anonymous.get("/api/no-such-thing"),
      await t.anonymous.post("/api/no-such-thing", {}),
      await t.anonymous.get("/no-such-page"),
      await (await t.as("planner")).get("/api/no-such-thing"),
      await (await t.as("planner")).delete("/api/citizens"),
    ]) {
      expectErrorShape(res, 404, "not_found");
    }
  });
});

describe("languages", () => {
  it("answers in Danish by default and in English with Accept-Language: en", async () => {
    expect(errorOf(await t.anonymous.get("/api/auth/me")).message).toBe("Du skal logge ind.");
    expect(
      errorOf(await t.anonymous.get("/api/auth/me", { headers: { "accept-language": "en" } })).message,
    ).toBe("You must log in.");
    expect(
      errorOf(await t.anonymous.get("/api/auth/me", { headers: { "accept-language": "en-GB,da;q=0.5" } }))
        .message,
    ).toBe("You must log in.");
    expect(
      errorOf(await t.anonymous.get("/api/auth/me", { headers: { "accept-language": "de-DE" } })).message,
    ).toBe("Du skal logge ind.");
  });

  it("words field messages in English too", async () => {
    const res = await (
      await t.as("planner")
    ).post(
      "/api/citizens",
      { ...validCitizen(), cpr: "290201-4000" },
      { headers: { "accept-language": "en" } },
    );
    expect(errorOf(res)).toMatchObject({
      message: "Some fields are not filled in correctly.",
      details: {
        fields: [
          {
            field: "cpr",
            reason: "invalid_cpr_date",
            message: "The CPR number's birth date does not exist.",
          },
        ],
      },
    });
  });
});

describe("unexpected errors", () => {
  it("become 500 internal_error without the error's text, SQL or a stack trace", async () => {
    const app = await buildApp({ database: t.database, webDir: null });
    app.get("/api/test-boom", { config: { public: true } }, async () => {
      throw new Error("secret detail at /work/main/src/server/x.ts:12:5");
    });
    app.get("/api/test-bad-sql", { config: { public: true } }, async () => {
      await t.db.execute(sql`select * from no_such_table_here`);
      return {};
    });
    await app.ready();
    try {
      for (const url of ["/api/test-boom", "/api/test-bad-sql"]) {
        const res = await makeClient(app, null).get(url);
        expectErrorShape(res, 500, "internal_error");
        expect(res.body).not.toMatch(/secret|no_such_table|select/i);
      }
    } finally {
      await app.close();
    }
  });

  it("too many logins from one address are 429 rate_limited in the error shape", async () => {
    const limited = await buildTestApp({
      database: t.database,
      tenants: { tenant: t.tenant, other: t.other },
      app: { loginRateLimit: 2 },
    });
    try {
      const login = () =>
        limited.anonymous.post("/api/auth/login", { username: "nobody-at-all", password: "wrong-password" });
      await login();
      await login();
      expectErrorShape(await login(), 429, "rate_limited");
    } finally {
      await limited.close();
    }
  });
});

describe("the database failing", () => {
  it("is 503 database_unavailable while /health keeps answering (server unreachable)", async () => {
    // Nothing listens on port 1: every query fails to connect.
    const unreachable = await openDatabase({ url: "postgres://postgres@127.0.0.1:1/broen", poolSize: 1 });
    const app = await buildApp({ database: unreachable, webDir: null });
    try {
      const client = makeClient(app, "broen_session=some-token");
      expectErrorShape(
        await makeClient(app, null).post("/api/auth/login", { username: "planner", password: "whatever-pw" }),
        503,
        "database_unavailable",
      );
      expectErrorShape(await client.get("/api/citizens"), 503, "database_unavailable");
      const en = await client.get("/api/citizens", { headers: { "accept-language": "en" } });
      expect(errorOf(en).message).toMatch(/database is not answering/);
      expect((await client.get("/health")).statusCode).toBe(200);
      expect((await client.get("/ready")).statusCode).toBe(503);
    } finally {
      await app.close();
      await unreachable.close();
    }
  });

  it("is 503 database_unavailable for connection-class SQLSTATEs (53300, 57P01, 08006) and any error while connecting; other SQLSTATEs stay 500", async () => {
    const app = await buildApp({ database: t.database, webDir: null });
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
    const cases: [string, Error, number][] = [
      ["too-many", pgError("53300", "sorry, too many clients already"), 503],
      [
        "terminated",
        new DrizzleQueryError(
          "select 1",
          [],
          pgError("57P01", "terminating connection due to administrator command"),
        ),
        503,
      ],
      ["link-failure", pgError("08006", "connection failure"), 503],
      [
        "refusing",
        markConnectError(pgError("55000", 'database "broen" is not currently accepting connections')),
        503,
      ],
      ["query-55000", pgError("55000", "lastval is not yet defined in this session"), 500],
    ];
    for (const [name, err] of cases) {
      app.get(`/api/test-db-${name}`, { config: { public: true } }, async () => {
        throw err;
      });
    }
    await app.ready();
    try {
      for (const [name, , status] of cases) {
        expectErrorShape(
          await makeClient(app, null).get(`/api/test-db-${name}`),
          status,
          status === 503 ? "database_unavailable" : "internal_error",
        );
      }
    } finally {
      await app.close();
    }
  });

  it("is 503 database_unavailable when the database is closed under the app, and /health still answers", async () => {
    const own = await buildTestApp();
    try {
      const planner = await own.as("planner");
      expect((await planner.get("/api/citizens")).statusCode).toBe(200);
      await own.database.close();
      expectErrorShape(await planner.get("/api/citizens"), 503, "database_unavailable");
      expectErrorShape(await planner.post("/api/citizens", validCitizen()), 503, "database_unavailable");
      expect((await own.anonymous.get("/health")).statusCode).toBe(200);
    } finally {
      // The database is closed already; on PostgreSQL this still drops it.
      await own.close().catch(() => undefined);
    }
  });
});
