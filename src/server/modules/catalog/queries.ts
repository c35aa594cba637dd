/**
 * Reads the catalog's services share: an activity with its organisation's name and managing
 * volunteer centre, an organisation with its manager's name, the municipality's current interest
 * taxonomy.
 */
import { type SQL, and, eq, getTableColumns, sql } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { InterestTaxonomy } from "../../../shared/api/course-definitions.js";
import { builtOnce } from "../../db/built-once.js";
import { type DbOrTx, inIds } from "../../db/client.js";
import { catalogActivities, catalogOrganisations, organisations } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, type FieldIssue } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { currentDefinition } from "../courses/index.js";
import type { ActivityRow, OrganisationRow } from "./presenter.js";

const {
  search: _search,
  titleKey: _titleKey,
  spherePoint: _spherePoint,
  catalogVersion: _catalogVersion,
  ...tableColumns
} = getTableColumns(catalogActivities);
/** catalog_activities without the columns kept for search and matching (never read back). */
export const activityTableColumns = tableColumns;

export const activityColumns = {
  ...tableColumns,
  organisationName: catalogOrganisations.name,
  managedByOrganisationId: catalogOrganisations.managedByOrganisationId,
  organisationPhone: catalogOrganisations.phone,
};

const manager = alias(organisations, "manager");

export const organisationColumns = { ...getTableColumns(catalogOrganisations), managedByName: manager.name };

/**
 * The Danish sort key of domain/danish-text.ts (danishSortKey) in SQL: æ, ø, å after z, "aa" = å,
 * accents folded; compared under COLLATE "C", so PGlite (no Danish collation) and PostgreSQL
 * agree. Capitals are folded by translate() first, because lower() leaves them alone under a "C"
 * ctype.
 */
export function danishOrder(column: PgColumn | SQL): SQL {
  return sql`translate(replace(translate(lower(translate(${column}, 'ÆØÅÄÖÜÉÈÊÁÀÓÍÚ', 'æøåäöüéèêáàóíú')), 'äöüéèêáàóíú', 'æøyeeeaaoiu'), 'aa', 'å'), 'æøå', '{|}') collate "C"`;
}

export async function selectActivities(
  tx: DbOrTx,
  ctx: Ctx,
  where: SQL | undefined,
  opts: { forUpdate?: boolean } = {},
): Promise<ActivityRow[]> {
  const q = tx
    .select(activityColumns)
    .from(catalogActivities)
    .innerJoin(catalogOrganisations, eq(catalogOrganisations.id, catalogActivities.organisationId))
    .where(and(inTenant(catalogActivities, ctx), where))
    .orderBy(danishOrder(catalogActivities.title), catalogActivities.id);
  // Locks the activity row only: two edits of one activity queue, and the second sees the first's version.
  return opts.forUpdate ? q.for("update", { of: catalogActivities }) : q;
}

/**
 * A page's activities by id, for catalog search (page.ts puts them in the page's order). Built once
 * (built-once.ts): building this select of thirty-odd columns per request was most of the
 * statement-building CPU left in catalog search (issue 19).
 */
const activitiesByIds = builtOnce((tx) =>
  tx
    .select(activityColumns)
    .from(catalogActivities)
    .innerJoin(catalogOrganisations, eq(catalogOrganisations.id, catalogActivities.organisationId))
    .where(
      and(
        inTenant(catalogActivities, sql.placeholder("municipalityId")),
        inIds(catalogActivities.id, sql.placeholder("ids")),
      ),
    ),
);

export async function selectActivitiesByIds(
  tx: DbOrTx,
  ctx: Ctx,
  ids: readonly string[],
): Promise<ActivityRow[]> {
  return activitiesByIds(tx, { municipalityId: ctx.actor.municipalityId, ids });
}

export async function selectOrganisations(
  tx: DbOrTx,
  ctx: Ctx,
  where: SQL | undefined,
  opts: { forUpdate?: boolean; limit?: number; offset?: number } = {},
): Promise<OrganisationRow[]> {
  const q = tx
    .select(organisationColumns)
    .from(catalogOrganisations)
    .leftJoin(manager, eq(manager.id, catalogOrganisations.managedByOrganisationId))
    .where(and(inTenant(catalogOrganisations, ctx), where))
    .orderBy(danishOrder(catalogOrganisations.name), catalogOrganisations.id)
    .limit(opts.limit ?? 100_000)
    .offset(opts.offset ?? 0);
  return opts.forUpdate ? q.for("update", { of: catalogOrganisations }) : q;
}

export type CatalogEditAction = "catalog.read" | "catalog.edit";

/** An activity the caller may act on, or 404/403 — the start of every activity-scoped service. */
export async function loadActivityFor(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  kind: CatalogEditAction,
  opts: { forUpdate?: boolean } = {},
): Promise<ActivityRow> {
  const [row] = await selectActivities(tx, ctx, eq(catalogActivities.id, id), opts);
  if (!row) throw AppError.notFound("catalog_activity_not_found");
  authorize(
    ctx,
    kind === "catalog.edit" ? { kind, managedByOrganisationId: row.managedByOrganisationId } : { kind },
  );
  return row;
}

export async function loadOrganisationFor(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  kind: CatalogEditAction,
  opts: { forUpdate?: boolean } = {},
): Promise<OrganisationRow> {
  const [row] = await selectOrganisations(tx, ctx, eq(catalogOrganisations.id, id), opts);
  if (!row) throw AppError.notFound("catalog_organisation_not_found");
  authorize(
    ctx,
    kind === "catalog.edit" ? { kind, managedByOrganisationId: row.managedByOrganisationId } : { kind },
  );
  return row;
}

export function assertVersion(row: { version: number }, version: number): void {
  if (row.version !== version) throw new AppError("version_conflict", 409, { currentVersion: row.version });
}

/** The municipality's newest interest taxonomy: the themes and interests the catalog may use. */
export async function currentTaxonomy(tx: DbOrTx, municipalityId: string): Promise<InterestTaxonomy> {
  const row = await currentDefinition(tx, municipalityId, "interest_taxonomy", "interests");
  return row.definition as InterestTaxonomy;
}

/** Field issues for theme and interest ids the taxonomy does not have, named by position ("interests.2"). */
export function unknownTaxonomyIds(
  taxonomy: InterestTaxonomy,
  input: { themes?: string[] | undefined; interests?: string[] | undefined },
): FieldIssue[] {
  const themes = new Set(taxonomy.themes.map((t) => t.id));
  const interests = new Set(taxonomy.interests.map((i) => i.id));
  return [
    ...(input.themes ?? []).flatMap((id, i) =>
      themes.has(id) ? [] : [{ field: `themes.${i}`, reason: "invalid_value" as const }],
    ),
    ...(input.interests ?? []).flatMap((id, i) =>
      interests.has(id) ? [] : [{ field: `interests.${i}`, reason: "invalid_value" as const }],
    ),
  ];
}

/** A volunteer centre of the caller's municipality, or the field issue saying it is not one. */
export async function checkManagingCentre(tx: DbOrTx, ctx: Ctx, id: string | null): Promise<FieldIssue[]> {
  if (id === null) return [];
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(inTenant(organisations, ctx), eq(organisations.id, id), eq(organisations.kind, "volunteer_centre")),
    );
  return row ? [] : [{ field: "managedByOrganisationId", reason: "invalid_value" }];
}

export function throwFieldIssues(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new AppError("validation_failed", 400, { fields: issues });
}
