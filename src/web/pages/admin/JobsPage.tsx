/**
 * "Planlagte job" (issue 13, decision 0094): the work Broen does by itself — the retention rules
 * every night, and later notifications and data exchange. Per job its schedule and how many wait,
 * run, completed or failed; then the recent runs with an error's class and code. Never a job's
 * content (GET /api/admin/jobs does not send it).
 */
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { JobQueueStatus, JobRunRow, JobsStatus } from "../../../shared/api/jobs";
import { api } from "../../api/client";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { formatDateTime } from "../../format";
import { AdminFrame } from "./AdminFrame";

const DAILY = /^(\d{1,2}) (\d{1,2}) \* \* (\*|1-5)$/;

/** A cron expression in words for the common cases (every day / weekdays at a time); else as written. */
export function scheduleText(t: TFunction<"privacy">, cron: string | null): string {
  if (!cron) return t("jobs.schedule.none");
  const m = DAILY.exec(cron);
  if (!m) return t("jobs.schedule.cron", { cron });
  const time = `${m[2]!.padStart(2, "0")}:${m[1]!.padStart(2, "0")}`;
  return m[3] === "*" ? t("jobs.schedule.daily", { time }) : t("jobs.schedule.weekdays", { time });
}

/** The Danish name of a job the page knows; a job added later shows its technical name. */
function jobLabel(t: TFunction<"privacy">, name: string): string {
  return t(`jobs.names.${name}`, { defaultValue: name });
}

export default function JobsPage() {
  const { t } = useTranslation("privacy");
  const { t: tc } = useTranslation();
  const status = useQuery({
    queryKey: ["admin", "jobs"],
    queryFn: ({ signal }) => api.get<JobsStatus>("/admin/jobs", signal),
  });

  const queueColumns: Column<JobQueueStatus>[] = [
    {
      key: "name",
      header: t("jobs.job"),
      title: t("jobs.job"),
      rowHeader: true,
      render: (q) => jobLabel(t, q.name),
    },
    {
      key: "schedule",
      header: t("jobs.scheduleHeader"),
      title: t("jobs.scheduleHeader"),
      render: (q) => scheduleText(t, q.schedule),
    },
    {
      key: "waiting",
      header: t("jobs.waiting"),
      title: t("jobs.waiting"),
      render: (q) => q.counts.created + q.counts.retry,
    },
    { key: "active", header: t("jobs.active"), title: t("jobs.active"), render: (q) => q.counts.active },
    {
      key: "completed",
      header: t("jobs.completed"),
      title: t("jobs.completed"),
      render: (q) => q.counts.completed,
    },
    { key: "failed", header: t("jobs.failed"), title: t("jobs.failed"), render: (q) => q.counts.failed },
    {
      key: "last",
      header: t("jobs.lastCompleted"),
      title: t("jobs.lastCompleted"),
      render: (q) => formatDateTime(q.lastCompletedOn),
    },
  ];

  const runColumns: Column<JobRunRow>[] = [
    {
      key: "name",
      header: t("jobs.job"),
      title: t("jobs.job"),
      rowHeader: true,
      render: (r) => jobLabel(t, r.name),
    },
    {
      key: "state",
      header: t("jobs.state"),
      title: t("jobs.state"),
      render: (r) => t(`jobs.states.${r.state}`),
    },
    {
      key: "created",
      header: t("jobs.createdOn"),
      title: t("jobs.createdOn"),
      render: (r) => formatDateTime(r.createdOn),
    },
    {
      key: "started",
      header: t("jobs.startedOn"),
      title: t("jobs.startedOn"),
      render: (r) => formatDateTime(r.startedOn),
    },
    {
      key: "completed",
      header: t("jobs.completedOn"),
      title: t("jobs.completedOn"),
      render: (r) => formatDateTime(r.completedOn),
    },
    {
      key: "tries",
      header: t("jobs.tries"),
      title: t("jobs.tries"),
      render: (r) => t("jobs.triesOf", { n: r.retryCount + 1, limit: r.retryLimit + 1 }),
    },
    {
      key: "error",
      header: t("jobs.error"),
      title: t("jobs.error"),
      className: "break-word",
      render: (r) => (r.error ? [r.error.class, r.error.code].filter(Boolean).join(": ") : "–"),
    },
  ];

  return (
    <AdminFrame title={tc("admin.jobs")}>
      <p className="font-lead">{t("jobs.lead")}</p>
      <p>{t("jobs.privacyNote")}</p>
      {status.isPending ? <Spinner /> : null}
      {status.isError ? <LoadError error={status.error} onRetry={() => void status.refetch()} /> : null}
      {status.data ? (
        <>
          {status.data.workersRunning ? null : (
            <Alert variant="warning" heading={t("jobs.noWorkers.heading")}>
              <p>{t("jobs.noWorkers.text")}</p>
            </Alert>
          )}
          <Button
            variant="secondary"
            icon="refresh"
            pending={status.isFetching}
            onClick={() => void status.refetch()}
          >
            {t("jobs.refresh")}
          </Button>
          <h2>{t("jobs.queuesHeading")}</h2>
          {status.data.queues.length > 0 ? (
            <Table
              caption={t("jobs.queuesHeading")}
              captionHidden
              columns={queueColumns}
              rows={status.data.queues}
              rowKey={(q) => q.name}
              compact
            />
          ) : (
            <p>{t("jobs.noQueues")}</p>
          )}
          <h2>{t("jobs.recentHeading")}</h2>
          <p>{t("jobs.recentIntro")}</p>
          {status.data.recent.length > 0 ? (
            <Table
              caption={t("jobs.recentHeading")}
              captionHidden
              columns={runColumns}
              rows={status.data.recent}
              rowKey={(r) => r.id}
              compact
            />
          ) : (
            <p>{t("jobs.noRecent")}</p>
          )}
          <h2>{t("jobs.errorsHeading")}</h2>
          <dl>
            {(["Expired", "Timeout", "Stopped", "AppError"] as const).map((k) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{t(`jobs.errors.${k}`)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </AdminFrame>
  );
}
