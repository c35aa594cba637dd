/**
 * Error messages of the platform administration (issue 15 point 3, decision 0103); merged into
 * ERROR_MESSAGES.
 */
import type { Lang } from "./lang.js";

export const PLATFORM_ADMIN_MESSAGES = {
  platform_unauthenticated: {
    da: "Du skal logge ind som platformadministrator.",
    en: "You must log in as a platform administrator.",
  },
  duplicate_municipality_code: {
    da: "Der findes allerede en kommune med denne kommunekode.",
    en: "A municipality with this code already exists.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
