/**
 * "Aktivitetskatalog": Danish full-text search (stemming: "strik" finds "strikkeklub") with
 * filters, results as cards on a phone and a table on a desk, distance from a citizen's home
 * when one is chosen, and pages — all kept in the URL. Links to the upkeep pages for those who
 * keep the catalog.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useCan } from "../../../app/session";
import { Button, buttonClass } from "../../../components/Button";
import { SelectField } from "../../../components/Field";
import { Icon } from "../../../components/Icon";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Pagination } from "../../../components/Pagination";
import { SearchBox } from "../../../components/SearchBox";
import { Spinner } from "../../../components/Spinner";
import { useDraftOf } from "../../../forms/useDraftOf";
import { type ActivitySearch, catalogApi, catalogKeys } from "../api";
import { useWords } from "../words";
import { ActivityResults } from "./ActivityResults";
import { SearchFilters } from "./SearchFilters";
import { filterCount, paramsFromSearch, searchFromParams } from "./search-params";

const wide = () => typeof window !== "undefined" && window.matchMedia?.("(min-width: 992px)").matches;

export default function CatalogSearchPage() {
  const { t } = useWords();
  const [params, setParams] = useSearchParams();
  const search = searchFromParams(params);
  const [q, setQ] = useDraftOf(search.q ?? "");
  const [filtersOpen, setFiltersOpen] = useState(() => wide() || filterCount(search) > 0);

  const result = useQuery({
    queryKey: catalogKeys.search(search),
    queryFn: ({ signal }) => catalogApi.search(search, signal),
    placeholderData: keepPreviousData,
  });
  const go = (next: ActivitySearch) => setParams(paramsFromSearch(next), { preventScrollReset: true });
  const searchWords = () => go({ ...search, q: q.trim() || undefined, page: 1 });
  const data = result.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const hrefFor = (page: number) => `/katalog?${paramsFromSearch({ ...search, page }).toString()}`;
  const count = filterCount(search);
  const sorts = ["relevance", ...(search.nearCitizenId ? ["distance"] : []), "title"];

  return (
    <>
      <div className="page-title-row">
        <PageHeading title={search.q ? t("search.titleWith", { q: search.q }) : t("search.title")}>
          {t("search.title")}
        </PageHeading>
      </div>
      <p className="font-lead">{t("search.intro")}</p>
      <CatalogActions />

      <div role="search" aria-label={t("search.label")}>
        <SearchBox
          id="catalog-q"
          label={t("search.label")}
          hint={t("search.hint")}
          value={q}
          onChange={setQ}
          onSearch={searchWords}
          button={t("search.button")}
        />
      </div>

      <div className="action-row">
        <Button
          variant="secondary"
          icon="tune"
          aria-expanded={filtersOpen}
          aria-controls="catalog-filters"
          onClick={() => setFiltersOpen(!filtersOpen)}
        >
          {count > 0 ? t("search.filtersCount", { count }) : t("search.filters")}
        </Button>
        {count > 0 || search.q ? (
          <Link to="/katalog" className="function-link">
            <Icon name="close" />
            {t("search.clear")}
          </Link>
        ) : null}
      </div>
      <div id="catalog-filters" hidden={!filtersOpen} className="catalog-filters">
        {filtersOpen ? <SearchFilters search={search} go={go} /> : null}
      </div>

      <div className="catalog-result-head">
        <p className="result-count" aria-live="polite" aria-atomic="true" data-testid="result-count">
          {data ? (data.total === 0 ? t("search.none") : t("search.count", { count: data.total })) : ""}
        </p>
        {data && data.total > 0 ? (
          <SelectField
            id="catalog-sort"
            label={t("search.sort")}
            value={data.sort}
            onChange={(v) => go({ ...search, sort: v as ActivitySearch["sort"], page: 1 })}
            options={sorts.map((s) => ({ value: s, label: t(`search.sorts.${s}`) }))}
          />
        ) : null}
      </div>
      {data?.origin && !data.origin.known ? <p className="form-hint">{t("search.homeUnknown")}</p> : null}
      {result.isPending ? <Spinner /> : null}
      {result.isError ? <LoadError error={result.error} onRetry={() => void result.refetch()} /> : null}
      {data && data.items.length > 0 ? (
        <div
          className={result.isPlaceholderData ? "is-loading" : undefined}
          aria-busy={result.isFetching || undefined}
        >
          <ActivityResults items={data.items} showDistance={data.origin !== null} />
          <Pagination page={data.page} totalPages={totalPages} hrefFor={hrefFor} />
        </div>
      ) : null}
    </>
  );
}

/** New entries, the associations, review, print and HSDS — for those who may. */
function CatalogActions() {
  const { t } = useWords();
  const can = useCan();
  const mayKeep = can({ kind: "catalog.create" });
  const links: Array<[to: string, icon: string, label: string, show: boolean]> = [
    ["/katalog/foreninger", "business", t("search.organisations"), true],
    ["/katalog/udskriv", "print", t("search.print"), true],
    ["/katalog/gennemgang", "checklist", t("search.review"), mayKeep],
    ["/katalog/hsds", "sync", t("search.hsds"), can({ kind: "catalog.export" })],
  ];
  return (
    <ul className="nobullet-list catalog-links d-print-none">
      {mayKeep ? (
        <li>
          <Link to="/katalog/aktiviteter/ny" className={buttonClass("secondary")}>
            <Icon name="plus" />
            {t("search.newActivity")}
          </Link>
        </li>
      ) : null}
      {links
        .filter(([, , , show]) => show)
        .map(([to, icon, label]) => (
          <li key={to}>
            <Link to={to} className="function-link">
              <Icon name={icon} />
              {label}
            </Link>
          </li>
        ))}
    </ul>
  );
}
