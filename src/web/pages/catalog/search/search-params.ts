/** The catalog search lives in the URL, so back, reload and a shared link keep it. */
import { ACCESSIBILITY_FEATURES } from "../../../../domain/course/vocabulary";
import { GROUP_SIZES, PLACE_KINDS, TIMES_OF_DAY } from "../../../../domain/matching/types";
import { ACTIVITY_SORTS } from "../../../../domain/vocabulary/catalog";
import type { ActivitySearch } from "../api";

export const PAGE_SIZE = 20;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const DISTANCES = [1, 2, 5, 10, 20] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTRY = /^[a-z0-9][a-z0-9_]*$/;

/** The values of a comma list that belong to `allowed`, in its order; undefined when none. */
function pick<T extends string | number>(raw: string | null, allowed: readonly T[]): string | undefined {
  const given = new Set((raw ?? "").split(",").map((s) => s.trim()));
  const kept = allowed.filter((a) => given.has(String(a)));
  return kept.length > 0 ? kept.join(",") : undefined;
}

export function searchFromParams(params: URLSearchParams): ActivitySearch {
  const entry = (name: string) => {
    const v = params.get(name)?.trim();
    return v && ENTRY.test(v) ? v : undefined;
  };
  const postal = (params.get("postnr") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^\d{4}$/.test(s));
  const near = params.get("naer");
  const nearCitizenId = near && UUID.test(near) ? near : undefined;
  const km = Number(params.get("km"));
  const sort = params.get("sort");
  const page = Number(params.get("side"));
  const organisation = params.get("forening");
  return {
    q: params.get("q")?.trim() || undefined,
    theme: entry("tema"),
    interest: entry("interesse"),
    weekday: pick(params.get("ugedag"), WEEKDAYS),
    timeOfDay: pick(params.get("tid"), TIMES_OF_DAY),
    accessibility: pick(params.get("adgang"), ACCESSIBILITY_FEATURES),
    free: params.get("gratis") === "1" || undefined,
    groupSize: pick(params.get("gruppe"), GROUP_SIZES),
    placeKind: pick(params.get("sted"), PLACE_KINDS),
    postalCode: postal.length > 0 ? postal.slice(0, 50).join(",") : undefined,
    nearCitizenId,
    maxKm: nearCitizenId && (DISTANCES as readonly number[]).includes(km) ? km : undefined,
    organisationId: organisation && UUID.test(organisation) ? organisation : undefined,
    // Sorting by distance needs a point; without one the API would refuse it.
    sort:
      sort === "distance" && !nearCitizenId
        ? undefined
        : (ACTIVITY_SORTS as readonly string[]).includes(sort ?? "")
          ? (sort as ActivitySearch["sort"])
          : undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

/** Only what is set, in short Danish names, to keep the URL readable. */
export function paramsFromSearch(s: ActivitySearch): URLSearchParams {
  const p = new URLSearchParams();
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") p.set(name, String(value));
  };
  set("q", s.q);
  set("tema", s.theme);
  set("interesse", s.interest);
  set("ugedag", s.weekday);
  set("tid", s.timeOfDay);
  set("adgang", s.accessibility);
  set("gratis", s.free ? "1" : undefined);
  set("gruppe", s.groupSize);
  set("sted", s.placeKind);
  set("postnr", s.postalCode);
  set("naer", s.nearCitizenId);
  set("km", s.nearCitizenId ? s.maxKm : undefined);
  set("forening", s.organisationId);
  set("sort", s.sort);
  if (s.page && s.page > 1) p.set("side", String(s.page));
  return p;
}

/** How many filters (beyond the words) are set: shown on the "Filtre" button. */
export function filterCount(s: ActivitySearch): number {
  return [
    s.theme,
    s.interest,
    s.weekday,
    s.timeOfDay,
    s.accessibility,
    s.free,
    s.groupSize,
    s.placeKind,
    s.postalCode,
    s.nearCitizenId,
    s.organisationId,
  ].filter((v) => v !== undefined).length;
}

/** Toggle one value of a comma list. */
export function toggleIn(list: string | undefined, value: string, on: boolean): string | undefined {
  const items = (list ?? "").split(",").filter((v) => v !== "" && v !== value);
  if (on) items.push(value);
  return items.length > 0 ? items.join(",") : undefined;
}
