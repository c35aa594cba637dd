/**
 * Error messages of the FHIR read API and its system clients (issue 14 point 3); merged into
 * ERROR_MESSAGES. Under /fhir/R4 they travel in an OperationOutcome's diagnostics (or an OAuth
 * error's description at the token endpoint); on /api in the one error shape.
 */
import type { Lang } from "./lang.js";

export const FHIR_MESSAGES = {
  fhir_client_not_found: { da: "Systemklienten findes ikke.", en: "The system client does not exist." },
  fhir_client_revoked: {
    da: "Systemklienten er allerede tilbagekaldt.",
    en: "The system client has already been revoked.",
  },
  no_administration_organisation: {
    da: "Kommunen har ingen aktiv administration at knytte systemklienten til.",
    en: "The municipality has no active administration to attach the system client to.",
  },
  fhir_token_required: {
    da: "Send et adgangstoken (Authorization: Bearer …) fra POST /fhir/R4/auth/token.",
    en: "Send an access token (Authorization: Bearer …) from POST /fhir/R4/auth/token.",
  },
  fhir_token_invalid: {
    da: "Adgangstokenet er ukendt, udløbet eller tilbagekaldt.",
    en: "The access token is unknown, expired or revoked.",
  },
  fhir_scope_missing: {
    da: "Systemklienten har ikke adgang til denne ressourcetype (scope).",
    en: "The system client has no scope for this resource type.",
  },
  fhir_type_not_supported: {
    da: "Ressourcetypen understøttes ikke af denne FHIR-server.",
    en: "This FHIR server does not support the resource type.",
  },
  fhir_identifier_in_url: {
    da: "Et CPR-nummer må ikke stå i adressen. Søg med POST /fhir/R4/Patient/_search og identifier i indholdet (application/x-www-form-urlencoded).",
    en: "A CPR number must not be in the URL. Search with POST /fhir/R4/Patient/_search with identifier in the body (application/x-www-form-urlencoded).",
  },
  fhir_search_parameter: {
    da: "En søgeparameter er ukendt eller har en ugyldig værdi.",
    en: "A search parameter is unknown or has an invalid value.",
  },
  fhir_cursor_invalid: {
    da: "Sidemarkøren er ugyldig eller hører til en anden søgning. Start søgningen forfra.",
    en: "The page cursor is invalid or belongs to another search. Start the search again.",
  },
  oauth_invalid_request: {
    da: "Forespørgslen mangler grant_type, client_id eller client_secret.",
    en: "The request lacks grant_type, client_id or client_secret.",
  },
  oauth_unsupported_grant_type: {
    da: "Kun grant_type=client_credentials understøttes.",
    en: "Only grant_type=client_credentials is supported.",
  },
  oauth_invalid_client: {
    da: "Klient-id eller hemmelighed er forkert, eller klienten er tilbagekaldt.",
    en: "The client id or secret is wrong, or the client has been revoked.",
  },
  oauth_invalid_scope: {
    da: "Klienten har ikke fået det ønskede scope.",
    en: "The client has not been given the requested scope.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
