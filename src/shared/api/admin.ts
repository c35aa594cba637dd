import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { OrganisationKind, Phone, Role, StaffRole, requiredText, uuid } from "./common.js";

export const Organisation = z.object({
  id: uuid,
  name: z.string(),
  kind: OrganisationKind,
  active: z.boolean(),
  /** The organisation's SOR code (Sundhedsvæsenets Organisationsregister): how the care record names a provider (issue 14). */
  sorCode: z.string().nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

export const District = z.object({ id: uuid, name: z.string(), active: z.boolean() });
export type District = z.infer<typeof District>;

/** A SOR code: digits only (SOR ids are up to 18 digits); empty clears it. */
export const SorCode = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z
    .string()
    .trim()
    .regex(/^\d{1,18}$/)
    .nullable(),
);
export const CreateOrganisationBody = z.strictObject({
  name: requiredText(LIMITS.name),
  kind: OrganisationKind,
  sorCode: SorCode.optional(),
});
export const UpdateOrganisationBody = z.strictObject({
  name: requiredText(LIMITS.name).optional(),
  active: z.boolean().optional(),
  sorCode: SorCode.optional(),
});
export const CreateDistrictBody = z.strictObject({ name: requiredText(LIMITS.name) });
export const UpdateDistrictBody = z.strictObject({
  name: requiredText(LIMITS.name).optional(),
  active: z.boolean().optional(),
});

export const User = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  organisation: z.object({ id: uuid, name: z.string() }),
  district: z.object({ id: uuid, name: z.string() }).nullable(),
  /** Work phone: the coordinators see it on the user's referrals. */
  phone: z.string().nullable(),
  /** The district a home-care worker is loneliness ambassador for; null = not an ambassador. */
  ambassadorDistrict: z.object({ id: uuid, name: z.string() }).nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Some address must wait before trying this username again (too many wrong passwords from there). */
  loginDelayed: z.boolean(),
  /**
   * A member of staff who logs in via another municipality and works here too (decision 0104): the
   * name of the municipality they log in through; null for the municipality's own staff.
   */
  loginVia: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(3)
    .max(LIMITS.username)
    .regex(/^[a-z0-9._-]+$/),
  displayName: requiredText(LIMITS.name),
  role: StaffRole,
  organisationId: uuid,
  districtId: uuid.nullable().optional(),
  phone: Phone.nullable().optional(),
  /** Only for a home-care worker. */
  ambassadorDistrictId: uuid.nullable().optional(),
  password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/**
 * Access for staff of another municipality (decision 0104): their existing username, and what they
 * are here — name, role, organisation and district as for a new user, but no password (they log in
 * where they always do and switch municipality).
 */
export const CreateMembershipBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(LIMITS.username),
  displayName: requiredText(LIMITS.name),
  role: StaffRole,
  organisationId: uuid,
  districtId: uuid.nullable().optional(),
  phone: Phone.nullable().optional(),
  /** Only for a home-care worker. */
  ambassadorDistrictId: uuid.nullable().optional(),
});
export type CreateMembershipBody = z.infer<typeof CreateMembershipBody>;

export const UpdateUserBody = z.strictObject({
  displayName: requiredText(LIMITS.name).optional(),
  role: StaffRole.optional(),
  organisationId: uuid.optional(),
  districtId: uuid.nullable().optional(),
  phone: Phone.nullable().optional(),
  /** Only for a home-care worker; null unmarks. */
  ambassadorDistrictId: uuid.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.strictObject({
  temporaryPassword: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
});
