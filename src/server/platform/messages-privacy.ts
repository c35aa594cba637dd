/** Error messages of the citizen's data over time (issue 13); merged into ERROR_MESSAGES. */
import type { Lang } from "./lang.js";

export const PRIVACY_MESSAGES = {
  erasure_reason_required: {
    da: "Borgeren har et åbent forløb eller en aktiv henvisning. Skriv en begrundelse for at fortsætte alligevel.",
    en: "The citizen has an open course or an active referral. Write a reason to go ahead anyway.",
  },
  citizen_already_anonymised: {
    da: "Borgeren er allerede anonymiseret.",
    en: "The citizen has already been anonymised.",
  },
  citizen_anonymised: {
    da: "Borgeren er anonymiseret, og oplysningerne kan ikke ændres.",
    en: "The citizen has been anonymised, and the data cannot be changed.",
  },
  stored_answer_removed: {
    da: "Svaret på denne forespørgsel er fjernet, fordi borgerens oplysninger er anonymiseret eller slettet.",
    en: "The answer to this request was removed because the citizen's data was anonymised or erased.",
  },
  citizen_restricted: {
    da: "Behandlingen af borgerens oplysninger er begrænset (databeskyttelsesforordningens artikel 18). Oplysningerne opbevares, men kan ikke bruges, før en administrator ophæver begrænsningen.",
    en: "Processing of the citizen's data is restricted (GDPR Article 18). The data is kept but cannot be used until an administrator lifts the restriction.",
  },
  citizen_already_restricted: {
    da: "Behandlingen af borgerens oplysninger er allerede begrænset.",
    en: "Processing of the citizen's data is already restricted.",
  },
  citizen_not_restricted: {
    da: "Behandlingen af borgerens oplysninger er ikke begrænset.",
    en: "Processing of the citizen's data is not restricted.",
  },
  volunteer_referral_withdrawn: {
    da: "Borgeren har trukket sit samtykke tilbage. Henvisningen er afsluttet og kan ikke besvares eller ændres.",
    en: "The citizen has withdrawn consent. The referral has ended and can no longer be answered or changed.",
  },
  retention_period_out_of_range: {
    da: "Perioden ligger uden for det tilladte for denne slags oplysninger.",
    en: "The period is outside what is allowed for this kind of data.",
  },
  retention_rule_disabled: {
    da: "Reglen er slået fra. Slå den til, før den køres.",
    en: "The rule is switched off. Switch it on before running it.",
  },
  retention_run_pending: {
    da: "Reglen har allerede en kørsel, der venter eller er i gang.",
    en: "The rule already has a run waiting or in progress.",
  },
  retention_run_not_awaiting_confirmation: {
    da: "Kørslen venter ikke på bekræftelse.",
    en: "The run is not waiting for confirmation.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
