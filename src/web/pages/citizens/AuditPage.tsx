/**
 * "Logning": who has looked at or changed this citizen's data, when, and with which search
 * criterion (administrators only). Looking at the trail and downloading it are logged too.
 * Newest first, a page at a time, the last 30 days unless the reader picks a longer period; period
 * and page live in the URL (issue 17.4). The CSV is always the whole trail.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { copenhagenDate } from "../../../domain/time";
import type { AuditEvent } from "../../../shared/api/citizens";
import { citizensApi, keys } from "../../api/endpoints";
import { citizenResource, RequireCan, useMe } from "../../app/session";
import { buttonClass } from "../../components/Button";
import { SelectField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { Pagination, ShowingCount } from "../../components/Pagination";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useDates } from "../../format";
import { criterionText } from "./audit-words";
import { CitizenFrame } from "./CitizenFrame";
import { useCitizen } from "./useCitizen";

const PAGE_SIZE = 50;
/** Periods in days back from today; "all" is the whole trail. The first is the default. */
const PERIODS = ["30", "90", "365", "all"] as const;

function daysBefore(days: number): string {
  const [y, m, d] = copenhagenDate(new Date()).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

function AuditTable({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const period = (PERIODS as readonly string[]).includes(params.get("periode") ?? "")
    ? params.get("periode")!
    : PERIODS[0];
  const page = Math.max(1, Math.min(100_000, Number(params.get("side")) || 1));
  const filter = {
    from: period === "all" ? undefined : daysBefore(Number(period)),
    page,
    pageSize: PAGE_SIZE,
  };
  const trail = useQuery({
    queryKey: keys.audit(citizenId, filter),
    queryFn: ({ signal }) => citizensApi.audit(citizenId, filter, signal),
    placeholderData: keepPreviousData,
  });
  const setPeriod = (value: string) => {
    const next = new URLSearchParams();
    if (value !== PERIODS[0]) next.set("periode", value);
    setParams(next, { replace: true });
  };
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("side", String(p));
    return `?${next.toString()}`;
  };
  const periodField = (
    <div className="filter-row">
      <SelectField
        id="audit-period"
        label={t("audit.period")}
        value={period}
        onChange={setPeriod}
        options={PERIODS.map((p) => ({ value: p, label: t(`audit.periods.${p}`) }))}
      />
    </div>
  );
  if (trail.isPending) return <Spinner />;
  if (trail.isError)
    return (
      <>
        {periodField}
        <LoadError error={trail.error} onRetry={() => void trail.refetch()} />
      </>
    );
  const tr = (key: string, fallback: string) => {
    const text = t(key);
    return text === key ? fallback : text;
  };
  // A page comes newest first from the server.
  const events = trail.data.events;
  const total = trail.data.total ?? events.length;
  const columns: Column<AuditEvent>[] = [
    {
      key: "at",
      header: t("audit.at"),
      title: t("audit.at"),
      render: (e) => <span className="text-nowrap">{dates.dateTime(e.at)}</span>,
    },
    {
      key: "actor",
      header: t("audit.actor"),
      title: t("audit.actor"),
      render: (e) =>
        e.actor ? (
          <>
            {e.actor.name}
            {e.actor.role ? (
              <span className="d-block small-text">{tr(`roles.${e.actor.role}`, e.actor.role)}</span>
            ) : null}
          </>
        ) : (
          t(e.actorKind === "system" ? "audit.actors.system" : "audit.anonymous")
        ),
    },
    {
      key: "action",
      header: t("audit.action"),
      title: t("audit.action"),
      render: (e) => tr(`audit.actions.${e.action}`, e.action),
    },
    {
      key: "entity",
      header: t("audit.entity"),
      title: t("audit.entity"),
      render: (e) => tr(`audit.entities.${e.entityType}`, e.entityType),
    },
    {
      key: "criterion",
      header: t("audit.criterionHeader"),
      title: t("audit.criterionHeader"),
      render: (e) => criterionText(t, e, dates),
    },
  ];
  return (
    <>
      {periodField}
      {total === 0 ? <p aria-live="polite">{t("audit.count", { count: 0 })}</p> : null}
      <ShowingCount page={page} pageSize={PAGE_SIZE} total={total} />
      {events.length > 0 ? (
        <div data-testid="audit-trail">
          <Table
            caption={t("audit.caption")}
            captionHidden
            columns={columns}
            rows={events}
            rowKey={(e) => String(e.id)}
            compact
          />
        </div>
      ) : null}
      <Pagination page={page} totalPages={Math.ceil(total / PAGE_SIZE)} hrefFor={hrefFor} />
    </>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data: me } = useMe();
  const citizen = useCitizen(id);
  if (citizen.isPending) return <Spinner />;
  if (citizen.isError) return <LoadError error={citizen.error} onRetry={() => void citizen.refetch()} />;
  const c = citizen.data;
  if (!me) return null;
  return (
    <RequireCan action={{ kind: "citizen.auditTrail", citizen: citizenResource(me, c) }}>
      <CitizenFrame citizen={c} tab="audit" title={t("audit.title", { name: c.name })}>
        <section aria-labelledby="audit-heading" className="mt-6">
          <div className="section-title-row">
            <h2 id="audit-heading">{t("audit.heading")}</h2>
            <a href={citizensApi.auditCsvUrl(c.id)} className={buttonClass("secondary")} download>
              <Icon name="download" />
              {t("audit.downloadCsv")}
            </a>
          </div>
          <p>{t("audit.lead")}</p>
          <AuditTable citizenId={c.id} />
        </section>
      </CitizenFrame>
    </RequireCan>
  );
}
