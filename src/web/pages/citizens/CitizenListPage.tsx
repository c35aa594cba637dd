/**
 * The citizen register: search (name, address, CPR or its last four digits), filters by
 * provider and district, sort and pages. Filters, sort and page are kept in the URL; the search
 * term in the history entry's state (search-params.ts), and it goes to the API in a POST body.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import type { CitizenSummary } from "../../../shared/api/citizens";
import { adminApi, citizensApi, keys, type CitizenSearch } from "../../api/endpoints";
import { useCan, useMe } from "../../app/session";
import { buttonClass } from "../../components/Button";
import { SelectField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Pagination } from "../../components/Pagination";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useDraftOf } from "../../forms/useDraftOf";
import { PAGE_SIZE, SORTS, paramsFromSearch, searchFromParams, stateFromSearch } from "./search-params";

export function CitizenListPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const search = searchFromParams(params, location.state);
  // Back/forward changes the history entry under the form: show its search text again.
  const [q, setQ] = useDraftOf(search.q ?? "");

  const list = useQuery({
    queryKey: keys.citizens(search),
    queryFn: ({ signal }) => citizensApi.search(search, signal),
    placeholderData: keepPreviousData,
  });
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
    staleTime: 300_000,
  });
  const districts = useQuery({
    queryKey: keys.districts,
    queryFn: ({ signal }) => adminApi.districts(signal),
    staleTime: 300_000,
  });

  // A new search or filter keeps the page where it is; a new page of results starts at the top.
  const go = (next: CitizenSearch) =>
    setParams(paramsFromSearch(next), { preventScrollReset: true, state: stateFromSearch(next) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ ...search, q: q.trim() || undefined, page: 1 });
  };

  const providerOptions = (organisations.data ?? [])
    .filter((o) => o.kind === "public_provider" || o.kind === "private_provider")
    .map((o) => ({ value: o.id, label: o.active ? o.name : `${o.name} (${t("common.inactive")})` }));
  const districtOptions = (districts.data ?? []).map((d) => ({
    value: d.id,
    label: d.active ? d.name : `${d.name} (${t("common.inactive")})`,
  }));
  // A private provider's staff see only their own citizens: a provider filter would be noise.
  const showProviderFilter = me?.organisation.kind !== "private_provider";

  const fromList = `${location.pathname}${location.search}`;
  const listState = stateFromSearch(search);
  const columns: Column<CitizenSummary>[] = [
    {
      key: "name",
      header: t("citizen.name"),
      title: t("citizen.name"),
      rowHeader: true,
      render: (c) => (
        <Link to={`/borgere/${c.id}`} state={{ from: fromList, listState }}>
          {c.name}
        </Link>
      ),
    },
    {
      key: "cpr",
      header: t("citizen.cpr"),
      title: t("citizen.cpr"),
      render: (c) => <span className="cpr">{c.cprMasked}</span>,
      className: "text-nowrap",
    },
    {
      key: "age",
      header: t("citizen.age"),
      title: t("citizen.age"),
      render: (c) => t("citizen.years", { count: c.age }),
    },
    { key: "address", header: t("citizen.address"), title: t("citizen.address"), render: (c) => c.address },
    {
      key: "provider",
      header: t("citizen.provider"),
      title: t("citizen.provider"),
      render: (c) => c.provider?.name ?? "–",
    },
    {
      key: "district",
      header: t("citizen.district"),
      title: t("citizen.district"),
      render: (c) => c.district?.name ?? "–",
    },
  ];

  const data = list.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;
  const hrefFor = (page: number) => {
    const p = paramsFromSearch({ ...search, page }).toString();
    return p ? `/borgere?${p}` : "/borgere";
  };

  return (
    <>
      <div className="page-title-row">
        <PageHeading title={search.q ? t("citizens.titleSearch", { q: search.q }) : t("citizens.title")}>
          {t("citizens.title")}
        </PageHeading>
        {can({ kind: "citizen.create" }) ? (
          <Link to="/borgere/ny" className={buttonClass("primary")}>
            <Icon name="person-add" />
            {t("citizens.create")}
          </Link>
        ) : null}
      </div>

      <form
        role="search"
        aria-label={t("citizens.searchLabel")}
        onSubmit={submit}
        className="citizen-search"
        noValidate
      >
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            {t("citizens.searchLabel")}
          </label>
          <span className="form-hint" id="q-hint">
            {t("citizens.searchHint")}
          </span>
          <div className="search">
            <input
              id="q"
              name="q"
              type="search"
              className="form-input"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              aria-describedby="q-hint"
              maxLength={100}
              autoComplete="off"
            />
            <button type="submit" className="button button-search">
              <Icon name="search" />
              {t("citizens.searchButton")}
            </button>
          </div>
        </div>
        <div className="filter-row">
          {showProviderFilter ? (
            <SelectField
              id="providerId"
              label={t("citizen.provider")}
              value={search.providerId ?? ""}
              onChange={(v) => go({ ...search, providerId: v || undefined, page: 1 })}
              options={providerOptions}
              emptyOption={t("citizens.allProviders")}
            />
          ) : null}
          <SelectField
            id="districtId"
            label={t("citizen.district")}
            value={search.districtId ?? ""}
            onChange={(v) => go({ ...search, districtId: v || undefined, page: 1 })}
            options={districtOptions}
            emptyOption={t("citizens.allDistricts")}
          />
          <SelectField
            id="sort"
            label={t("citizens.sort")}
            value={search.sort ?? "name"}
            onChange={(v) => go({ ...search, sort: v as CitizenSearch["sort"], page: 1 })}
            options={SORTS.map((s) => ({ value: s, label: t(`citizens.sorts.${s}`) }))}
          />
        </div>
        {search.q || search.providerId || search.districtId || (search.sort && search.sort !== "name") ? (
          <p>
            <Link to="/borgere" className="function-link">
              <Icon name="close" />
              {t("citizens.clear")}
            </Link>
          </p>
        ) : null}
      </form>

      <p className="result-count" aria-live="polite" aria-atomic="true">
        {data
          ? data.total === 0
            ? t("citizens.noneFound")
            : t("citizens.count", { count: data.total, first, last })
          : ""}
      </p>

      {list.isPending ? <Spinner /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {data && data.items.length > 0 ? (
        <div
          className={list.isPlaceholderData ? "is-loading" : undefined}
          aria-busy={list.isFetching || undefined}
        >
          <Table
            caption={t("citizens.tableCaption")}
            captionHidden
            columns={columns}
            rows={data.items}
            rowKey={(c) => c.id}
          />
          <Pagination page={data.page} totalPages={totalPages} hrefFor={hrefFor} state={listState} />
        </div>
      ) : null}
    </>
  );
}
