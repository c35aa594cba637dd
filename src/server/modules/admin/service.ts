/**
 * Administration of a municipality: organisations, districts and users.
 * Not citizen data, so not in the citizen audit trail; changes to users are
 * still written to audit_events (entity "user") so an administrator's acts can be traced.
 */
import { and, asc, eq, sql } from "drizzle-orm";
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
import { endUserAccess } from "../../platform/auth.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, isUniqueViolation } from "../../platform/errors.js";
import { assertPasswordPolicy, hashPassword } from "../../platform/passwords.js";
import { inTenant } from "../../platform/tenancy.js";
import { isDelayedSql, unlockUsername } from "../auth/throttle.js";

const byName = <T extends { name: string }>(a: T, b: T) => danishCollator.compare(a.name, b.name);

async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("duplicate_name", 409, { fields: [{ field: "name", reason: "invalid_value" }] });
    throw err;
  }
}

export async function listOrganisations(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "organisation.list" });
  const rows = await tx
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, active: organisations.active })
    .from(organisations)
    .where(inTenant(organisations, ctx));
  return rows.sort(byName);
}

export async function createOrganisation(tx: DbOrTx, ctx: Ctx, body: z.infer<typeof CreateOrganisationBody>) {
  authorize(ctx, { kind: "admin.manage" });
  const [row] = await uniqueName(() =>
    tx
      .insert(organisations)
      .values({ municipalityId: ctx.actor.municipalityId, name: body.name, kind: body.kind })
      .returning({ id: organisations.id, name: organisations.name, kind: organisations.kind, active: organisations.active }),
  );
  return row!;
}

export async function updateOrganisation(tx: DbOrTx, ctx: Ctx, id: string, body: z.infer<typeof UpdateOrganisationBody>) {
  authorize(ctx, { kind: "admin.manage" });
  const [row] = await uniqueName(() =>
    tx
      .update(organisations)
      .set(body)
      .where(and(inTenant(organisations, ctx), eq(organisations.id, id)))
      .returning({ id: organisations.id, name: organisations.name, kind: organisations.kind, active: organisations.active }),
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

export async function updateDistrict(tx: DbOrTx, ctx: Ctx, id: string, body: z.infer<typeof UpdateDistrictBody>) {
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

async function loadUsers(tx: DbOrTx, ctx: Ctx, id?: string): Promise<User[]> {
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
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(districts, eq(districts.id, users.districtId))
    .where(and(inTenant(users, ctx), id ? eq(users.id, id) : undefined))
    .orderBy(asc(users.username));
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
  }));
}

export async function listUsers(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "admin.manage" });
  return loadUsers(tx, ctx);
}

async function checkOrgAndDistrict(tx: DbOrTx, ctx: Ctx, organisationId: string | undefined, districtId: string | null | undefined) {
  if (organisationId) {
    const [org] = await tx.select({ id: organisations.id }).from(organisations).where(and(inTenant(organisations, ctx), eq(organisations.id, organisationId)));
    if (!org) throw AppError.field("organisationId", "invalid_value");
  }
  if (districtId) {
    const [d] = await tx.select({ id: districts.id }).from(districts).where(and(inTenant(districts, ctx), eq(districts.id, districtId)));
    if (!d) throw AppError.field("districtId", "invalid_value");
  }
}

export async function createUser(tx: DbOrTx, ctx: Ctx, body: CreateUserBody) {
  authorize(ctx, { kind: "admin.manage" });
  await checkOrgAndDistrict(tx, ctx, body.organisationId, body.districtId);
  assertPasswordPolicy("password", body.password, { username: body.username });
  const passwordHash = await hashPassword(body.password);
  const [row] = await tx
    .insert(users)
    .values({
      municipalityId: ctx.actor.municipalityId,
      organisationId: body.organisationId,
      districtId: body.districtId ?? null,
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      passwordHash,
      // The administrator chose it, so the user must replace it.
      mustChangePassword: true,
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!row) throw new AppError("duplicate_username", 409, { fields: [{ field: "username", reason: "invalid_value" }] });
  await audit(tx, ctx, { action: "create", entityType: "user", entityId: row.id });
  return (await loadUsers(tx, ctx, row.id))[0]!;
}

export async function updateUser(tx: DbOrTx, ctx: Ctx, id: string, body: UpdateUserBody) {
  authorize(ctx, { kind: "admin.manage" });
  await checkOrgAndDistrict(tx, ctx, body.organisationId, body.districtId);
  if (id === ctx.actor.userId && (body.active === false || (body.role && body.role !== "administrator"))) {
    // An administrator cannot lock themselves out of administration.
    throw AppError.field(body.active === false ? "active" : "role", "invalid_value");
  }
  const [row] = await tx
    .update(users)
    .set({ ...body, updatedAt: sql`now()` })
    .where(and(inTenant(users, ctx), eq(users.id, id)))
    .returning({ id: users.id, active: users.active });
  if (!row) throw AppError.notFound("user_not_found");
  // A deactivated user, or one whose role or organisation changed, starts over with a new login.
  if (body.active === false || body.role || body.organisationId) await endUserAccess(tx, id);
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
  const [target] = await tx.select({ username: users.username }).from(users).where(and(inTenant(users, ctx), eq(users.id, id)));
  if (!target) throw AppError.notFound("user_not_found");
  assertPasswordPolicy("temporaryPassword", temporaryPassword, { username: target.username });
  const passwordHash = await hashPassword(temporaryPassword);
  const [row] = await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: true, updatedAt: sql`now()` })
    .where(and(inTenant(users, ctx), eq(users.id, id)))
    .returning({ id: users.id });
  if (!row) throw AppError.notFound("user_not_found");
  await endUserAccess(tx, id);
  // The new password is the way back in: waits from wrong guesses no longer apply.
  await unlockUsername(tx, target.username);
  await audit(tx, ctx, { action: "reset_password", entityType: "user", entityId: id });
  return (await loadUsers(tx, ctx, id))[0]!;
}

/** Lifts every address's wait for the user's username (their own or anyone's wrong passwords). */
export async function unlockUser(tx: DbOrTx, ctx: Ctx, id: string) {
  authorize(ctx, { kind: "admin.manage" });
  const [target] = await tx.select({ username: users.username }).from(users).where(and(inTenant(users, ctx), eq(users.id, id)));
  if (!target) throw AppError.notFound("user_not_found");
  await unlockUsername(tx, target.username);
  await audit(tx, ctx, { action: "unlock", entityType: "user", entityId: id });
  return (await loadUsers(tx, ctx, id))[0]!;
}
