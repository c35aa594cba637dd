/**
 * The one audit helper. Call it inside the transaction that does the work
 * (reads included), so a read or change without its trail cannot happen.
 * `criterion` must never carry a CPR number or a note's text: callers pass
 * what kind of search it was; redactCriterion() masks CPR-looking values.
 */
import { sql } from "drizzle-orm";
import { builtOnceSql } from "../db/built-once.js";
import type { DbOrTx } from "../db/client.js";
import type { Ctx } from "./context.js";

/**
 * The audit vocabulary: every action, entity type and criterion key the server records. People
 * read these on the citizen's trail in words, so each has a Danish and an English text in the web
 * app's i18n files; audit-vocabulary.test.ts fails for a new one without them.
 */
export const AUDIT_ACTIONS = [
  "read",
  "search",
  "create",
  "update",
  "delete",
  "export",
  "reveal_cpr",
  "deactivate",
  "reset_password",
  "unlock",
  // Data-subject rights (issue 13): restriction of processing and withdrawal of consent to sharing.
  "restrict",
  "lift_restriction",
  "withdraw_consent",
  // Anonymisation and erasure of a citizen (issue 13 point 5).
  "anonymise",
  "erase",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  "access_export",
  "activity",
  "audit_trail",
  "calendar_feed",
  // A citizen's CareDeliveryReport downloaded by an administrator (issue 14 point 2).
  "care_delivery_report",
  // Exchange with the care record (issue 14): the pulled FHIR server, the push target, a citizen's delivery.
  "care_record_delivery",
  // A care-record import run (issue 14): its preview, apply and discard.
  "care_record_import",
  "care_record_push_target",
  "care_record_source",
  "catalog",
  "citizen",
  "citizen_contact",
  // A coordinator's message to a citizen, queued in the outbox (issue 16).
  "citizen_message",
  "citizen_restriction",
  "citizen_revisions",
  "clip",
  "clip_grant",
  "conversation",
  "course",
  "detection_clip",
  "detection_workers",
  "due_list",
  "erasure_preview",
  "evaluator_dataset",
  // The FHIR read API (issue 14): its system clients, and a citizen's resources read through it.
  "fhir_client",
  "fhir_resource",
  "follow_up",
  "funnel_report",
  "hour_budget",
  "intervention",
  "journal",
  "journal_note",
  "matches",
  "matching_profile",
  // The municipality's messaging channels and quiet hours (issue 16).
  "messaging_settings",
  "my_day",
  // The day's tasks kept on a worker's phone for work without a signal (issue 17).
  "offline_day",
  "organisation",
  "outcome_measurement",
  "outcome_measurements",
  "outcome_report",
  // A message in the outbox (issue 16): read in the administrator's list, retried, cancelled.
  "outbox_message",
  "placement",
  "punch_card",
  "referral",
  "report",
  "retention_rule",
  "retention_run",
  // SCIM provisioning (issue 15): a bearer token the identity provider provisions users with.
  "scim_token",
  "screening",
  "screenings",
  "small_community",
  "small_community_meeting",
  "small_community_proposal",
  "status_report",
  "timeline",
  "trend_report",
  "triage",
  "triage_decision",
  "triage_meeting",
  "usage_report",
  "user",
  "volunteer_referral",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** Keys of a criterion (what was looked for or changed); never values that identify a note's text. */
export const AUDIT_CRITERION_KEYS = [
  "action",
  "activities",
  "cancelled",
  "caseload",
  "clips",
  "consentFields",
  "day",
  "districtId",
  "due",
  "ended",
  "event",
  "exception",
  "fields",
  "figure",
  "filter",
  "format",
  "from",
  "hits",
  "includeExcluded",
  "kind",
  "limit",
  "maxDistanceKm",
  "meetingId",
  "member",
  "organisations",
  "outcome",
  "page",
  "phase",
  "planned",
  "providerId",
  "purpose",
  "q",
  "questionnaire",
  "reason",
  "report",
  "result",
  "rows",
  // The SCIM token whose call made a change (issue 15): audit rows of provisioning have no user.
  "scimToken",
  "status",
  "tag",
  "to",
  "version",
  "volunteerReferrals",
  "worker",
  "workerUserId",
] as const;
export type AuditCriterionKey = (typeof AUDIT_CRITERION_KEYS)[number];
export type AuditCriterion = { [K in AuditCriterionKey]?: unknown };

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  citizenId?: string | null;
  criterion?: AuditCriterion | null;
}

const CPR_LIKE = /\b(\d{6})-?\d{4}\b/g;
/** In a free-text search a word of four digits is a CPR's last four (the register matches it so). */
const LAST_FOUR = /(?<![\d-])\d{4}(?![\d-])/g;
/** Criterion keys holding what a user typed into a search of people. */
const SEARCH_TERM_KEYS = new Set(["q", "search"]);

export function redactCriterion(criterion: AuditCriterion): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(criterion)) {
    if (v === undefined) continue;
    if (typeof v !== "string") {
      out[k] = v;
      continue;
    }
    const masked = v.replace(CPR_LIKE, "$1-XXXX");
    out[k] = SEARCH_TERM_KEYS.has(k) ? masked.replace(LAST_FOUR, "XXXX") : masked;
  }
  return out;
}

/**
 * Someone without a login (the public referral form): no actor, but the municipality and where from.
 * Or Broen itself (`role: "system"`, a scheduled retention run): no actor, no address.
 * Or the identity provider through a SCIM token (`role: "scim"`, issue 15): the token in the criterion.
 */
export interface AnonymousCaller {
  actor: null;
  municipalityId: string;
  ip: string | null;
  userAgent: string | null;
  role?: "anonymous" | "system" | "scim";
}

/*
 * The entries recorded in a route's transaction, so platform/route.ts can hold them against its
 * declaration. Keyed by the transaction's session, which its savepoints (tx.transaction) share and
 * no other transaction does: Drizzle opens a session per transaction on the pool and on PGlite.
 * Not an AsyncLocalStorage: on Node 20 one in use turns on the promise hooks for every promise of
 * the process — pg's, Drizzle's, Fastify's: about 5 % of a CPR search's CPU (issue 19, decision 0092).
 */
const recordings = new WeakMap<object, AuditEntry[]>();
const sessionOf = (tx: DbOrTx): object => (tx as unknown as { session: object }).session;

/** From here on, what audit() writes in this transaction (or a savepoint of it) is also kept in the answer. */
export function recordAuditIn(tx: DbOrTx, entries: AuditEntry[] = []): AuditEntry[] {
  recordings.set(sessionOf(tx), entries);
  return entries;
}

/**
 * The columns every entry shares (who, from where) travel once as parameters; the entries travel as
 * one JSON array. Built by Drizzle's query builder, a 25-row insert (a page of a citizen search)
 * took ~2.8 ms of CPU to assemble its 250 parameters — more than the rest of the request's platform
 * work together (decision 0092). The rows keep the array's order (WITH ORDINALITY), so ids follow
 * the order the caller gave; an absent key is SQL NULL. Built once (db/built-once.ts): every audited
 * request runs it.
 */
const p = (name: string) => sql.placeholder(name);
const insertAuditRows = builtOnceSql<
  Record<string, unknown>,
  {
    municipalityId: string;
    userId: string | null;
    role: string;
    ip: string | null;
    userAgent: string | null;
    rows: string;
  }
>(
  sql`insert into audit_events
      (municipality_id, actor_user_id, actor_role, action, entity_type, entity_id, citizen_id, criterion, ip, user_agent)
    select ${p("municipalityId")}::uuid, ${p("userId")}::uuid, ${p("role")}::text, r.v->>'a', r.v->>'t',
      r.v->>'e', (r.v->>'c')::uuid, r.v->'k', ${p("ip")}::text, ${p("userAgent")}::text
    from jsonb_array_elements(${p("rows")}::jsonb) with ordinality as r(v, n)
    order by r.n`,
);

/** One entry as the insert reads it; JSON.stringify drops the undefined keys, which read as NULL. */
interface AuditRow {
  a: AuditAction;
  t: AuditEntityType;
  e: string | undefined;
  c: string | undefined;
  k: Record<string, unknown> | undefined;
}

export async function audit(
  tx: DbOrTx,
  ctx: Ctx | AnonymousCaller,
  entries: AuditEntry | AuditEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  recordings.get(sessionOf(tx))?.push(...list);
  // A search shows many citizens under one criterion object: redact it once.
  const redacted = new Map<AuditCriterion, Record<string, unknown>>();
  const rows = list.map((e): AuditRow => {
    let k: Record<string, unknown> | undefined;
    if (e.criterion) {
      k = redacted.get(e.criterion);
      if (!k) redacted.set(e.criterion, (k = redactCriterion(e.criterion)));
    }
    return { a: e.action, t: e.entityType, e: e.entityId ?? undefined, c: e.citizenId ?? undefined, k };
  });
  await insertAuditRows(tx, {
    municipalityId: ctx.actor ? ctx.actor.municipalityId : ctx.municipalityId,
    userId: ctx.actor?.userId ?? null,
    role: ctx.actor ? ctx.actor.role : (ctx.role ?? "anonymous"),
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    rows: JSON.stringify(rows),
  });
}
