/**
 * Catalog upkeep (issue 5, point 8): entries not verified for N months (or never) come up for
 * review, oldest first; volunteer-centre staff see only the entries their centre manages (the
 * ones they may edit). And the change history of one entry.
 *
 * Both are for the people who keep the catalog (policy `catalog.create`: coordinators,
 * administrators, volunteer-centre staff). Inactive entries are not reviewed.
 */
import { type SQL, and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { format, parseISO, subMonths } from "date-fns";
import type { CatalogEntityType } from "../../../domain/vocabulary/catalog.js";
import type { CatalogChange, ReviewPage, ReviewQuery } from "../../../shared/api/catalog.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import { catalogActivities, catalogChanges, catalogOrganisations, users } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import type { FieldChanges } from "./changes.js";
import { danishOrder } from "./queries.js";
import { today } from "./service.js";

interface ReviewRow extends Record<string, unknown> {
  entity_type: CatalogEntityType;
  id: string;
  name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  managed_by: string | null;
  last_verified_on: string | null;
  version: number;
  total: number;
}

/** The day on or before which a verification is too old: today minus N calendar months (Copenhagen). */
export function reviewCutoff(day: string, months: number): string {
  return format(subMonths(parseISO(day), months), "yyyy-MM-dd");
}

export async function reviewList(tx: DbOrTx, ctx: Ctx, q: ReviewQuery): Promise<ReviewPage> {
  authorize(ctx, { kind: "catalog.create" });
  const cutoff = reviewCutoff(today(), q.months);
  const mine =
    ctx.actor.role === "volunteer_centre_staff"
      ? sql`and o.managed_by_organisation_id = ${ctx.actor.organisationId}`
      : sql``;
  const due = (col: SQL) => sql`(${col} is null or ${col} <= ${cutoff}::date)`;
  const rows = await rawRows<ReviewRow>(
    tx,
    sql`
    select r.*, (count(*) over ())::int as total from (
      select 'organisation' as entity_type, o.id, o.name, null::uuid as organisation_id, null::text as organisation_name,
        o.managed_by_organisation_id as managed_by, o.last_verified_on::text as last_verified_on, o.version
      from catalog_organisations o
      where ${inTenant(alias(catalogOrganisations, "o"), ctx)} and o.active and ${due(sql`o.last_verified_on`)} ${mine}
      union all
      select 'activity', a.id, a.title, o.id, o.name, o.managed_by_organisation_id, a.last_verified_on::text, a.version
      from catalog_activities a join catalog_organisations o on o.id = a.organisation_id
      where ${inTenant(alias(catalogActivities, "a"), ctx)} and a.active and ${due(sql`a.last_verified_on`)} ${mine}
    ) r
    order by r.last_verified_on asc nulls first, ${danishOrder(sql`r.name`)}, r.id
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r) => ({
      entityType: r.entity_type,
      id: r.id,
      name: r.name,
      organisation:
        r.organisation_id && r.organisation_name !== null
          ? { id: r.organisation_id, name: r.organisation_name }
          : null,
      managedByOrganisationId: r.managed_by,
      lastVerifiedOn: r.last_verified_on,
      version: Number(r.version),
    })),
    total: Number(rows[0]?.total ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    months: q.months,
    cutoff,
  };
}

/** Newest first; at most the last 500 changes of the entry. */
export async function entityChanges(tx: DbOrTx, ctx: Ctx, entityId: string): Promise<CatalogChange[]> {
  authorize(ctx, { kind: "catalog.history" });
  const rows = await tx
    .select({
      id: catalogChanges.id,
      entityType: catalogChanges.entityType,
      entityId: catalogChanges.entityId,
      action: catalogChanges.action,
      changes: catalogChanges.changes,
      actorId: catalogChanges.actorUserId,
      actorName: users.displayName,
      at: catalogChanges.at,
    })
    .from(catalogChanges)
    .leftJoin(users, eq(users.id, catalogChanges.actorUserId))
    .where(and(inTenant(catalogChanges, ctx), eq(catalogChanges.entityId, entityId)))
    .orderBy(desc(catalogChanges.at), desc(catalogChanges.id))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    entityType: r.entityType,
    entityId: r.entityId,
    action: r.action,
    changes: r.changes as FieldChanges,
    actor: r.actorId && r.actorName !== null ? { id: r.actorId, name: r.actorName } : null,
    at: r.at.toISOString(),
  }));
}
