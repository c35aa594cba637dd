/** The register's search state lives in the URL, so back, reload and shared links keep it. */
import type { CitizenSearch, CitizenSort } from "../../api/endpoints";

export const SORTS: CitizenSort[] = ["name", "-name", "address", "district", "-updated", "updated"];
export const PAGE_SIZE = 25;

export function searchFromParams(params: URLSearchParams): CitizenSearch {
  const sort = params.get("sort");
  const page = Number(params.get("page"));
  return {
    q: params.get("q")?.trim() || undefined,
    providerId: params.get("providerId") || undefined,
    districtId: params.get("districtId") || undefined,
    sort: SORTS.includes(sort as CitizenSort) ? (sort as CitizenSort) : "name",
    page: Number.isInteger(page) && page > 1 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

/** Only what differs from the defaults, to keep the URL short. */
export function paramsFromSearch(search: CitizenSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  if (search.providerId) params.set("providerId", search.providerId);
  if (search.districtId) params.set("districtId", search.districtId);
  if (search.sort && search.sort !== "name") params.set("sort", search.sort);
  if (search.page && search.page > 1) params.set("page", String(search.page));
  return params;
}
