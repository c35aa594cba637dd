/**
 * "Foreninger og organisationer" of the catalog: search by name, filter by kind, in Danish
 * order, with their number of active activities, collaboration agreement and last check.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ORGANISATION_KINDS } from "../../../../domain/matching/types";
import { useCan } from "../../../app/session";
import { buttonClass } from "../../../components/Button";
import { SelectField } from "../../../components/Field";
import { Icon } from "../../../components/Icon";
import { LoadError } from "../../../components/LoadError";
import { PageHeading } from "../../../components/Page";
import { Pagination } from "../../../components/Pagination";
import { SearchBox } from "../../../components/SearchBox";
import { Spinner } from "../../../components/Spinner";
import { type Column, Table } from "../../../components/Table";
import { useDraftOf } from "../../../forms/useDraftOf";
import { type OrganisationSearch, type OrganisationSummary, catalogApi, catalogKeys } from "../api";
import { BackLink, LastVerified } from "../ui";
import { useWords } from "../words";

const PAGE_SIZE = 25;

export default function OrganisationListPage() {
  const w = useWords();
  const { t } = w;
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("side")) || 1);
  const search: OrganisationSearch = {
    q: params.get("q")?.trim() || undefined,
    kind: (ORGANISATION_KINDS as readonly string[]).includes(params.get("type") ?? "")
      ? params.get("type")!
      : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const [q, setQ] = useDraftOf(search.q ?? "");
  const list = useQuery({
    queryKey: catalogKeys.organisations(search),
    queryFn: ({ signal }) => catalogApi.organisations(search, signal),
    placeholderData: keepPreviousData,
  });

  const go = (next: OrganisationSearch) => {
    const p = new URLSearchParams();
    if (next.q) p.set("q", next.q);
    if (next.kind) p.set("type", next.kind);
    if (next.page && next.page > 1) p.set("side", String(next.page));
    setParams(p, { preventScrollReset: true });
  };

  const hrefFor = (n: number) => {
    const p = new URLSearchParams(params);
    p.set("side", String(n));
    return `/katalog/foreninger?${p.toString()}`;
  };
  const columns: Column<OrganisationSummary>[] = [
    {
      key: "name",
      header: t("organisation.name"),
      title: t("organisation.name"),
      rowHeader: true,
      render: (o) => <Link to={`/katalog/foreninger/${o.id}`}>{o.name}</Link>,
    },
    {
      key: "kind",
      header: t("organisation.kind"),
      title: t("organisation.kind"),
      render: (o) => w.code("orgKind", o.kind),
    },
    {
      key: "activities",
      header: t("organisation.activeActivities"),
      title: t("organisation.activeActivities"),
      render: (o) => o.activeActivities,
    },
    {
      key: "agreement",
      header: t("organisation.agreement"),
      title: t("organisation.agreement"),
      render: (o) => w.code("agreement", o.collaborationAgreement),
    },
    {
      key: "verified",
      header: t("organisation.lastVerified"),
      title: t("organisation.lastVerified"),
      render: (o) => <LastVerified on={o.lastVerifiedOn} />,
    },
  ];
  const data = list.data;
  return (
    <>
      <BackLink to="/katalog">{t("search.title")}</BackLink>
      <div className="page-title-row">
        <PageHeading title={t("organisation.listTitle")}>{t("organisation.listTitle")}</PageHeading>
        {can({ kind: "catalog.create" }) ? (
          <Link to="/katalog/foreninger/ny" className={buttonClass("primary")}>
            <Icon name="plus" />
            {t("organisation.new")}
          </Link>
        ) : null}
      </div>
      <div role="search" aria-label={t("organisation.searchLabel")}>
        <SearchBox
          id="org-q"
          label={t("organisation.searchLabel")}
          value={q}
          onChange={setQ}
          onSearch={() => go({ ...search, q: q.trim() || undefined, page: 1 })}
          button={t("search.button")}
        />
        <SelectField
          id="org-kind"
          label={t("organisation.kind")}
          value={search.kind ?? ""}
          onChange={(v) => go({ ...search, kind: v || undefined, page: 1 })}
          emptyOption={t("search.any")}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: w.code("orgKind", k) }))}
        />
      </div>
      <p className="result-count" aria-live="polite" aria-atomic="true">
        {data
          ? data.total === 0
            ? t("organisation.none")
            : t("organisation.count", { count: data.total })
          : ""}
      </p>
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {data && data.items.length > 0 ? (
        <div
          className={list.isPlaceholderData ? "is-loading" : undefined}
          aria-busy={list.isFetching || undefined}
        >
          <Table
            caption={t("organisation.listTitle")}
            captionHidden
            columns={columns}
            rows={data.items}
            rowKey={(o) => o.id}
            compact
          />
          <Pagination
            page={data.page}
            totalPages={Math.max(1, Math.ceil(data.total / PAGE_SIZE))}
            hrefFor={hrefFor}
          />
        </div>
      ) : null}
    </>
  );
}
