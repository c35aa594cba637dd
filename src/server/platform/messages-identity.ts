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
} as const satisfies Record<string, Record<Lang, string>>;
