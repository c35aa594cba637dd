/**
 * The administrator's configuration of the municipality's identity provider (issue 15 point 1):
 * read (the client secret never leaves the database), save with the version read, and the
 * connection test. The policy action identityProvider.manage is checked by the route.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { IdentityProvider, SaveIdentityProviderBody } from "../../../shared/api/identity.js";
import type { DbOrTx } from "../../db/client.js";
import { districts, identityProviders, organisations } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { CALLBACK_PATH, POST_LOGOUT_PATH, type ProviderRow, checkProvider } from "./oidc-service.js";
import { inTenant } from "../../platform/tenancy.js";

function present(p: ProviderRow | null, baseUrl: string): IdentityProvider {
  return {
    configured: p !== null,
    displayName: p?.displayName ?? "",
    issuer: p?.issuer ?? "",
    clientId: p?.clientId ?? "",
    hasClientSecret: Boolean(p?.clientSecret),
    scopes: p?.scopes ?? "openid profile email",
    roleClaim: p?.roleClaim ?? "roles",
    roleMap: (p?.roleMap ?? {}) as IdentityProvider["roleMap"],
    unitClaim: p?.unitClaim ?? null,
    unitMap: (p?.unitMap ?? {}) as IdentityProvider["unitMap"],
    nameClaim: p?.nameClaim ?? "name",
    enabled: p?.enabled ?? false,
    localLoginEnabled: p?.localLoginEnabled ?? true,
    version: p?.version ?? 0,
    redirectUri: baseUrl + CALLBACK_PATH,
    postLogoutRedirectUri: baseUrl + POST_LOGOUT_PATH,
  };
}

async function load(tx: DbOrTx, municipalityId: string): Promise<ProviderRow | null> {
  const [row] = await tx.select().from(identityProviders).where(inTenant(identityProviders, municipalityId));
  return row ?? null;
}

export async function getIdentityProvider(tx: DbOrTx, ctx: Ctx, baseUrl: string): Promise<IdentityProvider> {
  return present(await load(tx, ctx.actor.municipalityId), baseUrl);
}

/** Every unit in the map must be an organisation (and district) of the caller's municipality. */
async function checkUnits(tx: DbOrTx, municipalityId: string, unitMap: SaveIdentityProviderBody["unitMap"]) {
  const targets = Object.values(unitMap);
  const orgIds = [...new Set(targets.map((u) => u.organisationId))];
  const districtIds = [...new Set(targets.flatMap((u) => (u.districtId ? [u.districtId] : [])))];
  const invalid = () => AppError.field("unitMap", "invalid_value", "identity_provider_unit_invalid");
  if (orgIds.length > 0) {
    const found = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inTenant(organisations, municipalityId), inArray(organisations.id, orgIds)));
    if (found.length !== orgIds.length) throw invalid();
  }
  if (districtIds.length > 0) {
    const found = await tx
      .select({ id: districts.id })
      .from(districts)
      .where(and(inTenant(districts, municipalityId), inArray(districts.id, districtIds)));
    if (found.length !== districtIds.length) throw invalid();
  }
}

export async function saveIdentityProvider(
  tx: DbOrTx,
  ctx: Ctx,
  body: SaveIdentityProviderBody,
  baseUrl: string,
): Promise<IdentityProvider> {
  const municipalityId = ctx.actor.municipalityId;
  if (!body.localLoginEnabled && !body.enabled)
    throw AppError.field("localLoginEnabled", "invalid_value", "local_login_needs_provider");
  await checkUnits(tx, municipalityId, body.unitMap);
  const before = await load(tx, municipalityId);
  if ((before?.version ?? 0) !== body.version) throw new AppError("version_conflict", 409);
  // Absent or null keeps the stored secret; "" removes it.
  const clientSecret =
    body.clientSecret === undefined || body.clientSecret === null
      ? (before?.clientSecret ?? null)
      : body.clientSecret || null;
  const values = {
    displayName: body.displayName,
    issuer: body.issuer,
    clientId: body.clientId,
    clientSecret,
    scopes: body.scopes.split(/\s+/).filter(Boolean).join(" "),
    roleClaim: body.roleClaim,
    roleMap: body.roleMap,
    unitClaim: body.unitClaim,
    unitMap: body.unitMap,
    nameClaim: body.nameClaim,
    enabled: body.enabled,
    localLoginEnabled: body.localLoginEnabled,
    updatedAt: sql`now()`,
  };
  const [saved] = before
    ? await tx
        .update(identityProviders)
        .set({ ...values, version: sql`${identityProviders.version} + 1` })
        .where(and(inTenant(identityProviders, municipalityId), eq(identityProviders.version, body.version)))
        .returning()
    : await tx
        .insert(identityProviders)
        .values({ municipalityId, ...values, version: 1 })
        .onConflictDoNothing()
        .returning();
  if (!saved) throw new AppError("version_conflict", 409);
  return present(saved, baseUrl);
}

export async function checkIdentityProvider(tx: DbOrTx, ctx: Ctx) {
  const p = await load(tx, ctx.actor.municipalityId);
  if (!p) throw AppError.notFound();
  return checkProvider(p);
}
