/**
 * The way into an empty installation (issue 18.3): `npm run create-admin` creates an administrator,
 * and the municipality with its administration organisation when they do not exist yet. The
 * password passes the one policy (platform/passwords.ts); there is no default password.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { municipalities, organisations, users } from "../db/schema/index.js";
import { installShippedCourseDefinitions } from "../modules/courses/index.js";
import { installShippedQuestionnaires } from "../modules/questionnaires/index.js";
import { installShippedRetentionRules } from "../modules/privacy/index.js";
import { type PasswordProblem, hashPassword, passwordProblem } from "../platform/passwords.js";
import { recordSecurityEvent } from "../platform/security-log.js";
import { inTenant } from "../platform/tenancy.js";

export interface FirstAdmin {
  municipalityName: string;
  /** The municipality's official code (3–4 digits); finds an existing one or names the new one. */
  municipalityCode: string;
  username: string;
  displayName: string;
  password: string;
}

/** Why the command refuses, for its one line on stderr. */
export class CreateAdminError extends Error {
  constructor(
    readonly reason: "invalid_username" | "invalid_code" | "missing" | "username_taken" | PasswordProblem,
    message: string,
  ) {
    super(message);
  }
}

const USERNAME = /^[a-z0-9._-]{3,60}$/;
const CODE = /^\d{3,4}$/;

/** The checks that need no database, so a prompt can ask again. */
export function checkFirstAdmin(input: FirstAdmin): void {
  for (const [key, value] of Object.entries(input))
    if (!value.trim()) throw new CreateAdminError("missing", `${key} mangler`);
  if (!CODE.test(input.municipalityCode))
    throw new CreateAdminError("invalid_code", "kommunekoden skal være 3–4 cifre");
  if (!USERNAME.test(input.username.toLowerCase()))
    throw new CreateAdminError(
      "invalid_username",
      "brugernavnet må kun have a–z, 0–9, punktum, bindestreg og understreg (3–60 tegn)",
    );
  const problem = passwordProblem(input.password, { username: input.username.toLowerCase() });
  if (problem) throw new CreateAdminError(problem, PASSWORD_PROBLEMS[problem]);
}

const PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  too_short: "adgangskoden er for kort (mindst 12 tegn)",
  too_long: "adgangskoden er for lang",
  password_contains_username: "adgangskoden må ikke indeholde brugernavnet",
  password_too_common: "adgangskoden er for almindelig",
  password_reused: "adgangskoden må ikke genbruges",
};

export async function createFirstAdmin(
  db: Db,
  input: FirstAdmin,
): Promise<{ userId: string; municipalityId: string; createdMunicipality: boolean }> {
  checkFirstAdmin(input);
  const username = input.username.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken)
      throw new CreateAdminError(
        "username_taken",
        `brugernavnet "${username}" findes allerede; intet er ændret`,
      );
    let [municipality] = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.code, input.municipalityCode));
    const createdMunicipality = !municipality;
    if (!municipality) {
      [municipality] = await tx
        .insert(municipalities)
        .values({ name: input.municipalityName.trim(), code: input.municipalityCode })
        .returning({ id: municipalities.id });
      // What every municipality starts with: the shipped instruments and course configuration.
      await installShippedQuestionnaires(tx, municipality!.id);
      await installShippedCourseDefinitions(tx, municipality!.id);
      await installShippedRetentionRules(tx, municipality!.id);
    }
    const municipalityId = municipality!.id;
    let [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inTenant(organisations, municipalityId), eq(organisations.kind, "administration")))
      .limit(1);
    org ??= (
      await tx
        .insert(organisations)
        .values({ municipalityId, name: "Administration", kind: "administration" })
        .returning({ id: organisations.id })
    )[0];
    const [user] = await tx
      .insert(users)
      .values({
        municipalityId,
        organisationId: org!.id,
        username,
        displayName: input.displayName.trim(),
        role: "administrator",
        passwordHash,
        mustChangePassword: false,
      })
      .returning({ id: users.id });
    // The security log is where an administrator later sees who created whom; here no one did.
    await recordSecurityEvent(tx, {
      kind: "user_created",
      municipalityId,
      username,
      userId: user!.id,
      userAgent: "npm run create-admin",
    });
    return { userId: user!.id, municipalityId, createdMunicipality };
  });
}
