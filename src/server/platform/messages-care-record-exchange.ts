/** Error messages of the exchange with the care record's FHIR servers (issue 14); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const CARE_RECORD_EXCHANGE_MESSAGES = {
  care_record_source_missing: {
    da: "Der er ikke sat nogen FHIR-server op at hente fra. Gem forbindelsen først.",
    en: "No FHIR server to pull from is set up. Save the connection first.",
  },
  care_record_delivery_not_found: {
    da: "Leveringen findes ikke.",
    en: "The delivery does not exist.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
