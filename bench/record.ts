/**
 * The raw side of a like-with-like benchmark (issue 19, point 6): the statements a service sends,
 * recorded once in a transaction that is rolled back (nothing stays), then sent again straight to
 * the driver — the same text and parameters, in one transaction as the route runs them, without
 * Drizzle, validation, the presenter or JSON. Recording goes through a second Drizzle instance
 * over the same driver client with a query logger, so every statement counts: the query builder's
 * as well as execute()'s. Statements that depend on a cache are recorded with the cache as the
 * route finds it, so call the route once before recording.
 */
import { TransactionRollbackError, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { Actor } from "../src/domain/access-policy.js";
import { type Database, type Db, type Tx, rawRows } from "../src/server/db/client.js";
import * as schema from "../src/server/db/schema/index.js";
import type { Ctx } from "../src/server/platform/context.js";
import { isolateTenant } from "../src/server/platform/tenant-isolation.js";

export interface Statement {
  text: string;
  params: unknown[];
}

const clientOf = (database: Database) => (database.db as unknown as { $client: unknown }).$client;

/**
 * The statements `work` sends in a transaction, which is then rolled back. The transaction is put
 * under the municipality's row-level security first, as declareRoute does for every staff request
 * (decision 0106): that statement is recorded too, and the raw side runs under the same policies.
 */
export async function record(
  database: Database,
  municipalityId: string,
  work: (tx: Tx) => Promise<unknown>,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  const logger = {
    logQuery(text: string, params: unknown[]) {
      // The transaction's own frame is sent by replay() itself.
      if (!/^\s*(begin|commit|rollback)\b/i.test(text)) statements.push({ text, params: [...params] });
    },
  };
  const recording = (database.kind === "postgres"
    ? drizzlePg({ client: clientOf(database) as pg.Pool, schema, logger })
    : drizzlePglite({ client: clientOf(database) as PGlite, schema, logger })) as unknown as Db;
  try {
    await recording.transaction(async (tx) => {
      await isolateTenant(tx, municipalityId);
      await work(tx);
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return statements;
}

/** The recorded statements again, one after the other in one transaction, straight to the driver. */
export async function replay(database: Database, statements: readonly Statement[]): Promise<void> {
  if (database.kind === "postgres") {
    const client = await (clientOf(database) as pg.Pool).connect();
    try {
      await client.query("begin");
      for (const s of statements) await client.query(s.text, s.params);
      await client.query("commit");
    } finally {
      client.release();
    }
    return;
  }
  await (clientOf(database) as PGlite).transaction(async (t) => {
    for (const s of statements) await t.query(s.text, s.params);
  });
}

/** A demo user as the services see them (the route builds the same from the session). */
export async function ctxOf(db: Db, username: string): Promise<Ctx> {
  const [actor] = await rawRows<Actor & Record<string, unknown>>(
    db,
    sql`select u.id as "userId", u.municipality_id as "municipalityId", u.organisation_id as "organisationId",
          o.kind as "organisationKind", u.district_id as "districtId", u.role, u.ambassador_district_id as "ambassadorDistrictId"
        from users u join organisations o on o.id = u.organisation_id where u.username = ${username}`,
  );
  if (!actor) throw new Error(`no user ${username}`);
  return { actor, ip: "127.0.0.1", userAgent: "bench", lang: "da" };
}
