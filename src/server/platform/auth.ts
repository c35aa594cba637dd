/**
 * Resolves the session cookie into the request's Ctx. Routes are private by
 * default; a route opts out with `config: { public: true }`.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../../domain/access-policy.js";
import type { Db, DbOrTx } from "../db/client.js";
import { calendarFeeds, organisations, sessions, users } from "../db/schema/index.js";
import type { Ctx } from "./context.js";
import { AppError } from "./errors.js";
import { pickLang } from "./messages.js";

export const SESSION_COOKIE = "broen_session";
/** Working day plus margin; after that a new login. */
export const SESSION_TTL_MS = 10 * 60 * 60 * 1000;
/** Default idle timeout: home-care tablets are shared, so a session left alone ends (SESSION_IDLE_MINUTES). */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60 * 1000;
/**
 * lastSeenAt is refreshed at most this often, to keep reads from writing — but at most a sixth of
 * the idle timeout, so someone active just under the timeout is never thrown out because their
 * last touch was skipped.
 */
export function touchIntervalMs(idleMs: number): number {
  return Math.min(5 * 60 * 1000, Math.floor(idleMs / 6));
}
/**
 * A request carrying this header (any value) does not count as activity: the web app's idle
 * watcher asks GET /api/auth/me how long is left without keeping the session alive by asking.
 */
export const PASSIVE_HEADER = "x-broen-passive";
/**
 * The municipality the web app's loaded state belongs to (decision 0104). A person who switches
 * municipality in one tab switches the session every tab shares; a request from another tab, still
 * holding the first municipality's pages in memory, is refused (409 municipality_switched) instead
 * of mixing the new municipality's answers into them — the web app then reloads from scratch.
 */
export const MUNICIPALITY_HEADER = "x-broen-municipality";

declare module "fastify" {
  interface FastifyRequest {
    ctx: Ctx | null;
    sessionUser: { displayName: string; username: string; mustChangePassword: boolean } | null;
    /** When the session ends if nothing else happens (lastSeenAt + the idle timeout). */
    sessionIdleExpiresAt: Date | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
    /** Reachable with a session whose password must be changed (login, logout, change password). */
    allowPasswordChange?: boolean;
  }
}

export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function requireCtx(request: FastifyRequest): Ctx {
  if (!request.ctx) throw new AppError("unauthenticated", 401);
  return request.ctx;
}

/**
 * Ends every way a user gets in without typing the password again: their sessions and their
 * calendar feed (a secret URL is a credential too). Called on an administrator's password reset,
 * a change of role or organisation, and deactivation — in the same transaction as the change.
 */
export async function endUserAccess(tx: DbOrTx, userId: string): Promise<void> {
  // The row and, when it is a login row, its memberships in other municipalities (decision 0104):
  // a session switched to a membership, and a membership's feed, belong to the same person. Under
  // one municipality's row-level security those are out of sight: an administrator's request
  // calls this through auth's endAccessEverywhere(), which steps out of it for this person only.
  const personRows = tx
    .select({ id: users.id })
    .from(users)
    .where(or(eq(users.id, userId), eq(users.loginUserId, userId)));
  await tx.delete(sessions).where(inArray(sessions.userId, personRows));
  await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(inArray(calendarFeeds.userId, personRows), isNull(calendarFeeds.revokedAt)));
}

/**
 * The session lookup runs before every request, so it is built once (a prepared query: Drizzle
 * assembles its SQL at startup, and node-postgres parses it once per connection) instead of on
 * every request (decision 0092). It still asks the database every time: a deleted session, a
 * deactivated user or an expired session is refused on the very next request.
 */
function sessionLookup(db: Db) {
  return db
    .select({
      tokenHash: sessions.tokenHash,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      municipalityId: users.municipalityId,
      organisationId: users.organisationId,
      organisationKind: organisations.kind,
      districtId: users.districtId,
      ambassadorDistrictId: users.ambassadorDistrictId,
      role: users.role,
      displayName: users.displayName,
      username: users.username,
      mustChangePassword: users.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("tokenHash")),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    )
    .prepare("broen_session_lookup");
}

export function registerAuth(app: FastifyInstance, db: Db, opts: { idleMs?: number } = {}): void {
  const idleMs = opts.idleMs ?? DEFAULT_SESSION_IDLE_MS;
  const touchMs = touchIntervalMs(idleMs);
  const lookup = sessionLookup(db);
  const loadSession = async (token: string) =>
    (await lookup.execute({ tokenHash: hashToken(token) }))[0] ?? null;
  app.decorateRequest("ctx", null);
  app.decorateRequest("sessionUser", null);
  app.decorateRequest("sessionIdleExpiresAt", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    let session = token ? await loadSession(token) : null;
    if (session && Date.now() - session.lastSeenAt.getTime() > idleMs) {
      // Left alone too long: the session ends for good (a later request cannot revive it).
      await db.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash));
      session = null;
    }
    if (session) {
      const actor: Actor = {
        userId: session.userId,
        municipalityId: session.municipalityId,
        organisationId: session.organisationId,
        organisationKind: session.organisationKind,
        districtId: session.districtId,
        role: session.role,
        ambassadorDistrictId: session.ambassadorDistrictId,
      };
      request.ctx = {
        actor,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
        lang: pickLang(request.headers["accept-language"]),
      };
      request.sessionUser = {
        displayName: session.displayName,
        username: session.username,
        mustChangePassword: session.mustChangePassword,
      };
      let lastSeen = session.lastSeenAt;
      if (request.headers[PASSIVE_HEADER] === undefined && Date.now() - lastSeen.getTime() > touchMs) {
        const [touched] = await db
          .update(sessions)
          .set({ lastSeenAt: sql`now()` })
          .where(eq(sessions.tokenHash, session.tokenHash))
          .returning({ lastSeenAt: sessions.lastSeenAt });
        lastSeen = touched?.lastSeenAt ?? lastSeen;
      }
      request.sessionIdleExpiresAt = new Date(lastSeen.getTime() + idleMs);
    }
    if (request.is404) return;
    const config = request.routeOptions.config;
    if (config.public) return;
    if (!request.ctx) throw new AppError("unauthenticated", 401);
    const expected = request.headers[MUNICIPALITY_HEADER];
    if (typeof expected === "string" && expected !== request.ctx.actor.municipalityId)
      throw new AppError("municipality_switched", 409);
    if (request.sessionUser?.mustChangePassword && !config.allowPasswordChange) {
      throw new AppError("password_change_required", 403);
    }
  });
}
