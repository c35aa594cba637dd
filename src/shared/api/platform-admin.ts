/**
 * The platform administration's API (issue 15 point 3, decision 0103): a platform administrator's
 * login and session, the municipalities of the installation with their size and health (counts
 * only, never a name of anyone in them), and creating a municipality with its first administrator.
 */
import { z } from "zod";
import { LIMITS } from "../../domain/limits.js";

export const PlatformLoginBody = z.strictObject({
  username: z.string().trim().min(1).max(LIMITS.username),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type PlatformLoginBody = z.infer<typeof PlatformLoginBody>;

export const PlatformAdmin = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
});
export type PlatformAdmin = z.infer<typeof PlatformAdmin>;

/** Who is logged in to the platform administration: null when no platform session (not an error). */
export const PlatformMe = z.object({ admin: PlatformAdmin.nullable() });
export type PlatformMe = z.infer<typeof PlatformMe>;

/** The official municipality code: four digits (0101 København … 0860 Hjørring; demo ones 09xx). */
export const MunicipalityCode = z.string().regex(/^\d{4}$/);

export const CreateMunicipalityBody = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.name),
  code: MunicipalityCode,
  admin: z.strictObject({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,60}$/),
    displayName: z.string().trim().min(1).max(LIMITS.name),
    /** Initial password: the administrator must choose a new one at first login. */
    password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
  }),
});
export type CreateMunicipalityBody = z.infer<typeof CreateMunicipalityBody>;

/** A municipality's size and health: counts and times, never a person. */
export const MunicipalityHealth = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string(),
  createdAt: z.iso.datetime(),
  citizens: z.number().int(),
  /** Active user accounts. */
  users: z.number().int(),
  /** Distinct users who logged in during the last 30 days. */
  activeUsers30d: z.number().int(),
  /** Courses not closed. */
  openCourses: z.number().int(),
  /** The latest audit or security-log entry: when anyone last did anything there. */
  lastActivityAt: z.iso.datetime().nullable(),
  /** Jobs of this municipality that failed in the last 30 days (the job queue). */
  failedJobs30d: z.number().int(),
});
export type MunicipalityHealth = z.infer<typeof MunicipalityHealth>;

export const MunicipalityList = z.object({ municipalities: z.array(MunicipalityHealth) });
export type MunicipalityList = z.infer<typeof MunicipalityList>;

export const CreatedMunicipality = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string(),
  admin: z.object({ id: z.uuid(), username: z.string(), mustChangePassword: z.literal(true) }),
});
export type CreatedMunicipality = z.infer<typeof CreatedMunicipality>;
