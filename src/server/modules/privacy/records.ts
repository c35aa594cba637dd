/**
 * Records of processing (GDPR art. 30, issue 13 point 7): reads the municipality's configuration —
 * the municipality and its contacts, organisations, questionnaires in use, the barrier catalogue,
 * evaluation settings, evaluator users, retention rules, the care record's and the messages'
 * channels — and hands it to the pure assembly in domain/privacy/records-of-processing.ts. Nothing
 * here is a hard-coded text: a new volunteer centre or a changed retention rule shows in the next
 * document.
 */
import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import {
  type RecordsCareRecord,
  type RecordsInput,
  type RecordsMessaging,
  type RecordsOfProcessing,
  type RecordsSecurityFacts,
  assembleRecordsOfProcessing,
} from "../../../domain/privacy/records-of-processing.js";
import { LIMITS } from "../../../domain/limits.js";
import { CONSENT_FIELDS } from "../../../domain/vocabulary/placements.js";
import type { PrivacyContacts, UpdatePrivacyContactsBody } from "../../../shared/api/privacy-records.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  careRecordPushTargets,
  careRecordSources,
  courseDefinitions,
  fhirClients,
  messagingSettings,
  municipalities,
  municipalitySettings,
  organisations,
  questionnaireDefinitions,
  retentionRules,
  users,
} from "../../db/schema/index.js";
import { SESSION_TTL_MS } from "../../platform/auth.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { PASSWORD_HASHING } from "../../platform/passwords.js";
import { inTenant } from "../../platform/tenancy.js";
import { FIRST_DELAY_SECONDS, FREE_FAILURES, MAX_DELAY_SECONDS } from "../auth/index.js";
import { evaluationSettings } from "../questionnaires/index.js";
import { EVALUATOR_COLUMNS } from "../reports/index.js";

/** SESSION_IDLE_MINUTES when unset (README); the document states the default, not this process's value. */
const IDLE_MINUTES_DEFAULT = 30;

/** The measures Broen takes, read from the code that takes them; `secureCookies` from the running server. */
function securityFacts(secureCookies: boolean): RecordsSecurityFacts {
  return {
    passwordAlgorithm: PASSWORD_HASHING.algorithm,
    passwordMemoryKiB: PASSWORD_HASHING.memoryCost,
    passwordPasses: PASSWORD_HASHING.timeCost,
    passwordMinLength: LIMITS.passwordMin,
    sessionLifetimeHours: SESSION_TTL_MS / 3_600_000,
    idleMinutesDefault: IDLE_MINUTES_DEFAULT,
    lockoutFreeFailures: FREE_FAILURES,
    lockoutFirstDelaySeconds: FIRST_DELAY_SECONDS,
    lockoutMaxDelaySeconds: MAX_DELAY_SECONDS,
    secureCookies,
  };
}

interface LocalTextJson {
  da?: unknown;
}
interface QuestionnaireJson {
  title?: LocalTextJson;
  items?: unknown[];
}
interface BarrierCatalogueJson {
  barriers?: { label?: LocalTextJson }[];
}
const danish = (t: LocalTextJson | undefined, fallback: string) =>
  typeof t?.da === "string" ? t.da : fallback;

async function contactsOf(tx: DbOrTx, municipalityId: string): Promise<PrivacyContacts> {
  const [row] = await tx
    .select({
      controllerContact: municipalitySettings.controllerContact,
      dpoContact: municipalitySettings.dpoContact,
    })
    .from(municipalitySettings)
    .where(inTenant(municipalitySettings, municipalityId));
  return { controllerContact: row?.controllerContact ?? null, dpoContact: row?.dpoContact ?? null };
}

/** Only the host of a configured address: its path and query may carry a tenant key or a secret. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "?";
  }
}

/** The exchange with the care record as configured (issue 14): who receives or reads citizen data. */
async function careRecordOf(tx: DbOrTx, municipalityId: string): Promise<RecordsCareRecord> {
  const [sources, targets, clients] = await inSequence([
    () =>
      tx
        .select({ baseUrl: careRecordSources.baseUrl, scheduleEnabled: careRecordSources.scheduleEnabled })
        .from(careRecordSources)
        .where(inTenant(careRecordSources, municipalityId)),
    () =>
      tx
        .select({ baseUrl: careRecordPushTargets.baseUrl, enabled: careRecordPushTargets.enabled })
        .from(careRecordPushTargets)
        .where(inTenant(careRecordPushTargets, municipalityId)),
    () =>
      tx
        .select({ name: fhirClients.name, scopes: fhirClients.scopes })
        .from(fhirClients)
        .where(and(inTenant(fhirClients, municipalityId), isNull(fhirClients.revokedAt))),
  ]);
  const source = sources[0];
  const target = targets[0];
  return {
    source: source ? { host: hostOf(source.baseUrl), scheduleEnabled: source.scheduleEnabled } : null,
    pushTarget: target ? { host: hostOf(target.baseUrl), enabled: target.enabled } : null,
    fhirClients: clients,
  };
}

/**
 * The channels that carry messages out (issue 16): the SMTP server's host as configured and the SMS
 * gateway's host only (its URL's path or query may carry a key), whether set up and switched on.
 */
async function messagingOf(tx: DbOrTx, municipalityId: string): Promise<RecordsMessaging> {
  const [row] = await tx
    .select({
      emailEnabled: messagingSettings.emailEnabled,
      smtpHost: messagingSettings.smtpHost,
      smsEnabled: messagingSettings.smsEnabled,
      smsUrl: messagingSettings.smsUrl,
    })
    .from(messagingSettings)
    .where(inTenant(messagingSettings, municipalityId));
  return {
    email: row?.smtpHost ? { host: row.smtpHost, enabled: row.emailEnabled } : null,
    sms: row?.smsUrl ? { host: hostOf(row.smsUrl), enabled: row.smsEnabled } : null,
  };
}

/** Everything the assembly needs, one statement after another on the route's transaction. */
async function readConfiguration(
  tx: DbOrTx,
  municipalityId: string,
  secureCookies: boolean,
  now: Date,
): Promise<RecordsInput> {
  const [municipality, contacts, orgs, questionnaires, barrierRows, evaluators, rules, evaluation] =
    await inSequence([
      () =>
        tx
          .select({ name: municipalities.name, code: municipalities.code })
          .from(municipalities)
          .where(eq(municipalities.id, municipalityId)),
      () => contactsOf(tx, municipalityId),
      () =>
        tx
          .select({ name: organisations.name, kind: organisations.kind, active: organisations.active })
          .from(organisations)
          .where(inTenant(organisations, municipalityId)),
      // Per instrument the version in use: the newest active one, else the newest (withdrawn).
      () =>
        tx
          .selectDistinctOn([questionnaireDefinitions.key], {
            key: questionnaireDefinitions.key,
            version: questionnaireDefinitions.version,
            active: questionnaireDefinitions.active,
            definition: questionnaireDefinitions.definition,
          })
          .from(questionnaireDefinitions)
          .where(inTenant(questionnaireDefinitions, municipalityId))
          .orderBy(
            asc(questionnaireDefinitions.key),
            desc(questionnaireDefinitions.active),
            desc(questionnaireDefinitions.version),
          ),
      () =>
        tx
          .select({ definition: courseDefinitions.definition })
          .from(courseDefinitions)
          .where(
            and(
              inTenant(courseDefinitions, municipalityId),
              eq(courseDefinitions.kind, "barrier_catalogue"),
              eq(courseDefinitions.active, true),
            ),
          )
          .orderBy(desc(courseDefinitions.version))
          .limit(1),
      () =>
        tx
          .select({ n: count() })
          .from(users)
          .where(and(inTenant(users, municipalityId), eq(users.role, "evaluator"), eq(users.active, true))),
      () =>
        tx
          .select({
            kind: retentionRules.kind,
            keepDays: retentionRules.keepDays,
            legalBasis: retentionRules.legalBasis,
            enabled: retentionRules.enabled,
          })
          .from(retentionRules)
          .where(inTenant(retentionRules, municipalityId)),
      () => evaluationSettings(tx, municipalityId),
    ]);
  const m = municipality[0];
  if (!m) throw AppError.notFound();
  const catalogue = barrierRows[0]?.definition as BarrierCatalogueJson | undefined;
  return {
    generatedAt: now,
    municipality: m,
    ...contacts,
    organisations: orgs,
    questionnaires: questionnaires.map((q) => {
      const d = q.definition as QuestionnaireJson;
      return {
        key: q.key,
        title: danish(d.title, q.key),
        version: q.version,
        active: q.active,
        items: Array.isArray(d.items) ? d.items.length : 0,
      };
    }),
    outcomeQuestionnaireKey: evaluation.outcomeQuestionnaireKey,
    barriers: (catalogue?.barriers ?? []).map((b) => danish(b.label, "")).filter((label) => label !== ""),
    consentFields: CONSENT_FIELDS,
    evaluatorColumns: EVALUATOR_COLUMNS,
    evaluatorUsers: evaluators[0]?.n ?? 0,
    smallNumberThreshold: evaluation.smallNumberThreshold,
    retentionRules: rules,
    security: securityFacts(secureCookies),
    careRecord: await careRecordOf(tx, municipalityId),
    messaging: await messagingOf(tx, municipalityId),
  };
}

/** The caller's municipality's records of processing, as of now. */
export async function recordsOfProcessing(
  tx: DbOrTx,
  ctx: Ctx,
  opts: { secureCookies: boolean },
): Promise<RecordsOfProcessing> {
  authorize(ctx, { kind: "privacy.records" });
  const input = await readConfiguration(tx, ctx.actor.municipalityId, opts.secureCookies, new Date());
  return assembleRecordsOfProcessing(input);
}

/** The administrator writes the controller's and the DPO's contacts (art. 30(1)(a)); absent = unchanged, empty = cleared. */
export async function updatePrivacyContacts(
  tx: DbOrTx,
  ctx: Ctx,
  body: UpdatePrivacyContactsBody,
): Promise<PrivacyContacts> {
  authorize(ctx, { kind: "settings.manage" });
  const municipalityId = ctx.actor.municipalityId;
  const next = { ...(await contactsOf(tx, municipalityId)) };
  if (body.controllerContact !== undefined) next.controllerContact = body.controllerContact;
  if (body.dpoContact !== undefined) next.dpoContact = body.dpoContact;
  await tx
    .insert(municipalitySettings)
    .values({ municipalityId, ...next })
    .onConflictDoUpdate({
      target: municipalitySettings.municipalityId,
      set: { ...next, updatedAt: sql`now()` },
    });
  return next;
}
