/**
 * "Udbakke" (issue 16, decision 0105): every message Broen sends — to whom, kind, channel, status,
 * attempts, the last error in words — with filters, paging, the text of one message, "send again"
 * for a failed one and "cancel" for one still waiting. Recipients and texts are the administrator's
 * only; the citizens a page shows are on their audit trail (the server records it).
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  OUTBOX_CHANNEL_VALUES,
  OUTBOX_KIND_VALUES,
  OUTBOX_STATUS_VALUES,
  type OutboxItem,
} from "../../../shared/api/messaging-outbox";
import { ActionError } from "../../components/ActionError";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { PageButtons } from "../../components/Pagination";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { formatDateTime } from "../../format";
import { useWrite } from "../../forms/useWrite";
import { errorKey } from "./ChannelsSection";
import { OUTBOX_PAGE_SIZE, type OutboxFilter, outboxApi, outboxKeys } from "./outbox-api";

function MessageText({ id }: { id: string }) {
  const { t } = useTranslation("messaging");
  const message = useQuery({
    queryKey: outboxKeys.message(id),
    queryFn: ({ signal }) => outboxApi.message(id, signal),
  });
  if (message.isPending) return <Spinner />;
  if (message.isError) return <LoadError error={message.error} onRetry={() => void message.refetch()} />;
  return (
    <div className="messaging-text">
      {message.data.subject ? <p className="weight-semibold">{message.data.subject}</p> : null}
      <p className="messaging-body">{message.data.body || t("outbox.cleared")}</p>
    </div>
  );
}

export function OutboxSection() {
  const { t } = useTranslation("messaging");
  const qc = useQueryClient();
  const [filter, setFilter] = useState<OutboxFilter>({ status: "", kind: "", channel: "" });
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: outboxKeys.outbox(filter, page),
    queryFn: ({ signal }) => outboxApi.outbox(filter, page, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: outboxKeys.all });
  const retry = useWrite(outboxApi.retry, { onSuccess: refresh });
  const cancel = useWrite(outboxApi.cancel, { onSuccess: refresh });
  const setOne = (key: keyof OutboxFilter) => (v: string) => {
    setFilter((f) => ({ ...f, [key]: v }));
    setPage(1);
  };
  const who = (m: OutboxItem) => m.citizenName ?? m.userName ?? t("outbox.anonymised");

  const columns: Column<OutboxItem>[] = [
    {
      key: "to",
      header: t("outbox.to"),
      title: t("outbox.to"),
      rowHeader: true,
      render: (m) => (
        <>
          {who(m)}
          <span className="d-block form-hint">
            {t(`outbox.recipients.${m.recipientKind}`)}
            {m.toAddress ? ` · ${m.toAddress}` : ""}
          </span>
        </>
      ),
    },
    {
      key: "kind",
      header: t("outbox.kind"),
      title: t("outbox.kind"),
      render: (m) => (
        <>
          {t(`outbox.kinds.${m.kind}`)}
          <span className="d-block form-hint">{t(`outbox.channels.${m.channel}`)}</span>
        </>
      ),
    },
    {
      key: "status",
      header: t("outbox.status"),
      title: t("outbox.status"),
      render: (m) => (
        <>
          <span className={`messaging-status messaging-status-${m.status}`}>
            {t(`outbox.statuses.${m.status}`)}
          </span>
          {m.lastError && m.status !== "sent" ? (
            <span className="d-block form-hint">{t(`outbox.errors.${errorKey(m.lastError)}`)}</span>
          ) : null}
        </>
      ),
    },
    {
      key: "attempts",
      header: t("outbox.attempts"),
      title: t("outbox.attempts"),
      render: (m) => m.attempts,
    },
    {
      key: "when",
      header: t("outbox.when"),
      title: t("outbox.when"),
      render: (m) =>
        m.sentAt
          ? t("outbox.sentAt", { at: formatDateTime(m.sentAt) })
          : m.status === "queued"
            ? t("outbox.notBefore", { at: formatDateTime(m.notBefore) })
            : formatDateTime(m.createdAt),
    },
    {
      key: "action",
      header: <span className="sr-only">{t("outbox.actions")}</span>,
      title: t("outbox.actions"),
      render: (m) => (
        <div className="button-group messaging-actions">
          <Button
            variant="tertiary"
            aria-expanded={open === m.id}
            aria-label={t("outbox.showTextFor", { name: who(m) })}
            onClick={() => setOpen(open === m.id ? null : m.id)}
          >
            {open === m.id ? t("outbox.hideText") : t("outbox.showText")}
          </Button>
          {m.status === "failed" ? (
            <Button
              variant="secondary"
              icon="send"
              pending={retry.isPending && retry.variables === m.id}
              onClick={() => retry.mutate(m.id)}
              aria-label={t("outbox.retryFor", { name: who(m) })}
            >
              {t("outbox.retry")}
            </Button>
          ) : null}
          {m.status === "queued" ? (
            <Button
              variant="secondary"
              pending={cancel.isPending && cancel.variables === m.id}
              onClick={() => cancel.mutate(m.id)}
              aria-label={t("outbox.cancelFor", { name: who(m) })}
            >
              {t("outbox.cancel")}
            </Button>
          ) : null}
          {open === m.id ? <MessageText id={m.id} /> : null}
        </div>
      ),
    },
  ];

  const totalPages = list.data ? Math.max(1, Math.ceil(list.data.total / OUTBOX_PAGE_SIZE)) : 1;
  const counts = list.data?.counts;
  return (
    <section className="mt-8" aria-labelledby="msg-outbox-heading">
      <h2 id="msg-outbox-heading">{t("outbox.title")}</h2>
      <p>{t("outbox.lead")}</p>
      {counts ? (
        <p data-testid="outbox-counts">
          {OUTBOX_STATUS_VALUES.map((s) => `${t(`outbox.statuses.${s}`)}: ${counts[s]}`).join(" · ")}
        </p>
      ) : null}
      <div className="messaging-filters">
        <SelectField
          id="msg-outbox-status"
          label={t("outbox.status")}
          emptyOption={t("outbox.all")}
          options={OUTBOX_STATUS_VALUES.map((s) => ({ value: s, label: t(`outbox.statuses.${s}`) }))}
          value={filter.status}
          onChange={setOne("status")}
        />
        <SelectField
          id="msg-outbox-kind"
          label={t("outbox.kind")}
          emptyOption={t("outbox.all")}
          options={OUTBOX_KIND_VALUES.map((s) => ({ value: s, label: t(`outbox.kinds.${s}`) }))}
          value={filter.kind}
          onChange={setOne("kind")}
        />
        <SelectField
          id="msg-outbox-channel"
          label={t("outbox.channel")}
          emptyOption={t("outbox.all")}
          options={OUTBOX_CHANNEL_VALUES.map((s) => ({ value: s, label: t(`outbox.channels.${s}`) }))}
          value={filter.channel}
          onChange={setOne("channel")}
        />
      </div>
      <ActionError error={retry.error ?? cancel.error} />
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{t("outbox.empty")}</p>
        ) : (
          <>
            <Table
              caption={t("outbox.caption", { count: list.data.total })}
              columns={columns}
              rows={list.data.items}
              rowKey={(m) => m.id}
              compact
            />
            <PageButtons page={page} totalPages={totalPages} onPage={setPage} />
          </>
        )
      ) : null}
    </section>
  );
}
