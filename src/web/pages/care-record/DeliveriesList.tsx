/**
 * Each citizen's delivery to the push target: status, tries, the last error's code, when it was
 * queued and sent, and "send again". The citizens' names are shown, so loading a page is on each
 * shown citizen's audit trail (the server records it).
 */
import { PageButtons } from "../../components/Pagination";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type DeliveryView,
} from "../../../shared/api/care-record-exchange";
import { ActionError } from "../../components/ActionError";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { formatDateTime } from "../../format";
import { useWrite } from "../../forms/useWrite";
import { DELIVERIES_PAGE_SIZE, exchangeApi, exchangeKeys } from "./exchange-api";

export function DeliveriesList() {
  const { t } = useTranslation("careRecord");
  const qc = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: exchangeKeys.deliveries(status, page),
    queryFn: ({ signal }) => exchangeApi.deliveries(status, page, signal),
    placeholderData: keepPreviousData,
  });
  const retry = useWrite((id: string, key: string) => exchangeApi.retry(id, key), {
    onSuccess: () => void qc.invalidateQueries({ queryKey: exchangeKeys.all }),
  });

  const columns: Column<DeliveryView>[] = [
    {
      key: "citizen",
      header: t("exchange.deliveries.citizen"),
      title: t("exchange.deliveries.citizen"),
      rowHeader: true,
      render: (d) => <Link to={`/borgere/${d.citizenId}`}>{d.citizenName}</Link>,
    },
    {
      key: "status",
      header: t("exchange.deliveries.status"),
      title: t("exchange.deliveries.status"),
      render: (d) => (
        <>
          {t(`exchange.deliveries.statuses.${d.status}`)}
          {d.lastError ? (
            <span className="d-block form-hint">{t("exchange.deliveries.error", { code: d.lastError })}</span>
          ) : null}
        </>
      ),
    },
    {
      key: "attempts",
      header: t("exchange.deliveries.attempts"),
      title: t("exchange.deliveries.attempts"),
      render: (d) => d.attempts,
    },
    {
      key: "sent",
      header: t("exchange.deliveries.sentAt"),
      title: t("exchange.deliveries.sentAt"),
      render: (d) => (d.sentAt ? formatDateTime(d.sentAt) : "–"),
    },
    {
      key: "action",
      header: <span className="sr-only">{t("exchange.deliveries.action")}</span>,
      title: t("exchange.deliveries.action"),
      render: (d) =>
        d.status === "queued" || d.status === "sending" ? null : (
          <Button
            variant="secondary"
            icon="send"
            pending={retry.isPending && retry.variables === d.id}
            onClick={() => retry.mutate(d.id)}
            aria-label={t("exchange.deliveries.retryFor", { name: d.citizenName })}
          >
            {t("exchange.deliveries.retry")}
          </Button>
        ),
    },
  ];

  const totalPages = list.data ? Math.max(1, Math.ceil(list.data.total / DELIVERIES_PAGE_SIZE)) : 1;
  return (
    <div className="mt-6">
      <h4>{t("exchange.deliveries.title")}</h4>
      <p className="form-hint">{t("exchange.deliveries.logged")}</p>
      <SelectField
        id="care-deliveries-status"
        label={t("exchange.deliveries.filter")}
        emptyOption={t("exchange.deliveries.all")}
        options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`exchange.deliveries.statuses.${s}`) }))}
        value={status}
        onChange={(v) => {
          setStatus(v as DeliveryStatus | "");
          setPage(1);
        }}
      />
      <ActionError error={retry.error} />
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{t("exchange.deliveries.empty")}</p>
        ) : (
          <>
            <Table
              caption={t("exchange.deliveries.caption", { count: list.data.total })}
              columns={columns}
              rows={list.data.items}
              rowKey={(d) => d.id}
              compact
            />
            <PageButtons page={page} totalPages={totalPages} onPage={setPage} />
          </>
        )
      ) : null}
    </div>
  );
}
