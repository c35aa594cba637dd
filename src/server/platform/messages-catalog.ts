/** Error messages of the activity catalog (issue 5); merged into ERROR_MESSAGES. */
import type { Lang } from "./messages.js";

export const CATALOG_MESSAGES = {
  catalog_activity_not_found: { da: "Aktiviteten findes ikke.", en: "The activity does not exist." },
  catalog_organisation_not_found: { da: "Foreningen eller organisationen findes ikke.", en: "The association or organisation does not exist." },
} as const satisfies Record<string, Record<Lang, string>>;
