/**
 * The system clients' credentials at work (decision 0099): the client-credentials grant that
 * trades a client id and secret for a short-lived bearer token, and the bearer check every FHIR
 * request but /metadata passes. Only the token's SHA-256 is stored; the check joins the token to
 * its client and service user every time, so revoking a client (or deactivating its user) refuses
 * the very next request, without waiting for the token to expire.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lte, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../../../domain/access-policy.js";
import { FHIR_SCOPES, type FhirResourceType } from "../../../../shared/api/care-record-clients.js";
import type { Db } from "../../../db/client.js";
import { fhirAccessTokens, fhirClients, organisations, users } from "../../../db/schema/index.js";
import { hashToken } from "../../../platform/auth.js";
import type { Ctx } from "../../../platform/context.js";
import { AppError } from "../../../platform/errors.js";
import { pickLang } from "../../../platform/messages.js";
import { dummyPasswordHash, verifyPassword } from "../../../platform/passwords.js";
import { recordSecurityEvent } from "../../../platform/security-log.js";

/** A token's life: SMART Backend Services asks for no more than five minutes. */
export const TOKEN_TTL_SECONDS = 300;

export interface TokenRequest {
  grant_type?: string | undefined;
  client_id?: string | undefined;
  client_secret?: string | undefined;
  scope?: string | undefined;
}

export interface TokenAnswer {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

interface Client {
  ip: string;
  userAgent: string | null;
}

/** client_secret_basic (RFC 6749 §2.3.1): the id and secret form-encoded, then base64 in the header. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return null;
  }
}

/** The scopes granted: those asked for (all the client has when none is asked), never beyond them. */
export function grantedScopes(asked: string | undefined, has: readonly string[]): string[] | null {
  const wanted = (asked ?? "").split(/\s+/).filter(Boolean);
  if (wanted.length === 0) return [...has];
  const unique = [...new Set(wanted)];
  return unique.every((s) => has.includes(s) || (has.includes("system/*.read") && isKnownScope(s)))
    ? unique
    : null;
}

function isKnownScope(scope: string): boolean {
  return (FHIR_SCOPES as readonly string[]).includes(scope);
}

/**
 * The client-credentials grant. Runs on the database itself (not one transaction): a refused try
 * is kept in the security log although the answer is an error.
 */
export async function issueToken(
  db: Db,
  body: TokenRequest,
  basic: { id: string; secret: string } | null,
  from: Client,
): Promise<TokenAnswer> {
  if (body.grant_type === undefined) throw new AppError("oauth_invalid_request", 400);
  if (body.grant_type !== "client_credentials") throw new AppError("oauth_unsupported_grant_type", 400);
  const clientId = basic?.id ?? body.client_id;
  const secret = basic?.secret ?? body.client_secret;
  if (!clientId || !secret) throw new AppError("oauth_invalid_request", 400);

  const [client] = await db
    .select({
      id: fhirClients.id,
      municipalityId: fhirClients.municipalityId,
      userId: fhirClients.userId,
      secretHash: fhirClients.secretHash,
      scopes: fhirClients.scopes,
      revokedAt: fhirClients.revokedAt,
      userActive: users.active,
    })
    .from(fhirClients)
    .innerJoin(users, eq(users.id, fhirClients.userId))
    .where(eq(fhirClients.clientId, clientId.slice(0, 200)));
  // An unknown client id costs the same time as a wrong secret, so timing tells no ids apart.
  const secretOk = await verifyPassword(client?.secretHash ?? (await dummyPasswordHash()), secret);
  const refuse = async (code: "oauth_invalid_client" | "oauth_invalid_scope"): Promise<never> => {
    await recordSecurityEvent(db, {
      kind: "fhir_token_refused",
      municipalityId: client?.municipalityId ?? null,
      username: clientId,
      userId: client?.userId ?? null,
      ip: from.ip,
      userAgent: from.userAgent,
    });
    throw new AppError(code, code === "oauth_invalid_client" ? 401 : 400);
  };
  if (!client || !secretOk || client.revokedAt || !client.userActive) return refuse("oauth_invalid_client");
  const scopes = grantedScopes(body.scope, client.scopes);
  if (!scopes) return refuse("oauth_invalid_scope");

  const token = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    // Expired tokens of the client are of no use to anyone: dropped as new ones are issued.
    await tx
      .delete(fhirAccessTokens)
      .where(and(eq(fhirAccessTokens.clientId, client.id), lte(fhirAccessTokens.expiresAt, sql`now()`)));
    await tx.insert(fhirAccessTokens).values({
      tokenHash: hashToken(token),
      clientId: client.id,
      municipalityId: client.municipalityId,
      scopes,
      expiresAt: sql`now() + make_interval(secs => ${TOKEN_TTL_SECONDS})`,
    });
    await tx
      .update(fhirClients)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(fhirClients.id, client.id));
  });
  return {
    access_token: token,
    token_type: "Bearer",
    expires_in: TOKEN_TTL_SECONDS,
    scope: scopes.join(" "),
  };
}

/** What a valid bearer token stands for: the service user's Ctx and the token's scopes. */
export interface BearerCaller {
  ctx: Ctx;
  scopes: readonly string[];
}

/** Built once per app (a prepared query, like the session lookup in platform/auth.ts). */
export function bearerLookup(db: Db) {
  const query = db
    .select({
      scopes: fhirAccessTokens.scopes,
      userId: users.id,
      municipalityId: users.municipalityId,
      organisationId: users.organisationId,
      organisationKind: organisations.kind,
      districtId: users.districtId,
      ambassadorDistrictId: users.ambassadorDistrictId,
      role: users.role,
    })
    .from(fhirAccessTokens)
    .innerJoin(fhirClients, eq(fhirClients.id, fhirAccessTokens.clientId))
    .innerJoin(users, eq(users.id, fhirClients.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(fhirAccessTokens.tokenHash, sql.placeholder("tokenHash")),
        gt(fhirAccessTokens.expiresAt, sql`now()`),
        isNull(fhirClients.revokedAt),
        eq(users.active, true),
        eq(users.role, "system_client"),
      ),
    )
    .prepare("broen_fhir_bearer_lookup");

  return async (request: FastifyRequest): Promise<BearerCaller> => {
    const header = request.headers.authorization;
    if (!header || !/^Bearer\s+/i.test(header)) throw new AppError("fhir_token_required", 401);
    const token = header.replace(/^Bearer\s+/i, "").trim();
    const [row] = token ? await query.execute({ tokenHash: hashToken(token) }) : [];
    if (!row) throw new AppError("fhir_token_invalid", 401);
    const actor: Actor = {
      userId: row.userId,
      municipalityId: row.municipalityId,
      organisationId: row.organisationId,
      organisationKind: row.organisationKind,
      districtId: row.districtId,
      role: row.role,
      ambassadorDistrictId: row.ambassadorDistrictId,
    };
    return {
      ctx: {
        actor,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
        lang: pickLang(request.headers["accept-language"]),
      },
      scopes: row.scopes,
    };
  };
}

/** Whether the token's scopes let the client read this type. */
export function mayRead(scopes: readonly string[], type: FhirResourceType): boolean {
  return scopes.includes("system/*.read") || scopes.includes(`system/${type}.read`);
}
