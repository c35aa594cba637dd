/**
 * Error messages of the citizen's side of messaging (issue 16: consent, templates, reminders, the
 * coordinator's message); merged into ERROR_MESSAGES.
 */
import type { Lang } from "./lang.js";

export const MESSAGING_CITIZEN_MESSAGES = {
  messaging_no_consent: {
    da: "Borgeren har ikke givet samtykke til at modtage beskeder. Registrér samtykket under Beskeder og samtykke på borgerens side.",
    en: "The citizen has not consented to receive messages. Record the consent under Messages and consent on the citizen's page.",
  },
  messaging_no_channel: {
    da: "Borgeren kan ikke få SMS eller e-mail: der er ikke valgt en kanal med telefonnummer eller e-mailadresse (eller kun brev).",
    en: "The citizen cannot receive SMS or e-mail: no channel with a phone number or e-mail address is chosen (or letters only).",
  },
  template_version_conflict: {
    da: "Skabelonen blev gemt af en anden i samme øjeblik. Hent den igen, og prøv en gang til.",
    en: "Someone else saved the template at the same moment. Reload it and try again.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
