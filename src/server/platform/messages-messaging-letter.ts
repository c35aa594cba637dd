/** Error messages of the citizen's letter (issue 16); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const MESSAGING_LETTER_MESSAGES = {
  letter_no_open_course: {
    da: "Borgeren har intet åbent forløb, så der er ingen plan at skrive i et brev.",
    en: "The citizen has no open course, so there is no plan to put in a letter.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
