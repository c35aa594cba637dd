/**
 * Error messages of SCIM provisioning and its tokens (issue 15 point 2, decision 0102); merged into
 * ERROR_MESSAGES. Under /scim/v2 they travel as a SCIM error's `detail`; on /api in the one error shape.
 */
import type { Lang } from "./lang.js";

export const PROVISIONING_MESSAGES = {
  scim_token_not_found: { da: "SCIM-tokenet findes ikke.", en: "The SCIM token does not exist." },
  scim_token_revoked: {
    da: "SCIM-tokenet er allerede tilbagekaldt.",
    en: "The SCIM token has already been revoked.",
  },
  scim_token_required: {
    da: "Send et SCIM-token (Authorization: Bearer …), som kommunens administrator har udstedt.",
    en: "Send a SCIM token (Authorization: Bearer …) issued by the municipality's administrator.",
  },
  scim_token_invalid: {
    da: "SCIM-tokenet er ukendt eller tilbagekaldt.",
    en: "The SCIM token is unknown or revoked.",
  },
  scim_user_not_found: { da: "Brugeren findes ikke.", en: "The user does not exist." },
  scim_invalid_value: {
    da: "En attribut mangler eller har en ugyldig værdi.",
    en: "An attribute is missing or has an invalid value.",
  },
  scim_invalid_filter: {
    da: 'Filteret understøttes ikke. Brug userName eq "…" eller externalId eq "…".',
    en: 'The filter is not supported. Use userName eq "…" or externalId eq "…".',
  },
  scim_invalid_path: {
    da: "En PATCH-operations sti (path) understøttes ikke.",
    en: "A PATCH operation's path is not supported.",
  },
  scim_no_role: {
    da: "Brugerens rolle mangler eller kendes ikke i Broen.",
    en: "The user's role is missing or unknown in Broen.",
  },
  scim_no_unit: {
    da: "Brugerens organisation eller distrikt mangler eller kendes ikke i kommunen.",
    en: "The user's organisation or district is missing or unknown in the municipality.",
  },
  scim_username_taken: {
    da: "Brugernavnet er allerede i brug.",
    en: "The username is already in use.",
  },
  scim_external_id_taken: {
    da: "externalId er allerede knyttet til en anden bruger.",
    en: "The externalId already belongs to another user.",
  },
  scim_mutability: {
    da: "Attributten kan ikke ændres.",
    en: "The attribute cannot be changed.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
