/**
 * How an identity provider's claims become a Broen user (issue 15 point 1): the role and unit a
 * user's ID token maps to, the username derived for a new user, and the local path a login returns
 * to. Pure rules; the auth module's OIDC service applies them.
 */
import type { StaffRole } from "./vocabulary/organisation.js";

/** Why a login through the identity provider was refused: the login page's `?fejl=` and its message. */
export const OIDC_LOGIN_ERRORS = [
  "oidc_provider_unknown",
  "oidc_provider_unreachable",
  "oidc_state_invalid",
  "oidc_denied",
  "oidc_token_refused",
  "oidc_no_role",
  "oidc_no_unit",
  "oidc_user_inactive",
] as const;
export type OidcLoginError = (typeof OIDC_LOGIN_ERRORS)[number];

export interface UnitTargetRule {
  organisationId: string;
  districtId?: string | null;
}

/** A claim's values as a list: a string, an array of strings, or nothing. */
export function claimValues(claims: Record<string, unknown>, claim: string | null): string[] {
  if (!claim) return [];
  const value = claims[claim];
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/**
 * The first of the claim's values (in the token's order) that the map knows; null = no mapping.
 * A user in several mapped groups gets the one their provider lists first — administrators who want
 * a fixed precedence map one group per person.
 */
export function mapClaim<T>(
  claims: Record<string, unknown>,
  claim: string | null,
  map: Record<string, T>,
): T | null {
  for (const v of claimValues(claims, claim)) if (Object.hasOwn(map, v)) return map[v]!;
  return null;
}

export function mapRole(
  claims: Record<string, unknown>,
  roleClaim: string,
  roleMap: Record<string, StaffRole>,
): StaffRole | null {
  return mapClaim(claims, roleClaim, roleMap);
}

/** A display name from the name claim, else given + family name, else the username. */
export function displayNameOf(claims: Record<string, unknown>, nameClaim: string, fallback: string): string {
  const named = claimValues(claims, nameClaim)[0]?.trim();
  if (named) return named.slice(0, 200);
  const parts = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === "string");
  return parts.join(" ").trim().slice(0, 200) || fallback;
}

/**
 * The username a new user gets: preferred_username, else email, else the subject — lower-case,
 * only letters, digits and . _ - @, at most 60 characters. The caller adds "-2", "-3" … when taken.
 */
export function usernameBase(claims: Record<string, unknown>): string {
  const pick = [claims.preferred_username, claims.upn, claims.email, claims.sub].find(
    (v): v is string => typeof v === "string" && v.trim() !== "",
  );
  const cleaned = (pick ?? "bruger")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/[^a-z0-9._@-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 60);
  return cleaned || "bruger";
}

/** The return-path rule lives with the web app's own login (one rule for both); re-exported for the OIDC service. */
export { safeReturnTo } from "./return-path.js";
