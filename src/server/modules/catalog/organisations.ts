/**
 * Organisations of the catalog (associations, churches, activity centres, visiting services …):
 * list, the association listing (its activities, inclusion criteria, collaboration agreement and
 * statistics from recorded placements), create, update, verify and deactivate. Who may edit is
 * decided by the volunteer centre that manages the entry (policy `catalog.edit`).
 */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { searchWords } from "../../../domain/danish-text.js";
import type {
  CreateOrganisationBody,
  Organisation,
  OrganisationDetail,
  OrganisationListQuery,
  UpdateOrganisationBody,
  VersionBody,
} from "../../../shared/api/catalog.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogActivities, catalogOrganisations } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { type ChangeAction, type ChangeEntry, diff, recordChanges } from "./changes.js";
import {
  type OrganisationContent,
  type OrganisationRow,
  activityOut,
  organisationOut,
  organisationSnapshot,
} from "./presenter.js";
import {
  assertVersion,
  checkManagingCentre,
  loadOrganisationFor,
  selectActivities,
  selectOrganisations,
  throwFieldIssues,
} from "./queries.js";
import { activityContentFromRow, applyActivityContent, today } from "./service.js";
import { organisationStatistics } from "./statistics.js";

export function organisationContentFromRow(row: OrganisationRow): OrganisationContent {
  return {
    name: row.name,
    kind: row.kind,
    description: row.description,
    addressLine: row.addressLine,
    postalCode: row.postalCode,
    city: row.city,
    phone: row.phone,
    email: row.email,
    website: row.website,
    inclusionCriteria: row.inclusionCriteria,
    collaborationAgreement: row.collaborationAgreement,
    managedByOrganisationId: row.managedByOrganisationId,
    lastVerifiedOn: row.lastVerifiedOn,
    active: row.active,
  };
}

/** Writes `after` when a field changed (version + 1) and returns the change to record; null when nothing did. */
export async function applyOrganisationContent(
  tx: DbOrTx,
  row: OrganisationRow,
  after: OrganisationContent,
  action: ChangeAction,
): Promise<ChangeEntry | null> {
  const changes = diff(organisationSnapshot(organisationContentFromRow(row)), organisationSnapshot(after));
  if (Object.keys(changes).length === 0) return null;
  await tx
    .update(catalogOrganisations)
    .set({ ...after, version: sql`${catalogOrganisations.version} + 1`, updatedAt: sql`now()` })
    .where(eq(catalogOrganisations.id, row.id));
  return { entityType: "organisation", entityId: row.id, action, changes };
}

const addressColumns = (a: { line: string; postalCode: string; city: string } | null) => ({
  addressLine: a?.line ?? null,
  postalCode: a?.postalCode ?? null,
  city: a?.city ?? null,
});

async function reload(tx: DbOrTx, ctx: Ctx, id: string): Promise<Organisation> {
  return organisationOut(await loadOrganisationFor(tx, ctx, id, "catalog.read"));
}

export async function listOrganisations(tx: DbOrTx, ctx: Ctx, query: OrganisationListQuery) {
  authorize(ctx, { kind: "catalog.read" });
  // Inactive entries are the maintainers' business (the same roles that may create entries).
  if (query.includeInactive) authorize(ctx, { kind: "catalog.create" });
  const o = catalogOrganisations;
  const where = and(
    query.includeInactive ? undefined : eq(o.active, true),
    query.kind ? inArray(o.kind, query.kind) : undefined,
    ...(query.q ? searchWords(query.q).map((w) => sql`lower(${o.name}) like ${`%${w}%`}`) : []),
  );
  const page = await selectOrganisations(tx, ctx, where, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const [total] = await tx
    .select({ n: count() })
    .from(o)
    .where(and(inTenant(o, ctx), where));
  const counts = page.length
    ? await tx
        .select({ id: catalogActivities.organisationId, n: count() })
        .from(catalogActivities)
        .where(
          and(
            inArray(
              catalogActivities.organisationId,
              page.map((r) => r.id),
            ),
            eq(catalogActivities.active, true),
          ),
        )
        .groupBy(catalogActivities.organisationId)
    : [];
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return {
    items: page.map((r) => ({ ...organisationOut(r), activeActivities: byId.get(r.id) ?? 0 })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The association listing: what coordinators read before referring a citizen there. */
export async function organisationDetail(tx: DbOrTx, ctx: Ctx, id: string): Promise<OrganisationDetail> {
  const row = await loadOrganisationFor(tx, ctx, id, "catalog.read");
  const activities = await selectActivities(tx, ctx, eq(catalogActivities.organisationId, id));
  return {
    ...organisationOut(row),
    activities: activities.map(activityOut),
    statistics: await organisationStatistics(tx, ctx, id),
  };
}

/** Volunteer-centre staff create entries for their own centre unless they name it; naming another is refused by the policy. */
function managingCentre(ctx: Ctx, requested: string | null | undefined): string | null {
  if (requested !== undefined) return requested;
  return ctx.actor.role === "volunteer_centre_staff" ? ctx.actor.organisationId : null;
}

export async function createOrganisation(
  tx: DbOrTx,
  ctx: Ctx,
  body: CreateOrganisationBody,
): Promise<Organisation> {
  authorize(ctx, { kind: "catalog.create" });
  const managedBy = managingCentre(ctx, body.managedByOrganisationId);
  authorize(ctx, { kind: "catalog.edit", managedByOrganisationId: managedBy });
  throwFieldIssues(await checkManagingCentre(tx, ctx, managedBy));
  const content: OrganisationContent = {
    name: body.name,
    kind: body.kind,
    description: body.description ?? "",
    ...addressColumns(body.address ?? null),
    phone: body.phone ?? null,
    email: body.email ?? null,
    website: body.website ?? null,
    inclusionCriteria: body.inclusionCriteria ?? null,
    collaborationAgreement: body.collaborationAgreement,
    managedByOrganisationId: managedBy,
    lastVerifiedOn: body.lastVerifiedOn === undefined ? today() : body.lastVerifiedOn,
    active: true,
  };
  const [row] = await tx
    .insert(catalogOrganisations)
    .values({ municipalityId: ctx.actor.municipalityId, ...content })
    .returning({ id: catalogOrganisations.id });
  await recordChanges(tx, ctx, [
    {
      entityType: "organisation",
      entityId: row!.id,
      action: "create",
      changes: diff(null, organisationSnapshot(content)),
    },
  ]);
  return reload(tx, ctx, row!.id);
}

export async function updateOrganisation(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: UpdateOrganisationBody,
): Promise<Organisation> {
  const row = await loadOrganisationFor(tx, ctx, id, "catalog.edit", { forUpdate: true });
  assertVersion(row, body.version);
  if (
    body.managedByOrganisationId !== undefined &&
    body.managedByOrganisationId !== row.managedByOrganisationId
  ) {
    // Handing an entry to another centre needs the right to edit it there too.
    authorize(ctx, { kind: "catalog.edit", managedByOrganisationId: body.managedByOrganisationId });
    throwFieldIssues(await checkManagingCentre(tx, ctx, body.managedByOrganisationId));
  }
  const set = <K extends keyof OrganisationContent>(key: K, value: OrganisationContent[K] | undefined) =>
    value !== undefined ? { [key]: value } : {};
  const after: OrganisationContent = {
    ...organisationContentFromRow(row),
    ...set("name", body.name),
    ...set("kind", body.kind),
    ...(body.description !== undefined ? { description: body.description ?? "" } : {}),
    ...(body.address !== undefined ? addressColumns(body.address) : {}),
    ...set("phone", body.phone),
    ...set("email", body.email),
    ...set("website", body.website),
    ...set("inclusionCriteria", body.inclusionCriteria),
    ...set("collaborationAgreement", body.collaborationAgreement),
    ...set("managedByOrganisationId", body.managedByOrganisationId),
    ...set("active", body.active),
  };
  const change = await applyOrganisationContent(tx, row, after, "update");
  if (change) await recordChanges(tx, ctx, [change]);
  return reload(tx, ctx, id);
}

export async function verifyOrganisation(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: VersionBody,
): Promise<Organisation> {
  const row = await loadOrganisationFor(tx, ctx, id, "catalog.edit", { forUpdate: true });
  assertVersion(row, body.version);
  const change = await applyOrganisationContent(
    tx,
    row,
    { ...organisationContentFromRow(row), lastVerifiedOn: today() },
    "verify",
  );
  if (change) await recordChanges(tx, ctx, [change]);
  return reload(tx, ctx, id);
}

/**
 * An organisation that stops takes its activities out of search with it: each active activity is
 * deactivated too (and recorded). Reactivating the organisation leaves them off — which of them
 * still run is for someone to check.
 */
export async function deactivateOrganisation(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: VersionBody,
): Promise<Organisation> {
  const row = await loadOrganisationFor(tx, ctx, id, "catalog.edit", { forUpdate: true });
  assertVersion(row, body.version);
  const changes: ChangeEntry[] = [];
  const own = await applyOrganisationContent(
    tx,
    row,
    { ...organisationContentFromRow(row), active: false },
    "deactivate",
  );
  if (own) changes.push(own);
  const activities = await selectActivities(
    tx,
    ctx,
    and(eq(catalogActivities.organisationId, id), eq(catalogActivities.active, true)),
    { forUpdate: true },
  );
  for (const a of activities) {
    const change = await applyActivityContent(
      tx,
      a,
      { ...activityContentFromRow(a), active: false },
      "deactivate",
    );
    if (change) changes.push(change);
  }
  await recordChanges(tx, ctx, changes);
  return reload(tx, ctx, id);
}
