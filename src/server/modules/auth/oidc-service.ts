/**
 * Login with the municipality's OpenID Connect identity provider (issue 15 point 1, decision 0101).
 * Every protocol step is openid-client's (a certified relying party): discovery, PKCE S256, the
 * authorization code exchange and the ID token's validation (signature, issuer, audience, nonce,
 * expiry). This file keeps the state between the redirect and the callback, maps the validated
 * claims to a Broen user, and starts the session as a password login does.
 */
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import * as oidc from "openid-client";
import { displayNameOf, mapClaim, mapRole, safeReturnTo, usernameBase } from "../../../domain/oidc-claims.js";
import type { StaffRole } from "../../../domain/vocabulary/organisation.js";
import type { SecurityEventKind } from "../../../domain/vocabulary/security.js";
import type { OidcLoginError, UnitTarget } from "../../../shared/api/identity.js";
import type { Db, DbOrTx } from "../../db/client.js";
import {
  districts,
  externalIdentities,
  identityProviders,
  municipalities,
  oidcLoginStates,
  organisations,
  sessions,
  users,
} from "../../db/schema/index.js";
import { SESSION_TTL_MS, endUserAccess, hashToken, newSessionToken } from "../../platform/auth.js";
import { recordSecurityEvent } from "../../platform/security-log.js";
import { inTenant } from "../../platform/tenancy.js";

/** Who is asking (as service.ts's Client; not imported from there: service.ts imports this file). */
interface Client {
  ip: string;
  userAgent: string | null;
}

/** A login under way is good for ten minutes: the time to type a password and a second factor. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;
/** How long Broen waits for the identity provider (discovery, token endpoint, keys). */
const PROVIDER_TIMEOUT_SECONDS = 8;
export const CALLBACK_PATH = "/api/auth/oidc/callback";
export const POST_LOGOUT_PATH = "/login";

/** A refused OIDC login: its code is the login page's `?fejl=`. */
export class OidcLoginRefused extends Error {
  constructor(
    readonly code: OidcLoginError,
    readonly detail?: string,
  ) {
    super(code);
    this.name = "OidcLoginRefused";
  }
}

export type ProviderRow = typeof identityProviders.$inferSelect;

/**
 * An http:// issuer is allowed only on the machine itself (a test or development provider);
 * everything else must be https, as openid-client insists.
 */
function isLoopback(issuer: string): boolean {
  try {
    const { hostname, protocol } = new URL(issuer);
    return protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
  } catch {
    return false;
  }
}

/**
 * Discovery answers are kept per provider version (a saved change is a new version, so it is
 * discovered afresh); a failed discovery is not kept, so the next login tries again.
 */
const configurations = new Map<string, Promise<oidc.Configuration>>();

export function configurationOf(p: ProviderRow): Promise<oidc.Configuration> {
  const key = `${p.municipalityId}:${p.version}:${p.issuer}`;
  let found = configurations.get(key);
  if (!found) {
    found = oidc.discovery(
      new URL(p.issuer),
      p.clientId,
      p.clientSecret ? { client_secret: p.clientSecret } : undefined,
      p.clientSecret ? oidc.ClientSecretPost(p.clientSecret) : oidc.None(),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // The ID token's signature is checked against the provider's published keys too, not only
        // trusted because it came over TLS from the token endpoint (OIDC Core 3.1.3.7 allows that).
        execute: [
          oidc.enableNonRepudiationChecks,
          ...(isLoopback(p.issuer) ? [oidc.allowInsecureRequests] : []),
        ],
      },
    );
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  return found;
}

async function providerByCode(db: DbOrTx, code: string) {
  const [row] = await db
    .select({ provider: identityProviders, municipalityName: municipalities.name })
    .from(identityProviders)
    .innerJoin(municipalities, eq(municipalities.id, identityProviders.municipalityId))
    .where(and(eq(municipalities.code, code), eq(identityProviders.enabled, true)));
  return row ?? null;
}

async function providerOf(db: DbOrTx, municipalityId: string): Promise<ProviderRow | null> {
  const [row] = await db.select().from(identityProviders).where(inTenant(identityProviders, municipalityId));
  return row ?? null;
}

/** The buttons on the login page: enabled providers only, no configuration beyond the name. */
export async function listProviderButtons(db: DbOrTx) {
  const rows = await db
    .select({
      municipalityCode: municipalities.code,
      municipalityName: municipalities.name,
      displayName: identityProviders.displayName,
      localLoginEnabled: identityProviders.localLoginEnabled,
    })
    .from(identityProviders)
    .innerJoin(municipalities, eq(municipalities.id, identityProviders.municipalityId))
    .where(eq(identityProviders.enabled, true));
  const collator = new Intl.Collator("da");
  return { items: rows.sort((a, b) => collator.compare(a.municipalityName, b.municipalityName)) };
}

/** Whether staff of this municipality may log in with a password: no enabled provider, or it allows them. */
export async function localLoginAllowed(db: DbOrTx, municipalityId: string): Promise<boolean> {
  const p = await providerOf(db, municipalityId);
  return !p || !p.enabled || p.localLoginEnabled;
}

/**
 * Starts a login: a state, a nonce and a PKCE verifier kept (the state as its SHA-256 only), and
 * the address at the identity provider to send the browser to.
 */
export async function startLogin(
  db: Db,
  municipalityCode: string,
  returnTo: string | undefined,
  redirectUri: string,
): Promise<URL> {
  const found = await providerByCode(db, municipalityCode);
  if (!found) throw new OidcLoginRefused("oidc_provider_unknown");
  const config = await configurationOf(found.provider).catch((err: unknown) => {
    throw new OidcLoginRefused("oidc_provider_unreachable", describe(err));
  });
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  // Clearing expired states here keeps the table small without a job of its own.
  await db.delete(oidcLoginStates).where(lt(oidcLoginStates.expiresAt, sql`now()`));
  await db.insert(oidcLoginStates).values({
    stateHash: hashToken(state),
    municipalityId: found.provider.municipalityId,
    codeVerifier,
    nonce,
    returnTo: safeReturnTo(returnTo),
    expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_MS),
  });
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: found.provider.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${err.name}${typeof code === "string" ? ` ${code}` : ""}: ${err.message}`.slice(0, 300);
  }
  return String(err).slice(0, 300);
}

/** What went wrong at the token exchange, as the login page says it. */
function refusalOf(err: unknown): OidcLoginRefused {
  if (err instanceof OidcLoginRefused) return err;
  if (err instanceof oidc.AuthorizationResponseError)
    return new OidcLoginRefused("oidc_denied", describe(err));
  // A network failure (fetch's TypeError, a timeout's AbortError): the provider did not answer.
  if (err instanceof TypeError || (err instanceof Error && ["AbortError", "TimeoutError"].includes(err.name)))
    return new OidcLoginRefused("oidc_provider_unreachable", describe(err));
  // Everything else is a refused answer: a replayed or foreign code (invalid_grant), a token with a
  // wrong issuer, audience, nonce or signature, an expired one.
  return new OidcLoginRefused("oidc_token_refused", describe(err));
}

const SECURITY_KIND: Record<OidcLoginError, SecurityEventKind> = {
  oidc_provider_unknown: "oidc_login_refused",
  oidc_provider_unreachable: "oidc_provider_unreachable",
  oidc_state_invalid: "oidc_state_refused",
  oidc_denied: "oidc_login_refused",
  oidc_token_refused: "oidc_token_refused",
  oidc_no_role: "oidc_no_role",
  oidc_no_unit: "oidc_no_role",
  oidc_user_inactive: "login_failed",
};

/** A refusal goes to the security log on the database itself: nothing else of the login is kept. */
export async function recordRefusal(
  db: DbOrTx,
  refusal: OidcLoginRefused,
  who: { municipalityId: string | null; username?: string | null; userId?: string | null },
  client: Client,
): Promise<void> {
  await recordSecurityEvent(db, {
    kind: SECURITY_KIND[refusal.code],
    municipalityId: who.municipalityId,
    username: who.username ?? null,
    userId: who.userId ?? null,
    ip: client.ip,
    userAgent: client.userAgent,
  });
}

interface CallbackResult {
  token: string;
  userId: string;
  returnTo: string;
}

/**
 * The provider's redirect back. The state row is deleted as it is read, so a replayed callback
 * (same state, same code) finds nothing; openid-client exchanges the code with the PKCE verifier
 * and validates the ID token against the nonce kept; the claims then make or update the user.
 */
export async function completeLogin(
  db: Db,
  currentUrl: URL,
  redirectUri: string,
  client: Client,
): Promise<CallbackResult> {
  const state = currentUrl.searchParams.get("state");
  const [pending] = state
    ? await db
        .delete(oidcLoginStates)
        .where(eq(oidcLoginStates.stateHash, hashToken(state)))
        .returning()
    : [];
  if (!pending || pending.expiresAt.getTime() < Date.now()) {
    const refusal = new OidcLoginRefused("oidc_state_invalid");
    await recordRefusal(db, refusal, { municipalityId: pending?.municipalityId ?? null }, client);
    throw refusal;
  }
  const municipalityId = pending.municipalityId;
  const provider = await providerOf(db, municipalityId);
  let claims: Record<string, unknown>;
  let idToken: string;
  try {
    if (!provider?.enabled) throw new OidcLoginRefused("oidc_provider_unknown");
    const config = await configurationOf(provider).catch((err: unknown) => {
      throw new OidcLoginRefused("oidc_provider_unreachable", describe(err));
    });
    // openid-client reads redirect_uri from the URL it is given: the one registered, not the request's.
    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = currentUrl.search;
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state!,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new OidcLoginRefused("oidc_token_refused", "no ID token");
    claims = idClaims as Record<string, unknown>;
    idToken = tokens.id_token;
  } catch (err) {
    const refusal = refusalOf(err);
    await recordRefusal(db, refusal, { municipalityId }, client);
    throw refusal;
  }
  const result = await provisionUser(db, provider, claims, idToken, client);
  return { ...result, returnTo: safeReturnTo(pending.returnTo) };
}

/** A unit from the map, checked to be an active organisation (and district) of this municipality. */
async function checkedUnit(tx: DbOrTx, municipalityId: string, unit: UnitTarget | null) {
  if (!unit) return null;
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        eq(organisations.id, unit.organisationId),
        inTenant(organisations, municipalityId),
        eq(organisations.active, true),
      ),
    );
  if (!org) return null;
  if (!unit.districtId) return { organisationId: org.id, districtId: null };
  const [d] = await tx
    .select({ id: districts.id })
    .from(districts)
    .where(and(eq(districts.id, unit.districtId), inTenant(districts, municipalityId)));
  return { organisationId: org.id, districtId: d?.id ?? null };
}

/** A username nobody has: the base, else base-2, base-3 … */
async function freeUsername(tx: DbOrTx, base: string): Promise<string> {
  const taken = new Set(
    (
      await tx
        .select({ username: users.username })
        .from(users)
        .where(sql`${users.username} = ${base} or ${users.username} like ${`${base}-%`}`)
    ).map((r) => r.username),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The issuer SCIM provisioning (modules/provisioning, SCIM_ISSUER) writes on the external identity of
 * a user it created, before that user has ever logged in. Kept apart here, not imported, because a
 * module reaches another only through its front door; oidc-login.int.test.ts provisions a user over
 * SCIM and logs them in, so a change there fails that test.
 */
const SCIM_PROVISIONED_ISSUER = "urn:broen:scim";

/**
 * A user the identity provider created through SCIM, not yet linked to an OIDC subject: the one
 * whose SCIM externalId is the token's `oid` (Entra ID's object id) or `sub`, else whose username is
 * the token's preferred_username/upn/email. Only SCIM-provisioned users are linked this way — never a
 * local password user who happens to have the same username.
 */
async function scimProvisionedUser(tx: DbOrTx, municipalityId: string, claims: Record<string, unknown>) {
  const ids = [claims.oid, claims.sub].filter((v): v is string => typeof v === "string");
  const names = [claims.preferred_username, claims.upn, claims.email]
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.toLowerCase());
  if (ids.length === 0 && names.length === 0) return null;
  const [row] = await tx
    .select({ userId: externalIdentities.userId })
    .from(externalIdentities)
    .innerJoin(users, eq(users.id, externalIdentities.userId))
    .where(
      and(
        inTenant(externalIdentities, municipalityId),
        eq(externalIdentities.issuer, SCIM_PROVISIONED_ISSUER),
        or(
          ids.length > 0 ? inArray(externalIdentities.scimExternalId, ids) : undefined,
          names.length > 0 ? inArray(users.username, names) : undefined,
        ),
      ),
    )
    .orderBy(sql`${externalIdentities.scimExternalId} is null`)
    .limit(1);
  return row?.userId ?? null;
}

/** No password opens this: argon2 refuses it as a hash, so verifyPassword answers false. */
const NO_PASSWORD = "!oidc-no-local-password";

async function provisionUser(
  db: Db,
  provider: ProviderRow,
  claims: Record<string, unknown>,
  idToken: string,
  client: Client,
): Promise<{ token: string; userId: string }> {
  const municipalityId = provider.municipalityId;
  const subject = String(claims.sub);
  const issuer = String(claims.iss);
  const role = mapRole(claims, provider.roleClaim, provider.roleMap as Record<string, StaffRole>);
  const knownOf = () =>
    db
      .select({
        userId: users.id,
        username: users.username,
        active: users.active,
        role: users.role,
        organisationId: users.organisationId,
        districtId: users.districtId,
      })
      .from(externalIdentities)
      .innerJoin(users, eq(users.id, externalIdentities.userId))
      .where(
        and(
          inTenant(externalIdentities, municipalityId),
          eq(externalIdentities.issuer, issuer),
          eq(externalIdentities.subject, subject),
        ),
      );
  let [known] = await knownOf();
  if (!known) {
    // First login of a user SCIM created: the provisioned row takes the provider's issuer and subject.
    const provisioned = await scimProvisionedUser(db, municipalityId, claims);
    if (provisioned) {
      await db
        .update(externalIdentities)
        .set({ issuer, subject })
        .where(
          and(
            eq(externalIdentities.userId, provisioned),
            eq(externalIdentities.issuer, SCIM_PROVISIONED_ISSUER),
          ),
        );
      [known] = await knownOf();
    }
  }
  const who = { municipalityId, username: known?.username ?? null, userId: known?.userId ?? null };
  const refuse = async (code: OidcLoginError): Promise<never> => {
    const refusal = new OidcLoginRefused(code);
    await recordRefusal(db, refusal, who, client);
    throw refusal;
  };
  if (!role) return refuse("oidc_no_role");
  if (known && !known.active) return refuse("oidc_user_inactive");
  const mappedUnit = await checkedUnit(
    db,
    municipalityId,
    mapClaim(claims, provider.unitClaim, provider.unitMap as Record<string, UnitTarget>),
  );
  const unit =
    mappedUnit ?? (known ? { organisationId: known.organisationId, districtId: known.districtId } : null);
  if (!unit) return refuse("oidc_no_unit");

  const { token, tokenHash } = newSessionToken();
  const userId = await db.transaction(async (tx) => {
    let id: string;
    let username: string;
    if (known) {
      id = known.userId;
      username = known.username;
      const moved =
        known.role !== role ||
        known.organisationId !== unit.organisationId ||
        known.districtId !== unit.districtId;
      // A new role or unit starts over, as an administrator's change does: old sessions and feeds end.
      if (moved) await endUserAccess(tx, id);
      await tx
        .update(users)
        .set({
          displayName: displayNameOf(claims, provider.nameClaim, username),
          role,
          organisationId: unit.organisationId,
          districtId: unit.districtId,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, id));
      if (known.role !== role)
        await recordSecurityEvent(tx, { kind: "role_changed", municipalityId, username, userId: id });
    } else {
      username = await freeUsername(tx, usernameBase(claims));
      const [row] = await tx
        .insert(users)
        .values({
          municipalityId,
          organisationId: unit.organisationId,
          districtId: unit.districtId,
          username,
          displayName: displayNameOf(claims, provider.nameClaim, username),
          role,
          passwordHash: NO_PASSWORD,
        })
        .returning({ id: users.id });
      id = row!.id;
      await tx.insert(externalIdentities).values({ userId: id, municipalityId, issuer, subject });
      await recordSecurityEvent(tx, { kind: "user_created", municipalityId, username, userId: id });
    }
    await tx
      .update(externalIdentities)
      .set({ lastLoginAt: sql`now()` })
      .where(eq(externalIdentities.userId, id));
    await tx.insert(sessions).values({
      tokenHash,
      userId: id,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      oidcIdToken: idToken,
    });
    await recordSecurityEvent(tx, {
      kind: "oidc_login_succeeded",
      municipalityId,
      username,
      userId: id,
      ip: client.ip,
      userAgent: client.userAgent,
    });
    return id;
  });
  return { token, userId };
}

/**
 * RP-initiated logout: where the session came from an identity provider that offers an
 * end_session_endpoint, the address that ends the session there too (with id_token_hint). Null for
 * a password session, a provider without logout, or one that cannot be reached now.
 */
export async function endSessionUrl(
  db: DbOrTx,
  sessionToken: string | undefined,
  postLogoutRedirectUri: string,
): Promise<string | null> {
  if (!sessionToken) return null;
  const [row] = await db
    .select({ idToken: sessions.oidcIdToken, municipalityId: users.municipalityId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(sessionToken)));
  if (!row?.idToken) return null;
  const provider = await providerOf(db, row.municipalityId);
  if (!provider?.enabled) return null;
  try {
    const config = await configurationOf(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc
      .buildEndSessionUrl(config, {
        id_token_hint: row.idToken,
        post_logout_redirect_uri: postLogoutRedirectUri,
      })
      .toString();
  } catch {
    return null;
  }
}

/** For the admin page's connection test: discovery only, never a token. */
export async function checkProvider(p: ProviderRow) {
  try {
    const config = await configurationOf(p);
    const m = config.serverMetadata();
    return {
      reachable: true,
      issuer: m.issuer,
      endSession: Boolean(m.end_session_endpoint),
      pkce: m.supportsPKCE(),
      message: null,
    };
  } catch (err) {
    return { reachable: false, issuer: null, endSession: false, pkce: false, message: describe(err) };
  }
}
