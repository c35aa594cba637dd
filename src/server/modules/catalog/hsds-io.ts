/**
 * The catalog as Open Referral HSDS 3.0 (issue 5, point 9), against the database: the pure
 * mapping and its validation live in hsds/; this reads and writes the municipality's rows.
 *
 * Import rules:
 * - Ids are kept (HSDS ids are Broen's UUIDs), so a re-import updates instead of duplicating:
 *   an id of this municipality's catalog is updated, a new id inserted, and an id another
 *   municipality uses is an error for that row.
 * - Every invalid row is reported with its entity, index and field (JSON Pointer). A service of
 *   an organization with errors is invalid too (it would have nowhere to belong); themes and
 *   interests must be the municipality's taxonomy's.
 * - `all_or_nothing`: any error → 422 and nothing is stored; `valid_rows`: the valid rows are
 *   stored and the errors are reported with them.
 * - Rows whose content did not change are not written (no version bump, no history row); every
 *   other row writes a catalog_changes row with action "import". Who manages an organisation
 *   and whether it is active are Broen's own and kept (HSDS has no field for them).
 */
import { acrossMunicipalities } from "../../platform/tenant-isolation.js";
import { and, inArray, ne } from "drizzle-orm";
import type { CatalogActivity, CatalogOrganisation } from "../../../domain/matching/types.js";
import type { ImportBody, ImportIssue, ImportReport } from "../../../shared/api/catalog.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogActivities, catalogOrganisations } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { type ChangeEntry, diff, recordChanges } from "./changes.js";
import { toHsds } from "./hsds/export.js";
import { fromHsds } from "./hsds/import.js";
import type { HsdsDocument } from "./hsds/types.js";
import { applyOrganisationContent } from "./organisations.js";
import {
  activityContentOf,
  activitySnapshot,
  organisationContentOf,
  organisationSnapshot,
  toCatalogActivity,
  toCatalogOrganisation,
} from "./presenter.js";
import {
  activityTableColumns,
  currentTaxonomy,
  danishOrder,
  selectActivities,
  selectOrganisations,
} from "./queries.js";
import { applyActivityContent } from "./service.js";

export async function exportHsds(tx: DbOrTx, ctx: Ctx): Promise<HsdsDocument> {
  authorize(ctx, { kind: "catalog.export" });
  // One after the other: a transaction is one connection, and pg refuses overlapping queries on it in its next major version.
  const organisations = await tx
    .select()
    .from(catalogOrganisations)
    .where(inTenant(catalogOrganisations, ctx))
    .orderBy(danishOrder(catalogOrganisations.name), catalogOrganisations.id);
  const activities = await tx
    .select(activityTableColumns)
    .from(catalogActivities)
    .where(inTenant(catalogActivities, ctx))
    .orderBy(danishOrder(catalogActivities.title), catalogActivities.id);
  const taxonomy = await currentTaxonomy(tx, ctx.actor.municipalityId);
  const names = (list: { id: string; label: { da: string } }[]) =>
    Object.fromEntries(list.map((e) => [e.id, e.label.da]));
  const doc = toHsds(
    {
      organisations: organisations.map(toCatalogOrganisation),
      activities: activities.map(toCatalogActivity),
    },
    { themeNames: names(taxonomy.themes), interestNames: names(taxonomy.interests) },
  );
  await audit(tx, ctx, {
    action: "export",
    entityType: "catalog",
    criterion: { format: "hsds-3.0", organisations: organisations.length, activities: activities.length },
  });
  return doc;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Position of each id in one of the document's lists (the first, when an id repeats). */
function positions(doc: unknown, key: "organizations" | "services"): Map<string, number> {
  const out = new Map<string, number>();
  const list = isObject(doc) && Array.isArray(doc[key]) ? (doc[key] as unknown[]) : [];
  list.forEach((row, i) => {
    if (isObject(row) && typeof row.id === "string" && !out.has(row.id.toLowerCase()))
      out.set(row.id.toLowerCase(), i);
  });
  return out;
}

/** The JSON Pointer of a service's attribute carrying `code`, for an error a person can find. */
function attributePointer(doc: unknown, index: number, code: string): string {
  const services = isObject(doc) && Array.isArray(doc.services) ? doc.services : [];
  const attrs =
    isObject(services[index]) && Array.isArray(services[index].attributes)
      ? (services[index].attributes as unknown[])
      : [];
  const i = attrs.findIndex((x) => isObject(x) && isObject(x.taxonomy_term) && x.taxonomy_term.code === code);
  return i >= 0 ? `/attributes/${i}/taxonomy_term/code` : "/attributes";
}

async function foreignIds(
  tx: DbOrTx,
  ctx: Ctx,
  table: typeof catalogOrganisations | typeof catalogActivities,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // Ids are unique across the installation: one already another municipality's catalog's is refused
  // by name instead of failing on the key (only the ids are read).
  const rows = await acrossMunicipalities(tx, ctx.actor.municipalityId, "catalog ids in use elsewhere", () =>
    tx
      .select({ id: table.id })
      .from(table)
      .where(and(inArray(table.id, ids), ne(table.municipalityId, ctx.actor.municipalityId))),
  );
  return new Set(rows.map((r) => r.id));
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) await insert(rows.slice(i, i + 400));
}

export async function importHsds(tx: DbOrTx, ctx: Ctx, body: ImportBody): Promise<ImportReport> {
  authorize(ctx, { kind: "catalog.import" });
  const m = ctx.actor.municipalityId;
  const ours = await tx
    .select({ id: catalogOrganisations.id })
    .from(catalogOrganisations)
    .where(inTenant(catalogOrganisations, ctx));
  const parsed = fromHsds(body.data, { knownOrganisationIds: ours.map((o) => o.id) });
  const errors: ImportIssue[] = [...parsed.errors];
  const orgAt = positions(body.data, "organizations");
  const serviceAt = positions(body.data, "services");
  const fail = (
    entity: "organization" | "service",
    id: string,
    field: string,
    code: string,
    message: string,
  ) =>
    errors.push({
      entity,
      index: (entity === "organization" ? orgAt : serviceAt).get(id) ?? -1,
      field,
      code,
      message,
    });

  // Ids are compared as PostgreSQL prints UUIDs.
  const orgs: CatalogOrganisation[] = parsed.ok.organisations.map((o) => ({ ...o, id: o.id.toLowerCase() }));
  const acts: CatalogActivity[] = parsed.ok.activities.map((a) => ({
    ...a,
    id: a.id.toLowerCase(),
    organisationId: a.organisationId.toLowerCase(),
  }));

  const foreignOrgs = await foreignIds(
    tx,
    ctx,
    catalogOrganisations,
    orgs.map((o) => o.id),
  );
  for (const id of foreignOrgs)
    fail("organization", id, "/id", "id_in_use", "the id belongs to another municipality's catalog");
  const validOrgs = orgs.filter((o) => !foreignOrgs.has(o.id));
  const homes = new Set([...ours.map((o) => o.id), ...validOrgs.map((o) => o.id)]);

  const taxonomy = await currentTaxonomy(tx, m);
  const themes = new Set(taxonomy.themes.map((t) => t.id));
  const interests = new Set(taxonomy.interests.map((i) => i.id));
  const foreignActs = await foreignIds(
    tx,
    ctx,
    catalogActivities,
    acts.map((a) => a.id),
  );
  const validActs = acts.filter((a) => {
    const before = errors.length;
    const index = serviceAt.get(a.id) ?? -1;
    if (foreignActs.has(a.id))
      fail("service", a.id, "/id", "id_in_use", "the id belongs to another municipality's catalog");
    if (!homes.has(a.organisationId))
      fail(
        "service",
        a.id,
        "/organization_id",
        "organization_invalid",
        "the organization has errors and is not imported",
      );
    for (const t of a.themes.filter((x) => !themes.has(x)))
      fail(
        "service",
        a.id,
        attributePointer(body.data, index, t),
        "unknown_theme",
        `"${t}" is not a theme of the municipality's interest taxonomy`,
      );
    for (const i of a.interests.filter((x) => !interests.has(x)))
      fail(
        "service",
        a.id,
        attributePointer(body.data, index, i),
        "unknown_interest",
        `"${i}" is not an interest of the municipality's interest taxonomy`,
      );
    return errors.length === before;
  });

  errors.sort((x, y) => x.entity.localeCompare(y.entity) || x.index - y.index);
  if (errors.length > 0 && body.mode === "all_or_nothing")
    throw new AppError("catalog_import_invalid", 422, { errors, warnings: parsed.warnings });

  const changes: ChangeEntry[] = [];
  const orgCounts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const existingOrgs = new Map(
    validOrgs.length
      ? (
          await selectOrganisations(
            tx,
            ctx,
            inArray(
              catalogOrganisations.id,
              validOrgs.map((o) => o.id),
            ),
            { forUpdate: true },
          )
        ).map((r) => [r.id, r])
      : [],
  );
  const newOrgs: (typeof catalogOrganisations.$inferInsert)[] = [];
  for (const o of validOrgs) {
    const row = existingOrgs.get(o.id);
    if (!row) {
      const content = organisationContentOf(o, { managedByOrganisationId: null, active: true });
      newOrgs.push({ id: o.id, municipalityId: m, ...content });
      changes.push({
        entityType: "organisation",
        entityId: o.id,
        action: "import",
        changes: diff(null, organisationSnapshot(content)),
      });
      orgCounts.created++;
      continue;
    }
    const change = await applyOrganisationContent(
      tx,
      row,
      organisationContentOf(o, { managedByOrganisationId: row.managedByOrganisationId, active: row.active }),
      "import",
    );
    if (change) changes.push(change);
    orgCounts[change ? "updated" : "unchanged"]++;
  }
  await insertChunks(newOrgs, (chunk) => tx.insert(catalogOrganisations).values(chunk));

  const actCounts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const existingActs = new Map(
    validActs.length
      ? (
          await selectActivities(
            tx,
            ctx,
            inArray(
              catalogActivities.id,
              validActs.map((a) => a.id),
            ),
            { forUpdate: true },
          )
        ).map((r) => [r.id, r])
      : [],
  );
  const newActs: (typeof catalogActivities.$inferInsert)[] = [];
  for (const a of validActs) {
    const content = activityContentOf(a);
    const row = existingActs.get(a.id);
    if (!row) {
      newActs.push({ id: a.id, municipalityId: m, ...content });
      changes.push({
        entityType: "activity",
        entityId: a.id,
        action: "import",
        changes: diff(null, activitySnapshot(content)),
      });
      actCounts.created++;
      continue;
    }
    const change = await applyActivityContent(tx, row, content, "import");
    if (change) changes.push(change);
    actCounts[change ? "updated" : "unchanged"]++;
  }
  await insertChunks(newActs, (chunk) => tx.insert(catalogActivities).values(chunk));
  await recordChanges(tx, ctx, changes);
  return {
    mode: body.mode,
    organisations: orgCounts,
    activities: actCounts,
    errors,
    warnings: parsed.warnings,
  };
}
