/**
 * Records of processing (GDPR art. 30, issue 13 point 7): the document `GET
 * /api/privacy/records-of-processing` answers, assembled from the municipality's configuration by
 * `assembleRecordsOfProcessing` (domain/privacy/records-of-processing.ts), and the controller's
 * contacts an administrator writes into it. The keys are words the web app and docs/PRIVACY.md
 * explain; names, periods and legal-basis texts are the municipality's data.
 */
import { z } from "zod";
import {
  DATA_CATEGORIES,
  DATA_SENSITIVITIES,
  DATA_SUBJECTS,
  LEGAL_BASES,
  PROCESSING_PURPOSES,
  QUESTIONNAIRE_USES,
  RETENTION_STATES,
  type RecordsOfProcessing as DomainRecords,
} from "../../domain/privacy/records-of-processing.js";
import { RETENTION_KINDS } from "../../domain/privacy/retention-defaults.js";
import { CONSENT_FIELDS } from "../../domain/vocabulary/placements.js";
import { optionalText } from "./common.js";
import type { Assert, Same } from "./type-check.js";

const Category = z.enum(DATA_CATEGORIES);
const Subject = z.enum(DATA_SUBJECTS);
const Organisation = z.object({ name: z.string(), active: z.boolean() });

export const RecordsOfProcessing = z.object({
  generatedAt: z.string().describe("When this document was assembled (ISO 8601)"),
  controller: z.object({
    name: z.string().describe("The municipality: the data controller"),
    code: z.string(),
    controllerContact: z
      .string()
      .nullable()
      .describe("How to reach the controller about data protection; null = not written yet"),
    dpoContact: z
      .string()
      .nullable()
      .describe("The data protection officer (art. 37–39); null = not written yet"),
  }),
  purposes: z.array(
    z.object({
      purpose: z.enum(PROCESSING_PURPOSES),
      subjects: z.array(Subject),
      categories: z.array(Category),
      legalBases: z
        .array(z.enum(LEGAL_BASES))
        .describe("The bases Broen's design assumes; the DPO confirms them"),
    }),
  ),
  subjects: z.array(z.object({ subject: Subject, categories: z.array(Category) })),
  categories: z.array(
    z.object({
      category: Category,
      subjects: z.array(Subject),
      sensitivity: z
        .array(z.enum(DATA_SENSITIVITIES))
        .describe("art9: special categories (health); cpr: CPR number (databeskyttelsesloven § 11)"),
      configured: z
        .array(z.string())
        .describe("Names from the configuration behind the category (questionnaires in use, barriers)"),
      retention: z
        .array(z.enum(RETENTION_KINDS))
        .describe("The retention rules that end this data; empty = none"),
    }),
  ),
  questionnaires: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      version: z.number().int(),
      items: z.number().int(),
      uses: z.array(z.enum(QUESTIONNAIRE_USES)),
    }),
  ),
  recipients: z.object({
    volunteerCentres: z.object({
      organisations: z.array(Organisation),
      shares: z
        .array(z.enum(CONSENT_FIELDS))
        .describe("The fields a citizen may consent to share, one by one; nothing else"),
    }),
    evaluator: z.object({
      users: z.number().int().describe("Active users with the evaluator role"),
      columns: z.array(z.string()).describe("The pseudonymised dataset's columns"),
      smallNumberThreshold: z.number().int(),
    }),
    privateProviders: z.object({ organisations: z.array(Organisation) }),
    careRecord: z
      .object({
        source: z.object({ host: z.string(), scheduleEnabled: z.boolean() }).nullable(),
        pushTarget: z.object({ host: z.string(), enabled: z.boolean() }).nullable(),
        fhirClients: z.array(z.object({ name: z.string(), scopes: z.array(z.string()) })),
      })
      .describe(
        "The exchange with the care record (issue 14): the FHIR source, the push target, the FHIR API's system clients",
      ),
    messaging: z
      .object({
        email: z.object({ host: z.string(), enabled: z.boolean() }).nullable(),
        sms: z.object({ host: z.string(), enabled: z.boolean() }).nullable(),
      })
      .describe(
        "The municipality's SMTP server and SMS gateway (issue 16), processors carrying messages: hosts only; null = not set up",
      ),
    internalUnits: z.object({ organisations: z.array(Organisation) }),
  }),
  thirdCountryTransfers: z.literal("none"),
  retention: z.array(
    z.object({
      kind: z.enum(RETENTION_KINDS),
      keepDays: z.number().int(),
      legalBasis: z.string(),
      state: z
        .enum(RETENTION_STATES)
        .describe("active, disabled, or default: the shipped default, no rule of the municipality yet"),
      categories: z.array(Category),
    }),
  ),
  security: z.object({
    passwordAlgorithm: z.string(),
    passwordMemoryKiB: z.number().int(),
    passwordPasses: z.number().int(),
    passwordMinLength: z.number().int(),
    sessionLifetimeHours: z.number(),
    idleMinutesDefault: z.number().int(),
    lockoutFreeFailures: z.number().int(),
    lockoutFirstDelaySeconds: z.number().int(),
    lockoutMaxDelaySeconds: z.number().int(),
    secureCookies: z.boolean().describe("SECURE_COOKIES of the server that answered: HTTPS assumed in front"),
  }),
});
export type RecordsOfProcessing = z.infer<typeof RecordsOfProcessing>;
type _SameRecords = Assert<Same<RecordsOfProcessing, DomainRecords>>;

/** Longest contact text: a name, a postal address, an e-mail and a phone. */
export const CONTACT_TEXT_MAX = 500;

export const PrivacyContacts = z.object({
  controllerContact: z.string().nullable(),
  dpoContact: z.string().nullable(),
});
export type PrivacyContacts = z.infer<typeof PrivacyContacts>;

/** The administrator writes the contacts; an empty text clears one. */
export const UpdatePrivacyContactsBody = z.strictObject({
  controllerContact: optionalText(CONTACT_TEXT_MAX),
  dpoContact: optionalText(CONTACT_TEXT_MAX),
});
export type UpdatePrivacyContactsBody = z.infer<typeof UpdatePrivacyContactsBody>;
