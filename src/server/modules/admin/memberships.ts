/**
 * Access for staff of another municipality (issue 15 point 4, decision 0104): the administrator of
 * the municipality that grants it adds the person by their existing username, with a role,
 * organisation and district of this municipality. The answer tells nothing of the person's own
 * municipality beyond that the username exists (and, in the list, the name of the municipality
 * they log in through). The new row is a membership: no password; the person reaches it by
 * switching municipality in their session.
 */
import { eq } from "drizzle-orm";
import type { CreateMembershipBody, User } from "../../../shared/api/admin.js";
import type { DbOrTx } from "../../db/client.js";
import { municipalities, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { loginRowByUsername } from "../auth/index.js";
import { checkOrgAndDistrict, assertAmbassadorRole, loadUsers, securityEvent } from "./service.js";

/** Never an argon2 hash, so no password verifies against it; login also refuses a membership outright. */
export const MEMBERSHIP_NO_PASSWORD =
  "!membership: no password, reached by switching municipality from the person's login";

export async function createMembership(tx: DbOrTx, ctx: Ctx, body: CreateMembershipBody): Promise<User> {
  authorize(ctx, { kind: "admin.manage" });
  await checkOrgAndDistrict(tx, ctx, body.organisationId, body.districtId, body.ambassadorDistrictId);
  assertAmbassadorRole(body.role, body.ambassadorDistrictId);
  // By username, as the login finds a person: the one thing the two administrations share.
  const login = await loginRowByUsername(tx, ctx.actor.municipalityId, body.username);
  // An inactive person, a membership's own marker username and a service user all answer as unknown.
  if (!login) throw AppError.field("username", "unknown_username");
  if (login.municipalityId === ctx.actor.municipalityId)
    throw new AppError("membership_exists", 409, {
      fields: [{ field: "username", reason: "invalid_value" }],
    });
  const [here] = await tx
    .select({ code: municipalities.code })
    .from(municipalities)
    .where(eq(municipalities.id, ctx.actor.municipalityId));
  const [row] = await tx
    .insert(users)
    .values({
      municipalityId: ctx.actor.municipalityId,
      organisationId: body.organisationId,
      districtId: body.districtId ?? null,
      phone: body.phone ?? null,
      ambassadorDistrictId: body.ambassadorDistrictId ?? null,
      // Unique like every username, and recognisably not one anybody types at the login.
      username: `${login.username}@${here!.code}`,
      displayName: body.displayName,
      role: body.role,
      passwordHash: MEMBERSHIP_NO_PASSWORD,
      loginUserId: login.id,
    })
    // One membership per person and municipality (users_login_membership_idx); a deactivated one
    // is reactivated in the list, not added twice.
    .onConflictDoNothing()
    .returning({ id: users.id, username: users.username });
  if (!row)
    throw new AppError("membership_exists", 409, {
      fields: [{ field: "username", reason: "invalid_value" }],
    });
  await audit(tx, ctx, { action: "create", entityType: "user", entityId: row.id });
  await securityEvent(tx, ctx, "user_created", row);
  return (await loadUsers(tx, ctx, row.id))[0]!;
}
