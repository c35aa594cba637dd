import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";
import { OrganisationKind, Role } from "./common.js";

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(LIMITS.username),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const Me = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  municipality: z.object({ id: z.uuid(), name: z.string() }),
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: OrganisationKind }),
  district: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The district this home-care worker is loneliness ambassador for (they read its due lists). */
  ambassadorDistrict: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  mustChangePassword: z.boolean(),
  /**
   * When the session ends if nothing else happens (idle timeout). secondsLeft lets the web app
   * count down by its own clock, whatever the tablet's clock says.
   */
  idle: z.object({ expiresAt: z.iso.datetime(), secondsLeft: z.number().int() }).optional(),
});
export type Me = z.infer<typeof Me>;
