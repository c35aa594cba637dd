/**
 * Records of processing (GDPR art. 30, issue 13 point 7), assembled from one municipality's
 * configuration: who the controller is, why Broen processes data, about whom, which kinds of data,
 * who receives what, how long each kind lives and how it is protected.
 *
 * Pure: the server reads the configuration (organisations, questionnaires in use, the barrier
 * catalogue, retention rules, evaluation settings, the contacts) and this function lays it out, so a
 * changed rule or a new volunteer centre changes the document the next time it is asked for. The
 * words for the keys (purposes, categories, legal bases, measures) are in the web app's i18n
 * (`privacy` namespace, section `records`) and in docs/PRIVACY.md; the names and numbers are data.
 *
 * The legal bases are the ones Broen's design assumes; the municipality's DPO confirms them (the
 * document says so) — like the retention periods, they are defaults, not legal advice.
 */
import type { OrganisationKind } from "../vocabulary/organisation.js";
import type { ConsentField } from "../vocabulary/placements.js";
import { RETENTION_DEFAULTS, type RetentionKind } from "./retention-defaults.js";

/** Why Broen processes personal data (art. 30(1)(b)). */
export const PROCESSING_PURPOSES = [
  "detection",
  "course",
  "punch_card",
  "matching",
  "follow_up",
  "evaluation",
  "security",
  /** Reminders, the coordinator's messages and the printed letter to citizens and relatives (issue 16). */
  "messaging",
  /** The staff's daily digest by e-mail (issue 16). */
  "staff_digest",
] as const;
export type ProcessingPurpose = (typeof PROCESSING_PURPOSES)[number];

/** Whom the data is about (art. 30(1)(c)). */
export const DATA_SUBJECTS = ["citizens", "contacts", "referrers", "staff", "association_contacts"] as const;
export type DataSubject = (typeof DATA_SUBJECTS)[number];

/** The kinds of personal data Broen holds (art. 30(1)(c)), each stored in named tables. */
export const DATA_CATEGORIES = [
  "identity",
  "home_care",
  "screenings",
  "notes",
  "course",
  "punch_card",
  "placements",
  "outcomes",
  "privacy_history",
  "contacts",
  "referrer",
  "staff_account",
  "staff_activity",
  "catalog_contacts",
  "messaging",
  "staff_notifications",
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** art9: special categories (health); cpr: the CPR number (databeskyttelsesloven § 11). */
export const DATA_SENSITIVITIES = ["art9", "cpr"] as const;
export type DataSensitivity = (typeof DATA_SENSITIVITIES)[number];

export const LEGAL_BASES = [
  "gdpr_6_1_e",
  "gdpr_9_2_h",
  "dpa_11",
  "consent",
  "dpa_10",
  "gdpr_6_1_c_32",
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** The technical and organisational measures of art. 32 that Broen itself takes (art. 30(1)(g)). */
export const SECURITY_MEASURES = [
  "passwords",
  "sessions",
  "lockout",
  "roles",
  "tenancy",
  "audit_trail",
  "security_log",
  "logs",
  "transport",
  "browser",
  "retention",
  "at_rest",
] as const;
export type SecurityMeasure = (typeof SECURITY_MEASURES)[number];

/** A retention rule's state: in force, switched off, or the shipped default not yet set up by the municipality. */
export const RETENTION_STATES = ["active", "disabled", "default"] as const;
export type RetentionState = (typeof RETENTION_STATES)[number];

/** How a questionnaire is used: a detection form, or the outcome measured at baseline and follow-up. */
export const QUESTIONNAIRE_USES = ["detection", "outcome"] as const;
export type QuestionnaireUse = (typeof QUESTIONNAIRE_USES)[number];

interface CategorySpec {
  subjects: readonly DataSubject[];
  sensitivity: readonly DataSensitivity[];
}

/**
 * What each category is about and how sensitive it is, from the schema: exclusion reasons include
 * dementia and terminal illness (home_care), questionnaires score loneliness, FSIII and barriers
 * describe function and health (course), free text may hold anything (notes), the volunteer
 * referral may share "mobility" (placements), corrections keep previous register values, CPR
 * included (privacy_history), and the public form may carry a CPR and a reason (referrer).
 */
const CATEGORIES: Record<DataCategory, CategorySpec> = {
  identity: { subjects: ["citizens"], sensitivity: ["cpr"] },
  home_care: { subjects: ["citizens"], sensitivity: ["art9"] },
  screenings: { subjects: ["citizens"], sensitivity: ["art9"] },
  notes: { subjects: ["citizens"], sensitivity: ["art9"] },
  course: { subjects: ["citizens"], sensitivity: ["art9"] },
  punch_card: { subjects: ["citizens", "staff"], sensitivity: [] },
  placements: { subjects: ["citizens"], sensitivity: ["art9"] },
  outcomes: { subjects: ["citizens"], sensitivity: ["art9"] },
  privacy_history: { subjects: ["citizens", "staff"], sensitivity: ["cpr"] },
  contacts: { subjects: ["contacts"], sensitivity: [] },
  referrer: { subjects: ["referrers", "citizens"], sensitivity: ["cpr", "art9"] },
  staff_account: { subjects: ["staff"], sensitivity: [] },
  staff_activity: { subjects: ["staff", "citizens"], sensitivity: [] },
  // The activity catalog's contact persons (catalog_activities.contact, kept with their old values
  // in catalog_changes) and the staff who edited the entries.
  catalog_contacts: { subjects: ["association_contacts", "staff"], sensitivity: [] },
  // The citizen's and the relative's phone and e-mail, the consent's history (who recorded it), and
  // the messages in the outbox: time, place and who comes — never a CPR number or a health word.
  messaging: { subjects: ["citizens", "contacts", "staff"], sensitivity: [] },
  // The address and choices a staff member gives for the digest, and the digests sent (counts and
  // links only: no citizen).
  staff_notifications: { subjects: ["staff"], sensitivity: [] },
};

interface PurposeSpec {
  categories: readonly DataCategory[];
  legalBases: readonly LegalBasis[];
}

const PURPOSES: Record<ProcessingPurpose, PurposeSpec> = {
  detection: {
    categories: ["identity", "home_care", "screenings", "notes", "contacts", "referrer"],
    legalBases: ["gdpr_6_1_e", "gdpr_9_2_h", "dpa_11"],
  },
  course: {
    categories: ["identity", "home_care", "course", "notes", "contacts"],
    legalBases: ["gdpr_6_1_e", "gdpr_9_2_h", "dpa_11"],
  },
  punch_card: { categories: ["identity", "punch_card", "course"], legalBases: ["gdpr_6_1_e", "gdpr_9_2_h"] },
  matching: {
    categories: ["identity", "course", "placements", "catalog_contacts"],
    legalBases: ["gdpr_6_1_e", "consent"],
  },
  follow_up: {
    categories: ["identity", "course", "outcomes", "notes"],
    legalBases: ["gdpr_6_1_e", "gdpr_9_2_h"],
  },
  evaluation: {
    categories: ["home_care", "screenings", "course", "punch_card", "placements", "outcomes"],
    legalBases: ["gdpr_6_1_e", "dpa_10"],
  },
  security: {
    categories: ["staff_account", "staff_activity", "privacy_history"],
    legalBases: ["gdpr_6_1_c_32"],
  },
  // The letter carries the agreed activity and the punch card, as the course page does; SMS and
  // e-mail carry no health words, and nothing is sent without the citizen's recorded consent.
  messaging: {
    categories: ["identity", "contacts", "messaging", "course", "punch_card"],
    legalBases: ["gdpr_6_1_e", "gdpr_9_2_h"],
  },
  staff_digest: { categories: ["staff_account", "staff_notifications"], legalBases: ["gdpr_6_1_e"] },
};

/** Citizen data: the citizen rules anonymise or erase all of it at once (privacy/erasure.ts). */
const CITIZEN_DATA: readonly DataCategory[] = [
  "identity",
  "home_care",
  "screenings",
  "notes",
  "course",
  "punch_card",
  "placements",
  "outcomes",
  "privacy_history",
  "contacts",
  "messaging",
];

/** Which categories each retention rule removes (retention-defaults.ts says what each does). */
const RETENTION_CATEGORIES: Record<RetentionKind, readonly DataCategory[]> = {
  closed_course_anonymise: CITIZEN_DATA,
  inactive_citizen_erase: CITIZEN_DATA,
  unmatched_public_referral_erase: ["referrer"],
  audit_trail_erase: ["staff_activity"],
  security_log_erase: ["staff_activity"],
  sessions_purge: ["staff_activity"],
  login_throttle_purge: ["staff_activity"],
  rate_limit_purge: ["staff_activity"],
  // A stored answer may repeat whatever the write answered: names, addresses, notes.
  idempotency_purge: ["identity", "notes", "contacts", "messaging"],
};

// ------------------------------------------------------------------------------------------------
// Input: the configuration as the server reads it

export interface RecordsOrganisation {
  name: string;
  kind: OrganisationKind;
  active: boolean;
}

/** The newest version of one questionnaire the municipality has. */
export interface RecordsQuestionnaire {
  key: string;
  title: string;
  version: number;
  active: boolean;
  items: number;
}

/** One row of `retention_rules` (the municipality's own). */
export interface RecordsRetentionRule {
  kind: string;
  keepDays: number;
  legalBasis: string;
  enabled: boolean;
}

export interface RecordsSecurityFacts {
  passwordAlgorithm: string;
  passwordMemoryKiB: number;
  passwordPasses: number;
  passwordMinLength: number;
  sessionLifetimeHours: number;
  idleMinutesDefault: number;
  lockoutFreeFailures: number;
  lockoutFirstDelaySeconds: number;
  lockoutMaxDelaySeconds: number;
  /** SECURE_COOKIES of this server: Secure cookie and HSTS only behind HTTPS. */
  secureCookies: boolean;
}

export interface RecordsInput {
  generatedAt: Date;
  municipality: { name: string; code: string };
  controllerContact: string | null;
  dpoContact: string | null;
  organisations: readonly RecordsOrganisation[];
  questionnaires: readonly RecordsQuestionnaire[];
  outcomeQuestionnaireKey: string;
  /** Labels of the barriers in the municipality's current barrier catalogue. */
  barriers: readonly string[];
  consentFields: readonly ConsentField[];
  evaluatorColumns: readonly string[];
  /** Active users with the evaluator role. */
  evaluatorUsers: number;
  smallNumberThreshold: number;
  retentionRules: readonly RecordsRetentionRule[];
  security: RecordsSecurityFacts;
  /** The exchange with the care record as configured (issue 14): who receives or reads citizen data. */
  careRecord: RecordsCareRecord;
  /** The municipality's channels for messages (issue 16): who carries them out of Broen. */
  messaging: RecordsMessaging;
}

/**
 * The SMTP server and the SMS gateway as configured (hosts only: a gateway's URL may carry a key);
 * null = not set up. Both are processors: they carry the messages, to citizens, relatives and staff.
 */
export interface RecordsMessaging {
  email: { host: string; enabled: boolean } | null;
  sms: { host: string; enabled: boolean } | null;
}

/** Hosts only: a configured address's path and credentials say nothing the DPO needs and may hold secrets. */
export interface RecordsCareRecord {
  /** The care record's FHIR server the register is pulled from; null = not configured. */
  source: { host: string; scheduleEnabled: boolean } | null;
  /** Where the punch-card work is pushed; null = not configured. */
  pushTarget: { host: string; enabled: boolean } | null;
  /** System clients of the FHIR read API that are not revoked. */
  fhirClients: readonly { name: string; scopes: readonly string[] }[];
}

// ------------------------------------------------------------------------------------------------
// Output: the document

export interface RecordsOrganisationOut {
  name: string;
  active: boolean;
}

export interface RecordsOfProcessing {
  generatedAt: string;
  controller: { name: string; code: string; controllerContact: string | null; dpoContact: string | null };
  purposes: {
    purpose: ProcessingPurpose;
    subjects: DataSubject[];
    categories: DataCategory[];
    legalBases: LegalBasis[];
  }[];
  subjects: { subject: DataSubject; categories: DataCategory[] }[];
  categories: {
    category: DataCategory;
    subjects: DataSubject[];
    sensitivity: DataSensitivity[];
    /** Names from the configuration behind this category (questionnaires, barriers); may be empty. */
    configured: string[];
    /** The retention rules that end this category's data; empty = no rule removes it. */
    retention: RetentionKind[];
  }[];
  questionnaires: { key: string; title: string; version: number; items: number; uses: QuestionnaireUse[] }[];
  recipients: {
    volunteerCentres: { organisations: RecordsOrganisationOut[]; shares: ConsentField[] };
    evaluator: { users: number; columns: string[]; smallNumberThreshold: number };
    privateProviders: { organisations: RecordsOrganisationOut[] };
    internalUnits: { organisations: RecordsOrganisationOut[] };
    careRecord: {
      source: { host: string; scheduleEnabled: boolean } | null;
      pushTarget: { host: string; enabled: boolean } | null;
      fhirClients: { name: string; scopes: string[] }[];
    };
    messaging: RecordsMessaging;
  };
  /**
   * Broen sends nothing outside the EU/EEA: it calls no outside service but the care-record
   * endpoints, the SMTP server and the SMS gateway the administrator configures (named under recipients).
   */
  thirdCountryTransfers: "none";
  retention: {
    kind: RetentionKind;
    keepDays: number;
    legalBasis: string;
    state: RetentionState;
    categories: DataCategory[];
  }[];
  security: RecordsSecurityFacts;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "da");

function organisationsOf(input: RecordsInput, kind: OrganisationKind): RecordsOrganisationOut[] {
  return input.organisations
    .filter((o) => o.kind === kind)
    .map((o) => ({ name: o.name, active: o.active }))
    .sort(byName);
}

/**
 * The municipality's rule for each kind Broen knows, or the shipped default when it has no row yet
 * (a default is not in force: a run needs the municipality's own rule).
 */
function retentionOf(input: RecordsInput): RecordsOfProcessing["retention"] {
  return RETENTION_DEFAULTS.map((d) => {
    const own = input.retentionRules.find((r) => r.kind === d.kind);
    return {
      kind: d.kind,
      keepDays: own?.keepDays ?? d.keepDays,
      legalBasis: own?.legalBasis ?? d.da.legalBasis,
      state: own ? (own.enabled ? "active" : "disabled") : "default",
      categories: [...RETENTION_CATEGORIES[d.kind]],
    };
  });
}

function questionnairesOf(input: RecordsInput): RecordsOfProcessing["questionnaires"] {
  return input.questionnaires
    .map((q) => {
      const uses: QuestionnaireUse[] = [];
      if (q.active) uses.push("detection");
      if (q.key === input.outcomeQuestionnaireKey) uses.push("outcome");
      return { key: q.key, title: q.title, version: q.version, items: q.items, uses };
    })
    .filter((q) => q.uses.length > 0)
    .sort((a, b) => a.title.localeCompare(b.title, "da"));
}

export function assembleRecordsOfProcessing(input: RecordsInput): RecordsOfProcessing {
  const questionnaires = questionnairesOf(input);
  const retention = retentionOf(input);
  const configured: Partial<Record<DataCategory, string[]>> = {
    screenings: questionnaires.filter((q) => q.uses.includes("detection")).map((q) => q.title),
    outcomes: questionnaires.filter((q) => q.uses.includes("outcome")).map((q) => q.title),
    course: [...input.barriers],
  };
  const categories = DATA_CATEGORIES.map((category) => ({
    category,
    subjects: [...CATEGORIES[category].subjects],
    sensitivity: [...CATEGORIES[category].sensitivity],
    configured: configured[category] ?? [],
    retention: retention.filter((r) => r.categories.includes(category)).map((r) => r.kind),
  }));
  return {
    generatedAt: input.generatedAt.toISOString(),
    controller: {
      name: input.municipality.name,
      code: input.municipality.code,
      controllerContact: input.controllerContact,
      dpoContact: input.dpoContact,
    },
    purposes: PROCESSING_PURPOSES.map((purpose) => {
      const spec = PURPOSES[purpose];
      const subjects = DATA_SUBJECTS.filter((s) =>
        spec.categories.some((c) => CATEGORIES[c].subjects.includes(s)),
      );
      return { purpose, subjects, categories: [...spec.categories], legalBases: [...spec.legalBases] };
    }),
    subjects: DATA_SUBJECTS.map((subject) => ({
      subject,
      categories: DATA_CATEGORIES.filter((c) => CATEGORIES[c].subjects.includes(subject)),
    })),
    categories,
    questionnaires,
    recipients: {
      volunteerCentres: {
        organisations: organisationsOf(input, "volunteer_centre"),
        shares: [...input.consentFields],
      },
      evaluator: {
        users: input.evaluatorUsers,
        columns: [...input.evaluatorColumns],
        smallNumberThreshold: input.smallNumberThreshold,
      },
      privateProviders: { organisations: organisationsOf(input, "private_provider") },
      careRecord: {
        source: input.careRecord.source,
        pushTarget: input.careRecord.pushTarget,
        fhirClients: [...input.careRecord.fhirClients]
          .map((c) => ({ name: c.name, scopes: [...c.scopes].sort() }))
          .sort(byName),
      },
      messaging: {
        email: input.messaging.email ? { ...input.messaging.email } : null,
        sms: input.messaging.sms ? { ...input.messaging.sms } : null,
      },
      internalUnits: {
        organisations: input.organisations
          .filter((o) => o.kind !== "volunteer_centre" && o.kind !== "private_provider")
          .map((o) => ({ name: o.name, active: o.active }))
          .sort(byName),
      },
    },
    thirdCountryTransfers: "none",
    retention,
    security: { ...input.security },
  };
}
