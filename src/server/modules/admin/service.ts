/**
 * Administration of a municipality: organisations, districts and users.
 * Not citizen data, so not in the citizen audit trail; changes to users are
 * still written to audit_events (entity "user") so an administrator's acts can be traced.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { danishCollator } from "../../../domain/danish-text.js";
import type {
  CreateDistrictBody,
  CreateOrganisationBody,
  CreateUserBody,
  UpdateDistrictBody,
  UpdateOrganisationBody,
  UpdateUserBody,
  User,
} from "../../../shared/api/admin.js";
import type { DbOrTx } from "../../db/client.js";
import { districts, organisations, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, isUniqueViolation } from "../../platform/errors.js";
import { assertPasswordPolicy, hashPassword } from "../../platform/passwords.js";
import { type SecurityEventKind, recordSecurityEvent } from "../../platform/security-log.js";
import { inTenant } from "../../platform/tenancy.js";
import { endAccessEverywhere, isDelayedSql, loginMunicipalityNames, unlockUsername } from "../auth/index.js";

const ambassadorOf = alias(districts, "ambassador_of");

/** An administrator's act on a user account, in the security log beside the sign-ins. */
export function securityEvent(
  tx: DbOrTx,
  ctx: Ctx,
  kind: SecurityEventKind,
  target: { id: string; username: string },
) {
  return recordSecurityEvent(tx, {
    kind,
    municipalityId: ctx.actor.municipalityId,
    username: target.username,
    userId: target.id,
    actorUserId: ctx.actor.userId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
}

const byName = <T extends { name: string }>(a: T, b: T) => danishCollator.compare(a.name, b.name);

/** The violated constraint's name, from the driver's error or the query error wrapping it. */
function constraintOf(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; cause?: unknown } | null;
  if (typeof e?.constraint === "string") return e.constraint;
  return e?.cause !== undefined && e.cause !== err ? constraintOf(e.cause) : undefined;
}

async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    // Two organisations of a municipality cannot share a SOR code (issue 14: the import matches providers by it).
    if (isUniqueViolation(err) && constraintOf(err) === "organisations_sor_uq")
      throw new AppError("duplicate_sor_code", 409, {
        fields: [{ field: "sorCode", reason: "invalid_value" }],
      });
    if (isUniqueViolation(err))
      throw new AppError("duplicate_name", 409, { fields: [{ field: "name", reason: "invalid_value" }] });
    throw err;
  }
}

export async function listOrganisations(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "organisation.list" });
  const rows = await tx
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      active: organisations.active,
      sorCode: organisations.sorCode,
    })
    .from(organisations)
    .where(inTenant(organisations, ctx));
  return rows.sort(byName);
}

export async function createOrganisation(tx: DbOrTx, ctx: Ctx, body: z.infer<typeof CreateOrganisationBody>) {
  authorize(ctx, { kind: "admin.manage" });
  const [row] = await uniqueName(() =>
    tx
      .insert(organisations)
      .values({
        municipalityId: ctx.actor.municipalityId,
        name: body.name,
        kind: body.kind,
        sorCode: body.sorCode ?? null,
      })
      .returning({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        active: organisations.active,
        sorCode: organisations.sorCode,
      }),
  );
  return row!;
}

export async function updateOrganisation(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: z.infer<typeof UpdateOrganisationBody>,
) {
  authorize(ctx, { kind: "admin.manage" });
  const [row] = await uniqueName(() =>
    tx
      .update(organisations)
      .set(body)
      .where(and(inTenant(organisations, ctx), eq(organisations.id, id)))
      .returning({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        active: organisations.active,
        sorCode: organisations.sorCode,
      }),
  );
  if (!row) throw AppError.notFound("organisation_not_found");
  return row;
}

export async function listDistricts(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "organisation.list" });
  const rows = await tx
    .select({ id: districts.id, name: districts.name, active: districts.active })
    .from(districts)
    .where(inTenant(districts, ctx));
  return rows.sort(byName);
}

export async function createDistrict(tx: DbOrTx, ctx: Ctx, body: z.infer<typeof CreateDistrictBody>) {
  authorize(ctx, { kind: "admin.manage" });
  const [row] = await uniqueName(() =>
    tx
      .insert(districts)
      .values({ municipalityId: ctx.actor.municipalityId, name: body.name })
      .returning({ id: districts.id, name: districts.name, active: districts.active }),
  );
  return row!;
}

export async function updateDistrict(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: z.infer<typeof UpdateDistrictBody>,
) {
  authorize(ctx, { kind: "admin.manage" });
  const [row] = await uniqueName(() =>
    tx
      .update(districts)
      .set(body)
      .where(and(inTenant(districts, ctx), eq(districts.id, id)))
      .returning({ id: districts.id, name: districts.name, active: districts.active }),
  );
  if (!row) throw AppError.notFound("district_not_found");
  return row;
}

/**
 * People only: a FHIR system client's service user (issue 14) is issued and revoked with its client
 * (Administration → Omsorgsjournal), never listed, edited, reset or unlocked as staff.
 */
const staffOnly = ne(users.role, "system_client");

export async function loadUsers(tx: DbOrTx, ctx: Ctx, id?: string): Promise<User[]> {
  const rows = await tx
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      loginDelayed: isDelayedSql(users.username),
      organisationId: organisations.id,
      organisationName: organisations.name,
      districtId: districts.id,
      districtName: districts.name,
      phone: users.phone,
      ambassadorDistrictId: ambassadorOf.id,
      ambassadorDistrictName: ambassadorOf.name,
      loginUserId: users.loginUserId,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(districts, eq(districts.id, users.districtId))
    .leftJoin(ambassadorOf, eq(ambassadorOf.id, users.ambassadorDistrictId))
    .where(and(inTenant(users, ctx), staffOnly, id ? eq(users.id, id) : undefined))
    .orderBy(asc(users.username));
  // A membership (decision 0104) shows where its person logs in; that row is another municipality's.
  const via = await loginMunicipalityNames(
    tx,
    ctx.actor.municipalityId,
    rows.flatMap((r) => (r.loginUserId ? [r.loginUserId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    active: r.active,
    mustChangePassword: r.mustChangePassword,
    loginDelayed: r.loginDelayed,
    organisation: { id: r.organisationId, name: r.organisationName },
    district: r.districtId ? { id: r.districtId, name: r.districtName ?? "" } : null,
    phone: r.phone,
    ambassadorDistrict: r.ambassadorDistrictId
      ? { id: r.ambassadorDistrictId, name: r.ambassadorDistrictName ?? "" }
      : null,
    loginVia: r.loginUserId ? (via.get(r.loginUserId) ?? null) : null,
  }));
}

export async function listUsers(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "admin.manage" });
  return loadUsers(tx, ctx);
}

export async function checkOrgAndDistrict(
  tx: DbOrTx,
  ctx: Ctx,
  organisationId: string | undefined,
  districtId: string | null | undefined,
  ambassadorDistrictId?: string | null,
) {
  if (organisationId) {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inTenant(organisations, ctx), eq(organisations.id, organisationId)));
    if (!org) throw AppError.field("organisationId", "invalid_value");
  }
  for (const [field, id] of [
    ["districtId", districtId],
    ["ambassadorDistrictId", ambassadorDistrictId],
  ] as const) {
    if (!id) continue;
    const [d] = await tx
      .select({ id: districts.id })
      .from(districts)
      .where(and(inTenant(districts, ctx), eq(districts.id, id)));
    if (!d) throw AppError.field(field, "invalid_value");
  }
}

/** An ambassador is a home-care worker who follows up on a district's screenings (seed 001); no other role. */
export function assertAmbassadorRole(role: string, ambassadorDistrictId: string | null | undefined) {
  if (ambassadorDistrictId && role !== "home_care_worker")
    throw AppError.field("ambassadorDistrictId", "ambassador_home_care_only");
}

export async function createUser(tx: DbOrTx, ctx: Ctx, body: CreateUserBody) {
  authorize(ctx, { kind: "admin.manage" });
  await checkOrgAndDistrict(tx, ctx, body.organisationId, body.districtId, body.ambassadorDistrictId);
  assertAmbassadorRole(body.role, body.ambassadorDistrictId);
  assertPasswordPolicy("password", body.password, { username: body.username });
  const passwordHash = await hashPassword(body.password);
  const [row] = await tx
    .insert(users)
    .values({
      municipalityId: ctx.actor.municipalityId,
      organisationId: body.organisationId,
      districtId: body.districtId ?? null,
      phone: body.phone ?? null,
      ambassadorDistrictId: body.ambassadorDistrictId ?? null,
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      passwordHash,
      // The administrator chose it, so the user must replace it.
      mustChangePassword: true,
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!row)
    throw new AppError("duplicate_username", 409, {
      fields: [{ field: "username", reason: "invalid_value" }],
    });
  await audit(tx, ctx, { action: "create", entityType: "user", entityId: row.id });
  await securityEvent(tx, ctx, "user_created", { id: row.id, username: body.username });
  return (await loadUsers(tx, ctx, row.id))[0]!;
}

export async function updateUser(tx: DbOrTx, ctx: Ctx, id: string, body: UpdateUserBody) {
  authorize(ctx, { kind: "admin.manage" });
  await checkOrgAndDistrict(tx, ctx, body.organisationId, body.districtId, body.ambassadorDistrictId);
  if (id === ctx.actor.userId && (body.active === false || (body.role && body.role !== "administrator"))) {
    // An administrator cannot lock themselves out of administration.
    throw AppError.field(body.active === false ? "active" : "role", "invalid_value");
  }
  const [before] = await tx
    .select({ role: users.role, active: users.active, ambassadorDistrictId: users.ambassadorDistrictId })
    .from(users)
    .where(and(inTenant(users, ctx), staffOnly, eq(users.id, id)));
  if (!before) throw AppError.notFound("user_not_found");
  const role = body.role ?? before.role;
  assertAmbassadorRole(role, body.ambassadorDistrictId);
  // A worker who changes role stops being an ambassador, unless the same change names a district again.
  const clearAmbassador =
    role !== "home_care_worker" &&
    before.ambassadorDistrictId !== null &&
    body.ambassadorDistrictId === undefined;
  const [row] = await tx
    .update(users)
    .set({ ...body, ...(clearAmbassador ? { ambassadorDistrictId: null } : {}), updatedAt: sql`now()` })
    .where(and(inTenant(users, ctx), eq(users.id, id)))
    .returning({ id: users.id, active: users.active, username: users.username });
  if (!row) throw AppError.notFound("user_not_found");
  if (body.role && body.role !== before.role) await securityEvent(tx, ctx, "role_changed", row);
  if (body.active === false && before.active) await securityEvent(tx, ctx, "user_deactivated", row);
  // A deactivated user, or one whose role or organisation changed, starts over with a new login.
  if (body.active === false || body.role || body.organisationId)
    await endAccessEverywhere(tx, id, ctx.actor.municipalityId);
  // Ambassadorship widens what the user reads; the running session picks it up at the next request
  // (auth.ts loads it per request), so no session needs to end for it.
  await audit(tx, ctx, {
    action: body.active === false ? "deactivate" : "update",
    entityType: "user",
    entityId: id,
    criterion: { fields: Object.keys(body) },
  });
  return (await loadUsers(tx, ctx, id))[0]!;
}

export async function resetPassword(tx: DbOrTx, ctx: Ctx, id: string, temporaryPassword: string) {
  authorize(ctx, { kind: "admin.manage" });
  const [target] = await tx
    .select({ username: users.username, loginUserId: users.loginUserId })
    .from(users)
    .where(and(inTenant(users, ctx), staffOnly, eq(users.id, id)));
  if (!target) throw AppError.notFound("user_not_found");
  // A password would let a membership log in by itself, beside the person's own login (decision 0104).
  if (target.loginUserId) throw new AppError("membership_no_password", 409);
  assertPasswordPolicy("temporaryPassword", temporaryPassword, { username: target.username });
  const passwordHash = await hashPassword(temporaryPassword);
  const [row] = await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: true, updatedAt: sql`now()` })
    .where(and(inTenant(users, ctx), eq(users.id, id)))
    .returning({ id: users.id });
  if (!row) throw AppError.notFound("user_not_found");
  await endAccessEverywhere(tx, id, ctx.actor.municipalityId);
  // The new password is the way back in: waits from wrong guesses no longer apply.
  await unlockUsername(tx, target.username);
  await audit(tx, ctx, { action: "reset_password", entityType: "user", entityId: id });
  await securityEvent(tx, ctx, "password_reset", { id, username: target.username });
  return (await loadUsers(tx, ctx, id))[0]!;
}

/** Lifts every address's wait for the user's username (their own or anyone's wrong passwords). */
export async function unlockUser(tx: DbOrTx, ctx: Ctx, id: string) {
  authorize(ctx, { kind: "admin.manage" });
  const [target] = await tx
    .select({ username: users.username })
    .from(users)
    .where(and(inTenant(users, ctx), staffOnly, eq(users.id, id)));
  if (!target) throw AppError.notFound("user_not_found");
  await unlockUsername(tx, target.username);
  await audit(tx, ctx, { action: "unlock", entityType: "user", entityId: id });
  await securityEvent(tx, ctx, "account_unlocked", { id, username: target.username });
  return (await loadUsers(tx, ctx, id))[0]!;
}
