/**
 * The one answer to "is this error the database being unreachable?" — used by the error handler
 * to answer 503 database_unavailable instead of 500. An outage shows up in many forms: a socket
 * error, pg's own "Connection terminated…" errors, PGlite closed under a request, or a SQLSTATE
 * the server sends as it refuses or drops a session.
 */

/** Socket errors while connecting or talking to the server. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * SQLSTATEs of a server that cannot serve us right now: class 08 (connection exception) is matched
 * by prefix; 57P01–57P03 admin/crash shutdown and "cannot connect now" (terminated backends,
 * restarts); 53300 too many connections.
 */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

/**
 * 55000 (object_not_in_prerequisite_state) is what PostgreSQL answers a connection to a database
 * with ALLOW_CONNECTIONS false — but a query can raise it for programming errors too, so it counts
 * only while connecting (or with that message, in case the mark was lost).
 */
const NOT_ACCEPTING = /is not currently accepting connections/i;

/** pg's and PGlite's own wording for a connection that is gone or never came. */
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|PGlite is closed|Cannot use a pool after calling end/i;

const WHILE_CONNECTING = Symbol("broen.whileConnecting");

/** Marks an error raised while opening a connection: whatever it is, the database is unavailable. */
export function markConnectError<E>(err: E): E {
  if (typeof err === "object" && err !== null && Object.isExtensible(err)) {
    Object.defineProperty(err, WHILE_CONNECTING, { value: true, enumerable: false });
  }
  return err;
}

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== "object" || err === null || depth > 5) return false;
  if ((err as { [WHILE_CONNECTING]?: boolean })[WHILE_CONNECTING]) return true;
  const { code, message, cause } = err as { code?: unknown; message?: unknown; cause?: unknown };
  if (
    typeof code === "string" &&
    (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08"))
  )
    return true;
  // Drizzle's wrapper ("Failed query: <sql> params: <values>") carries request data: only its cause counts.
  const wrapper = typeof message === "string" && message.startsWith("Failed query");
  if (
    typeof message === "string" &&
    !wrapper &&
    (LOST_CONNECTION.test(message) || NOT_ACCEPTING.test(message))
  )
    return true;
  return cause !== undefined && cause !== err && isDatabaseUnavailable(cause, depth + 1);
}
