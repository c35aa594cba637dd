/**
 * Failed logins, counted per username *and* client address in `login_throttle` (shared by every
 * Broen process). From one address, a name gets FREE_FAILURES tries; after that each failure
 * makes the address wait before its next try for that name, doubling from FIRST_DELAY_SECONDS up
 * to MAX_DELAY_SECONDS. Another address — the owner at their own tablet — is never held up, so
 * failures cannot be used to lock someone else out. An administrator's unlock or password reset
 * clears every address's count for the name. Unknown names are counted the same way, so a delay
 * tells nothing about which names exist.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { loginThrottle } from "../../db/schema/index.js";

export const FREE_FAILURES = 5;
export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;
/** A count left alone this long starts over. */
const FORGET_AFTER_HOURS = 24;

/** The wait after the n-th consecutive failure (0 while n < FREE_FAILURES). */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/** Seconds this address must still wait before trying this name again (0: it may try now). */
export async function secondsToWait(db: DbOrTx, username: string, client: string): Promise<number> {
  const [row] = await db
    .select({ seconds: sql<number>`ceil(extract(epoch from (${loginThrottle.lockedUntil} - now())))::int` })
    .from(loginThrottle)
    .where(
      and(
        eq(loginThrottle.username, username),
        eq(loginThrottle.client, client),
        sql`${loginThrottle.lockedUntil} > now()`,
      ),
    );
  return row?.seconds ?? 0;
}

/** Counts a failure and sets the address's next allowed try; returns the failures so far. */
export async function recordFailure(db: DbOrTx, username: string, client: string): Promise<number> {
  const stale = sql`${loginThrottle.updatedAt} < now() - make_interval(hours => ${FORGET_AFTER_HOURS})`;
  const failures = sql`case when ${stale} then 1 else ${loginThrottle.failures} + 1 end`;
  // The delay computed in SQL from the same count, so concurrent failures cannot skip a step.
  const delay = (n: unknown) =>
    sql`case when ${n} < ${FREE_FAILURES} then null
      else now() + make_interval(secs => least(${MAX_DELAY_SECONDS}, ${FIRST_DELAY_SECONDS} * power(2, ${n} - ${FREE_FAILURES}))) end`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ username, client, failures: 1 })
    .onConflictDoUpdate({
      target: [loginThrottle.username, loginThrottle.client],
      set: { failures, lockedUntil: delay(failures), updatedAt: sql`now()` },
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures ?? 1;
}

/** A success from an address forgets that address's failures (others' stay). */
export async function clearFailures(db: DbOrTx, username: string, client: string): Promise<void> {
  await db
    .delete(loginThrottle)
    .where(and(eq(loginThrottle.username, username), eq(loginThrottle.client, client)));
}

/** An administrator's unlock or password reset: every address's count for the name. */
export async function unlockUsername(db: DbOrTx, username: string): Promise<boolean> {
  const rows = await db
    .delete(loginThrottle)
    .where(eq(loginThrottle.username, username))
    .returning({ username: loginThrottle.username });
  return rows.length > 0;
}

/** Whether some address must currently wait before trying this name (shown on the admin's user page). */
export function isDelayedSql(usernameColumn: unknown) {
  return sql<boolean>`exists (select 1 from ${loginThrottle} where ${loginThrottle.username} = ${usernameColumn} and ${loginThrottle.lockedUntil} > now())`;
}
