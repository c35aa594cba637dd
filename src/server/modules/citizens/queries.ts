import { type SQL, and, asc, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { classifyCprSearch, parseCpr } from "../../../domain/cpr.js";
import { searchWords } from "../../../domain/danish-text.js";
import type { CitizenSearchBody } from "../../../shared/api/citizens.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import { citizenContacts, citizens, districts, organisations } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

const provider = alias(organisations, "provider");

export const citizenColumns = {
  id: citizens.id,
  municipalityId: citizens.municipalityId,
  cpr: citizens.cpr,
  birthDate: citizens.birthDate,
  firstName: citizens.firstName,
  lastName: citizens.lastName,
  addressLine: citizens.addressLine,
  postalCode: citizens.postalCode,
  city: citizens.city,
  phone: citizens.phone,
  providerOrganisationId: citizens.providerOrganisationId,
  providerName: provider.name,
  districtId: citizens.districtId,
  districtName: districts.name,
  homeCareSince: citizens.homeCareSince,
  inTargetGroup: citizens.inTargetGroup,
  version: citizens.version,
  createdAt: citizens.createdAt,
  updatedAt: citizens.updatedAt,
};

export type CitizenRow = Awaited<ReturnType<typeof findCitizen>> & {};

function searchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const cprKind = classifyCprSearch(q);
  if (cprKind === "last4") return eq(citizens.cprLast4, q.trim());
  if (cprKind === "full") {
    const parsed = parseCpr(q);
    // A CPR-shaped term with an impossible date matches nobody rather than falling back to text search.
    return parsed.ok ? eq(citizens.cpr, parsed.cpr) : sql`false`;
  }
  const words = searchWords(q);
  return and(...words.map((w) => sql`${citizens.searchText} like ${`%${w}%`}`));
}

const ORDER: Record<CitizenSearchBody["sort"], SQL[]> = {
  name: [sql`${citizens.sortName} collate "C" asc`, asc(citizens.id)],
  "-name": [sql`${citizens.sortName} collate "C" desc`, asc(citizens.id)],
  address: [sql`lower(${citizens.addressLine}) collate "C" asc`, asc(citizens.id)],
  district: [
    sql`${districts.name} collate "C" asc nulls last`,
    sql`${citizens.sortName} collate "C" asc`,
    asc(citizens.id),
  ],
  updated: [asc(citizens.updatedAt), asc(citizens.id)],
  "-updated": [desc(citizens.updatedAt), asc(citizens.id)],
};

export async function listCitizens(
  tx: DbOrTx,
  ctx: Ctx,
  query: CitizenSearchBody,
  providerScope: string | null,
) {
  const where = and(
    inTenant(citizens, ctx),
    providerScope ? eq(citizens.providerOrganisationId, providerScope) : undefined,
    query.providerId ? eq(citizens.providerOrganisationId, query.providerId) : undefined,
    query.districtId ? eq(citizens.districtId, query.districtId) : undefined,
    searchCondition(query.q),
  );
  const [rows, [totalRow]] = await inSequence([
    () =>
      tx
        .select(citizenColumns)
        .from(citizens)
        .leftJoin(provider, eq(provider.id, citizens.providerOrganisationId))
        .leftJoin(districts, eq(districts.id, citizens.districtId))
        .where(where)
        .orderBy(...ORDER[query.sort])
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
    () =>
      tx
        .select({ total: count() })
        .from(citizens)
        .leftJoin(districts, eq(districts.id, citizens.districtId))
        .where(where),
  ]);
  return { rows, total: totalRow?.total ?? 0 };
}

export async function findCitizen(tx: DbOrTx, ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const base = tx
    .select(citizenColumns)
    .from(citizens)
    .leftJoin(provider, eq(provider.id, citizens.providerOrganisationId))
    .leftJoin(districts, eq(districts.id, citizens.districtId))
    .where(and(inTenant(citizens, ctx), eq(citizens.id, id)));
  const [row] = await (opts.forUpdate ? base.for("update", { of: citizens }) : base);
  return row ?? null;
}

export async function listContacts(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  return tx
    .select({
      id: citizenContacts.id,
      kind: citizenContacts.kind,
      name: citizenContacts.name,
      relation: citizenContacts.relation,
      phone: citizenContacts.phone,
      organisationId: citizenContacts.organisationId,
      organisationName: organisations.name,
      isPrimary: citizenContacts.isPrimary,
    })
    .from(citizenContacts)
    .leftJoin(organisations, eq(organisations.id, citizenContacts.organisationId))
    .where(and(inTenant(citizenContacts, ctx), eq(citizenContacts.citizenId, citizenId)))
    .orderBy(asc(citizenContacts.kind), desc(citizenContacts.isPrimary), asc(citizenContacts.name));
}

export type ContactRow = Awaited<ReturnType<typeof listContacts>>[number];
