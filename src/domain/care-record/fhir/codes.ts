/**
 * The canonical URLs and codes Broen writes into FHIR resources (issue 14, decision 0097): KL
 * Gateway's profiles, the code systems the profiles bind (FSIII by its FHIR url, SNOMED CT for a
 * follow-up, KL's encounter type), and Broen's own locally defined codes — the level-3
 * interventions of the punch-card work and the T-ILS codes — documented in docs/CARE-RECORD.md.
 * Pure data: the builders (resources.ts) and the profile rules (kl-profiles.ts) read the same table.
 */
import type { ClipKind } from "../../punchcard/policy.js";
import type { ConversationKind, InterventionKind } from "../../course/vocabulary.js";

/** KL Gateway municipality care data, 1.0.x (hl7dk/kl-gateway-care-data, sushi-config.yaml `canonical`). */
export const KL_GATEWAY_CANONICAL = "http://municipality-care-data.gateway.kl.dk/1.0";

const sd = (id: string): string => `${KL_GATEWAY_CANONICAL}/StructureDefinition/${id}`;

export const KL_PROFILES = {
  citizen: sd("klgateway-care-citizen"),
  condition: sd("klgateway-care-condition"),
  plannedIntervention: sd("klgateway-care-planned-intervention"),
  completedIntervention: sd("klgateway-care-completed-intervention"),
  encounter: sd("klgateway-care-encounter"),
  followUpObservation: sd("klgateway-care-follow-up-observation"),
  citizensOwnObservation: sd("klgateway-care-citizens-own-observation"),
  /** Not produced by Broen; named because a delivery report admits it. */
  matterOfInterestObservation: sd("klgateway-care-matter-of-interest-observation"),
  deliveryReport: sd("klgateway-care-delivery-report"),
  followUpEncounterExtension: sd("klgateway-care-follow-up-encounter-extension"),
} as const;
export type KlProfileKey = keyof typeof KL_PROFILES;

/** FSIII as KL's FHIR guides name it (the CodeSystem's OID is urn:oid:1.2.208.176.2.21, src/domain/fsiii). */
export const FSIII_FHIR_SYSTEM = "http://kl.dk/fhir/common/caresocial/CodeSystem/FSIII";
/** KL Gateway's code system for an intervention defined locally by the managing organisation (level 3). */
export const LOCAL_INTERVENTIONS_SYSTEM = "http://gateway.kl.dk/1.0/CodeSystem/LocallyDefinedInterventions";
/** KL's common codes; the CareEncounter type is fixed to one of them ("opfølgning"). */
export const KL_COMMON_CODES_SYSTEM =
  "http://kl.dk/fhir/common/caresocial/CodeSystem/KLCommonCareSocialCodes";
export const KL_FOLLOW_UP_ENCOUNTER_TYPE = "9f03dfbb-7a97-45a5-94db-d4c3501714a9";
export const SNOMED_SYSTEM = "http://snomed.info/sct";
/** SNOMED CT 712744002 — the fixed code of a CareFollowUpObservation. */
export const SNOMED_FOLLOW_UP = "712744002";
export const V3_ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
export const CONDITION_CLINICAL_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-clinical";
export const CONDITION_VERIFICATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
export const CONDITION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-category";

/** dk-core's CPR identifier (Det Centrale Personregister) and SOR identifier (Sundhedsvæsenets Organisationsregister). */
export const CPR_SYSTEM = "urn:oid:1.2.208.176.1.2";
export const SOR_SYSTEM = "urn:oid:1.2.208.176.1.1";

/**
 * Broen's canonical base for what it defines itself (the T-ILS questionnaire and its score code).
 * An identifier of Broen's definitions, not a web address anyone must resolve.
 */
export const BROEN_CANONICAL = "https://broen.dk/fhir";
export const BROEN_OBSERVATION_CODES_SYSTEM = `${BROEN_CANONICAL}/CodeSystem/broen-observation-codes`;
export const TILS_QUESTIONNAIRE_URL = `${BROEN_CANONICAL}/Questionnaire/t-ils`;
/** The score of the Three-Item Loneliness Scale (sum of the three answers, 3–9). */
export const TILS_SCORE_CODE = { code: "t-ils-score", display: "T-ILS sumscore (3–9)" } as const;
/** LOINC's survey category for the score Observation (base R4 observation-category). */
export const OBSERVATION_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

/**
 * FSIII level 2 under which the punch-card work is delivered: H7.1 "Generel 0-ydelse" ("Ydelsen kan
 * anvendes kommunalt eller tværkommunalt i en periode, fx i forbindelse med puljemidler, projekter
 * eller lignende") — the loneliness work is a municipal offer outside §83, and FSIII has no code
 * of its own for it. Each activity carries a locally defined level-3 code beneath it.
 */
export const PUNCH_CARD_LEVEL2 = "H7.1";

export interface LocalCode {
  readonly code: string;
  readonly display: string;
}

/** INDSATS 1–6 (seed 000) and, for a held conversation, the intervention it delivers. */
export const INTERVENTION_LOCAL_CODES: Readonly<Record<InterventionKind, LocalCode>> = {
  detection: { code: "H7.1.1", display: "Opsporing af ensomhed" },
  screening_conversation: { code: "H7.1.2", display: "Afklarende samtale om ensomhed" },
  guidance_motivation: { code: "H7.1.3", display: "Vejledning og motivation til fællesskab" },
  accompaniment: { code: "H7.1.4", display: "Ledsagelse til fællesskab" },
  group_activity: { code: "H7.1.5", display: "Deltagelse i fællesskab" },
  follow_up: { code: "H7.1.6", display: "Opfølgning på fællesskabsforløb" },
};

/** The community punch card itself (the course's clip grants). */
export const PUNCH_CARD_LOCAL_CODE: LocalCode = { code: "H7.1.10", display: "Klippekort til fællesskab" };

/** A performed clip of each kind. */
export const CLIP_LOCAL_CODES: Readonly<Record<ClipKind, LocalCode>> = {
  detection: { code: "H7.1.11", display: "Klip: opsporing" },
  conversation: { code: "H7.1.12", display: "Klip: samtale" },
  accompaniment: { code: "H7.1.13", display: "Klip: ledsagelse" },
  participation: { code: "H7.1.14", display: "Klip: deltagelse i fællesskab" },
  follow_up: { code: "H7.1.15", display: "Klip: opfølgning" },
};

/** A held conversation delivered as a completed intervention. */
export const CONVERSATION_LOCAL_CODES: Readonly<Record<ConversationKind, LocalCode>> = {
  clarification: INTERVENTION_LOCAL_CODES.screening_conversation,
  guidance: INTERVENTION_LOCAL_CODES.guidance_motivation,
  follow_up: INTERVENTION_LOCAL_CODES.follow_up,
};

/** Every locally defined level-3 code Broen writes, for the profile rules and the docs' table. */
export const ALL_LOCAL_CODES: readonly LocalCode[] = [
  ...Object.values(INTERVENTION_LOCAL_CODES),
  PUNCH_CARD_LOCAL_CODE,
  ...Object.values(CLIP_LOCAL_CODES),
];
