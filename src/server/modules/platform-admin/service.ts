/**
 * The platform administration (issue 15 point 3, decision 0103): platform administrators log in
 * with a session of their own, see every municipality's size and health as counts, and create a
 * municipality with its first administrator. Nothing here reads a citizen row or a person's name
 * in a municipality: the health figures are counts and times.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import type {
  CreateMunicipalityBody,
  CreatedMunicipality,
  MunicipalityHealth,
  PlatformAdmin,
  PlatformLoginBody,
} from "../../../shared/api/platform-admin.js";
import type { PlatformActor } from "../../../domain/access-policy.js";
import { type Db, type DbOrTx, rawRows } from "../../db/client.js";
import {
  auditEvents,
  citizens,
  courses,
  municipalities,
  organisations,
  platformAdmins,
  platformSessions,
  securityEvents,
  users,
} from "../../db/schema/index.js";
import { hashToken, newSessionToken } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { JOB_SCHEMA } from "../../platform/jobs.js";
import {
  assertPasswordPolicy,
  dummyPasswordHash,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from "../../platform/passwords.js";
import { recordSecurityEvent } from "../../platform/security-log.js";
import { FREE_FAILURES, clearFailures, recordFailure, secondsToWait } from "../auth/index.js";
import { installShippedCourseDefinitions } from "../courses/index.js";
import { installShippedRetentionRules } from "../privacy/index.js";
import { installShippedQuestionnaires } from "../questionnaires/index.js";

/** The platform session's cookie: its own name, sent only to /api/platform (never to a municipality's routes). */
export const PLATFORM_COOKIE = "broen_platform_session";
export const PLATFORM_COOKIE_PATH = "/api/platform";
/** A platform session lasts a working day at most. */
export const PLATFORM_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/**
 * The lock-out table is shared with staff login (auth/throttle.ts); a platform administrator's
 * failures are counted under this prefix, so they never delay a staff user of the same name.
 */
const THROTTLE_PREFIX = "platform:";

export interface Client {
  ip: string;
  userAgent: string | null;
}

export async function platformLogin(
  db: Db,
  body: PlatformLoginBody,
  client: Client,
): Promise<{ token: string; admin: PlatformAdmin }> {
  const username = body.username.toLowerCase();
  const throttleKey = THROTTLE_PREFIX + username;
  const wait = await secondsToWait(db, throttleKey, client.ip);
  if (wait > 0) throw new AppError("account_locked", 429, { retryAfterSeconds: wait });
  const [admin] = await db
    .select({
      id: platformAdmins.id,
      username: platformAdmins.username,
      displayName: platformAdmins.displayName,
      passwordHash: platformAdmins.passwordHash,
      active: platformAdmins.active,
    })
    .from(platformAdmins)
    .where(eq(platformAdmins.username, username));
  // Always verify a hash, so timing does not tell whether the username exists.
  const ok = await verifyPassword(admin?.passwordHash ?? (await dummyPasswordHash()), body.password);
  const event = { municipalityId: null, username, ip: client.ip, userAgent: client.userAgent };
  if (!admin || !admin.active || !ok) {
    const failures = await recordFailure(db, throttleKey, client.ip);
    await recordSecurityEvent(db, { kind: "platform_login_failed", ...event });
    if (failures === FREE_FAILURES) await recordSecurityEvent(db, { kind: "login_locked", ...event });
    throw new AppError("invalid_credentials", 401);
  }
  const { token, tokenHash } = newSessionToken();
  await db.transaction(async (tx) => {
    await clearFailures(tx, throttleKey, client.ip);
    await tx.insert(platformSessions).values({
      tokenHash,
      adminId: admin.id,
      expiresAt: new Date(Date.now() + PLATFORM_SESSION_TTL_MS),
    });
    await recordSecurityEvent(tx, { kind: "platform_login_succeeded", ...event });
  });
  return { token, admin: { id: admin.id, username: admin.username, displayName: admin.displayName } };
}

export async function platformLogout(db: Db, token: string | undefined, client: Client): Promise<void> {
  if (!token) return;
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(platformSessions)
      .where(eq(platformSessions.tokenHash, hashToken(token)))
      .returning({ adminId: platformSessions.adminId });
    if (!ended) return;
    const [admin] = await tx
      .select({ username: platformAdmins.username })
      .from(platformAdmins)
      .where(eq(platformAdmins.id, ended.adminId));
    await recordSecurityEvent(tx, {
      kind: "platform_logout",
      municipalityId: null,
      username: admin?.username ?? null,
      ip: client.ip,
      userAgent: client.userAgent,
    });
  });
}

/**
 * The platform administrator behind a platform cookie, or null: a session that is unknown,
 * expired, idle longer than `idleMs`, or whose administrator is deactivated gives null (an idle
 * one is ended for good). Use touches lastSeenAt.
 */
export async function platformSessionOf(
  tx: DbOrTx,
  token: string | undefined,
  idleMs: number,
): Promise<{ actor: PlatformActor; admin: PlatformAdmin } | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const [row] = await tx
    .select({
      lastSeenAt: platformSessions.lastSeenAt,
      id: platformAdmins.id,
      username: platformAdmins.username,
      displayName: platformAdmins.displayName,
    })
    .from(platformSessions)
    .innerJoin(platformAdmins, eq(platformAdmins.id, platformSessions.adminId))
    .where(
      and(
        eq(platformSessions.tokenHash, tokenHash),
        gt(platformSessions.expiresAt, sql`now()`),
        eq(platformAdmins.active, true),
      ),
    );
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > idleMs) {
    await tx.delete(platformSessions).where(eq(platformSessions.tokenHash, tokenHash));
    return null;
  }
  await tx
    .update(platformSessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(platformSessions.tokenHash, tokenHash));
  return {
    actor: { kind: "platform_admin", platformAdminId: row.id },
    admin: { id: row.id, username: row.username, displayName: row.displayName },
  };
}

interface HealthRow extends Record<string, unknown> {
  id: string;
  name: string;
  code: string;
  created_at: Date | string;
  citizens: number;
  users: number;
  active_users: number;
  open_courses: number;
  last_activity: Date | string | null;
}

interface FailedJobsRow extends Record<string, unknown> {
  municipality_id: string;
  n: number;
}

const iso = (d: Date | string): string => new Date(d).toISOString();
const S = sql.raw(JOB_SCHEMA);

/** Every municipality with its size and health: counts and times only, never a person. */
export async function listMunicipalities(tx: DbOrTx): Promise<MunicipalityHealth[]> {
  const rows = await rawRows<HealthRow>(
    tx,
    sql`select m.id, m.name, m.code, m.created_at,
          (select count(*)::int from ${citizens} c where c.municipality_id = m.id) as citizens,
          (select count(*)::int from ${users} u where u.municipality_id = m.id and u.active) as users,
          (select count(distinct s.user_id)::int from ${securityEvents} s
            where s.municipality_id = m.id and s.kind = 'login_succeeded'
              and s.at > now() - interval '30 days') as active_users,
          (select count(*)::int from ${courses} k where k.municipality_id = m.id and k.stage <> 'closed') as open_courses,
          greatest(
            (select max(a.at) from ${auditEvents} a where a.municipality_id = m.id),
            (select max(s.at) from ${securityEvents} s where s.municipality_id = m.id)
          ) as last_activity
        from ${municipalities} m`,
  );
  // A job concerning one municipality carries its municipalityId (platform/jobs-status.ts); its data is read for nothing else.
  const failed = await rawRows<FailedJobsRow>(
    tx,
    sql`select data->>'municipalityId' as municipality_id, count(*)::int as n from (
          select name, state, created_on, data from ${S}.job
          union all
          select name, state, created_on, data from ${S}.archive
        ) j
        where state = 'failed' and name not like '__pgboss__%' and created_on > now() - interval '30 days'
          and data->>'municipalityId' is not null
        group by 1`,
  );
  const failedOf = new Map(failed.map((f) => [f.municipality_id, f.n]));
  const collator = new Intl.Collator("da");
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      code: r.code,
      createdAt: iso(r.created_at),
      citizens: r.citizens,
      users: r.users,
      activeUsers30d: r.active_users,
      openCourses: r.open_courses,
      lastActivityAt: r.last_activity === null ? null : iso(r.last_activity),
      failedJobs30d: failedOf.get(r.id) ?? 0,
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * A new municipality with what every municipality starts with (the shipped questionnaires, course
 * configuration and retention rules, as `npm run create-admin` gives it), its administration
 * organisation and its first administrator, whose initial password must be changed at first login.
 * Recorded in the new municipality's security log: who created it, and the administrator created.
 */
export async function createMunicipality(
  tx: DbOrTx,
  by: PlatformAdmin,
  body: CreateMunicipalityBody,
  client: Client,
): Promise<CreatedMunicipality> {
  const username = body.admin.username;
  assertPasswordPolicy("admin.password", body.admin.password, { username });
  const [municipality] = await tx
    .insert(municipalities)
    .values({ name: body.name, code: body.code })
    .onConflictDoNothing({ target: municipalities.code })
    .returning({ id: municipalities.id, name: municipalities.name, code: municipalities.code });
  if (!municipality)
    throw new AppError("duplicate_municipality_code", 409, {
      fields: [{ field: "code", reason: "invalid_value" }],
    });
  const municipalityId = municipality.id;
  await installShippedQuestionnaires(tx, municipalityId);
  await installShippedCourseDefinitions(tx, municipalityId);
  await installShippedRetentionRules(tx, municipalityId);
  const [org] = await tx
    .insert(organisations)
    .values({ municipalityId, name: "Administration", kind: "administration" })
    .returning({ id: organisations.id });
  const [user] = await tx
    .insert(users)
    .values({
      municipalityId,
      organisationId: org!.id,
      username,
      displayName: body.admin.displayName,
      role: "administrator",
      passwordHash: await hashPassword(body.admin.password),
      mustChangePassword: true,
    })
    .onConflictDoNothing({ target: users.username })
    .returning({ id: users.id });
  // Usernames are unique across the installation (login has no municipality yet); the route's
  // transaction rolls the municipality back with this refusal.
  if (!user)
    throw new AppError("duplicate_username", 409, {
      fields: [{ field: "admin.username", reason: "invalid_value" }],
    });
  await recordSecurityEvent(tx, {
    kind: "municipality_created",
    municipalityId,
    username: by.username,
    ip: client.ip,
    userAgent: client.userAgent,
  });
  await recordSecurityEvent(tx, {
    kind: "user_created",
    municipalityId,
    username,
    userId: user.id,
    ip: client.ip,
    userAgent: client.userAgent,
  });
  return {
    id: municipalityId,
    name: municipality.name,
    code: municipality.code,
    admin: { id: user.id, username, mustChangePassword: true },
  };
}

/** Input of `npm run create-platform-admin`. */
export interface NewPlatformAdmin {
  username: string;
  displayName: string;
  password: string;
}

/** Why the command refuses, for its one line on stderr. */
export class CreatePlatformAdminError extends Error {}

const USERNAME = /^[a-z0-9._-]{3,60}$/;

/** The checks that need no database. */
export function checkPlatformAdmin(input: NewPlatformAdmin): void {
  for (const [key, value] of Object.entries(input))
    if (!value.trim()) throw new CreatePlatformAdminError(`${key} mangler`);
  if (!USERNAME.test(input.username.toLowerCase()))
    throw new CreatePlatformAdminError(
      "brugernavnet må kun have a–z, 0–9, punktum, bindestreg og understreg (3–60 tegn)",
    );
  const problem = passwordProblem(input.password, { username: input.username.toLowerCase() });
  if (problem) throw new CreatePlatformAdminError(PASSWORD_PROBLEMS[problem]);
}

const PASSWORD_PROBLEMS: Record<NonNullable<ReturnType<typeof passwordProblem>>, string> = {
  too_short: "adgangskoden er for kort (mindst 12 tegn)",
  too_long: "adgangskoden er for lang",
  password_contains_username: "adgangskoden må ikke indeholde brugernavnet",
  password_too_common: "adgangskoden er for almindelig",
  password_reused: "adgangskoden må ikke genbruges",
};

/** Creates a platform administrator (the command at installation); refuses a username in use. */
export async function createPlatformAdmin(db: DbOrTx, input: NewPlatformAdmin): Promise<{ id: string }> {
  checkPlatformAdmin(input);
  const username = input.username.toLowerCase();
  const [row] = await db
    .insert(platformAdmins)
    .values({
      username,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(input.password),
    })
    .onConflictDoNothing({ target: platformAdmins.username })
    .returning({ id: platformAdmins.id });
  if (!row)
    throw new CreatePlatformAdminError(
      `platformadministratoren "${username}" findes allerede; intet er ændret`,
    );
  return { id: row.id };
}
