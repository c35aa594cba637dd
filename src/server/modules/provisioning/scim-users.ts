/**
 * SCIM 2.0 Users (RFC 7643/7644, decision 0102): the identity provider creates, reads, finds,
 * replaces, patches and deactivates the municipality's staff. Broen never deletes a user row — the
 * audit trail names them — so DELETE and `active: false` both deactivate, and deactivation ends the
 * user's sessions and calendar feeds in the same transaction. Every change is audited with no user:
 * actor role "scim" and the token in the criterion. Only staff of the token's municipality are
 * visible (FHIR clients' service users never are).
 */
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { STAFF_ROLES, type StaffRole } from "../../../domain/vocabulary/organisation.js";
import {
  SCIM_BROEN_SCHEMA,
  SCIM_ENTERPRISE_SCHEMA,
  SCIM_LIST_SCHEMA,
  SCIM_USER_SCHEMA,
  type ScimListQuery,
  type ScimPatchBody,
  type ScimType,
  ScimUserBody,
} from "../../../shared/api/provisioning.js";
import type { DbOrTx } from "../../db/client.js";
import {
  districts,
  externalIdentities,
  identityProviders,
  organisations,
  users,
} from "../../db/schema/index.js";
import { type AnonymousCaller, type AuditEntry, audit } from "../../platform/audit.js";
import { endUserAccess } from "../../platform/auth.js";
import { AppError, isUniqueViolation } from "../../platform/errors.js";
import type { ErrorCode } from "../../platform/messages.js";
import { type SecurityEventKind, recordSecurityEvent } from "../../platform/security-log.js";
import { inTenant } from "../../platform/tenancy.js";
import type { ScimCaller } from "./tokens.js";

/** external_identities.issuer of a user provisioned through SCIM, until their first OIDC login links it. */
export const SCIM_ISSUER = "urn:broen:scim";
/**
 * A provisioned user's password hash: not an argon2 string, so every password fails
 * (platform/passwords.ts answers false) — they sign in through the identity provider.
 */
export const NO_PASSWORD_HASH = "!scim: no password, signs in through the municipality's identity provider";

const USERNAME = /^[a-z0-9._@+-]{3,60}$/;
const MAX_PAGE = 200;

export function scimError(code: ErrorCode, status: number, scimType?: ScimType, field?: string): AppError {
  return new AppError(code, status, {
    ...(scimType ? { scimType } : {}),
    ...(field ? { fields: [{ field, reason: "invalid_value" as const }] } : {}),
  });
}

const invalid = (field: string, code: ErrorCode = "scim_invalid_value") =>
  scimError(code, 400, "invalidValue", field);

function auditCaller(caller: ScimCaller): AnonymousCaller {
  return {
    actor: null,
    municipalityId: caller.municipalityId,
    ip: caller.ip,
    userAgent: caller.userAgent,
    role: "scim",
  };
}

function auditAs(
  tx: DbOrTx,
  caller: ScimCaller,
  entries: Omit<AuditEntry, "criterion"> | Omit<AuditEntry, "criterion">[],
  fields?: string[],
) {
  const criterion = { scimToken: caller.tokenId, ...(fields ? { fields } : {}) };
  return audit(
    tx,
    auditCaller(caller),
    [entries].flat().map((e) => ({ ...e, criterion })),
  );
}

function securityEvent(
  tx: DbOrTx,
  caller: ScimCaller,
  kind: SecurityEventKind,
  target: { id: string; username: string },
) {
  return recordSecurityEvent(tx, {
    kind,
    municipalityId: caller.municipalityId,
    username: target.username,
    userId: target.id,
    actorUserId: null,
    ip: caller.ip,
    userAgent: caller.userAgent,
  });
}

// ---- the SCIM representation ----

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
  phone: string | null;
  organisationId: string;
  organisationName: string;
  districtName: string | null;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const staffOnly = ne(users.role, "system_client");

async function loadUsers(
  tx: DbOrTx,
  municipalityId: string,
  where: ReturnType<typeof eq> | undefined,
  page?: { offset: number; limit: number },
): Promise<UserRow[]> {
  const q = tx
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      phone: users.phone,
      organisationId: organisations.id,
      organisationName: organisations.name,
      districtName: districts.name,
      externalId: externalIdentities.scimExternalId,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(districts, eq(districts.id, users.districtId))
    .leftJoin(externalIdentities, eq(externalIdentities.userId, users.id))
    .where(and(inTenant(users, municipalityId), staffOnly, where))
    .orderBy(asc(users.createdAt), asc(users.id));
  return page ? q.offset(page.offset).limit(page.limit) : q;
}

function present(r: UserRow, baseUrl: string) {
  return {
    schemas: [SCIM_USER_SCHEMA, SCIM_BROEN_SCHEMA],
    id: r.id,
    ...(r.externalId ? { externalId: r.externalId } : {}),
    userName: r.username,
    displayName: r.displayName,
    name: { formatted: r.displayName },
    active: r.active,
    ...(r.phone ? { phoneNumbers: [{ value: r.phone, type: "work", primary: true }] } : {}),
    [SCIM_BROEN_SCHEMA]: {
      role: r.role,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      ...(r.districtName ? { districtName: r.districtName } : {}),
    },
    meta: {
      resourceType: "User",
      created: r.createdAt.toISOString(),
      lastModified: r.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${r.id}`,
    },
  };
}
export type ScimUser = ReturnType<typeof present>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findUser(tx: DbOrTx, caller: ScimCaller, id: string): Promise<UserRow> {
  // Another municipality's user, a service user and an id that is no uuid all answer the same 404.
  const [row] = UUID.test(id) ? await loadUsers(tx, caller.municipalityId, eq(users.id, id)) : [];
  if (!row) throw scimError("scim_user_not_found", 404);
  return row;
}

export async function getUser(tx: DbOrTx, caller: ScimCaller, id: string, baseUrl: string) {
  return present(await findUser(tx, caller, id), baseUrl);
}

// ---- filter: userName eq "…", externalId eq "…", id eq "…" ----

const FILTER = /^\s*(userName|externalId|id)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

function parseFilter(filter: string): { attr: "username" | "externalid" | "id"; value: string } {
  const m = FILTER.exec(filter);
  if (!m) throw scimError("scim_invalid_filter", 400, "invalidFilter", "filter");
  const value = m[2]!.replace(/\\(.)/g, "$1");
  return { attr: m[1]!.toLowerCase() as "username" | "externalid" | "id", value };
}

export async function listUsers(tx: DbOrTx, caller: ScimCaller, query: ScimListQuery, baseUrl: string) {
  let where: ReturnType<typeof eq> | undefined;
  if (query.filter !== undefined) {
    const f = parseFilter(query.filter);
    if (f.attr === "username") where = eq(users.username, f.value.toLowerCase());
    else if (f.attr === "externalid") where = eq(externalIdentities.scimExternalId, f.value);
    else where = UUID.test(f.value) ? eq(users.id, f.value) : sql`false`;
  }
  const startIndex = query.startIndex ?? 1;
  const size = Math.min(query.count ?? 100, MAX_PAGE);
  const [total] = await tx
    .select({ n: count() })
    .from(users)
    .leftJoin(externalIdentities, eq(externalIdentities.userId, users.id))
    .where(and(inTenant(users, caller.municipalityId), staffOnly, where));
  const rows =
    size === 0
      ? []
      : await loadUsers(tx, caller.municipalityId, where, { offset: startIndex - 1, limit: size });
  if (rows.length > 0) {
    await auditAs(
      tx,
      caller,
      rows.map((r) => ({ action: "read" as const, entityType: "user" as const, entityId: r.id })),
    );
  }
  return {
    schemas: [SCIM_LIST_SCHEMA],
    totalResults: total?.n ?? 0,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => present(r, baseUrl)),
  };
}

// ---- from SCIM attributes to Broen's columns ----

interface Changes {
  username?: string;
  externalId?: string | null;
  displayName?: string;
  active?: boolean;
  phone?: string | null;
  role?: StaffRole;
  organisationId?: string;
  districtId?: string | null;
}

const clean = (v: string | null | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

function primaryValue(list: ScimUserBody["phoneNumbers"]): string | undefined {
  if (!list || list.length === 0) return undefined;
  const pick = list.find((x) => x.primary) ?? list.find((x) => x.type === "work") ?? list[0]!;
  return clean(pick.value);
}

/** Digits with an optional leading +, 8–16 of them (the user administration's phone rule); else none. */
function phoneOf(value: string | undefined): string | null {
  if (!value) return null;
  const compact = value.replace(/[\s().-]/g, "");
  return /^\+?[0-9]{8,16}$/.test(compact) ? compact : null;
}

function activeOf(v: ScimUserBody["active"]): boolean | undefined {
  if (v === undefined) return undefined;
  return typeof v === "boolean" ? v : v.toLowerCase() === "true";
}

interface ProviderMaps {
  roleMap: Record<string, string>;
  unitMap: Record<string, { organisationId?: string; districtId?: string | null }>;
}

async function providerMaps(tx: DbOrTx, municipalityId: string): Promise<ProviderMaps> {
  const [row] = await tx
    .select({ roleMap: identityProviders.roleMap, unitMap: identityProviders.unitMap })
    .from(identityProviders)
    .where(inTenant(identityProviders, municipalityId));
  return {
    roleMap: (row?.roleMap ?? {}) as ProviderMaps["roleMap"],
    unitMap: (row?.unitMap ?? {}) as ProviderMaps["unitMap"],
  };
}

const isStaffRole = (r: string | undefined): r is StaffRole =>
  r !== undefined && (STAFF_ROLES as readonly string[]).includes(r);

/**
 * The role: Broen's extension names a Broen role; else the core `roles` attribute (Entra ID's app
 * roles), a Broen role or a value the identity provider's role map knows (the same map as login).
 */
function roleOf(body: ScimUserBody, maps: ProviderMaps): StaffRole | undefined {
  const ext = clean(body[SCIM_BROEN_SCHEMA]?.role);
  if (ext !== undefined) {
    if (!isStaffRole(ext)) throw invalid(`${SCIM_BROEN_SCHEMA}.role`, "scim_no_role");
    return ext;
  }
  if (!body.roles || body.roles.length === 0) return undefined;
  for (const r of [...body.roles].sort((a, b) => Number(b.primary ?? false) - Number(a.primary ?? false))) {
    const v = clean(r.value);
    if (isStaffRole(v)) return v;
    const mapped = v !== undefined ? maps.roleMap[v] : undefined;
    if (isStaffRole(mapped)) return mapped;
  }
  throw invalid("roles", "scim_no_role");
}

/** The unit: Broen's extension (organisation by id or name, district by name), else the enterprise extension. */
async function unitOf(
  tx: DbOrTx,
  municipalityId: string,
  body: ScimUserBody,
  maps: ProviderMaps,
): Promise<{ organisationId?: string; districtId?: string | null }> {
  const ext = body[SCIM_BROEN_SCHEMA];
  const ent = body[SCIM_ENTERPRISE_SCHEMA];
  const out: { organisationId?: string; districtId?: string | null } = {};
  const department = clean(ent?.department);
  const mapped = department !== undefined ? maps.unitMap[department] : undefined;
  const orgId = clean(ext?.organisationId);
  const orgName = clean(ext?.organisationName) ?? clean(ent?.organization);
  if (orgId !== undefined || orgName !== undefined) {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          inTenant(organisations, municipalityId),
          eq(organisations.active, true),
          orgId !== undefined
            ? UUID.test(orgId)
              ? eq(organisations.id, orgId)
              : sql`false`
            : sql`lower(${organisations.name}) = lower(${orgName})`,
        ),
      )
      .limit(1);
    if (!org) throw invalid(`${SCIM_BROEN_SCHEMA}.organisation`, "scim_no_unit");
    out.organisationId = org.id;
  } else if (mapped?.organisationId) {
    out.organisationId = mapped.organisationId;
    out.districtId = mapped.districtId ?? null;
  }
  const districtName = clean(ext?.districtName) ?? (mapped ? undefined : department);
  if (ext?.districtName === null) out.districtId = null;
  if (districtName !== undefined) {
    const [d] = await tx
      .select({ id: districts.id })
      .from(districts)
      .where(and(inTenant(districts, municipalityId), sql`lower(${districts.name}) = lower(${districtName})`))
      .limit(1);
    // A department that is no district is only the enterprise extension's free text: ignored.
    if (d) out.districtId = d.id;
    else if (clean(ext?.districtName) !== undefined)
      throw invalid(`${SCIM_BROEN_SCHEMA}.districtName`, "scim_no_unit");
  }
  return out;
}

function displayNameOf(body: ScimUserBody, full: boolean): string | undefined {
  const given = clean(body.name?.givenName);
  const family = clean(body.name?.familyName);
  return (
    clean(body.displayName) ??
    clean(body.name?.formatted) ??
    (full && (given || family) ? [given, family].filter(Boolean).join(" ") : undefined)
  );
}

async function changesOf(
  tx: DbOrTx,
  caller: ScimCaller,
  body: ScimUserBody,
  full: boolean,
): Promise<Changes> {
  const maps = await providerMaps(tx, caller.municipalityId);
  const c: Changes = {};
  if (body.userName !== undefined) {
    const username = body.userName.trim().toLowerCase();
    if (!USERNAME.test(username)) throw invalid("userName");
    c.username = username;
  }
  if (body.externalId !== undefined) c.externalId = clean(body.externalId) ?? null;
  const displayName = displayNameOf(body, full);
  if (displayName !== undefined) c.displayName = displayName.slice(0, 100);
  const active = activeOf(body.active);
  if (active !== undefined) c.active = active;
  if (body.phoneNumbers !== undefined) c.phone = phoneOf(primaryValue(body.phoneNumbers));
  const role = roleOf(body, maps);
  if (role !== undefined) c.role = role;
  Object.assign(c, await unitOf(tx, caller.municipalityId, body, maps));
  return c;
}

async function saveExternalId(
  tx: DbOrTx,
  caller: ScimCaller,
  userId: string,
  externalId: string | null,
): Promise<void> {
  if (externalId !== null) {
    const [taken] = await tx
      .select({ userId: externalIdentities.userId })
      .from(externalIdentities)
      .where(
        and(
          inTenant(externalIdentities, caller.municipalityId),
          eq(externalIdentities.scimExternalId, externalId),
          ne(externalIdentities.userId, userId),
        ),
      );
    if (taken) throw scimError("scim_external_id_taken", 409, "uniqueness", "externalId");
  }
  await tx
    .insert(externalIdentities)
    .values({
      userId,
      municipalityId: caller.municipalityId,
      issuer: SCIM_ISSUER,
      subject: userId,
      scimExternalId: externalId,
    })
    .onConflictDoUpdate({ target: externalIdentities.userId, set: { scimExternalId: externalId } });
}

export async function createUser(tx: DbOrTx, caller: ScimCaller, body: ScimUserBody, baseUrl: string) {
  if (body.userName === undefined) throw invalid("userName");
  const c = await changesOf(tx, caller, body, true);
  if (!c.role) throw invalid("roles", "scim_no_role");
  if (!c.organisationId) throw invalid(`${SCIM_BROEN_SCHEMA}.organisation`, "scim_no_unit");
  let row: { id: string } | undefined;
  try {
    [row] = await tx
      .insert(users)
      .values({
        municipalityId: caller.municipalityId,
        organisationId: c.organisationId,
        districtId: c.districtId ?? null,
        username: c.username!,
        displayName: c.displayName ?? c.username!,
        role: c.role,
        phone: c.phone ?? null,
        active: c.active ?? true,
        passwordHash: NO_PASSWORD_HASH,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
  } catch (err) {
    if (isUniqueViolation(err)) row = undefined;
    else throw err;
  }
  if (!row) throw scimError("scim_username_taken", 409, "uniqueness", "userName");
  await saveExternalId(tx, caller, row.id, c.externalId ?? null);
  await auditAs(tx, caller, { action: "create", entityType: "user", entityId: row.id });
  await securityEvent(tx, caller, "user_created", { id: row.id, username: c.username! });
  return present((await loadUsers(tx, caller.municipalityId, eq(users.id, row.id)))[0]!, baseUrl);
}

/** Applies the changes a PUT or PATCH asks for; deactivation ends sessions and calendar feeds at once. */
async function applyChanges(
  tx: DbOrTx,
  caller: ScimCaller,
  before: UserRow,
  c: Changes,
  deactivateAction: "deactivate" | "update" = "update",
): Promise<void> {
  const set: Partial<typeof users.$inferInsert> = {};
  if (c.username !== undefined && c.username !== before.username) set.username = c.username;
  if (c.displayName !== undefined) set.displayName = c.displayName;
  if (c.active !== undefined) set.active = c.active;
  if (c.phone !== undefined) set.phone = c.phone;
  if (c.role !== undefined) set.role = c.role;
  if (c.organisationId !== undefined) set.organisationId = c.organisationId;
  if (c.districtId !== undefined) set.districtId = c.districtId;
  // An ambassador is a home-care worker: a provisioned change of role ends the ambassadorship.
  if (c.role !== undefined && c.role !== "home_care_worker") set.ambassadorDistrictId = null;
  const fields = Object.keys(set);
  if (fields.length > 0) {
    try {
      await tx
        .update(users)
        .set({ ...set, updatedAt: sql`now()` })
        .where(and(inTenant(users, caller.municipalityId), eq(users.id, before.id)));
    } catch (err) {
      if (isUniqueViolation(err)) throw scimError("scim_username_taken", 409, "uniqueness", "userName");
      throw err;
    }
  }
  if (c.externalId !== undefined && c.externalId !== before.externalId) {
    await saveExternalId(tx, caller, before.id, c.externalId);
    fields.push("externalId");
  }
  const target = { id: before.id, username: c.username ?? before.username };
  const deactivated = c.active === false && before.active;
  const roleChanged = c.role !== undefined && c.role !== before.role;
  const orgChanged = c.organisationId !== undefined && c.organisationId !== before.organisationId;
  // A leaver, or a user whose role or organisation changed, starts over with a new login (as in the user administration).
  if (deactivated || roleChanged || orgChanged) await endUserAccess(tx, before.id);
  if (deactivated) await securityEvent(tx, caller, "user_deactivated", target);
  if (roleChanged) await securityEvent(tx, caller, "role_changed", target);
  await auditAs(
    tx,
    caller,
    { action: deactivated ? "deactivate" : deactivateAction, entityType: "user", entityId: before.id },
    fields,
  );
}

export async function replaceUser(
  tx: DbOrTx,
  caller: ScimCaller,
  id: string,
  body: ScimUserBody,
  baseUrl: string,
) {
  const before = await findUser(tx, caller, id);
  const c = await changesOf(tx, caller, body, true);
  // A PUT replaces what Broen keeps: no externalId or phone in it clears them.
  c.externalId ??= null;
  c.phone ??= null;
  await applyChanges(tx, caller, before, c);
  return getUser(tx, caller, id, baseUrl);
}

/** DELETE: Broen never deletes a user row (the audit trail names them); the user is deactivated. */
export async function deactivateUser(tx: DbOrTx, caller: ScimCaller, id: string): Promise<void> {
  const before = await findUser(tx, caller, id);
  await applyChanges(tx, caller, before, { active: false }, "deactivate");
}

// ---- PATCH (RFC 7644 §3.5.2) ----

const ATTRIBUTES = new Map(
  [
    "userName",
    "externalId",
    "displayName",
    "active",
    "name",
    "phoneNumbers",
    "emails",
    "roles",
    "title",
    "nickName",
    "preferredLanguage",
    "locale",
    "timezone",
    "userType",
    "profileUrl",
    "addresses",
  ].map((a) => [a.toLowerCase(), a]),
);
const EXTENSIONS = [SCIM_BROEN_SCHEMA, SCIM_ENTERPRISE_SCHEMA];

/** Sets one attribute (by a SCIM path) on a body-shaped object, as a PATCH operation asks. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const p = path.trim();
  const ext = EXTENSIONS.find((e) => p.toLowerCase().startsWith(`${e.toLowerCase()}:`));
  if (ext) {
    const attr = p.slice(ext.length + 1);
    const bag = (target[ext] ??= {}) as Record<string, unknown>;
    bag[attr] = value;
    return;
  }
  if (EXTENSIONS.some((e) => p.toLowerCase() === e.toLowerCase())) {
    if (typeof value !== "object" || value === null)
      throw scimError("scim_invalid_value", 400, "invalidValue", p);
    target[EXTENSIONS.find((e) => p.toLowerCase() === e.toLowerCase())!] = value;
    return;
  }
  // phoneNumbers[type eq "work"].value, emails[type eq "work"].value
  const multi = /^(phoneNumbers|emails)\[type eq "([^"]*)"\]\.value$/i.exec(p);
  if (multi) {
    target[ATTRIBUTES.get(multi[1]!.toLowerCase())!] = value === null ? [] : [{ type: multi[2], value }];
    return;
  }
  const [head, sub, ...rest] = p.split(".");
  const attr = ATTRIBUTES.get(head!.toLowerCase());
  if (!attr || rest.length > 0) throw scimError("scim_invalid_path", 400, "invalidPath", p);
  if (sub === undefined) target[attr] = value;
  else if (attr === "name") ((target.name ??= {}) as Record<string, unknown>)[sub] = value;
  else throw scimError("scim_invalid_path", 400, "invalidPath", p);
}

export async function patchUser(
  tx: DbOrTx,
  caller: ScimCaller,
  id: string,
  body: ScimPatchBody,
  baseUrl: string,
) {
  const before = await findUser(tx, caller, id);
  const partial: Record<string, unknown> = {};
  for (const op of body.Operations) {
    const kind = op.op.toLowerCase();
    if (kind !== "add" && kind !== "replace" && kind !== "remove")
      throw scimError("scim_invalid_value", 400, "invalidSyntax", "op");
    if (kind === "remove") {
      if (!op.path) throw scimError("scim_invalid_path", 400, "noTarget", "path");
      const attr = op.path.trim().toLowerCase();
      // What a user must have (a name, a role, an organisation, whether active) cannot be removed.
      if (
        ["username", "active", "displayname", "roles"].includes(attr) ||
        (attr.startsWith(SCIM_BROEN_SCHEMA.toLowerCase()) && !attr.endsWith("districtname"))
      )
        throw scimError("scim_mutability", 400, "mutability", op.path);
      setPath(partial, op.path, null);
      continue;
    }
    if (op.path) setPath(partial, op.path, op.value);
    else if (typeof op.value === "object" && op.value !== null && !Array.isArray(op.value)) {
      for (const [k, v] of Object.entries(op.value as Record<string, unknown>)) setPath(partial, k, v);
    } else throw scimError("scim_invalid_value", 400, "invalidValue", "value");
  }
  const parsed = ScimUserBody.safeParse(partial);
  if (!parsed.success)
    throw scimError("scim_invalid_value", 400, "invalidValue", parsed.error.issues[0]?.path.join("."));
  const c = await changesOf(tx, caller, parsed.data, false);
  await applyChanges(tx, caller, before, c);
  return getUser(tx, caller, id, baseUrl);
}
