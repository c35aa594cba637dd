/** Error messages of the care-record import (issue 14, decision 0098), in Danish and English. */
import type { Lang } from "./lang.js";

export const CARE_RECORD_IMPORT_MESSAGES = {
  import_run_not_found: {
    da: "Importen findes ikke.",
    en: "The import does not exist.",
  },
  import_run_closed: {
    da: "Importen er allerede kasseret eller fejlet og kan ikke gennemføres.",
    en: "The import has already been discarded or has failed and cannot be applied.",
  },
  duplicate_sor_code: {
    da: "En anden organisation i kommunen har allerede den SOR-kode.",
    en: "Another organisation of the municipality already has that SOR code.",
  },
} satisfies Record<string, Record<Lang, string>>;
