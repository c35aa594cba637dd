/** Which errors mean "the database is unavailable" (503) and which are ordinary failures (500). No database needed. */
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, markConnectError } from "./unavailable.js";

/** An error as node-postgres builds it from a server's ErrorResponse (or a socket error): a message and a code. */
function pgError(code: string | undefined, message = "boom"): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe("isDatabaseUnavailable", () => {
  it.each([
    ["refused connection", pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["reset connection", pgError("ECONNRESET", "read ECONNRESET")],
    ["timed-out socket", pgError("ETIMEDOUT")],
    ["broken pipe", pgError("EPIPE")],
    ["unknown host", pgError("ENOTFOUND")],
    ["class 08 connection exception", pgError("08006", "connection failure")],
    ["class 08, another member", pgError("08001")],
    ["terminated backend (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["crash shutdown (57P02)", pgError("57P02")],
    ["server starting or stopping (57P03)", pgError("57P03", "the database system is starting up")],
    ["too many connections (53300)", pgError("53300", "sorry, too many clients already")],
    [
      "database refusing connections (55000, by its message)",
      pgError("55000", 'database "broen" is not currently accepting connections'),
    ],
    ["pg's lost connection", pgError(undefined, "Connection terminated unexpectedly")],
    ["pg's connect timeout", pgError(undefined, "timeout exceeded when trying to connect")],
    [
      "pg's connection timeout while connecting",
      pgError(undefined, "Connection terminated due to connection timeout"),
    ],
    [
      "a query on a dead client",
      pgError(undefined, "Client has encountered a connection error and is not queryable"),
    ],
    ["a query on a released dead client", pgError(undefined, "Client was closed and is not queryable")],
    ["PGlite closed", pgError(undefined, "PGlite is closed")],
    ["pool ended", pgError(undefined, "Cannot use a pool after calling end on the pool")],
  ])("is true for a %s", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    // Drizzle wraps every failed query, with the driver's error as cause.
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], err))).toBe(true);
  });

  it("is true for ANY error raised while connecting, whatever its code (e.g. 55000, 28P01, 3D000)", () => {
    for (const code of ["55000", "28P01", "3D000", undefined]) {
      expect(isDatabaseUnavailable(pgError(code))).toBe(false);
      expect(isDatabaseUnavailable(markConnectError(pgError(code)))).toBe(true);
    }
  });

  it.each([
    ["unique violation", pgError("23505", "duplicate key value violates unique constraint")],
    ["undefined table", pgError("42P01", 'relation "x" does not exist')],
    ["55000 from a query, not a connect", pgError("55000", "lastval is not yet defined in this session")],
    ["serialization failure", pgError("40001")],
    ["statement timeout", pgError("57014", "canceling statement due to statement timeout")],
    ["plain error", new Error("something else")],
  ])("is false for a %s", (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], err))).toBe(false);
  });

  it("is false for non-errors, and does not read request data in Drizzle's message as a lost connection", () => {
    for (const value of [null, undefined, "Connection terminated", 42])
      expect(isDatabaseUnavailable(value)).toBe(false);
    const params = ["Connection terminated unexpectedly"];
    expect(
      isDatabaseUnavailable(new DrizzleQueryError("insert into notes values ($1)", params, pgError("23505"))),
    ).toBe(false);
  });

  it("follows a chain of causes without looping on a cycle", () => {
    const cyclic: Error & { cause?: unknown } = new Error("outer");
    cyclic.cause = cyclic;
    expect(isDatabaseUnavailable(cyclic)).toBe(false);
    expect(
      isDatabaseUnavailable(new Error("outer", { cause: new Error("middle", { cause: pgError("57P01") }) })),
    ).toBe(true);
  });
});
