/**
 * Activities of the catalog: read, create, update (optimistic `version`), verify, deactivate.
 * Who may edit follows the activity's organisation: coordinators and administrators every entry,
 * volunteer-centre staff the entries of organisations their centre manages (policy
 * `catalog.edit`). Every change writes a catalog_changes row in the same transaction.
 */
import { eq, sql } from "drizzle-orm";
import type { ActivityPlace } from "../../../domain/matching/types.js";
import { copenhagenDate } from "../../../domain/time.js";
import type {
  Activity,
  CreateActivityBody,
  PlaceInput,
  UpdateActivityBody,
  VersionBody,
} from "../../../shared/api/catalog.js";
import type { DbOrTx } from "../../db/client.js";
import { catalogActivities, catalogOrganisations } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { FieldIssue } from "../../platform/errors.js";
import { type ChangeAction, type ChangeEntry, diff, recordChanges } from "./changes.js";
import {
  type ActivityContent,
  type ActivityRow,
  activityOut,
  activitySnapshot,
  contactColumn,
  costColumns,
  placeColumns,
  scheduleColumns,
} from "./presenter.js";
import {
  assertVersion,
  currentTaxonomy,
  loadActivityFor,
  selectOrganisations,
  throwFieldIssues,
  unknownTaxonomyIds,
} from "./queries.js";

export const today = () => copenhagenDate(new Date());

export function placeFromInput(p: PlaceInput): ActivityPlace {
  return p.kind === "venue"
    ? { kind: "venue", name: p.name, address: p.address, lat: p.lat ?? null, lon: p.lon ?? null }
    : p;
}

export function activityContentFromRow(row: ActivityRow): ActivityContent {
  return {
    organisationId: row.organisationId,
    title: row.title,
    description: row.description,
    themes: row.themes,
    interests: row.interests,
    placeKind: row.placeKind,
    placeName: row.placeName,
    addressLine: row.addressLine,
    postalCode: row.postalCode,
    city: row.city,
    lat: row.lat,
    lon: row.lon,
    remoteChannels: row.remoteChannels,
    schedule: row.schedule,
    weekdays: row.weekdays,
    timesOfDay: row.timesOfDay,
    accessibility: row.accessibility,
    costKind: row.costKind,
    costAmountDkk: row.costAmountDkk,
    costPer: row.costPer,
    groupSize: row.groupSize,
    contact: row.contact,
    lastVerifiedOn: row.lastVerifiedOn,
    active: row.active,
  };
}

/**
 * Writes `after` over the row when a field a person reads changed, bumping the version; returns
 * the change to record, or null when nothing changed (no write, no history row).
 */
export async function applyActivityContent(
  tx: DbOrTx,
  row: ActivityRow,
  after: ActivityContent,
  action: ChangeAction,
): Promise<ChangeEntry | null> {
  const changes = diff(activitySnapshot(activityContentFromRow(row)), activitySnapshot(after));
  if (Object.keys(changes).length === 0) return null;
  await tx
    .update(catalogActivities)
    .set({ ...after, version: sql`${catalogActivities.version} + 1`, updatedAt: sql`now()` })
    .where(eq(catalogActivities.id, row.id));
  return { entityType: "activity", entityId: row.id, action, changes };
}

/** The organisation a new or moved activity belongs to: in the tenant (400 otherwise) and editable by the caller (403). */
async function editableOrganisation(
  tx: DbOrTx,
  ctx: Ctx,
  organisationId: string,
  issues: FieldIssue[],
): Promise<void> {
  const [org] = await selectOrganisations(tx, ctx, eq(catalogOrganisations.id, organisationId));
  if (!org) {
    issues.push({ field: "organisationId", reason: "invalid_value" });
    return;
  }
  authorize(ctx, { kind: "catalog.edit", managedByOrganisationId: org.managedByOrganisationId });
}

async function reload(tx: DbOrTx, ctx: Ctx, id: string): Promise<Activity> {
  return activityOut(await loadActivityFor(tx, ctx, id, "catalog.read"));
}

export async function getActivity(tx: DbOrTx, ctx: Ctx, id: string): Promise<Activity> {
  return reload(tx, ctx, id);
}

export async function createActivity(tx: DbOrTx, ctx: Ctx, body: CreateActivityBody): Promise<Activity> {
  authorize(ctx, { kind: "catalog.create" });
  const issues: FieldIssue[] = [];
  await editableOrganisation(tx, ctx, body.organisationId, issues);
  issues.push(...unknownTaxonomyIds(await currentTaxonomy(tx, ctx.actor.municipalityId), body));
  throwFieldIssues(issues);
  const content: ActivityContent = {
    organisationId: body.organisationId,
    title: body.title,
    description: body.description ?? "",
    themes: body.themes,
    interests: body.interests,
    ...placeColumns(placeFromInput(body.place)),
    ...scheduleColumns(body.schedule),
    accessibility: body.accessibility,
    ...costColumns(body.cost),
    groupSize: body.groupSize,
    contact: contactColumn(body.contact),
    lastVerifiedOn: body.lastVerifiedOn === undefined ? today() : body.lastVerifiedOn,
    active: true,
  };
  const [row] = await tx
    .insert(catalogActivities)
    .values({ municipalityId: ctx.actor.municipalityId, ...content })
    .returning({ id: catalogActivities.id });
  await recordChanges(tx, ctx, [
    {
      entityType: "activity",
      entityId: row!.id,
      action: "create",
      changes: diff(null, activitySnapshot(content)),
    },
  ]);
  return reload(tx, ctx, row!.id);
}

export async function updateActivity(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: UpdateActivityBody,
): Promise<Activity> {
  const row = await loadActivityFor(tx, ctx, id, "catalog.edit", { forUpdate: true });
  assertVersion(row, body.version);
  const issues: FieldIssue[] = [];
  // Moving an activity to another organisation needs the right to edit there too.
  if (body.organisationId !== undefined && body.organisationId !== row.organisationId)
    await editableOrganisation(tx, ctx, body.organisationId, issues);
  // Only ids sent are checked: an entry whose theme left a newer taxonomy can still get its title fixed.
  if (body.themes !== undefined || body.interests !== undefined)
    issues.push(...unknownTaxonomyIds(await currentTaxonomy(tx, ctx.actor.municipalityId), body));
  throwFieldIssues(issues);

  const before = activityContentFromRow(row);
  const after: ActivityContent = {
    ...before,
    ...(body.organisationId !== undefined ? { organisationId: body.organisationId } : {}),
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.description !== undefined ? { description: body.description ?? "" } : {}),
    ...(body.themes !== undefined ? { themes: body.themes } : {}),
    ...(body.interests !== undefined ? { interests: body.interests } : {}),
    ...(body.place !== undefined ? placeColumns(placeFromInput(body.place)) : {}),
    ...(body.schedule !== undefined ? scheduleColumns(body.schedule) : {}),
    ...(body.accessibility !== undefined ? { accessibility: body.accessibility } : {}),
    ...(body.cost !== undefined ? costColumns(body.cost) : {}),
    ...(body.groupSize !== undefined ? { groupSize: body.groupSize } : {}),
    ...(body.contact !== undefined ? { contact: contactColumn(body.contact) } : {}),
    ...(body.active !== undefined ? { active: body.active } : {}),
  };
  const change = await applyActivityContent(tx, row, after, "update");
  if (change) await recordChanges(tx, ctx, [change]);
  return reload(tx, ctx, id);
}

/** "The details are right as shown": last verified becomes today. */
export async function verifyActivity(tx: DbOrTx, ctx: Ctx, id: string, body: VersionBody): Promise<Activity> {
  const row = await loadActivityFor(tx, ctx, id, "catalog.edit", { forUpdate: true });
  assertVersion(row, body.version);
  const change = await applyActivityContent(
    tx,
    row,
    { ...activityContentFromRow(row), lastVerifiedOn: today() },
    "verify",
  );
  if (change) await recordChanges(tx, ctx, [change]);
  return reload(tx, ctx, id);
}

/** Out of search and the printable list; kept for placements that point at it and for history. */
export async function deactivateActivity(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: VersionBody,
): Promise<Activity> {
  const row = await loadActivityFor(tx, ctx, id, "catalog.edit", { forUpdate: true });
  assertVersion(row, body.version);
  const change = await applyActivityContent(
    tx,
    row,
    { ...activityContentFromRow(row), active: false },
    "deactivate",
  );
  if (change) await recordChanges(tx, ctx, [change]);
  return reload(tx, ctx, id);
}
