/**
 * An association's record from the placements coordinators made in its activities (issue 5,
 * point 5: "its typical reply time and the share of referrals it took on … so coordinators refer
 * where it works"). Placements are written by the placements module; this only reads
 * placement_events.
 *
 * - Reply time: from a placement's first entry into `contacted` to the first status change out of
 *   `contacted` after it (the association answered: a trial visit, or a stop). The median, because
 *   one forgotten placement would drag a mean for months.
 * - Taken on: of the placements that left `contacted`, those that ever reached `trial_visit` or
 *   `participating`. A placement still waiting in `contacted` counts in neither: it has no answer yet.
 * Both are null ("no data") until a placement has left `contacted`.
 */
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { OrganisationStatistics } from "../../../shared/api/catalog.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { placements } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

interface StatsRow extends Record<string, unknown> {
  placements: number | string;
  answered: number | string;
  taken: number | string;
  median_seconds: number | string | null;
}

export async function organisationStatistics(
  tx: DbOrTx,
  ctx: Ctx,
  organisationId: string,
): Promise<OrganisationStatistics> {
  const [row] = await rawRows<StatsRow>(
    tx,
    sql`
    with entered as (
      select p.id,
        (select min(e.at) from placement_events e where e.placement_id = p.id and e.to_status = 'contacted') as entered_at
      from placements p
      join catalog_activities a on a.id = p.activity_id
      where ${inTenant(alias(placements, "p"), ctx)} and a.organisation_id = ${organisationId}
    ), answered as (
      select x.id, x.entered_at,
        (select min(e.at) from placement_events e where e.placement_id = x.id and e.from_status = 'contacted' and e.at >= x.entered_at) as answered_at,
        exists (select 1 from placement_events e where e.placement_id = x.id and e.to_status in ('trial_visit', 'participating')) as taken
      from entered x
    )
    select count(*)::int as placements,
      count(answered_at)::int as answered,
      (count(*) filter (where answered_at is not null and taken))::int as taken,
      percentile_cont(0.5) within group (order by extract(epoch from (answered_at - entered_at))) as median_seconds
    from answered`,
  );
  const answered = Number(row?.answered ?? 0);
  const taken = Number(row?.taken ?? 0);
  return {
    placements: Number(row?.placements ?? 0),
    replyTime:
      answered > 0 && row?.median_seconds != null
        ? { medianHours: Math.round((Number(row.median_seconds) / 3600) * 10) / 10, measured: answered }
        : null,
    takenOn:
      answered > 0 ? { share: Math.round((taken / answered) * 1000) / 1000, taken, of: answered } : null,
  };
}
