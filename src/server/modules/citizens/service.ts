import { and, eq, inArray, sql } from "drizzle-orm";
import { type CitizenResource, providerScope } from "../../../domain/access-policy.js";
import { copenhagenDate } from "../../../domain/time.js";
import { parseCpr } from "../../../domain/cpr.js";
import { danishSortKey, searchText } from "../../../domain/danish-text.js";
import type {
  CitizenSearchBody,
  CreateCitizenBody,
  CreateContactBody,
  UpdateCitizenBody,
} from "../../../shared/api/citizens.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenContacts, citizens, districts, organisations } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError, isUniqueViolation } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { presentCitizenDetail, presentCitizenSummary, presentContact } from "./presenter.js";
import { type CitizenRow, findCitizen, listCitizens, listContacts } from "./queries.js";
import { assertMayOpen } from "./processing.js";
import { recordRevision } from "./revisions.js";
import { recordMembershipChange } from "./target-group.js";

export function asResource(row: {
  municipalityId: string;
  providerOrganisationId: string | null;
}): CitizenResource {
  return { municipalityId: row.municipalityId, providerOrganisationId: row.providerOrganisationId };
}

/** Loads a citizen the caller may see, or 404/403 — the start of every citizen-scoped service. */
export async function loadCitizenFor(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  kind:
    | "citizen.read"
    | "citizen.update"
    | "citizen.revealCpr"
    | "citizen.auditTrail"
    | "citizen.accessExport"
    | "citizen.privacy"
    | "citizen.restrict",
  opts: { forUpdate?: boolean } = {},
): Promise<CitizenRow> {
  const row = await findCitizen(tx, ctx, id, opts);
  if (!row) throw AppError.notFound("citizen_not_found");
  authorize(ctx, { kind, citizen: asResource(row) });
  // Restricted (art. 18): kept, opened only by those handling the request — 409 citizen_restricted.
  assertMayOpen(ctx, { ...asResource(row), restrictedAt: row.restrictedAt });
  // Anonymised (issue 13): the register row holds stand-ins; an edit or a new contact would put a
  // person back on a row the reports count as nobody's — 409 citizen_anonymised.
  if (kind === "citizen.update" && row.anonymisedAt) throw new AppError("citizen_anonymised", 409);
  return row;
}

export async function searchCitizens(tx: DbOrTx, ctx: Ctx, query: CitizenSearchBody) {
  authorize(ctx, { kind: "citizen.list" });
  const { rows, total } = await listCitizens(tx, ctx, query, providerScope(ctx.actor));
  const today = copenhagenDate(new Date());
  const criterion = {
    q: query.q,
    providerId: query.providerId,
    districtId: query.districtId,
    page: query.page,
  };
  // One row per citizen shown, so each citizen's trail says they appeared in this search.
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? { action: "search", entityType: "citizen", criterion: { ...criterion, hits: 0 } }
      : rows.map((r) => ({
          action: "search" as const,
          entityType: "citizen",
          entityId: r.id,
          citizenId: r.id,
          criterion,
        })),
  );
  return {
    // One "today" for the page (Intl formatting per row was a measurable part of a search's CPU).
    items: rows.map((r) => presentCitizenSummary(r, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getCitizen(tx: DbOrTx, ctx: Ctx, id: string) {
  const row = await loadCitizenFor(tx, ctx, id, "citizen.read");
  const contacts = await listContacts(tx, ctx, id);
  await audit(tx, ctx, { action: "read", entityType: "citizen", entityId: id, citizenId: id });
  return presentCitizenDetail(row, contacts);
}

export async function revealCpr(tx: DbOrTx, ctx: Ctx, id: string) {
  const row = await loadCitizenFor(tx, ctx, id, "citizen.revealCpr");
  await audit(tx, ctx, { action: "reveal_cpr", entityType: "citizen", entityId: id, citizenId: id });
  return { cpr: row.cpr };
}

/** Provider and district must be this municipality's, and a provider must be a care provider. */
async function checkReferences(
  tx: DbOrTx,
  ctx: Ctx,
  body: { providerId?: string | null; districtId?: string | null },
) {
  if (body.providerId) {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          inTenant(organisations, ctx),
          eq(organisations.id, body.providerId),
          inArray(organisations.kind, ["public_provider", "private_provider"]),
        ),
      );
    if (!org) throw AppError.field("providerId", "invalid_value");
  }
  if (body.districtId) {
    const [d] = await tx
      .select({ id: districts.id })
      .from(districts)
      .where(and(inTenant(districts, ctx), eq(districts.id, body.districtId)));
    if (!d) throw AppError.field("districtId", "invalid_value");
  }
}

function derived(fields: {
  firstName: string;
  lastName: string;
  addressLine: string;
  postalCode: string;
  city: string;
}) {
  return {
    searchText: searchText(
      fields.firstName,
      fields.lastName,
      fields.addressLine,
      fields.postalCode,
      fields.city,
    ),
    sortName: danishSortKey(`${fields.lastName} ${fields.firstName}`),
  };
}

const duplicateCpr = () =>
  new AppError("duplicate_cpr", 409, { fields: [{ field: "cpr", reason: "invalid_value" }] });

export async function createCitizen(tx: DbOrTx, ctx: Ctx, body: CreateCitizenBody) {
  authorize(ctx, { kind: "citizen.create" });
  const parsed = parseCpr(body.cpr);
  if (!parsed.ok)
    throw AppError.field("cpr", parsed.reason === "format" ? "invalid_cpr_format" : "invalid_cpr_date");
  await checkReferences(tx, ctx, body);
  const [created] = await tx
    .insert(citizens)
    .values({
      municipalityId: ctx.actor.municipalityId,
      cpr: parsed.cpr,
      cprLast4: parsed.cpr.slice(-4),
      birthDate: parsed.birthDate,
      firstName: body.firstName,
      lastName: body.lastName,
      addressLine: body.addressLine,
      postalCode: body.postalCode,
      city: body.city,
      phone: body.phone ?? null,
      providerOrganisationId: body.providerId ?? null,
      districtId: body.districtId ?? null,
      homeCareSince: body.homeCareSince ?? null,
      inTargetGroup: body.inTargetGroup ?? true,
      ...derived(body),
    })
    .onConflictDoNothing()
    .returning({ id: citizens.id });
  if (!created) throw duplicateCpr();
  await recordMembershipChange(tx, ctx, created.id, null, {
    inTargetGroup: body.inTargetGroup ?? true,
    homeCareSince: body.homeCareSince ?? null,
  });
  await audit(tx, ctx, {
    action: "create",
    entityType: "citizen",
    entityId: created.id,
    citizenId: created.id,
  });
  return getDetailWithoutAudit(tx, ctx, created.id);
}

async function getDetailWithoutAudit(tx: DbOrTx, ctx: Ctx, id: string) {
  const row = await findCitizen(tx, ctx, id);
  if (!row) throw AppError.notFound("citizen_not_found");
  return presentCitizenDetail(row, await listContacts(tx, ctx, id));
}

export async function updateCitizen(tx: DbOrTx, ctx: Ctx, id: string, body: UpdateCitizenBody) {
  const row = await loadCitizenFor(tx, ctx, id, "citizen.update", { forUpdate: true });
  if (row.version !== body.version)
    throw new AppError("version_conflict", 409, { currentVersion: row.version });
  // Moving a citizen to another provider is the municipality's decision, not a private provider's.
  if (
    body.providerId !== undefined &&
    body.providerId !== row.providerOrganisationId &&
    ctx.actor.organisationKind === "private_provider"
  ) {
    throw AppError.forbidden();
  }
  await checkReferences(tx, ctx, body);
  const { version: _version, reason, cpr, providerId, ...rest } = body;
  const changes: Partial<typeof citizens.$inferInsert> = { ...rest };
  if (providerId !== undefined) changes.providerOrganisationId = providerId;
  if (cpr !== undefined) {
    const parsed = parseCpr(cpr);
    if (!parsed.ok)
      throw AppError.field("cpr", parsed.reason === "format" ? "invalid_cpr_format" : "invalid_cpr_date");
    Object.assign(changes, { cpr: parsed.cpr, cprLast4: parsed.cpr.slice(-4), birthDate: parsed.birthDate });
  }
  // Rectification keeps history (art. 16): the values this change replaces, before it is written.
  await recordRevision(tx, ctx, row, { ...rest, providerId, cpr: changes.cpr }, reason ?? null);
  const merged = { ...row, ...changes } as CitizenRow;
  try {
    await tx
      .update(citizens)
      .set({ ...changes, ...derived(merged), version: sql`${citizens.version} + 1`, updatedAt: sql`now()` })
      .where(and(inTenant(citizens, ctx), eq(citizens.id, id)));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCpr();
    throw err;
  }
  // The checkbox, taking a citizen back in, and home care starting or ending all land here.
  await recordMembershipChange(tx, ctx, id, row, merged);
  // The trail names which fields changed, never their values (they may be health or identity data).
  await audit(tx, ctx, {
    action: "update",
    entityType: "citizen",
    entityId: id,
    citizenId: id,
    criterion: { fields: Object.keys(body).filter((k) => k !== "version" && k !== "reason") },
  });
  return getDetailWithoutAudit(tx, ctx, id);
}

export async function addContact(tx: DbOrTx, ctx: Ctx, citizenId: string, body: CreateContactBody) {
  await loadCitizenFor(tx, ctx, citizenId, "citizen.update", { forUpdate: true });
  if (body.organisationId) {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inTenant(organisations, ctx), eq(organisations.id, body.organisationId)));
    if (!org) throw AppError.field("organisationId", "invalid_value");
  }
  const [created] = await tx
    .insert(citizenContacts)
    .values({
      municipalityId: ctx.actor.municipalityId,
      citizenId,
      kind: body.kind,
      name: body.name,
      relation: body.relation ?? null,
      phone: body.phone ?? null,
      organisationId: body.organisationId ?? null,
      isPrimary: body.isPrimary ?? false,
    })
    .returning({ id: citizenContacts.id });
  await audit(tx, ctx, { action: "create", entityType: "citizen_contact", entityId: created!.id, citizenId });
  const contacts = await listContacts(tx, ctx, citizenId);
  return presentContact(contacts.find((c) => c.id === created!.id)!);
}

export async function removeContact(tx: DbOrTx, ctx: Ctx, citizenId: string, contactId: string) {
  await loadCitizenFor(tx, ctx, citizenId, "citizen.update", { forUpdate: true });
  const deleted = await tx
    .delete(citizenContacts)
    .where(
      and(
        inTenant(citizenContacts, ctx),
        eq(citizenContacts.citizenId, citizenId),
        eq(citizenContacts.id, contactId),
      ),
    )
    .returning({ id: citizenContacts.id });
  if (deleted.length === 0) throw AppError.notFound("contact_not_found");
  await audit(tx, ctx, { action: "delete", entityType: "citizen_contact", entityId: contactId, citizenId });
}
