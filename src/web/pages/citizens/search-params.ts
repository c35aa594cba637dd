/**
 * The register's filters, sort and page live in the URL, so back, reload and shared links keep them.
 * The search term does not: a name or CPR in a URL stays in browser history and server logs. It
 * lives in the history entry's state instead ({ q }), which back/forward and reload restore too.
 */
import type { CitizenSort } from "../../../domain/vocabulary/citizens";
import type { CitizenSearch } from "../../api/endpoints";

/** CITIZEN_SORTS in the order the sort menu offers them (newest changes before oldest). */
export const SORTS: readonly CitizenSort[] = ["name", "-name", "address", "district", "-updated", "updated"];
export const PAGE_SIZE = 25;

/** What a register history entry carries besides its URL. */
export interface ListState {
  q?: string;
}

export function searchTermOf(state: unknown): string | undefined {
  const q = (state as ListState | null)?.q;
  return typeof q === "string" && q.trim() ? q.trim() : undefined;
}

export function searchFromParams(params: URLSearchParams, state: unknown = null): CitizenSearch {
  const sort = params.get("sort");
  const page = Number(params.get("page"));
  return {
    q: searchTermOf(state),
    providerId: params.get("providerId") || undefined,
    districtId: params.get("districtId") || undefined,
    sort: SORTS.includes(sort as CitizenSort) ? (sort as CitizenSort) : "name",
    page: Number.isInteger(page) && page > 1 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

/** Only what differs from the defaults, to keep the URL short; never the search term. */
export function paramsFromSearch(search: CitizenSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.providerId) params.set("providerId", search.providerId);
  if (search.districtId) params.set("districtId", search.districtId);
  if (search.sort && search.sort !== "name") params.set("sort", search.sort);
  if (search.page && search.page > 1) params.set("page", String(search.page));
  return params;
}

/** The history state that goes with a search: the term, or nothing. */
export function stateFromSearch(search: CitizenSearch): ListState | null {
  return search.q ? { q: search.q } : null;
}
