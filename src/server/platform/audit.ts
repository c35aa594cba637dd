/**
 * The one audit helper. Call it inside the transaction that does the work
 * (reads included), so a read or change without its trail cannot happen.
 * `criterion` must never carry a CPR number or a note's text: callers pass
 * what kind of search it was; redactCriterion() masks CPR-looking values.
 */
import { auditEvents } from "../db/schema/index.js";
import type { DbOrTx } from "../db/client.js";
import type { Ctx } from "./context.js";

export type AuditAction =
  | "read"
  | "search"
  | "create"
  | "update"
  | "delete"
  | "export"
  | "reveal_cpr"
  | "deactivate"
  | "reset_password"
  | "unlock";

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  citizenId?: string | null;
  criterion?: Record<string, unknown> | null;
}

const CPR_LIKE = /\b(\d{6})-?\d{4}\b/g;
/** In a free-text search a word of four digits is a CPR's last four (the register matches it so). */
const LAST_FOUR = /(?<![\d-])\d{4}(?![\d-])/g;
/** Criterion keys holding what a user typed into a search of people. */
const SEARCH_TERM_KEYS = new Set(["q", "search"]);

export function redactCriterion(criterion: Record<string, unknown>): Record<string, unknown> {
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

/** Someone without a login (the public referral form): no actor, but the municipality and where from. */
export interface AnonymousCaller {
  actor: null;
  municipalityId: string;
  ip: string;
  userAgent: string | null;
}

export async function audit(tx: DbOrTx, ctx: Ctx | AnonymousCaller, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(auditEvents).values(
    list.map((e) => ({
      municipalityId: ctx.actor ? ctx.actor.municipalityId : ctx.municipalityId,
      actorUserId: ctx.actor?.userId ?? null,
      actorRole: ctx.actor?.role ?? "anonymous",
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      citizenId: e.citizenId ?? null,
      criterion: e.criterion ? redactCriterion(e.criterion) : null,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    })),
  );
}
