/**
 * A placement (a citizen tried in one activity) as a state machine, issue 5:
 * foreslået → kontaktet → prøvebesøg → deltager, and stoppet from any of them.
 *
 * Rules chosen where the seeds are silent:
 * - Forward moves may skip steps: an association often rings the citizen itself and the citizen
 *   turns up at the first meeting (suggested → participating). No reason is needed: nothing was
 *   given up.
 * - No step back: a second try after a stop is a new placement, so the first one keeps its
 *   history (who stopped it and why), and "is the citizen still taking part?" stays answerable.
 * - Stopping needs a reason. Guidepost 4 asks to end a relation "på en god måde" when the
 *   chemistry is not there; the reason is what the next suggestion learns from.
 * - A stopped placement never moves again.
 */

/** The same values as the placements table's status column (server/db/schema/catalog.ts). */
export const PLACEMENT_STATUS_ORDER = [
  "suggested",
  "contacted",
  "trial_visit",
  "participating",
  "stopped",
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUS_ORDER)[number];

/** The active steps in order; `stopped` is reachable from each of them. */
export const PLACEMENT_STEPS = [
  "suggested",
  "contacted",
  "trial_visit",
  "participating",
] as const satisfies readonly PlacementStatus[];

export type PlacementRefusal = "stopped" | "same_status" | "not_allowed" | "reason_required";
export type PlacementMove = { ok: true; to: PlacementStatus } | { ok: false; refusal: PlacementRefusal };

const step = (s: PlacementStatus) => (PLACEMENT_STEPS as readonly PlacementStatus[]).indexOf(s);

/** A placement that is not stopped counts as active: one active placement per course and activity. */
export function isActivePlacement(status: PlacementStatus): boolean {
  return status !== "stopped";
}

/** Where a placement may go from here (ignoring whether a reason is given). */
export function allowedPlacementMoves(from: PlacementStatus): PlacementStatus[] {
  if (from === "stopped") return [];
  return [...PLACEMENT_STEPS.filter((s) => step(s) > step(from)), "stopped"];
}

export function movePlacement(
  from: PlacementStatus,
  to: PlacementStatus,
  reason?: string | null,
): PlacementMove {
  if (from === "stopped") return { ok: false, refusal: "stopped" };
  if (from === to) return { ok: false, refusal: "same_status" };
  if (to === "stopped")
    return reason && reason.trim() ? { ok: true, to } : { ok: false, refusal: "reason_required" };
  return step(to) > step(from) ? { ok: true, to } : { ok: false, refusal: "not_allowed" };
}
