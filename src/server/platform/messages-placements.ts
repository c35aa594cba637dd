/** Error messages of matching, placements, volunteer referrals and small communities (issue 5); merged into ERROR_MESSAGES. */
import type { Lang } from "./messages.js";

export const PLACEMENT_MESSAGES = {
  placement_not_found: { da: "Placeringen findes ikke.", en: "The placement does not exist." },
} as const satisfies Record<string, Record<Lang, string>>;
