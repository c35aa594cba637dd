/** Error messages of a citizen's CareDeliveryReport (issue 14 point 2); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const CARE_RECORD_DELIVERY_MESSAGES = {
  care_record_provider_sor_missing: {
    da: "Borgerens leverandør har ingen SOR-kode, og omsorgsjournalen kender borgeren ud fra den. Angiv leverandørens SOR-kode under Organisationer, eller tilknyt borgeren en leverandør.",
    en: "The citizen's provider has no SOR code, and the care record knows the citizen by it. Enter the provider's SOR code under Organisations, or give the citizen a provider.",
  },
  care_record_citizen_not_deliverable: {
    da: "Borgerens oplysninger kan ikke leveres: borgeren er anonymiseret.",
    en: "The citizen's data cannot be delivered: the citizen has been anonymised.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
