/**
 * The funnel (issue 6, point 2): noticed → screened → lonely → consented → referred → course
 * started → tried an activity → still taking part, in citizens, with the drop-out at each step;
 * as a chart and as its table, then split by district and by provider (the seeds report large
 * differences between districts).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import {
  type FunnelReport,
  type FunnelStep,
  type ReportQuery,
  reportDownloads,
  reportKeys,
  reportsApi,
} from "./api";
import { ChartFigure, HorizontalBars } from "./charts";
import { ReportFrame } from "./ReportFrame";
import { TrendSection } from "./TrendSection";
import { DownloadLink, FigureValue, SuppressedNote, chartValue, useFigureText, useNumbers } from "./ui";

export default function FunnelPage() {
  return (
    <ReportFrame tab="funnel">
      {(query) => (
        <>
          <FunnelView query={query} />
          <TrendSection query={query} />
        </>
      )}
    </ReportFrame>
  );
}

function FunnelView({ query }: { query: ReportQuery }) {
  const { t } = useTranslation("reports");
  const report = useQuery({
    queryKey: reportKeys.funnel(query),
    queryFn: ({ signal }) => reportsApi.funnel(query, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  return (
    <section aria-labelledby="report-funnel-heading">
      <h2 id="report-funnel-heading">{t("funnel.heading")}</h2>
      <p>{t("funnel.intro")}</p>
      {report.isPending ? <Spinner /> : null}
      {report.error ? <LoadError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <div
          aria-busy={report.isPlaceholderData || undefined}
          className={report.isPlaceholderData ? "report-stale" : undefined}
        >
          {r.steps.every((s) => s.count.value === 0) ? (
            <Alert variant="info" headingLevel={3} heading={t("status.emptyHeading")}>
              <p>{t("status.emptyText")}</p>
            </Alert>
          ) : null}
          {r.suppressed ? <SuppressedNote /> : null}
          <FunnelChart report={r} />
          <FunnelTable steps={r.steps} />
          <h3 className="mt-7">{t("funnel.byDistrict")}</h3>
          <SplitTable
            groups={r.byDistrict}
            caption={t("funnel.byDistrictCaption")}
            groupTitle={t("funnel.district")}
            none={t("funnel.noDistrict")}
          />
          <h3 className="mt-7">{t("funnel.byProvider")}</h3>
          <SplitTable
            groups={r.byProvider}
            caption={t("funnel.byProviderCaption")}
            groupTitle={t("funnel.provider")}
            none={t("funnel.noProvider")}
          />
          <div className="report-downloads">
            <DownloadLink href={reportDownloads.csv("funnel", query)}>{t("downloads.csv")}</DownloadLink>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function FunnelChart({ report }: { report: FunnelReport }) {
  const { t } = useTranslation("reports");
  const text = useFigureText();
  const data = report.steps.map((s) => ({
    label: t(`funnel.short.${s.key}`),
    values: [chartValue(s.count)],
    texts: [text(s.count)],
  }));
  const summary = t("funnel.chartSummary", {
    steps: report.steps.map((s) => `${t(`funnel.step.${s.key}`)}: ${text(s.count)}`).join("; "),
  });
  return (
    <ChartFigure id="funnel" caption={t("funnel.chartCaption")} summary={summary}>
      <HorizontalBars data={data} series={[{ name: t("funnel.citizens") }]} axisWidth={96} />
    </ChartFigure>
  );
}

function FunnelTable({ steps }: { steps: FunnelStep[] }) {
  const { t } = useTranslation("reports");
  const numbers = useNumbers();
  const columns: Column<FunnelStep>[] = [
    {
      key: "step",
      header: t("funnel.col.step"),
      title: t("funnel.col.step"),
      rowHeader: true,
      render: (s) => t(`funnel.step.${s.key}`),
    },
    {
      key: "count",
      header: t("funnel.col.count"),
      title: t("funnel.col.count"),
      className: "report-number",
      render: (s) => <FigureValue figure={s.count} />,
    },
    {
      key: "dropOut",
      header: t("funnel.col.dropOut"),
      title: t("funnel.col.dropOut"),
      className: "report-number",
      render: (s) => (s.dropOut ? <FigureValue figure={s.dropOut} /> : "–"),
    },
    {
      key: "share",
      header: t("funnel.col.share"),
      title: t("funnel.col.share"),
      className: "report-number",
      render: (s) => numbers.percent(s.percentOfPrevious),
    },
    {
      key: "enteredHere",
      header: t("funnel.col.enteredHere"),
      title: t("funnel.col.enteredHere"),
      className: "report-number",
      render: (s) => (s.key === steps[0]?.key ? "–" : <FigureValue figure={s.enteredHere} />),
    },
  ];
  return (
    <>
      <h3>{t("funnel.tableCaption")}</h3>
      <Table
        caption={t("funnel.tableCaption")}
        captionHidden
        columns={columns}
        rows={steps}
        rowKey={(s) => s.key}
      />
      <details className="report-details mt-5" data-testid="funnel-definitions">
        <summary>{t("status.definitionsHeading")}</summary>
        <dl className="report-definitions">
          {[...steps.map((s) => s.key), "enteredHere" as const].map((key) => (
            <div key={key}>
              <dt>{key === "enteredHere" ? t("funnel.col.enteredHere") : t(`funnel.step.${key}`)}</dt>
              <dd>{t(`definitions.funnel.${key}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

type Group = FunnelReport["byDistrict"][number];

function SplitTable({
  groups,
  caption,
  groupTitle,
  none,
}: {
  groups: Group[];
  caption: string;
  groupTitle: string;
  none: string;
}) {
  const { t } = useTranslation("reports");
  const numbers = useNumbers();
  if (groups.length === 0) return <p>{t("funnel.noGroups")}</p>;
  const keys = groups[0]!.steps.map((s) => s.key);
  const columns: Column<Group>[] = [
    { key: "group", header: groupTitle, title: groupTitle, rowHeader: true, render: (g) => g.name ?? none },
    ...keys.map((key, i): Column<Group> => ({
      key,
      header: t(`funnel.short.${key}`),
      title: t(`funnel.step.${key}`),
      className: "report-number",
      render: (g) => {
        const s = g.steps[i];
        if (!s) return "–";
        return (
          <>
            <FigureValue figure={s.count} />
            {i > 0 && s.percentOfPrevious !== null ? (
              <span className="report-share-of"> ({numbers.percent(s.percentOfPrevious)})</span>
            ) : null}
          </>
        );
      },
    })),
  ];
  return (
    <>
      <p className="form-hint">{t("funnel.splitHint")}</p>
      <Table
        caption={caption}
        captionHidden
        columns={columns}
        rows={groups}
        rowKey={(g) => g.id ?? "none"}
        compact
      />
    </>
  );
}
