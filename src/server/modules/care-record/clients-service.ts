/**
 * The system clients of the FHIR read API (issue 14 point 3): issued, listed and revoked by the
 * administrator. Each client has a service user (role system_client, in the municipality's
 * administration, with a password hash nothing can match), so its reads go through the one policy
 * and land on the audit trail under its name like any user's. The secret is shown once; only its
 * argon2 hash is kept. Revoking deactivates the service user and deletes its tokens in the same
 * transaction, so the next request with a token already issued is refused.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type {
  CreateFhirClientBody,
  FhirClient,
  IssuedFhirClient,
} from "../../../shared/api/care-record-clients.js";
import type { DbOrTx } from "../../db/client.js";
import { fhirAccessTokens, fhirClients, organisations, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { endUserAccess } from "../../platform/auth.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { hashPassword } from "../../platform/passwords.js";
import { recordSecurityEvent } from "../../platform/security-log.js";
import { inTenant } from "../../platform/tenancy.js";

/**
 * Stored as the service user's password hash: not an argon2 string, so verification fails for
 * every password (platform/passwords.ts answers false) — no person can sign in as a system client.
 */
export const UNUSABLE_PASSWORD_HASH = "!system-client: no password, signs in with a client credential only";

const creator = alias(users, "fhir_client_creator");
const revoker = alias(users, "fhir_client_revoker");

async function loadClients(tx: DbOrTx, ctx: Ctx, id?: string): Promise<FhirClient[]> {
  const rows = await tx
    .select({
      id: fhirClients.id,
      name: fhirClients.name,
      clientId: fhirClients.clientId,
      scopes: fhirClients.scopes,
      createdAt: fhirClients.createdAt,
      createdById: creator.id,
      createdByName: creator.displayName,
      revokedAt: fhirClients.revokedAt,
      revokedById: revoker.id,
      revokedByName: revoker.displayName,
      lastUsedAt: fhirClients.lastUsedAt,
    })
    .from(fhirClients)
    .leftJoin(creator, eq(creator.id, fhirClients.createdBy))
    .leftJoin(revoker, eq(revoker.id, fhirClients.revokedBy))
    .where(and(inTenant(fhirClients, ctx), id ? eq(fhirClients.id, id) : undefined))
    // Clients in use first (revoked ones last), newest first within each.
    .orderBy(sql`${fhirClients.revokedAt} is not null`, desc(fhirClients.createdAt), asc(fhirClients.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    clientId: r.clientId,
    scopes: r.scopes,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdById ? { id: r.createdById, name: r.createdByName ?? "" } : null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokedBy: r.revokedById ? { id: r.revokedById, name: r.revokedByName ?? "" } : null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function listFhirClients(tx: DbOrTx, ctx: Ctx): Promise<{ items: FhirClient[] }> {
  authorize(ctx, { kind: "fhirClient.manage" });
  return { items: await loadClients(tx, ctx) };
}

/** The organisation a municipality's service users belong to: its (first active) administration. */
async function administrationOf(tx: DbOrTx, ctx: Ctx): Promise<string> {
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        inTenant(organisations, ctx),
        eq(organisations.kind, "administration"),
        eq(organisations.active, true),
      ),
    )
    .orderBy(
      // The caller's own administration when it is one; otherwise the oldest.
      sql`${organisations.id} = ${ctx.actor.organisationId} desc`,
      asc(organisations.createdAt),
      asc(organisations.id),
    )
    .limit(1);
  if (!org) throw new AppError("no_administration_organisation", 409);
  return org.id;
}

export async function createFhirClient(
  tx: DbOrTx,
  ctx: Ctx,
  body: CreateFhirClientBody,
): Promise<IssuedFhirClient> {
  authorize(ctx, { kind: "fhirClient.manage" });
  const organisationId = await administrationOf(tx, ctx);
  // 128 bits for the public id, 256 for the secret: both random, neither guessable from the other.
  const clientId = `broen-${randomBytes(16).toString("hex")}`;
  const clientSecret = randomBytes(32).toString("base64url");
  const [user] = await tx
    .insert(users)
    .values({
      municipalityId: ctx.actor.municipalityId,
      organisationId,
      // Usernames are unique across the installation; the client id is, too.
      username: `system.${clientId}`,
      displayName: body.name,
      role: "system_client",
      passwordHash: UNUSABLE_PASSWORD_HASH,
    })
    .returning({ id: users.id, username: users.username });
  const [client] = await tx
    .insert(fhirClients)
    .values({
      municipalityId: ctx.actor.municipalityId,
      userId: user!.id,
      name: body.name,
      clientId,
      secretHash: await hashPassword(clientSecret),
      scopes: [...body.scopes],
      createdBy: ctx.actor.userId,
    })
    .returning({ id: fhirClients.id });
  await audit(tx, ctx, { action: "create", entityType: "fhir_client", entityId: client!.id });
  await recordSecurityEvent(tx, {
    kind: "user_created",
    municipalityId: ctx.actor.municipalityId,
    username: user!.username,
    userId: user!.id,
    actorUserId: ctx.actor.userId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  const [view] = await loadClients(tx, ctx, client!.id);
  return { ...view!, clientSecret };
}

export async function revokeFhirClient(tx: DbOrTx, ctx: Ctx, id: string): Promise<FhirClient> {
  authorize(ctx, { kind: "fhirClient.manage" });
  const [row] = await tx
    .select({ userId: fhirClients.userId, revokedAt: fhirClients.revokedAt, username: users.username })
    .from(fhirClients)
    .innerJoin(users, eq(users.id, fhirClients.userId))
    .where(and(inTenant(fhirClients, ctx), eq(fhirClients.id, id)))
    .for("update", { of: fhirClients });
  if (!row) throw AppError.notFound("fhir_client_not_found");
  if (row.revokedAt) throw new AppError("fhir_client_revoked", 409);
  await tx
    .update(fhirClients)
    .set({ revokedAt: sql`now()`, revokedBy: ctx.actor.userId })
    .where(and(inTenant(fhirClients, ctx), eq(fhirClients.id, id), isNull(fhirClients.revokedAt)));
  // Tokens already issued stop at once: the bearer check also requires an active client and user.
  await tx.delete(fhirAccessTokens).where(eq(fhirAccessTokens.clientId, id));
  await tx
    .update(users)
    .set({ active: false, updatedAt: sql`now()` })
    .where(and(inTenant(users, ctx), eq(users.id, row.userId)));
  await endUserAccess(tx, row.userId);
  await audit(tx, ctx, { action: "deactivate", entityType: "fhir_client", entityId: id });
  await recordSecurityEvent(tx, {
    kind: "user_deactivated",
    municipalityId: ctx.actor.municipalityId,
    username: row.username,
    userId: row.userId,
    actorUserId: ctx.actor.userId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  return (await loadClients(tx, ctx, id))[0]!;
}
