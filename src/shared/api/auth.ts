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

/** A municipality a person can work in (issue 15 point 4, decision 0104). */
export const MunicipalityChoice = z.object({ id: z.uuid(), name: z.string(), code: z.string() });
export type MunicipalityChoice = z.infer<typeof MunicipalityChoice>;

export const SwitchMunicipalityBody = z.strictObject({ municipalityId: z.uuid() });
export type SwitchMunicipalityBody = z.infer<typeof SwitchMunicipalityBody>;

export const Me = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** The municipality the session works in now: every screen shows it, every answer is its. */
  municipality: MunicipalityChoice,
  /**
   * Every municipality the person can work in, this one included (sorted by name): more than one
   * for staff of a joint project or a volunteer centre serving several; the header offers a switch.
   */
  municipalities: z.array(MunicipalityChoice),
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
