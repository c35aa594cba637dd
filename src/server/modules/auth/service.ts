import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { ChangePasswordBody, LoginBody, Me } from "../../../shared/api/auth.js";
import type { Db, DbOrTx } from "../../db/client.js";
import { districts, municipalities, organisations, sessions, users } from "../../db/schema/index.js";
import { SESSION_TTL_MS, hashToken, newSessionToken } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { recordSecurityEvent } from "../../platform/security-log.js";
import { loginRowOf, municipalitiesOf } from "./municipalities.js";
import { builtOnce } from "../../db/built-once.js";
import { localLoginAllowed } from "./oidc-service.js";
import { FREE_FAILURES, clearFailures, recordFailure, secondsToWait } from "./throttle.js";
import {
  assertPasswordPolicy,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from "../../platform/passwords.js";

/** Who is asking: the request's address (behind a trusted proxy, X-Forwarded-For's) and user agent. */
export interface Client {
  ip: string;
  userAgent: string | null;
}

export async function login(
  db: Db,
  body: LoginBody,
  client: Client,
): Promise<{ token: string; userId: string }> {
  const username = body.username.toLowerCase();
  const wait = await secondsToWait(db, username, client.ip);
  if (wait > 0) throw new AppError("account_locked", 429, { retryAfterSeconds: wait });
  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      municipalityId: users.municipalityId,
      role: users.role,
      loginUserId: users.loginUserId,
    })
    .from(users)
    .where(eq(users.username, username));
  // Always verify a hash, so timing does not tell whether the username exists.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
  // The security log names the username tried — never the password.
  const event = {
    municipalityId: user?.municipalityId ?? null,
    username,
    userId: user?.id ?? null,
    ip: client.ip,
    userAgent: client.userAgent,
  };
  // A membership in another municipality (decision 0104) is reached by switching, never by its own
  // login: refused like a wrong password even if its stored hash were ever to verify.
  if (!user || !user.active || !ok || user.loginUserId !== null) {
    const failures = await recordFailure(db, username, client.ip);
    await recordSecurityEvent(db, { kind: "login_failed", ...event });
    // The failure that starts this address's waits; later ones only lengthen them.
    if (failures === FREE_FAILURES) await recordSecurityEvent(db, { kind: "login_locked", ...event });
    throw new AppError("invalid_credentials", 401);
  }
  // The municipality logs in with its identity provider and has switched passwords off (issue 15).
  // Its administrators keep the password as the way back in when the provider fails (decision 0101).
  if (user.role !== "administrator" && !(await localLoginAllowed(db, user.municipalityId))) {
    await recordSecurityEvent(db, { kind: "local_login_refused", ...event });
    throw new AppError("local_login_disabled", 403);
  }
  const { token, tokenHash } = newSessionToken();
  await db.transaction(async (tx) => {
    await clearFailures(tx, username, client.ip);
    await tx
      .insert(sessions)
      .values({ tokenHash, userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
    await recordSecurityEvent(tx, { kind: "login_succeeded", ...event });
  });
  return { token, userId: user.id };
}

export async function logout(db: Db, token: string | undefined, client: Client): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)))
      .returning({ userId: sessions.userId });
    if (!ended) return;
    const [user] = await tx
      .select({ username: users.username, municipalityId: users.municipalityId })
      .from(users)
      .where(eq(users.id, ended.userId));
    await recordSecurityEvent(tx, {
      kind: "logout",
      municipalityId: user?.municipalityId ?? null,
      username: user?.username ?? null,
      userId: ended.userId,
      ip: client.ip,
      userAgent: client.userAgent,
    });
  });
}

/** `tenant`: the municipality whose row-level security the transaction runs under, if it does. */
export async function getMe(db: DbOrTx, userId: string, tenant?: string): Promise<Me> {
  const [row] = await selectMe(db, { userId });
  if (!row) throw new AppError("unauthenticated", 401);
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
    municipality: { id: row.municipalityId, name: row.municipalityName, code: row.municipalityCode },
    municipalities: await municipalitiesOf(db, userId, tenant),
    organisation: { id: row.organisationId, name: row.organisationName, kind: row.organisationKind },
    district: row.districtId ? { id: row.districtId, name: row.districtName ?? "" } : null,
    ambassadorDistrict: row.ambassadorDistrictId
      ? { id: row.ambassadorDistrictId, name: row.ambassadorDistrictName ?? "" }
      : null,
  };
}

// Built once (db/built-once.ts): every page load of the web app asks who is logged in.
const selectMe = builtOnce((db) =>
  db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      mustChangePassword: users.mustChangePassword,
      municipalityId: municipalities.id,
      municipalityName: municipalities.name,
      municipalityCode: municipalities.code,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      districtId: districts.id,
      districtName: districts.name,
      ambassadorDistrictId: users.ambassadorDistrictId,
      ambassadorDistrictName: sql<
        string | null
      >`(select d.name from ${districts} d where d.id = ${users.ambassadorDistrictId})`,
    })
    .from(users)
    .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(districts, eq(districts.id, users.districtId))
    .where(eq(users.id, sql.placeholder("userId"))),
);

/**
 * A new password ends every other session of the user. The password is the login row's: a session
 * switched to a membership in another municipality (decision 0104) changes the same password.
 */
export async function changePassword(
  db: Db,
  sessionUserId: string,
  currentToken: string,
  body: ChangePasswordBody,
  client: Client,
): Promise<void> {
  const userId = (await loginRowOf(db, sessionUserId)) ?? sessionUserId;
  const [user] = await db
    .select({
      passwordHash: users.passwordHash,
      username: users.username,
      municipalityId: users.municipalityId,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw AppError.field("currentPassword", "invalid_value", "invalid_credentials", 400);
  }
  // The current password is the temporary one after a reset: it may not be chosen again.
  assertPasswordPolicy("newPassword", body.newPassword, {
    username: user.username,
    previous: body.currentPassword,
  });
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    const personRows = tx
      .select({ id: users.id })
      .from(users)
      .where(or(eq(users.id, userId), eq(users.loginUserId, userId)));
    await tx
      .delete(sessions)
      .where(
        and(inArray(sessions.userId, personRows), sql`${sessions.tokenHash} <> ${hashToken(currentToken)}`),
      );
    await recordSecurityEvent(tx, {
      kind: "password_changed",
      municipalityId: user.municipalityId,
      username: user.username,
      userId,
      ip: client.ip,
      userAgent: client.userAgent,
    });
  });
}
