/**
 * "Logning": who has looked at or changed this citizen's data, when, and with which search
 * criterion (administrators only). Looking at the trail and downloading it are logged too.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { AuditEvent } from "../../../shared/api/citizens";
import { citizensApi, keys } from "../../api/endpoints";
import { citizenResource, RequireCan, useMe } from "../../app/session";
import { buttonClass } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useDates } from "../../format";
import { criterionText } from "./audit-words";
import { CitizenFrame } from "./CitizenFrame";
import { useCitizen } from "./useCitizen";

function AuditTable({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const trail = useQuery({
    queryKey: keys.audit(citizenId),
    queryFn: ({ signal }) => citizensApi.audit(citizenId, signal),
  });
  if (trail.isPending) return <Spinner />;
  if (trail.isError) return <LoadError error={trail.error} onRetry={() => void trail.refetch()} />;
  const tr = (key: string, fallback: string) => {
    const text = t(key);
    return text === key ? fallback : text;
  };
  const events = [...trail.data.events].reverse();
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
      <p aria-live="polite">{t("audit.count", { count: events.length })}</p>
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
