/**
 * The security log (issue 18.9): logins, failed logins, lock-outs, logouts and account changes of
 * the municipality's staff, newest first; filters and page live in the URL (back and reload work).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { SECURITY_EVENT_KINDS } from "../../../domain/vocabulary/security";
import type { SecurityEventRow, SecurityEventsPage } from "../../../shared/api/security";
import { api, query } from "../../api/client";
import { SelectField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { Pagination, ShowingCount } from "../../components/Pagination";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { formatDateTime } from "../../format";
import { AdminFrame } from "./AdminFrame";

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function SecurityLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = (SECURITY_EVENT_KINDS as readonly string[]).includes(params.get("kind") ?? "")
    ? params.get("kind")!
    : "";
  const from = params.get("fra") ?? "";
  const to = params.get("til") ?? "";
  const page = Math.max(1, Number(params.get("side")) || 1);
  // An unfinished date in the field is not sent (the API would refuse it).
  const filter = {
    kind,
    from: DAY.test(from) ? from : "",
    to: DAY.test(to) ? to : "",
    page,
    pageSize: PAGE_SIZE,
  };
  const events = useQuery({
    queryKey: ["security-events", filter],
    queryFn: ({ signal }) => api.get<SecurityEventsPage>(`/admin/security-events${query(filter)}`, signal),
    placeholderData: keepPreviousData,
  });

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("side");
    setParams(next, { replace: true });
  };
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("side", String(p));
    return `?${next.toString()}`;
  };

  const columns: Column<SecurityEventRow>[] = [
    {
      key: "at",
      header: t("securityLog.at"),
      title: t("securityLog.at"),
      render: (e) => formatDateTime(e.at),
    },
    {
      key: "kind",
      header: t("securityLog.kind"),
      title: t("securityLog.kind"),
      rowHeader: true,
      render: (e) => t(`securityLog.kinds.${e.kind}`),
    },
    {
      key: "user",
      header: t("securityLog.user"),
      title: t("securityLog.user"),
      render: (e) => (e.user ? `${e.user.displayName} (${e.username ?? ""})` : (e.username ?? "–")),
    },
    {
      key: "actor",
      header: t("securityLog.actor"),
      title: t("securityLog.actor"),
      render: (e) => e.actor?.displayName ?? "–",
    },
    { key: "ip", header: t("securityLog.ip"), title: t("securityLog.ip"), render: (e) => e.ip ?? "–" },
    {
      key: "userAgent",
      header: t("securityLog.userAgent"),
      title: t("securityLog.userAgent"),
      className: "break-word",
      render: (e) => e.userAgent ?? "–",
    },
  ];

  return (
    <AdminFrame title={t("admin.securityLog")}>
      <p>{t("securityLog.intro")}</p>
      <div className="filter-row">
        <SelectField
          id="security-kind"
          label={t("securityLog.kind")}
          value={kind}
          onChange={(v) => set("kind", v)}
          emptyOption={t("securityLog.allKinds")}
          options={SECURITY_EVENT_KINDS.map((k) => ({ value: k, label: t(`securityLog.kinds.${k}`) }))}
        />
        <TextField
          id="security-from"
          type="date"
          label={t("securityLog.from")}
          value={from}
          onChange={(v) => set("fra", v)}
          optional
        />
        <TextField
          id="security-to"
          type="date"
          label={t("securityLog.to")}
          value={to}
          onChange={(v) => set("til", v)}
          optional
        />
      </div>
      {events.isPending ? (
        <Spinner />
      ) : events.isError ? (
        <LoadError error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <p aria-live="polite">{t("securityLog.count", { count: events.data.total })}</p>
          <ShowingCount page={page} pageSize={PAGE_SIZE} total={events.data.total} />
          {events.data.items.length > 0 ? (
            <Table
              caption={t("securityLog.caption")}
              captionHidden
              columns={columns}
              rows={events.data.items}
              rowKey={(e) => String(e.id)}
              compact
            />
          ) : null}
          <Pagination page={page} totalPages={Math.ceil(events.data.total / PAGE_SIZE)} hrefFor={hrefFor} />
        </>
      )}
    </AdminFrame>
  );
}
