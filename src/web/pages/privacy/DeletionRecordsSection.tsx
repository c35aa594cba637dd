/**
 * The deletion records (issue 13 point 5): what category, how many, when, by which rule or by whom
 * and why — never the content, never whom it was about. Newest first, 25 a page (?side=).
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { DeletionRecordView } from "../../../shared/api/privacy-retention";
import { LoadError } from "../../components/LoadError";
import { Pagination } from "../../components/Pagination";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { formatDateTime } from "../../format";
import { retentionApi, retentionKeys } from "./retention-api";

const PAGE_SIZE = 25;

export function DeletionRecordsSection({ titles }: { titles: Map<string, string> }) {
  const { t } = useTranslation("privacy");
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get("side")) || 1);
  const records = useQuery({
    queryKey: retentionKeys.records(page),
    queryFn: ({ signal }) => retentionApi.records(page, signal),
  });

  const columns: Column<DeletionRecordView>[] = [
    {
      key: "at",
      header: t("retention.records.at"),
      title: t("retention.records.at"),
      render: (d) => formatDateTime(d.at),
    },
    {
      key: "what",
      header: t("retention.records.what"),
      title: t("retention.records.what"),
      rowHeader: true,
      render: (d) =>
        `${t(`retention.records.operation.${d.operation}`)}: ${t(`retention.categories.${d.category}`, { defaultValue: d.category })}`,
    },
    {
      key: "count",
      header: t("retention.records.count"),
      title: t("retention.records.count"),
      className: "text-align-right",
      render: (d) => d.count,
    },
    {
      key: "by",
      header: t("retention.records.by"),
      title: t("retention.records.by"),
      className: "break-word",
      render: (d) => (
        <>
          {d.kind
            ? t("retention.records.byRule", { title: titles.get(d.kind) ?? d.kind })
            : (d.actor?.displayName ?? t("retention.records.unknown"))}
          {d.reason ? (
            <>
              <br />
              {t("retention.records.reason", { reason: d.reason })}
            </>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <section aria-labelledby="retention-records" className="retention-records">
      <h2 id="retention-records">{t("retention.records.heading")}</h2>
      <p>{t("retention.records.intro")}</p>
      {records.isPending ? <Spinner /> : null}
      {records.isError ? <LoadError error={records.error} onRetry={() => void records.refetch()} /> : null}
      {records.data ? (
        records.data.items.length === 0 ? (
          <p>{t("retention.records.none")}</p>
        ) : (
          <>
            <Table
              caption={t("retention.records.caption")}
              captionHidden
              columns={columns}
              rows={records.data.items}
              rowKey={(d) => String(d.id)}
              compact
            />
            <Pagination
              page={page}
              totalPages={Math.ceil(records.data.total / PAGE_SIZE)}
              hrefFor={(p) => `/administration/opbevaring?side=${p}`}
            />
          </>
        )
      ) : null}
    </section>
  );
}
