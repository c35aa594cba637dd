/**
 * SCIM tokens (decision 0102): the administrator issues one to the municipality's identity
 * provider (the secret shown once, only its SHA-256 kept), lists them and revokes one; every
 * /scim/v2 request's bearer token is looked up here, so a revoked token is refused on the very
 * next request.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { IssuedScimToken, ScimToken } from "../../../shared/api/provisioning.js";
import type { Db, DbOrTx } from "../../db/client.js";
import { scimTokens, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { hashToken } from "../../platform/auth.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { type Lang, pickLang } from "../../platform/messages.js";
import { inTenant } from "../../platform/tenancy.js";

/** Who calls /scim/v2: the identity provider of one municipality, known by its token. */
export interface ScimCaller {
  tokenId: string;
  municipalityId: string;
  ip: string;
  userAgent: string | null;
  lang: Lang;
}

/** Tokens start with a recognisable prefix, so a leaked one is easy to find in a repository or log. */
const TOKEN_PREFIX = "broen-scim-";
/** lastUsedAt is written at most this often, so a sync of thousands of users does not write it each time. */
const TOUCH_MS = 60_000;

async function loadTokens(tx: DbOrTx, ctx: Ctx, id?: string): Promise<ScimToken[]> {
  const rows = await tx
    .select({
      id: scimTokens.id,
      name: scimTokens.name,
      createdAt: scimTokens.createdAt,
      createdById: users.id,
      createdByName: users.displayName,
      revokedAt: scimTokens.revokedAt,
      lastUsedAt: scimTokens.lastUsedAt,
    })
    .from(scimTokens)
    .leftJoin(users, eq(users.id, scimTokens.createdBy))
    .where(and(inTenant(scimTokens, ctx), id ? eq(scimTokens.id, id) : undefined))
    // Tokens in use first (revoked ones last), newest first within each.
    .orderBy(sql`${scimTokens.revokedAt} is not null`, desc(scimTokens.createdAt), asc(scimTokens.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdById ? { id: r.createdById, name: r.createdByName ?? "" } : null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function listScimTokens(tx: DbOrTx, ctx: Ctx): Promise<{ items: ScimToken[] }> {
  authorize(ctx, { kind: "scimToken.manage" });
  return { items: await loadTokens(tx, ctx) };
}

export async function issueScimToken(tx: DbOrTx, ctx: Ctx, name: string): Promise<IssuedScimToken> {
  authorize(ctx, { kind: "scimToken.manage" });
  // 256 random bits: the token is the whole credential.
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await tx
    .insert(scimTokens)
    .values({
      municipalityId: ctx.actor.municipalityId,
      name,
      tokenHash: hashToken(token),
      createdBy: ctx.actor.userId,
    })
    .returning({ id: scimTokens.id });
  await audit(tx, ctx, { action: "create", entityType: "scim_token", entityId: row!.id });
  const [view] = await loadTokens(tx, ctx, row!.id);
  return { ...view!, token };
}

export async function revokeScimToken(tx: DbOrTx, ctx: Ctx, id: string): Promise<ScimToken> {
  authorize(ctx, { kind: "scimToken.manage" });
  const [row] = await tx
    .select({ revokedAt: scimTokens.revokedAt })
    .from(scimTokens)
    .where(and(inTenant(scimTokens, ctx), eq(scimTokens.id, id)))
    .for("update");
  if (!row) throw AppError.notFound("scim_token_not_found");
  if (row.revokedAt) throw new AppError("scim_token_revoked", 409);
  await tx
    .update(scimTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(inTenant(scimTokens, ctx), eq(scimTokens.id, id), isNull(scimTokens.revokedAt)));
  await audit(tx, ctx, { action: "deactivate", entityType: "scim_token", entityId: id });
  return (await loadTokens(tx, ctx, id))[0]!;
}

/** Built once per app: a prepared query, like the session lookup (decision 0092). */
export function scimBearerLookup(db: Db) {
  const query = db
    .select({
      id: scimTokens.id,
      municipalityId: scimTokens.municipalityId,
      lastUsedAt: scimTokens.lastUsedAt,
    })
    .from(scimTokens)
    .where(and(eq(scimTokens.tokenHash, sql.placeholder("tokenHash")), isNull(scimTokens.revokedAt)))
    .prepare("broen_scim_bearer_lookup");

  return async (request: FastifyRequest): Promise<ScimCaller> => {
    const header = request.headers.authorization;
    if (!header || !/^Bearer\s+/i.test(header)) throw new AppError("scim_token_required", 401);
    const token = header.replace(/^Bearer\s+/i, "").trim();
    const [row] = token ? await query.execute({ tokenHash: hashToken(token) }) : [];
    if (!row) throw new AppError("scim_token_invalid", 401);
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_MS)
      await db
        .update(scimTokens)
        .set({ lastUsedAt: sql`now()` })
        .where(eq(scimTokens.id, row.id));
    return {
      tokenId: row.id,
      municipalityId: row.municipalityId,
      ip: request.ip,
      userAgent: request.headers["user-agent"] ?? null,
      lang: pickLang(request.headers["accept-language"]),
    };
  };
}
