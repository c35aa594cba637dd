/**
 * The target group of the status report (issue 11, point 3): who was in it on the period's last
 * day, and who entered or left it within the period — read from the membership history with
 * the pure rules of domain/reporting/target-group.ts, so the count and the citizen list behind
 * it are the same list of ids.
 */
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  type MembershipHistory,
  crossingsIn,
  isTargetGroupMember,
  memberBefore,
} from "../../../domain/reporting/target-group.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { targetGroupChanges } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";
import { type Window, inScope } from "./window.js";

export type TargetGroupFigure = "targetGroup" | "entered" | "left";

export interface TargetGroupIds {
  targetGroup: string[];
  entered: string[];
  left: string[];
}

/** A timestamp as whole epoch milliseconds, cut as a Date cuts the microseconds. */
const epochMs = (column: SQL) => sql`floor(extract(epoch from ${column}) * 1000)::float8`;

export async function targetGroupIds(tx: DbOrTx, w: Window): Promise<TargetGroupIds> {
  // Instants as epoch milliseconds (a Date's precision), not timestamps: the largest municipality
  // sends ~13,000 rows, and parsing two timestamp strings a row cost more than the query (issue 19).
  const rows = await rawRows<{
    id: string;
    created_at: number | string;
    in_target_group: boolean;
    home_care_since: string | null;
    changed_at: number | string | null;
    to_in: boolean | null;
  }>(
    tx,
    sql`select c.id, ${epochMs(sql`c.created_at`)} as created_at, c.in_target_group, c.home_care_since::text as home_care_since,
        ${epochMs(sql`g.changed_at`)} as changed_at, g.in_target_group as to_in
      from citizens c left join target_group_changes g on g.citizen_id = c.id and ${inTenant(alias(targetGroupChanges, "g"), w.municipalityId)}
      where ${inScope(w)}`,
  );
  const histories = new Map<
    string,
    MembershipHistory & { changes: { at: Date; inTargetGroup: boolean }[] }
  >();
  for (const r of rows) {
    let h = histories.get(r.id);
    if (!h) {
      h = {
        registeredAt: new Date(Number(r.created_at)),
        current: isTargetGroupMember({ inTargetGroup: r.in_target_group, homeCareSince: r.home_care_since }),
        changes: [],
      };
      histories.set(r.id, h);
    }
    if (r.changed_at !== null && r.to_in !== null)
      h.changes.push({ at: new Date(Number(r.changed_at)), inTargetGroup: r.to_in });
  }
  const out: TargetGroupIds = { targetGroup: [], entered: [], left: [] };
  for (const [id, h] of histories) {
    if (memberBefore(h, w.to)) out.targetGroup.push(id);
    const crossed = crossingsIn(h, w.from, w.to);
    if (crossed.entered) out.entered.push(id);
    if (crossed.left) out.left.push(id);
  }
  return out;
}

/** The ids as SQL selecting `citizen_id`, like every other figure's source (one parameter). */
export function idsSource(ids: readonly string[]): SQL {
  return sql`select x::uuid as citizen_id from unnest(string_to_array(${ids.join(",")}, ',')) x`;
}
