import { type AnyColumn, type SQL, and, asc, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { classifyCprSearch, parseCpr } from "../../../domain/cpr.js";
import { searchWords } from "../../../domain/danish-text.js";
import type { CitizenSearchBody } from "../../../shared/api/citizens.js";
import { type Shape, builtOnce, builtOncePerShape } from "../../db/built-once.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import { citizenContacts, citizens, districts, organisations } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { listedCitizen } from "./listed.js";

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
  /** Set while processing is restricted (art. 18): loadCitizenFor opens such a citizen only for those handling it. */
  restrictedAt: citizens.restrictedAt,
  /** Set once anonymised (issue 13): the row holds stand-ins, and loadCitizenFor refuses edits. */
  anonymisedAt: citizens.anonymisedAt,
  version: citizens.version,
  createdAt: citizens.createdAt,
  updatedAt: citizens.updatedAt,
};

/** The citizen's own columns of citizenColumns, plus the sort key: what a search's matches carry. */
const ownColumns = {
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
  districtId: citizens.districtId,
  homeCareSince: citizens.homeCareSince,
  inTargetGroup: citizens.inTargetGroup,
  restrictedAt: citizens.restrictedAt,
  anonymisedAt: citizens.anonymisedAt,
  version: citizens.version,
  createdAt: citizens.createdAt,
  updatedAt: citizens.updatedAt,
  sortName: citizens.sortName,
};

/** The matches' columns, selected again from the subquery. */
function pick<T extends Record<keyof typeof ownColumns, unknown>>(m: T) {
  const out = {} as { [K in keyof typeof ownColumns]: T[K] };
  for (const key of Object.keys(ownColumns) as (keyof typeof ownColumns)[]) out[key] = m[key];
  return out;
}

export type CitizenRow = Awaited<ReturnType<typeof findCitizen>> & {};

/**
 * What decides the search statement's SQL: how the term matches, how many extra words, which
 * filters and which order. Everything else is a value (builtOncePerShape, issue 19).
 */
interface SearchShape extends Shape {
  match: "all" | "last4" | "cpr" | "impossible" | "words";
  /** Words beside the longest one (each another LIKE on the candidates). */
  extraWords: number;
  providerScope: boolean;
  providerId: boolean;
  districtId: boolean;
  sort: CitizenSearchBody["sort"];
}

interface SearchValues extends Record<string, unknown> {
  municipalityId: string;
  providerScope?: string;
  providerId?: string;
  districtId?: string;
  term?: string;
  limit?: number;
  offset?: number;
}

const p = (name: string) => sql.placeholder(name);

/** The search term's shape and values: the last four digits, a whole CPR, or words. */
function searchTerm(q: string | undefined): {
  shape: Pick<SearchShape, "match" | "extraWords">;
  values: Record<string, string>;
} {
  if (!q) return { shape: { match: "all", extraWords: 0 }, values: {} };
  const cprKind = classifyCprSearch(q);
  if (cprKind === "last4") return { shape: { match: "last4", extraWords: 0 }, values: { term: q.trim() } };
  if (cprKind === "full") {
    const parsed = parseCpr(q);
    // A CPR-shaped term with an impossible date matches nobody rather than falling back to text search.
    return parsed.ok
      ? { shape: { match: "cpr", extraWords: 0 }, values: { term: parsed.cpr } }
      : { shape: { match: "impossible", extraWords: 0 }, values: {} };
  }
  const [lead, ...rest] = searchWords(q).sort((a, b) => b.length - a.length);
  if (lead === undefined) return { shape: { match: "all", extraWords: 0 }, values: {} };
  const values: Record<string, string> = { term: lead };
  rest.forEach((w, i) => (values[`word${i}`] = w));
  return { shape: { match: "words", extraWords: rest.length }, values };
}

function searchCondition(shape: SearchShape): SQL | undefined {
  switch (shape.match) {
    case "all":
      return undefined;
    case "last4":
      return eq(citizens.cprLast4, p("term"));
    case "cpr":
      return eq(citizens.cpr, p("term"));
    case "impossible":
      return sql`false`;
    case "words":
      // Both sides through danish_search_fold (an immutable SQL function of the migrations): case, "aa" = "å",
      // accents. The citizen's side is stored folded (search_fold) and indexed by citizens_search_trgm_idx,
      // so each word is a trigram lookup within the municipality instead of a scan of all its citizens,
      // and the recheck of a broad term's candidates folds nothing (decision 0088).
      // The longest word finds the candidates through broen_citizens_named (migration 0031): under
      // row-level security a LIKE cannot use the index itself (decision 0109). The other words are
      // checked on those few rows.
      return and(
        sql`${citizens.id} = any(array(select broen_citizens_named(${p("municipalityId")}, ${p("term")})))`,
        ...Array.from(
          { length: shape.extraWords },
          (_, i) => sql`${citizens.searchFold} like '%' || danish_search_fold(${p(`word${i}`)}) || '%'`,
        ),
      );
  }
}

/** The columns the sort orders read, from the table or from the search's matches. */
type Sortable = Record<"sortName" | "addressLine" | "updatedAt" | "id", AnyColumn>;

function order(sort: CitizenSearchBody["sort"], c: Sortable): SQL[] {
  switch (sort) {
    case "name":
      return [sql`${c.sortName} collate "C" asc`, asc(c.id)];
    case "-name":
      return [sql`${c.sortName} collate "C" desc`, asc(c.id)];
    case "address":
      return [sql`lower(${c.addressLine}) collate "C" asc`, asc(c.id)];
    case "district":
      return [
        sql`${districts.name} collate "C" asc nulls last`,
        sql`${c.sortName} collate "C" asc`,
        asc(c.id),
      ];
    case "updated":
      return [asc(c.updatedAt), asc(c.id)];
    case "-updated":
      return [desc(c.updatedAt), asc(c.id)];
  }
}

function searchWhere(shape: SearchShape): SQL | undefined {
  return and(
    inTenant(citizens, p("municipalityId")),
    // Anonymised and restricted citizens are not listed (issue 13); a plain filter on the row, so the
    // plans of decision 0088 stay (the trigram and sort-name indexes still lead, this is a recheck).
    listedCitizen(),
    shape.providerScope ? eq(citizens.providerOrganisationId, p("providerScope")) : undefined,
    shape.providerId ? eq(citizens.providerOrganisationId, p("providerId")) : undefined,
    shape.districtId ? eq(citizens.districtId, p("districtId")) : undefined,
    searchCondition(shape),
  );
}

const countMatches = builtOncePerShape((tx, shape: SearchShape) =>
  tx.select({ total: count() }).from(citizens).where(searchWhere(shape)),
);

// A plain listing pages along citizens_sort_name_idx and counts apart: counting in the same
// statement would read every citizen of the municipality to show 25.
const listPage = builtOncePerShape((tx, shape: SearchShape) =>
  tx
    .select(citizenColumns)
    .from(citizens)
    .leftJoin(provider, eq(provider.id, citizens.providerOrganisationId))
    .leftJoin(districts, eq(districts.id, citizens.districtId))
    .where(searchWhere(shape))
    .orderBy(...order(shape.sort, citizens))
    .limit(p("limit"))
    .offset(p("offset")),
);

// A search finds its matches once, through citizens_search_trgm_idx (or the CPR indexes), and
// counts and pages them in the same statement. The count sits in the subquery: a window function
// keeps the planner from merging it into the outer query, where it would walk the name index
// towards a LIMIT that a count over all matches never lets it stop at (decision 0088).
const searchPage = builtOncePerShape((tx, shape: SearchShape) => {
  const matched = tx
    .select({ ...ownColumns, total: sql<number>`(count(*) over ())::int`.as("total") })
    .from(citizens)
    .where(searchWhere(shape))
    .as("matched");
  return tx
    .select({
      ...pick(matched),
      providerName: provider.name,
      districtName: districts.name,
      total: matched.total,
    })
    .from(matched)
    .leftJoin(provider, eq(provider.id, matched.providerOrganisationId))
    .leftJoin(districts, eq(districts.id, matched.districtId))
    .orderBy(...order(shape.sort, matched))
    .limit(p("limit"))
    .offset(p("offset"));
});

export async function listCitizens(
  tx: DbOrTx,
  ctx: Ctx,
  query: CitizenSearchBody,
  providerScope: string | null,
) {
  const term = searchTerm(query.q);
  const shape: SearchShape = {
    ...term.shape,
    providerScope: providerScope !== null,
    providerId: query.providerId !== undefined,
    districtId: query.districtId !== undefined,
    sort: query.sort,
  };
  const filters: SearchValues = {
    // broen_citizens_named takes the municipality too (migration 0031), so the words' shape uses it twice.
    municipalityId: ctx.actor.municipalityId,
    ...(providerScope ? { providerScope } : {}),
    ...(query.providerId ? { providerId: query.providerId } : {}),
    ...(query.districtId ? { districtId: query.districtId } : {}),
    ...term.values,
  };
  const page = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
  const countAll = async () => (await countMatches(tx, shape, filters))[0]?.total ?? 0;
  if (shape.match === "all") {
    const [rows, total] = await inSequence([() => listPage(tx, shape, { ...filters, ...page }), countAll]);
    return { rows, total };
  }
  const rows = await searchPage(tx, shape, { ...filters, ...page });
  // Only a page past the last match has no row to carry the total.
  const total = rows[0]?.total ?? (query.page > 1 ? await countAll() : 0);
  return { rows: rows.map(({ total: _total, sortName: _sortName, ...row }) => row), total };
}

/*
 * Every citizen-scoped request opens with this read (loadCitizenFor): built once (db/built-once.ts),
 * the citizen and the municipality filled per request. Built per request it cost ~0.2–0.3 ms, the
 * last statement the bench's routes still built on the request path (issue 19, decision 0092,
 * sixth amendment). FOR UPDATE locks the citizen's row only.
 */
function citizenById(forUpdate: boolean) {
  return builtOnce((tx) => {
    const base = tx
      .select(citizenColumns)
      .from(citizens)
      .leftJoin(provider, eq(provider.id, citizens.providerOrganisationId))
      .leftJoin(districts, eq(districts.id, citizens.districtId))
      .where(and(inTenant(citizens, p("municipalityId")), eq(citizens.id, p("id"))));
    return forUpdate ? base.for("update", { of: citizens }) : base;
  });
}
const citizenRead = citizenById(false);
const citizenForUpdate = citizenById(true);

export async function findCitizen(tx: DbOrTx, ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const [row] = await (opts.forUpdate ? citizenForUpdate : citizenRead)(tx, {
    id,
    municipalityId: ctx.actor.municipalityId,
  });
  return row ?? null;
}

// Every opening of a citizen reads the contacts: built once like the citizen's own row above.
const contactsOf = builtOnce((tx) =>
  tx
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
    .where(and(inTenant(citizenContacts, p("municipalityId")), eq(citizenContacts.citizenId, p("citizenId"))))
    .orderBy(asc(citizenContacts.kind), desc(citizenContacts.isPrimary), asc(citizenContacts.name)),
);

export async function listContacts(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  return contactsOf(tx, { citizenId, municipalityId: ctx.actor.municipalityId });
}

export type ContactRow = Awaited<ReturnType<typeof listContacts>>[number];
