/**
 * Tenancy as defence in depth (issue 15 point 5, decision 0106). Every query names its municipality
 * with inTenant() (tenancy.ts); in addition, a staff request's transaction runs as the database role
 * `broen_tenant` with `broen.municipality_id` set to the caller's municipality, and row-level security
 * policies on every municipality-owned table (migration 0028) show and accept only that
 * municipality's rows. A query written without its filter then finds nothing of another
 * municipality instead of leaking it, and an insert or update into another municipality is refused.
 *
 * Both settings are transaction-local (set_config(…, true)): they end with COMMIT or ROLLBACK, so a
 * pooled connection (or PGlite's one connection) never carries them into the next transaction. The
 * role Broen connects as owns the tables and is not subject to the policies: migrations, jobs,
 * the session lookup, login and the platform administration work across municipalities as before.
 */
import { sql } from "drizzle-orm";
import { builtOnceSql } from "../db/built-once.js";
import type { Db, DbOrTx, Tx } from "../db/client.js";

export const TENANT_ROLE = "broen_tenant";

/** Puts the rest of the transaction under the municipality's row-level security. */
export async function isolateTenant(tx: DbOrTx, municipalityId: string): Promise<void> {
  await setTenant(tx, { municipalityId });
}

// Built once (db/built-once.ts): every staff request runs them. The role is a constant of the text.
const setTenant = builtOnceSql<Record<string, unknown>, { municipalityId: string }>(
  sql`select set_config('role', ${sql.raw(`'${TENANT_ROLE}'`)}, true), set_config('broen.municipality_id', ${sql.placeholder("municipalityId")}, true)`,
);
const leaveTenant = builtOnceSql<{ isolated: boolean }, Record<string, never>>(
  sql`select current_user = ${sql.raw(`'${TENANT_ROLE}'`)} as isolated, set_config('role', 'none', true)`,
);

/**
 * One transaction under the municipality's row-level security from its first statement. A snapshot
 * route (one consistent view over many reads: the access export) asks for REPEATABLE READ here, in
 * BEGIN itself: PostgreSQL takes the snapshot at the first statement, which is the isolation's.
 */
export function tenantTransaction<T>(
  db: Db,
  municipalityId: string,
  work: (tx: Tx) => Promise<T>,
  opts: { snapshot?: boolean } = {},
): Promise<T> {
  return db.transaction(
    async (tx) => {
      await isolateTenant(tx, municipalityId);
      return work(tx);
    },
    opts.snapshot ? { isolationLevel: "repeatable read" } : undefined,
  );
}

/**
 * Steps out of the row-level security for one piece of work that must know something beyond the
 * caller's municipality — never a citizen of another: the municipalities one person works in, that
 * an id or a SOR code is already another municipality's, the installation's unattributed security-log
 * lines a retention preview counts. Say why; every call site is listed in decision 0106 and allowed by
 * tenant-isolation.test.ts. Outside an isolated transaction (a job) it only runs the work. The
 * policies apply again afterwards; on an error the transaction is aborted and ends anyway.
 */
export async function acrossMunicipalities<T>(
  tx: DbOrTx,
  municipalityId: string,
  why: string,
  work: () => Promise<T>,
): Promise<T> {
  void why;
  const [state] = await leaveTenant(tx, {});
  const result = await work();
  if (state?.isolated) await isolateTenant(tx, municipalityId);
  return result;
}
