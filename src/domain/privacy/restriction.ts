/**
 * Restriction of processing (GDPR art. 18, issue 13 point 2): while a citizen's processing is
 * restricted the data is kept but not processed. Pure; the server asks it before it opens a
 * restricted citizen's data and before any new processing.
 *
 * - New processing — a screening, a referral to the volunteer centre, a placement (sharing with
 *   an activity), any other write that works with the citizen — is refused for everyone.
 * - Opening the data is left to those who handle the citizen's request: the roles that may
 *   restrict and lift (the administrator, for the DPO). They may still read it, correct it
 *   (art. 16 is often why it was restricted), produce the access export and erase it.
 *   Everyone else is told the processing is restricted, and lists do not show the citizen.
 */
import { type Actor, type CitizenResource, can } from "../access-policy.js";

export interface RestrictableCitizen extends CitizenResource {
  /** citizens.restricted_at: set while a restriction is open. */
  restrictedAt: Date | string | null;
}

/** "open": read or correct the data; "process": anything new done with it (screen, share, place). */
export type RestrictedUse = "open" | "process";

/** Whether the restriction refuses this use to this actor (false when the citizen is not restricted). */
export function restrictionRefuses(actor: Actor, citizen: RestrictableCitizen, use: RestrictedUse): boolean {
  if (citizen.restrictedAt === null) return false;
  if (use === "process") return true;
  return !can(actor, { kind: "citizen.restrict", citizen }).allowed;
}

export type RestrictionMove = "restrict" | "lift";

/** Restrict only what is not restricted, lift only what is: a second click is a 409, not a new row. */
export function restrictionMoveAllowed(restricted: boolean, move: RestrictionMove): boolean {
  return move === "restrict" ? !restricted : restricted;
}
