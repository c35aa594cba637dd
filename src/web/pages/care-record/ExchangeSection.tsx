/**
 * "FHIR-server og levering" (issue 14, decision 0100): the care record's FHIR server Broen pulls
 * changed home-care citizens from on a schedule (how the last pull went, pull now), and the FHIR
 * endpoint the punch-card work is pushed to, with each citizen's delivery below.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CareRecordSourceView, PushTargetView } from "../../../shared/api/care-record-exchange";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { formatDateTime } from "../../format";
import { useWrite } from "../../forms/useWrite";
import { DeliveriesList } from "./DeliveriesList";
import { EndpointForm } from "./EndpointForm";
import { exchangeApi, exchangeKeys } from "./exchange-api";
import "./exchange.css";

function Setting({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function SourcePanel() {
  const { t } = useTranslation("careRecord");
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const source = useQuery({
    queryKey: exchangeKeys.source,
    queryFn: ({ signal }) => exchangeApi.source(signal),
  });
  const pull = useWrite((_: null, key: string) => exchangeApi.pull(key), {
    onSuccess: (r) => {
      setNotice(r.queued ? t("exchange.source.pullQueued") : t("exchange.source.pullWaiting"));
      void qc.invalidateQueries({ queryKey: exchangeKeys.source });
    },
  });
  const s: CareRecordSourceView | null = source.data?.source ?? null;

  if (source.isPending) return <Spinner />;
  if (source.isError) return <LoadError error={source.error} onRetry={() => void source.refetch()} />;
  if (editing)
    return (
      <EndpointForm
        idPrefix="care-source"
        heading={s ? t("exchange.source.editHeading") : t("exchange.source.setUpHeading")}
        current={s}
        switchValues={{ scheduleEnabled: s?.scheduleEnabled ?? true, autoApply: s?.autoApply ?? false }}
        switches={[
          {
            key: "scheduleEnabled",
            label: t("exchange.source.schedule"),
            hint: t("exchange.source.scheduleHint"),
          },
          {
            key: "autoApply",
            label: t("exchange.source.autoApply"),
            hint: t("exchange.source.autoApplyHint"),
          },
        ]}
        save={(b, key) =>
          exchangeApi.saveSource(
            {
              version: b.version,
              baseUrl: b.baseUrl,
              authKind: b.authKind,
              tokenUrl: b.tokenUrl,
              clientId: b.clientId,
              ...(b.secret !== undefined ? { secret: b.secret } : {}),
              scheduleEnabled: b.switches.scheduleEnabled === true,
              autoApply: b.switches.autoApply === true,
            },
            key,
          )
        }
        onDone={(saved) => {
          setEditing(false);
          if (saved) {
            qc.setQueryData(exchangeKeys.source, saved);
            setNotice(t("exchange.saved"));
          }
        }}
      />
    );
  return (
    <>
      {notice ? <Alert variant="success">{notice}</Alert> : null}
      {s ? (
        <>
          <dl className="care-exchange-settings">
            <Setting term={t("exchange.endpoint.baseUrl")}>
              <span className="care-exchange-url">{s.baseUrl}</span>
            </Setting>
            <Setting term={t("exchange.endpoint.authKind")}>{t(`exchange.auth.${s.authKind}`)}</Setting>
            <Setting term={t("exchange.source.schedule")}>
              {s.scheduleEnabled ? t("exchange.source.scheduleOn") : t("exchange.off")}
            </Setting>
            <Setting term={t("exchange.source.autoApply")}>
              {s.autoApply ? t("exchange.on") : t("exchange.off")}
            </Setting>
            <Setting term={t("exchange.source.lastPulled")}>
              {s.lastPulledAt ? formatDateTime(s.lastPulledAt) : t("exchange.source.never")}
            </Setting>
            <Setting term={t("exchange.source.cursor")}>
              {s.cursor ? formatDateTime(s.cursor) : t("exchange.source.everything")}
            </Setting>
          </dl>
          {s.lastFailure ? (
            <Alert variant="warning" headingLevel={3} heading={t("exchange.source.failedHeading")}>
              <p>{t("exchange.source.failed", { code: s.lastFailure })}</p>
            </Alert>
          ) : null}
          {s.lastRunId ? <p>{t("exchange.source.lastRunHint")}</p> : null}
        </>
      ) : (
        <p>{t("exchange.source.none")}</p>
      )}
      <ActionError error={pull.error} />
      <div className="button-group">
        <Button variant={s ? "secondary" : "primary"} icon="edit" onClick={() => setEditing(true)}>
          {s ? t("exchange.edit") : t("exchange.source.setUp")}
        </Button>
        {s ? (
          <Button icon="refresh" pending={pull.isPending} onClick={() => pull.mutate(null)}>
            {t("exchange.source.pullNow")}
          </Button>
        ) : null}
      </div>
    </>
  );
}

function PushPanel() {
  const { t } = useTranslation("careRecord");
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const target = useQuery({
    queryKey: exchangeKeys.target,
    queryFn: ({ signal }) => exchangeApi.target(signal),
  });
  const p: PushTargetView | null = target.data?.target ?? null;

  if (target.isPending) return <Spinner />;
  if (target.isError) return <LoadError error={target.error} onRetry={() => void target.refetch()} />;
  if (editing)
    return (
      <EndpointForm
        idPrefix="care-push"
        heading={p ? t("exchange.push.editHeading") : t("exchange.push.setUpHeading")}
        current={p}
        switchValues={{ enabled: p?.enabled ?? false }}
        switches={[
          { key: "enabled", label: t("exchange.push.enabled"), hint: t("exchange.push.enabledHint") },
        ]}
        save={(b, key) =>
          exchangeApi.saveTarget(
            {
              version: b.version,
              baseUrl: b.baseUrl,
              authKind: b.authKind,
              tokenUrl: b.tokenUrl,
              clientId: b.clientId,
              ...(b.secret !== undefined ? { secret: b.secret } : {}),
              enabled: b.switches.enabled === true,
            },
            key,
          )
        }
        onDone={(saved) => {
          setEditing(false);
          if (saved) {
            qc.setQueryData(exchangeKeys.target, saved);
            void qc.invalidateQueries({ queryKey: exchangeKeys.all });
            setNotice(t("exchange.saved"));
          }
        }}
      />
    );
  const counts = target.data.counts;
  return (
    <>
      {notice ? <Alert variant="success">{notice}</Alert> : null}
      {p ? (
        <dl className="care-exchange-settings">
          <Setting term={t("exchange.endpoint.baseUrl")}>
            <span className="care-exchange-url">{p.baseUrl}</span>
          </Setting>
          <Setting term={t("exchange.endpoint.authKind")}>{t(`exchange.auth.${p.authKind}`)}</Setting>
          <Setting term={t("exchange.push.enabled")}>
            {p.enabled ? t("exchange.on") : t("exchange.off")}
          </Setting>
          <Setting term={t("exchange.push.counts")}>
            {t("exchange.push.countsText", {
              sent: counts.sent,
              queued: counts.queued + counts.sending,
              failed: counts.failed,
            })}
          </Setting>
        </dl>
      ) : (
        <p>{t("exchange.push.none")}</p>
      )}
      <div className="button-group">
        <Button variant={p ? "secondary" : "primary"} icon="edit" onClick={() => setEditing(true)}>
          {p ? t("exchange.edit") : t("exchange.push.setUp")}
        </Button>
      </div>
      {p ? <DeliveriesList /> : null}
    </>
  );
}

export function ExchangeSection() {
  const { t } = useTranslation("careRecord");
  return (
    <section className="mt-8" aria-labelledby="care-exchange-title">
      <h2 id="care-exchange-title">{t("exchange.title")}</h2>
      <p>{t("exchange.lead")}</p>
      <h3>{t("exchange.source.title")}</h3>
      <p>{t("exchange.source.lead")}</p>
      <SourcePanel />
      <h3 className="mt-7">{t("exchange.push.title")}</h3>
      <p>{t("exchange.push.lead")}</p>
      <PushPanel />
    </section>
  );
}
