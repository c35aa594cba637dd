/**
 * Error messages a person understands, in Danish (default) and English,
 * chosen by Accept-Language. Keys are the stable error codes of the API.
 */
import { CATALOG_MESSAGES } from "./messages-catalog.js";
import { CARE_RECORD_DELIVERY_MESSAGES } from "./messages-care-record-delivery.js";
import { CARE_RECORD_EXCHANGE_MESSAGES } from "./messages-care-record-exchange.js";
import { CARE_RECORD_IMPORT_MESSAGES } from "./messages-care-record-import.js";
import { FHIR_MESSAGES } from "./messages-fhir.js";
import { IDENTITY_MESSAGES } from "./messages-identity.js";
import { MESSAGING_OUTBOX_MESSAGES } from "./messages-messaging-outbox.js";
import { PLACEMENT_MESSAGES } from "./messages-placements.js";
import { PLATFORM_ADMIN_MESSAGES } from "./messages-platform-admin.js";
import { PRIVACY_MESSAGES } from "./messages-privacy.js";
import { PROVISIONING_MESSAGES } from "./messages-provisioning.js";
import { MESSAGING_CITIZEN_MESSAGES } from "./messages-messaging-citizen.js";
import { MESSAGING_LETTER_MESSAGES } from "./messages-messaging-letter.js";
import { REPORT_MESSAGES } from "./messages-reports.js";
import type { Lang } from "./lang.js";

export type { Lang };

export const ERROR_MESSAGES = {
  ...CATALOG_MESSAGES,
  ...CARE_RECORD_DELIVERY_MESSAGES,
  ...CARE_RECORD_EXCHANGE_MESSAGES,
  ...CARE_RECORD_IMPORT_MESSAGES,
  ...FHIR_MESSAGES,
  ...IDENTITY_MESSAGES,
  ...MESSAGING_OUTBOX_MESSAGES,
  ...PLACEMENT_MESSAGES,
  ...PLATFORM_ADMIN_MESSAGES,
  ...PRIVACY_MESSAGES,
  ...PROVISIONING_MESSAGES,
  ...MESSAGING_CITIZEN_MESSAGES,
  ...MESSAGING_LETTER_MESSAGES,
  ...REPORT_MESSAGES,
  validation_failed: {
    da: "Nogle felter er ikke udfyldt korrekt.",
    en: "Some fields are not filled in correctly.",
  },
  invalid_json: { da: "Forespørgslen er ikke gyldig JSON.", en: "The request is not valid JSON." },
  unsupported_media_type: {
    da: "Forespørgslen skal sendes som JSON.",
    en: "The request must be sent as JSON.",
  },
  payload_too_large: { da: "Forespørgslen er for stor.", en: "The request is too large." },
  body_not_allowed: {
    da: "Denne forespørgsel må ikke have noget indhold.",
    en: "This request must not have a body.",
  },
  cross_origin_request: {
    da: "Forespørgslen kom fra en anden side end Broen og er afvist.",
    en: "The request came from a page other than Broen and was refused.",
  },
  not_found: { da: "Siden eller ressourcen findes ikke.", en: "The page or resource does not exist." },
  citizen_not_found: { da: "Borgeren findes ikke.", en: "The citizen does not exist." },
  search_in_url: {
    da: "Søgeord må ikke stå i adressen. Søg med POST /api/citizens/search.",
    en: "Search terms must not be in the URL. Search with POST /api/citizens/search.",
  },
  user_not_found: { da: "Brugeren findes ikke.", en: "The user does not exist." },
  organisation_not_found: { da: "Organisationen findes ikke.", en: "The organisation does not exist." },
  district_not_found: { da: "Distriktet findes ikke.", en: "The district does not exist." },
  contact_not_found: { da: "Kontakten findes ikke.", en: "The contact does not exist." },
  referral_not_found: { da: "Henvisningen findes ikke.", en: "The referral does not exist." },
  referral_transition_not_allowed: {
    da: "Henvisningen kan ikke ændres sådan i sin nuværende status.",
    en: "The referral cannot be changed like that in its current status.",
  },
  no_coordinator_unit: {
    da: "Kommunen har ingen aktiv koordinatorenhed til at modtage henvisningen.",
    en: "The municipality has no active coordinator unit to receive the referral.",
  },
  questionnaire_not_found: { da: "Spørgeskemaet findes ikke.", en: "The questionnaire does not exist." },
  questionnaire_incomplete: {
    da: "Spørgeskemaet er ikke udfyldt helt. Besvar de markerede spørgsmål.",
    en: "The questionnaire is not complete. Answer the marked questions.",
  },
  invalid_questionnaire_definition: {
    da: "Spørgeskemaets opbygning er ikke gyldig.",
    en: "The questionnaire definition is not valid.",
  },
  detection_clip_not_found: {
    da: "Opsporingsklippet findes ikke.",
    en: "The detection clip does not exist.",
  },
  detection_clip_not_planned: {
    da: "Klippet er ikke længere planlagt.",
    en: "The clip is no longer planned.",
  },
  triage_meeting_not_found: { da: "Triagemødet findes ikke.", en: "The triage meeting does not exist." },
  course_not_found: { da: "Forløbet findes ikke.", en: "The course does not exist." },
  course_already_open: {
    da: "Borgeren har allerede et åbent forløb. Afslut det, før et nyt oprettes.",
    en: "The citizen already has an open course. Close it before opening a new one.",
  },
  course_closed: {
    da: "Forløbet er afsluttet og kan ikke ændres.",
    en: "The course is closed and cannot be changed.",
  },
  course_paused: {
    da: "Forløbet er sat på pause. Genoptag det først.",
    en: "The course is paused. Resume it first.",
  },
  course_move_not_allowed: {
    da: "Forløbet kan ikke flyttes til det trin herfra.",
    en: "The course cannot move to that stage from here.",
  },
  course_not_paused: { da: "Forløbet er ikke sat på pause.", en: "The course is not paused." },
  course_already_paused: { da: "Forløbet er allerede sat på pause.", en: "The course is already paused." },
  follow_up_not_allowed: {
    da: "Opfølgning kan først registreres, når afklaringen er færdig, og ikke mens forløbet er på pause.",
    en: "A follow-up can be recorded only after clarification, and not while the course is paused.",
  },
  conversation_not_found: { da: "Samtalen findes ikke.", en: "The conversation does not exist." },
  conversation_already_recorded: {
    da: "Samtalen er allerede registreret.",
    en: "The conversation has already been recorded.",
  },
  intervention_not_found: { da: "Indsatsen findes ikke.", en: "The intervention does not exist." },
  intervention_ended: { da: "Indsatsen er afsluttet.", en: "The intervention has ended." },
  definition_not_found: { da: "Opsætningen findes ikke.", en: "The configuration does not exist." },
  invalid_course_definition: { da: "Opsætningen er ikke gyldig.", en: "The configuration is not valid." },
  grant_beyond_frame: {
    da: "Bevillingen ligger uden for kommunens klippekort-ramme.",
    en: "The grant is beyond the municipality's punch-card frame.",
  },
  clip_kind_not_on_card: {
    da: "Klippekortet har ingen klip af den slags.",
    en: "The punch card has no clips of that kind.",
  },
  no_clips_left: {
    da: "Der er ikke flere klip af den slags tilbage på klippekortet.",
    en: "There are no clips of that kind left on the card.",
  },
  clip_not_found: { da: "Klippet findes ikke.", en: "The clip does not exist." },
  clip_not_planned: { da: "Klippet er ikke længere planlagt.", en: "The clip is no longer planned." },
  clip_beyond_frame: {
    da: "Klippet varede længere, end bevillingen eller klippekortets ramme tillader.",
    en: "The clip lasted longer than the grant or the punch-card frame allows.",
  },
  clip_overlaps: {
    da: "Medarbejderen har allerede et planlagt klip på det tidspunkt.",
    en: "The worker already has a planned clip at that time.",
  },
  budget_not_found: { da: "Timepuljen findes ikke.", en: "The hour budget does not exist." },
  budget_exhausted: {
    da: "Der er ikke minutter nok tilbage i enhedens timepulje.",
    en: "Not enough minutes are left in the unit's hour budget.",
  },
  budget_required: {
    da: "Vælg den timepulje, bevillingen skal trækkes fra.",
    en: "Choose the hour budget the grant is drawn from.",
  },
  calendar_feed_not_found: {
    da: "Kalenderen findes ikke eller er tilbagekaldt.",
    en: "The calendar does not exist or was revoked.",
  },
  unauthenticated: { da: "Du skal logge ind.", en: "You must log in." },
  invalid_credentials: { da: "Forkert brugernavn eller adgangskode.", en: "Wrong username or password." },
  account_locked: {
    da: "For mange forkerte forsøg herfra. Vent lidt, og prøv igen.",
    en: "Too many failed attempts from here. Wait a little and try again.",
  },
  password_change_required: { da: "Du skal vælge en ny adgangskode.", en: "You must choose a new password." },
  forbidden: { da: "Du har ikke adgang til dette.", en: "You do not have access to this." },
  duplicate_cpr: {
    da: "Der findes allerede en borger med dette CPR-nummer.",
    en: "A citizen with this CPR number already exists.",
  },
  duplicate_name: { da: "Navnet er allerede i brug.", en: "The name is already in use." },
  duplicate_username: { da: "Brugernavnet er allerede i brug.", en: "The username is already in use." },
  version_conflict: {
    da: "Oplysningerne er ændret af en anden i mellemtiden. Hent siden igen.",
    en: "Someone else changed this meanwhile. Reload the page.",
  },
  idempotency_key_reused: {
    da: "Idempotency-Key er brugt før til en anden forespørgsel.",
    en: "The Idempotency-Key was used before for a different request.",
  },
  rate_limited: {
    da: "For mange forespørgsler. Vent lidt, og prøv igen.",
    en: "Too many requests. Wait a moment and try again.",
  },
  database_unavailable: {
    da: "Databasen svarer ikke lige nu. Prøv igen om lidt — intet er gemt.",
    en: "The database is not answering right now. Try again shortly — nothing was saved.",
  },
  internal_error: {
    da: "Der skete en uventet fejl. Prøv igen.",
    en: "An unexpected error occurred. Try again.",
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Field-level reasons, so a client can show "Feltet er for langt" next to the field. */
export const FIELD_MESSAGES = {
  required: { da: "Skal udfyldes.", en: "Required." },
  too_long: { da: "Er for langt.", en: "Is too long." },
  too_short: { da: "Er for kort.", en: "Is too short." },
  invalid_type: { da: "Har en forkert type.", en: "Has the wrong type." },
  invalid_value: { da: "Er ikke en gyldig værdi.", en: "Is not a valid value." },
  unknown_field: { da: "Feltet kendes ikke.", en: "Unknown field." },
  not_in_url: {
    da: "Må ikke sendes i adressen; send det i forespørgslens indhold.",
    en: "Must not be sent in the URL; send it in the request body.",
  },
  invalid_cpr_format: {
    da: "CPR-nummeret skal have formen DDMMÅÅ-XXXX.",
    en: "The CPR number must have the form DDMMYY-XXXX.",
  },
  invalid_cpr_date: {
    da: "CPR-nummerets fødselsdato findes ikke.",
    en: "The CPR number's birth date does not exist.",
  },
  invalid_date: { da: "Er ikke en gyldig dato.", en: "Is not a valid date." },
  invalid_format: { da: "Har et forkert format.", en: "Has the wrong format." },
  password_contains_username: {
    da: "Adgangskoden må ikke være eller indeholde brugernavnet.",
    en: "The password must not be or contain the username.",
  },
  password_too_common: {
    da: "Adgangskoden er for almindelig og let at gætte. Vælg en anden.",
    en: "The password is too common and easy to guess. Choose another.",
  },
  password_reused: {
    da: "Vælg en ny adgangskode, ikke den du har nu.",
    en: "Choose a new password, not the one you have now.",
  },
  in_future: { da: "Må ikke ligge efter i dag.", en: "Must not be later than today." },
  before_course_opened: {
    da: "Må ikke ligge før forløbet blev oprettet.",
    en: "Must not be before the course was opened.",
  },
  too_early: { da: "Ligger før den tidligst mulige dato.", en: "Is before the earliest possible date." },
  beyond_frame: {
    da: "Ligger uden for bevillingen eller klippekortets ramme.",
    en: "Is beyond the grant or the punch-card frame.",
  },
  overlaps: { da: "Overlapper et andet planlagt klip.", en: "Overlaps another planned clip." },
  outside_window: { da: "Ligger uden for tidsvinduet.", en: "Is outside the time window." },
  unknown_username: {
    da: "Ingen aktiv medarbejder har det brugernavn.",
    en: "No active member of staff has that username.",
  },
  ambassador_home_care_only: {
    da: "Kun en hjemmeplejemedarbejder kan være ambassadør.",
    en: "Only a home-care worker can be an ambassador.",
  },
  // The citizen's consent to be reached and the message texts (issue 16).
  invalid_phone: {
    da: "Er ikke et telefonnummer. Skriv 8 cifre (fx 22 33 44 55) eller +45 og nummeret.",
    en: "Is not a phone number. Write 8 digits (e.g. 22 33 44 55) or +45 and the number.",
  },
  invalid_email: {
    da: "Er ikke en e-mailadresse (fx navn@eksempel.dk).",
    en: "Is not an e-mail address (e.g. name@example.dk).",
  },
  contains_cpr: {
    da: "Må ikke indeholde et CPR-nummer.",
    en: "Must not contain a CPR number.",
  },
  unknown_variable: {
    da: "Indeholder en ukendt variabel (i krøllede parenteser).",
    en: "Contains an unknown variable (in braces).",
  },
  unbalanced_braces: {
    da: "En krøllet parentes er ikke lukket (skriv variabler som {fornavn}).",
    en: "A brace is not closed (write variables as {fornavn}).",
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type FieldReason = keyof typeof FIELD_MESSAGES;

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return "da";
  // The first language the client names that we speak wins; Danish when none.
  for (const part of acceptLanguage.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("da")) return "da";
    if (tag.startsWith("en")) return "en";
  }
  return "da";
}
