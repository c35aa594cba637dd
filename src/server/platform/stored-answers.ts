/**
 * Removing stored answers (issue 13): the idempotency mechanism keeps a write's first answer under
 * its Idempotency-Key, and such answers can hold a citizen's name, address, notes or what was shared
 * with the volunteer centre. When that data is anonymised, erased or no longer shared, the answers
 * that hold it are replaced by a 409 in the one error shape. The row is kept: a client repeating
 * the request with the same key is told the answer was removed, and the write is not done a second
 * time (deleting the key would let a retried "create" run again).
 *
 * An answer is found by texts it contains — the ids of the rows it wrote (random UUIDs, so a match
 * is never by chance) and, for a citizen, their CPR, name and address. A text may match an answer
 * about someone else (a shared name): that answer is replaced too, which costs only a repeat of that
 * request its replay — the safe side.
 */
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, rawRows } from "../db/client.js";
import { users } from "../db/schema/index.js";
import { ERROR_MESSAGES } from "./messages.js";
import { inTenant } from "./tenancy.js";

const REMOVED_STATUS = 409;
const REMOVED_BODY = {
  error: { code: "stored_answer_removed", message: ERROR_MESSAGES.stored_answer_removed.da },
};

/** A LIKE pattern matching the text anywhere, with LIKE's own wildcards taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const owner = alias(users, "u");

function holding(municipalityId: string, texts: readonly string[]): SQL {
  const patterns = texts.map((s) => sql`${containing(s)}`);
  return sql`u.id = k.user_id and ${inTenant(owner, municipalityId)}
    and k.response_body is not null and k.status_code <> ${REMOVED_STATUS}
    and k.response_body::text like any (array[${sql.join(patterns, sql`, `)}]::text[])`;
}

/** How many stored answers of the municipality's users hold any of the texts (for a preview). */
export async function countStoredAnswers(
  tx: DbOrTx,
  municipalityId: string,
  texts: readonly string[],
): Promise<number> {
  if (texts.length === 0) return 0;
  const rows = await rawRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from idempotency_keys k, users u where ${holding(municipalityId, texts)}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Replaces those answers by the "removed" refusal; answers how many. */
export async function replaceStoredAnswers(
  tx: DbOrTx,
  municipalityId: string,
  texts: readonly string[],
): Promise<number> {
  if (texts.length === 0) return 0;
  const rows = await rawRows<{ one: number }>(
    tx,
    sql`update idempotency_keys k set status_code = ${REMOVED_STATUS}, response_body = ${JSON.stringify(REMOVED_BODY)}::jsonb
      from users u
      where ${holding(municipalityId, texts)}
      returning 1 as one`,
  );
  return rows.length;
}
