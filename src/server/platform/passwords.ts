import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { LIMITS } from "../../domain/limits.js";
import { AppError } from "./errors.js";
import type { FieldReason } from "./messages.js";

// argon2id (the library's default algorithm) with OWASP's recommended minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** The hashing in force, for the records of processing (issue 13), so the document states what the code does. */
export const PASSWORD_HASHING = { algorithm: "argon2id", ...OPTIONS } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when a user does not exist keeps response time from telling usernames apart. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("no-such-user-password");
  return dummyHash;
}

/**
 * The most common passwords of zxcvbn-ts's maintained list (~49,000 from leaked-password corpora),
 * lower-cased. Built on first use: ~2 MB, kept for the process's life.
 */
let commonPasswords: Set<string> | null = null;
function isCommon(candidate: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return commonPasswords.has(candidate);
}

export type PasswordProblem = Extract<
  FieldReason,
  "too_short" | "too_long" | "password_contains_username" | "password_too_common" | "password_reused"
>;

/**
 * The password policy, the one place it is decided (change password, an administrator's create and
 * reset, the create-admin command): at least LIMITS.passwordMin characters, neither the username
 * nor containing it, not a common password — also not one with digits or symbols only added
 * around it ("Password2026!") — and not the password it replaces (the temporary one).
 */
export function passwordProblem(
  password: string,
  opts: { username: string; previous?: string },
): PasswordProblem | null {
  if ([...password].length < LIMITS.passwordMin) return "too_short";
  if ([...password].length > LIMITS.passwordMax) return "too_long";
  const lower = password.toLowerCase();
  const username = opts.username.trim().toLowerCase();
  // Very short usernames would match inside too many good passwords; they are refused only whole.
  if (username && (lower === username || (username.length >= 3 && lower.includes(username))))
    return "password_contains_username";
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, "");
  if (isCommon(lower) || (core.length >= 4 && isCommon(core))) return "password_too_common";
  if (opts.previous !== undefined && password === opts.previous) return "password_reused";
  return null;
}

/** passwordProblem() as a 400 naming the field (`newPassword`, `password`, `temporaryPassword`). */
export function assertPasswordPolicy(
  field: string,
  password: string,
  opts: { username: string; previous?: string },
): void {
  const problem = passwordProblem(password, opts);
  if (problem) throw AppError.field(field, problem);
}
