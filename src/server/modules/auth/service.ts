import { and, eq, sql } from "drizzle-orm";
import type { ChangePasswordBody, LoginBody, Me } from "../../../shared/api/auth.js";
import type { Db } from "../../db/client.js";
import { districts, municipalities, organisations, sessions, users } from "../../db/schema/index.js";
import { SESSION_TTL_MS, hashToken, newSessionToken } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { clearFailures, recordFailure, secondsToWait } from "./throttle.js";
import { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from "../../platform/passwords.js";

/** `client` is the request's address (behind a trusted proxy, X-Forwarded-For's). */
export async function login(db: Db, body: LoginBody, client: string): Promise<{ token: string; userId: string }> {
  const username = body.username.toLowerCase();
  const wait = await secondsToWait(db, username, client);
  if (wait > 0) throw new AppError("account_locked", 429, { retryAfterSeconds: wait });
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.username, username));
  // Always verify a hash, so timing does not tell whether the username exists.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
  if (!user || !user.active || !ok) {
    await recordFailure(db, username, client);
    throw new AppError("invalid_credentials", 401);
  }
  await clearFailures(db, username, client);
  const { token, tokenHash } = newSessionToken();
  await db.insert(sessions).values({ tokenHash, userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
  return { token, userId: user.id };
}

export async function logout(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function getMe(db: Db, userId: string): Promise<Me> {
  const [row] = await db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      mustChangePassword: users.mustChangePassword,
      municipalityId: municipalities.id,
      municipalityName: municipalities.name,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      districtId: districts.id,
      districtName: districts.name,
    })
    .from(users)
    .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(districts, eq(districts.id, users.districtId))
    .where(eq(users.id, userId));
  if (!row) throw new AppError("unauthenticated", 401);
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
    municipality: { id: row.municipalityId, name: row.municipalityName },
    organisation: { id: row.organisationId, name: row.organisationName, kind: row.organisationKind },
    district: row.districtId ? { id: row.districtId, name: row.districtName ?? "" } : null,
  };
}

/** A new password ends every other session of the user. */
export async function changePassword(db: Db, userId: string, currentToken: string, body: ChangePasswordBody): Promise<void> {
  const [user] = await db.select({ passwordHash: users.passwordHash, username: users.username }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw AppError.field("currentPassword", "invalid_value", "invalid_credentials", 400);
  }
  // The current password is the temporary one after a reset: it may not be chosen again.
  assertPasswordPolicy("newPassword", body.newPassword, { username: user.username, previous: body.currentPassword });
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${hashToken(currentToken)}`));
  });
}
