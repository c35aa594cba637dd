/** Error messages of evaluation and reporting (issue 6); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const REPORT_MESSAGES = {
  outcome_measurement_not_found: { da: "Målingen findes ikke.", en: "The measurement does not exist." },
  outcome_already_recorded: {
    da: "Målingen er allerede besvaret.",
    en: "The measurement has already been answered.",
  },
  outcome_outside_window: {
    da: "Opfølgningen ligger uden for tidsvinduet efter baseline. Den kan gemmes, men tæller ikke med som 6-måneders måling.",
    en: "The follow-up is outside its window after the baseline. It can be saved, but it does not count as the 6-month measurement.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
