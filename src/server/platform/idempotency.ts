/**
 * The one idempotency mechanism. Writes from phones carry an Idempotency-Key;
 * the key row is inserted inside the write's own transaction, so:
 *  - a repeat after success returns the first response (nothing written twice);
 *  - a repeat racing the first waits on the key's unique index, then sees it;
 *  - a failed first attempt rolls back its key too, so a retry really retries.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { builtOnceSql } from "../db/built-once.js";
import type { Db, Tx } from "../db/client.js";
import { idempotencyKeys } from "../db/schema/index.js";
import type { Ctx } from "./context.js";
import { AppError } from "./errors.js";
import { tenantTransaction } from "./tenant-isolation.js";

export interface WriteResult<T> {
  status: number;
  body: T;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers["idempotency-key"];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || !KEY_PATTERN.test(key)) throw AppError.field("Idempotency-Key", "invalid_format");
  return key;
}

function requestHash(request: FastifyRequest): string {
  return createHash("sha256")
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params ?? {})} ${JSON.stringify(request.body ?? null)}`,
    )
    .digest("hex");
}

// Plain statements built once (db/built-once.ts): Drizzle's builder cost more CPU than the round
// trips themselves (decision 0092), and every write with a key runs both.
const p = (name: string) => sql.placeholder(name);
const claimKey = builtOnceSql<{ one: number }, { userId: string; key: string; hash: string }>(
  sql`insert into idempotency_keys (user_id, key, request_hash, status_code)
    values (${p("userId")}::uuid, ${p("key")}, ${p("hash")}, 0) on conflict do nothing returning 1 as one`,
);
const storeAnswer = builtOnceSql<
  Record<string, unknown>,
  { status: number; body: string | null; userId: string; key: string }
>(
  sql`update idempotency_keys set status_code = ${p("status")}, response_body = ${p("body")}::jsonb
    where user_id = ${p("userId")}::uuid and key = ${p("key")}`,
);

/**
 * Run a write in one transaction, once per Idempotency-Key (when the client sent one), under the
 * caller's municipality's row-level security (tenant-isolation.ts).
 */
export async function writeOnce<T>(
  db: Db,
  request: FastifyRequest,
  ctx: Ctx,
  work: (tx: Tx) => Promise<WriteResult<T>>,
): Promise<WriteResult<T>> {
  const key = idempotencyKeyOf(request);
  const municipalityId = ctx.actor.municipalityId;
  if (!key) return tenantTransaction(db, municipalityId, work);
  const hash = requestHash(request);
  const userId = ctx.actor.userId;
  return tenantTransaction(db, municipalityId, async (tx) => {
    const inserted = await claimKey(tx, { userId, key, hash });
    if (inserted.length === 0) {
      const [first] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (!first || first.requestHash !== hash) throw new AppError("idempotency_key_reused", 422);
      return { status: first.statusCode, body: first.responseBody as T };
    }
    const result = await work(tx);
    // jsonb like Drizzle's column: the answer's JSON, or SQL NULL for none.
    const body = result.body === undefined || result.body === null ? null : JSON.stringify(result.body);
    await storeAnswer(tx, { status: result.status, body, userId, key });
    return result;
  });
}
