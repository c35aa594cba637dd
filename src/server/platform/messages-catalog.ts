/** Error messages of the activity catalog (issue 5); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const CATALOG_MESSAGES = {
  catalog_activity_not_found: { da: "Aktiviteten findes ikke.", en: "The activity does not exist." },
  catalog_organisation_not_found: {
    da: "Foreningen eller organisationen findes ikke.",
    en: "The association or organisation does not exist.",
  },
  catalog_location_unknown: {
    da: "Borgerens adresse har ingen koordinater. Vælg et område (postnummer) i stedet.",
    en: "The citizen's address has no coordinates. Choose an area (postal code) instead.",
  },
  catalog_import_invalid: {
    da: "Importen har ugyldige rækker, så intet er importeret. Ret rækkerne, eller vælg at importere de gyldige.",
    en: "The import has invalid rows, so nothing was imported. Correct the rows, or choose to import the valid ones.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
