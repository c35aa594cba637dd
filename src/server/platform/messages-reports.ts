/** Error messages of evaluation and reporting (issue 6); merged into ERROR_MESSAGES. */
import type { Lang } from "./messages.js";

export const REPORT_MESSAGES = {
  outcome_measurement_not_found: { da: "Målingen findes ikke.", en: "The measurement does not exist." },
  outcome_already_recorded: { da: "Målingen er allerede besvaret.", en: "The measurement has already been answered." },
} as const satisfies Record<string, Record<Lang, string>>;
