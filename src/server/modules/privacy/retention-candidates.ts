/**
 * What each retention rule finds due — one SQL definition per kind, read by the preview (counts),
 * the run (citizen ids, batches) and the per-citizen re-check, so the preview counts exactly what
 * the run then does. The cut-off instant comes from domain/privacy/retention-rules.ts.
 *
 * Citizen rules never touch a citizen whose processing is restricted (art. 18: kept, not
 * processed), who has an open course, an active referral or a volunteer referral still waiting for
 * the volunteer centre — those wait; erasure.ts would refuse them without an administrator's reason
 * (its "blockers") anyway.
 */
import { acrossMunicipalities } from "../../platform/tenant-isolation.js";
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { RetentionKind } from "../../../domain/privacy/retention-defaults.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { auditEvents, citizens, referrals, securityEvents, users } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

export type CitizenKind = Extract<RetentionKind, "closed_course_anonymise" | "inactive_citizen_erase">;
export type RowKind = Exclude<RetentionKind, CitizenKind>;

export function isCitizenKind(kind: RetentionKind): kind is CitizenKind {
  return kind === "closed_course_anonymise" || kind === "inactive_citizen_erase";
}

const ts = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`;
const c = alias(citizens, "c");

/**
 * The citizen's last sign of life: registration or change of the register data, a closed course,
 * a screening, a note, a referral's last step, an answered outcome questionnaire. GREATEST skips
 * the NULLs of what never happened.
 */
const LAST_ACTIVITY = sql`greatest(
  c.created_at,
  c.updated_at,
  (select max(co.closed_at) from courses co where co.citizen_id = c.id),
  (select max(s.performed_at) from screenings s where s.citizen_id = c.id),
  (select max(n.created_at) from journal_notes n where n.citizen_id = c.id),
  (select max(r.updated_at) from referrals r where r.citizen_id = c.id),
  (select max(o.answered_at) from outcome_measurements o where o.citizen_id = c.id)
)`;

/** Due citizens of a kind, with `restricted` choosing the due-but-restricted ones (held back) instead. */
function citizenWhere(kind: CitizenKind, municipalityId: string, cutoff: Date, restricted = false): SQL {
  const shape =
    kind === "closed_course_anonymise"
      ? // Had a course, none open: the course part of the municipality's work is over.
        sql`exists (select 1 from courses co where co.citizen_id = c.id)
          and not exists (select 1 from courses co where co.citizen_id = c.id and co.stage <> 'closed')`
      : // Out of home care and never a course: only detection data, kept no longer than its purpose.
        sql`c.home_care_since is null and not exists (select 1 from courses co where co.citizen_id = c.id)`;
  return sql`${inTenant(c, municipalityId)}
    and c.anonymised_at is null
    and ${restricted ? sql`c.restricted_at is not null` : sql`c.restricted_at is null`}
    and not exists (select 1 from referrals r where r.citizen_id = c.id and r.status in ('new', 'info_requested'))
    and not exists (select 1 from volunteer_referrals v
      where v.citizen_id = c.id and v.status = 'sent' and v.consent_withdrawn_at is null)
    and ${shape}
    and ${LAST_ACTIVITY} <= ${ts(cutoff)}`;
}

/** The due citizens' ids, oldest registration first (a run works through them in this order). */
export async function dueCitizenIds(
  db: DbOrTx,
  kind: CitizenKind,
  municipalityId: string,
  cutoff: Date,
): Promise<string[]> {
  const rows = await rawRows<{ id: string }>(
    db,
    sql`select c.id from citizens c where ${citizenWhere(kind, municipalityId, cutoff)} order by c.created_at, c.id`,
  );
  return rows.map((r) => r.id);
}

/**
 * Whether one citizen is still due, locking the row for the caller's transaction: a citizen who
 * got a new course or a restriction since the run began is skipped, and two runs racing over the
 * same citizen (a retried job beside a slow one) take turns — the second then finds them done.
 */
export async function lockIfStillDue(
  tx: DbOrTx,
  kind: CitizenKind,
  municipalityId: string,
  citizenId: string,
  cutoff: Date,
): Promise<boolean> {
  const rows = await rawRows<{ id: string }>(
    tx,
    sql`select c.id from citizens c
      where c.id = ${citizenId}::uuid and ${citizenWhere(kind, municipalityId, cutoff)}
      for update of c`,
  );
  return rows.length === 1;
}

export interface CandidateCount {
  candidates: number;
  categories: Record<string, number>;
  heldBackRestricted: number;
}

async function countCitizenKind(
  db: DbOrTx,
  kind: CitizenKind,
  municipalityId: string,
  cutoff: Date,
): Promise<CandidateCount> {
  const [row] = await rawRows<Record<string, number>>(
    db,
    sql`with due as (select c.id from citizens c where ${citizenWhere(kind, municipalityId, cutoff)})
      select
        (select count(*) from due)::int as citizens,
        (select count(*) from courses x join due on due.id = x.citizen_id)::int as courses,
        (select count(*) from screenings x join due on due.id = x.citizen_id)::int as screenings,
        (select count(*) from journal_notes x join due on due.id = x.citizen_id)::int as journal_notes,
        (select count(*) from referrals x join due on due.id = x.citizen_id)::int as referrals,
        (select count(*) from citizen_contacts x join due on due.id = x.citizen_id)::int as contacts,
        (select count(*) from citizens c where ${citizenWhere(kind, municipalityId, cutoff, true)})::int as held_back`,
  );
  const { held_back: heldBack = 0, ...categories } = row ?? {};
  return { candidates: categories.citizens ?? 0, categories, heldBackRestricted: heldBack };
}

/**
 * A row kind's tables: each category's "which rows are due" as a select of keys. Sessions and
 * stored answers belong to a user, so to the user's municipality; the failed-login and request
 * counters and the security log's lines for unknown usernames belong to no municipality: every
 * municipality's rule removes those due under its own period (the shortest period wins).
 */
interface RowCategory {
  category: string;
  /** A `select <keys> from <table> ... where <due>` whose rows are deleted. */
  due: (municipalityId: string, cutoff: Date) => SQL;
  /** `delete from <table> where <keys> in (<selection>)`. */
  remove: (selection: SQL) => SQL;
  /** Rows of no municipality (the installation's): counted beside the caller's row-level security. */
  installationWide?: true;
}

const u = alias(users, "u");
const r = alias(referrals, "r");
const a = alias(auditEvents, "a");
const se = alias(securityEvents, "se");

const UNMATCHED_REFERRAL = (m: string, cutoff: Date) => sql`${inTenant(r, m)}
  and r.citizen_id is null and r.channel = 'web_form' and r.updated_at <= ${ts(cutoff)}
  and not exists (select 1 from courses co where co.referral_id = r.id)`;

export const ROW_CATEGORIES: Record<RowKind, readonly RowCategory[]> = {
  unmatched_public_referral_erase: [
    // The referral's history first (it references the referral), counted apart.
    {
      category: "referral_events",
      due: (m, cutoff) =>
        sql`select e.id from referral_events e join referrals r on r.id = e.referral_id where ${UNMATCHED_REFERRAL(m, cutoff)}`,
      remove: (selection) => sql`delete from referral_events where id in (${selection})`,
    },
    {
      category: "referrals",
      due: (m, cutoff) => sql`select r.id from referrals r where ${UNMATCHED_REFERRAL(m, cutoff)}`,
      remove: (selection) => sql`delete from referrals where id in (${selection})`,
    },
  ],
  audit_trail_erase: [
    {
      category: "audit_events",
      due: (m, cutoff) =>
        sql`select a.id from audit_events a where ${inTenant(a, m)} and a.at <= ${ts(cutoff)}`,
      remove: (selection) => sql`delete from audit_events where id in (${selection})`,
    },
  ],
  security_log_erase: [
    {
      category: "security_events",
      due: (m, cutoff) =>
        sql`select se.id from security_events se where ${inTenant(se, m)} and se.at <= ${ts(cutoff)}`,
      remove: (selection) => sql`delete from security_events where id in (${selection})`,
    },
    {
      category: "security_events_without_municipality",
      installationWide: true,
      due: (_m, cutoff) =>
        sql`select se.id from security_events se where se.municipality_id is null and se.at <= ${ts(cutoff)}`,
      remove: (selection) => sql`delete from security_events where id in (${selection})`,
    },
  ],
  sessions_purge: [
    {
      category: "sessions",
      due: (m, cutoff) =>
        sql`select s.token_hash from sessions s join users u on u.id = s.user_id
          where ${inTenant(u, m)} and s.expires_at <= ${ts(cutoff)}`,
      remove: (selection) => sql`delete from sessions where token_hash in (${selection})`,
    },
  ],
  idempotency_purge: [
    {
      category: "idempotency_keys",
      due: (m, cutoff) =>
        sql`select k.user_id, k.key from idempotency_keys k join users u on u.id = k.user_id
          where ${inTenant(u, m)} and k.created_at <= ${ts(cutoff)}`,
      remove: (selection) => sql`delete from idempotency_keys where (user_id, key) in (${selection})`,
    },
  ],
  login_throttle_purge: [
    {
      category: "login_throttle",
      due: (_m, cutoff) =>
        sql`select t.username, t.client from login_throttle t
          where greatest(t.updated_at, t.locked_until) <= ${ts(cutoff)}`,
      remove: (selection) => sql`delete from login_throttle where (username, client) in (${selection})`,
    },
  ],
  rate_limit_purge: [
    {
      category: "rate_limit_counters",
      due: (_m, cutoff) => sql`select rl.key from rate_limit_counters rl where rl.resets_at <= ${ts(cutoff)}`,
      remove: (selection) => sql`delete from rate_limit_counters where key in (${selection})`,
    },
  ],
};

/** The category a row rule's run counts as "processed": the rows the rule is about. */
export function mainCategory(kind: RowKind): string {
  const list = ROW_CATEGORIES[kind];
  return list[list.length - 1]!.category;
}

async function countRowKind(
  db: DbOrTx,
  kind: RowKind,
  municipalityId: string,
  cutoff: Date,
): Promise<CandidateCount> {
  const categories: Record<string, number> = {};
  for (const cat of ROW_CATEGORIES[kind]) {
    const count = () =>
      rawRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from (${cat.due(municipalityId, cutoff)}) due`,
      );
    const [row] = cat.installationWide
      ? await acrossMunicipalities(db, municipalityId, "the installation's unattributed rows", count)
      : await count();
    categories[cat.category] = row?.n ?? 0;
  }
  const main = categories[mainCategory(kind)] ?? 0;
  // The security log's two categories are both "the rows the rule is about".
  const candidates =
    kind === "security_log_erase" ? Object.values(categories).reduce((s, n) => s + n, 0) : main;
  return { candidates, categories, heldBackRestricted: 0 };
}

export function countDue(
  db: DbOrTx,
  kind: RetentionKind,
  municipalityId: string,
  cutoff: Date,
): Promise<CandidateCount> {
  return isCitizenKind(kind)
    ? countCitizenKind(db, kind, municipalityId, cutoff)
    : countRowKind(db, kind, municipalityId, cutoff);
}

/** The municipality's citizens that are not anonymised: the base of the confirmation share. */
export async function citizensInMunicipality(db: DbOrTx, municipalityId: string): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from citizens c where ${inTenant(c, municipalityId)} and c.anonymised_at is null`,
  );
  return row?.n ?? 0;
}

/** Deletes up to `limit` due rows of one category; answers how many. */
export async function deleteDueBatch(
  tx: DbOrTx,
  category: RowCategory,
  municipalityId: string,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const rows = await rawRows<{ n: number }>(
    tx,
    sql`with gone as (${category.remove(sql`${category.due(municipalityId, cutoff)} limit ${limit}`)} returning 1)
      select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}
