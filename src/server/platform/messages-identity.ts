/**
 * Error messages of login with the municipality's identity provider (issue 15 point 1, decision
 * 0101); merged into ERROR_MESSAGES.
 */
import type { Lang } from "./lang.js";

export const IDENTITY_MESSAGES = {
  local_login_disabled: {
    da: "Din kommune har slået log-ind med adgangskode fra. Log ind med kommunens log-in (knappen ovenfor).",
    en: "Your municipality has switched password login off. Log in with the municipality's login (the button above).",
  },
  local_login_needs_provider: {
    da: "Log-ind med adgangskode kan kun slås fra, når kommunens log-in er slået til.",
    en: "Password login can only be switched off when the municipality's login is switched on.",
  },
  identity_provider_unit_invalid: {
    da: "En enhed i tilknytningen findes ikke i kommunen.",
    en: "A unit in the mapping does not exist in the municipality.",
  },
  // Staff in several municipalities (issue 15 point 4, decision 0104).
  municipality_not_available: {
    da: "Du kan ikke arbejde i den kommune.",
    en: "You cannot work in that municipality.",
  },
  municipality_switched: {
    da: "Du har skiftet kommune i et andet vindue. Siden indlæses igen.",
    en: "You switched municipality in another window. The page reloads.",
  },
  membership_exists: {
    da: "Medarbejderen er allerede bruger i kommunen (er brugeren deaktiveret, så genaktivér den i listen).",
    en: "The person is already a user in the municipality (if the user is deactivated, reactivate it in the list).",
  },
  membership_no_password: {
    da: "Medarbejderen logger ind via en anden kommune og har ingen adgangskode her.",
    en: "The person logs in via another municipality and has no password here.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
