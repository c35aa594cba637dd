/**
 * Staff who work for several municipalities (issue 15 point 4, decision 0104): one login, and a
 * session that works in one municipality at a time. The person's rows are the login row (the one
 * with the password or the identity-provider link) and its memberships — rows in other
 * municipalities whose `login_user_id` names the login row. Switching moves the session to the
 * person's row in the chosen municipality; every request then resolves that row (platform/auth.ts),
 * so role, organisation, district and every query's tenant follow without anything else knowing.
 *
 * A staff request's transaction sees only its own municipality (row-level security, decision 0106),
 * and the person's other rows are in other municipalities: the few reads and writes of them here
 * step out of it with acrossMunicipalities(), always limited to this one person's rows.
 */
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { danishCollator } from "../../../domain/danish-text.js";
import type { MunicipalityChoice } from "../../../shared/api/auth.js";
import { builtOnce } from "../../db/built-once.js";
import type { DbOrTx } from "../../db/client.js";
import { municipalities, sessions, users } from "../../db/schema/index.js";
import { endUserAccess, hashToken } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { recordSecurityEvent } from "../../platform/security-log.js";
import { acrossMunicipalities, isolateTenant } from "../../platform/tenant-isolation.js";
import { inTenant } from "../../platform/tenancy.js";

/** Who is asking (service.ts's Client, repeated so the two files do not import each other). */
interface Client {
  ip: string;
  userAgent: string | null;
}

// Built once (db/built-once.ts): every page load asks who is logged in (GET /api/auth/me).
const loginIdOf = sql.placeholder("loginId");

const selectLoginRow = builtOnce((db) =>
  db
    .select({ id: sql<string>`coalesce(${users.loginUserId}, ${users.id})` })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId"))),
);

/** The login row behind a user row: itself, or the row a membership belongs to. */
export async function loginRowOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await selectLoginRow(db, { userId });
  return row?.id ?? null;
}

/** The person's rows: the login row and its memberships. */
const ofPerson = (loginId: string) => or(eq(users.id, loginId), eq(users.loginUserId, loginId));

const selectMunicipalitiesOfPerson = builtOnce((db) =>
  db
    .select({ id: municipalities.id, name: municipalities.name, code: municipalities.code })
    .from(users)
    .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(
      and(
        or(eq(users.id, loginIdOf), eq(users.loginUserId, loginIdOf)),
        sql`${users.active}`,
        sql`exists (select 1 from ${users} l where l.id = ${loginIdOf} and l.active)`,
      ),
    ),
);

const PERSON_ROWS = "the municipalities one person works in: their login row and its memberships";

/**
 * The municipalities the person behind `userId` may work in: those where they have an active row,
 * and only while the login row itself is active (a leaver's memberships lead nowhere). `tenant`:
 * the municipality whose row-level security the transaction runs under, if it does.
 */
export async function municipalitiesOf(
  db: DbOrTx,
  userId: string,
  tenant?: string,
): Promise<MunicipalityChoice[]> {
  if (tenant) return acrossMunicipalities(db, tenant, PERSON_ROWS, () => municipalitiesOf(db, userId));
  const loginId = await loginRowOf(db, userId);
  if (!loginId) return [];
  const rows = await selectMunicipalitiesOfPerson(db, { loginId });
  return rows.sort((a, b) => danishCollator.compare(a.name, b.name));
}

/**
 * Moves the session (the same token: see decision 0104) to the person's active row in the
 * municipality. A municipality the person has no active row in is refused as unknown (404 naming
 * the field), so the answer tells nothing of which municipalities exist. Switching to where the
 * session already is changes nothing, so a retried switch answers the same.
 */
export async function switchMunicipality(
  tx: DbOrTx,
  input: { token: string; userId: string; from: string; municipalityId: string; client: Client },
): Promise<string> {
  const userId = await acrossMunicipalities(tx, input.from, PERSON_ROWS, () => moveSession(tx, input));
  // The rest of the request (its answer) is the new municipality's, under its row-level security.
  await isolateTenant(tx, input.municipalityId);
  return userId;
}

async function moveSession(
  tx: DbOrTx,
  input: { token: string; userId: string; municipalityId: string; client: Client },
): Promise<string> {
  const loginId = await loginRowOf(tx, input.userId);
  const [target] = loginId
    ? await tx
        .select({ id: users.id, username: users.username })
        .from(users)
        .where(and(inTenant(users, input.municipalityId), ofPerson(loginId), eq(users.active, true)))
    : [];
  const [login] = loginId
    ? await tx.select({ active: users.active }).from(users).where(eq(users.id, loginId))
    : [];
  if (!target || !login?.active)
    throw AppError.field("municipalityId", "invalid_value", "municipality_not_available", 404);
  if (target.id === input.userId) return target.id;
  const [moved] = await tx
    .update(sessions)
    .set({ userId: target.id, lastSeenAt: sql`now()` })
    .where(and(eq(sessions.tokenHash, hashToken(input.token)), eq(sessions.userId, input.userId)))
    .returning({ userId: sessions.userId });
  if (!moved) throw new AppError("unauthenticated", 401);
  // In the log of the municipality entered, like a login there: its administrators see who came in.
  await recordSecurityEvent(tx, {
    kind: "municipality_switched",
    municipalityId: input.municipalityId,
    username: target.username,
    userId: target.id,
    ip: input.client.ip,
    userAgent: input.client.userAgent,
  });
  return target.id;
}

/**
 * endUserAccess() from a transaction under `tenant`'s row-level security (an administrator's
 * change to a user): the person's sessions and calendar feeds in their other municipalities end too.
 */
export function endAccessEverywhere(tx: DbOrTx, userId: string, tenant: string): Promise<void> {
  return acrossMunicipalities(tx, tenant, PERSON_ROWS, () => endUserAccess(tx, userId));
}

/**
 * The person a membership is for (admin, decision 0104): the active login row with this username,
 * in whichever municipality — the username is the one thing the granting administrator knows.
 * Null for an unknown or inactive username, a membership's own and a service user's.
 */
export async function loginRowByUsername(
  tx: DbOrTx,
  tenant: string,
  username: string,
): Promise<{ id: string; username: string; municipalityId: string } | null> {
  const [row] = await acrossMunicipalities(tx, tenant, "a login row by its username, for a membership", () =>
    tx
      .select({
        id: users.id,
        username: users.username,
        municipalityId: users.municipalityId,
        loginUserId: users.loginUserId,
      })
      .from(users)
      .where(and(eq(users.username, username), eq(users.active, true), ne(users.role, "system_client"))),
  );
  return row && row.loginUserId === null ? row : null;
}

/**
 * The name of the municipality each login row is in, for the memberships in an administrator's user
 * list ("logs in via …"): nothing else of those rows.
 */
export async function loginMunicipalityNames(
  tx: DbOrTx,
  tenant: string,
  loginUserIds: string[],
): Promise<Map<string, string>> {
  if (loginUserIds.length === 0) return new Map();
  const rows = await acrossMunicipalities(tx, tenant, "where a membership's person logs in", () =>
    tx
      .select({ id: users.id, name: municipalities.name })
      .from(users)
      .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
      .where(inArray(users.id, loginUserIds)),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
