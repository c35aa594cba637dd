/**
 * "Every change is recorded" (issue 5, catalog upkeep): each create, update, verification,
 * deactivation and import writes a catalog_changes row with the changed fields as { from, to },
 * in the transaction of the change. The catalog holds no citizen data, so the values themselves
 * are kept (unlike audit_events, which never stores values).
 */
import type { CatalogEntityType } from "../../../domain/vocabulary/catalog.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogChanges } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;
export type ChangeAction = (typeof catalogChanges.$inferInsert)["action"];

export interface ChangeEntry {
  entityType: CatalogEntityType;
  entityId: string;
  action: ChangeAction;
  changes: FieldChanges;
}

/** JSON with sorted keys: jsonb gives keys back in its own order, which must not count as a change. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The fields whose values differ, as { field: { from, to } }. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChanges {
  const out: FieldChanges = {};
  for (const [field, to] of Object.entries(after)) {
    const from = before ? (before[field] ?? null) : null;
    if (before === null || stable(from) !== stable(to)) out[field] = { from, to: to ?? null };
  }
  return out;
}

export async function recordChanges(tx: DbOrTx, ctx: Ctx, entries: ChangeEntry[]): Promise<void> {
  // Chunked: an import may record thousands of rows, and a statement has at most 65,535 parameters.
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.insert(catalogChanges).values(
      entries.slice(i, i + 1000).map((e) => ({
        municipalityId: ctx.actor.municipalityId,
        entityType: e.entityType,
        entityId: e.entityId,
        action: e.action,
        changes: e.changes,
        actorUserId: ctx.actor.userId,
      })),
    );
  }
}
