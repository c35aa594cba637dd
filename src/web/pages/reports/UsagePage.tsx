/**
 * Punch-card use (issue 6, point 4): clips granted, planned, used and cancelled per kind — as a
 * chart and as its table — then per provider and per district, minutes and accompaniment clips
 * per course as distributions (median, quartiles, max: Struer ranged 1–279), and accompaniment
 * by form.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import {
  type Distribution,
  type ReportQuery,
  type UsageLine,
  type UsageReport,
  reportDownloads,
  reportKeys,
  reportsApi,
} from "./api";
import { ChartFigure, HorizontalBars } from "./charts";
import { ReportFrame } from "./ReportFrame";
import { DownloadLink, FigureValue, SuppressedNote, chartValue, useFigureText, useNumbers } from "./ui";

export default function UsagePage() {
  return <ReportFrame tab="usage">{(query) => <UsageView query={query} />}</ReportFrame>;
}

function UsageView({ query }: { query: ReportQuery }) {
  const { t } = useTranslation("reports");
  const report = useQuery({
    queryKey: reportKeys.usage(query),
    queryFn: ({ signal }) => reportsApi.usage(query, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  return (
    <section aria-labelledby="report-usage-heading">
      <h2 id="report-usage-heading">{t("usage.heading")}</h2>
      <p>{t("usage.intro")}</p>
      {report.isPending ? <Spinner /> : null}
      {report.error ? <LoadError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <div
          aria-busy={report.isPlaceholderData || undefined}
          className={report.isPlaceholderData ? "report-stale" : undefined}
        >
          {r.kinds.length === 0 ? (
            <Alert variant="info" headingLevel={3} heading={t("status.emptyHeading")}>
              <p>{t("usage.emptyText")}</p>
            </Alert>
          ) : null}
          {r.suppressed ? <SuppressedNote /> : null}
          {r.kinds.length > 0 ? (
            <>
              <UsageChart report={r} />
              <KindTable lines={r.kinds} />
            </>
          ) : null}
          <h3 className="mt-7">{t("usage.byProvider")}</h3>
          <p className="form-hint">{t("usage.byProviderHint")}</p>
          <GroupTable
            groups={r.byProvider}
            caption={t("usage.byProviderCaption")}
            groupTitle={t("usage.provider")}
            none={t("usage.noProvider")}
            withGranted={false}
          />
          <h3 className="mt-7">{t("usage.byDistrict")}</h3>
          <GroupTable
            groups={r.byDistrict}
            caption={t("usage.byDistrictCaption")}
            groupTitle={t("usage.district")}
            none={t("usage.noDistrict")}
            withGranted
          />
          <h3 className="mt-7">{t("usage.distributions")}</h3>
          <DistributionTable report={r} />
          <h3 className="mt-7">{t("usage.byForm")}</h3>
          <FormTable report={r} />
          <div className="report-downloads">
            <DownloadLink href={reportDownloads.csv("punch-card", query)}>{t("downloads.csv")}</DownloadLink>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function useKindLabel() {
  const { t } = useTranslation("courses");
  return (kind: string) => t(`clipKind.${kind}`, { defaultValue: kind });
}

function UsageChart({ report }: { report: UsageReport }) {
  const { t } = useTranslation("reports");
  const text = useFigureText();
  const kindLabel = useKindLabel();
  const series = [
    { name: t("usage.col.granted") },
    { name: t("usage.col.used") },
    { name: t("usage.col.cancelled") },
  ];
  const data = report.kinds.map((k) => ({
    label: kindLabel(k.kind),
    values: [chartValue(k.granted), chartValue(k.used), chartValue(k.cancelled)],
    texts: [text(k.granted), text(k.used), text(k.cancelled)],
  }));
  const summary = t("usage.chartSummary", {
    kinds: report.kinds
      .map((k) =>
        t("usage.chartKind", {
          kind: kindLabel(k.kind),
          granted: text(k.granted),
          used: text(k.used),
          cancelled: text(k.cancelled),
        }),
      )
      .join("; "),
  });
  return (
    <ChartFigure id="usage" caption={t("usage.chartCaption")} summary={summary}>
      <HorizontalBars data={data} series={series} axisWidth={92} />
    </ChartFigure>
  );
}

function lineColumns(t: (key: string) => string, withGranted: boolean): Column<UsageLine>[] {
  const figure = (key: "granted" | "planned" | "used" | "usedMinutes" | "cancelled"): Column<UsageLine> => ({
    key,
    header: t(`usage.col.${key}`),
    title: t(`usage.col.${key}`),
    className: "report-number",
    render: (l) => <FigureValue figure={l[key]} />,
  });
  return [
    ...(withGranted ? [figure("granted")] : []),
    figure("planned"),
    figure("used"),
    figure("usedMinutes"),
    figure("cancelled"),
  ];
}

function KindTable({ lines }: { lines: UsageLine[] }) {
  const { t } = useTranslation("reports");
  const kindLabel = useKindLabel();
  const columns: Column<UsageLine>[] = [
    {
      key: "kind",
      header: t("usage.col.kind"),
      title: t("usage.col.kind"),
      rowHeader: true,
      render: (l) => kindLabel(l.kind),
    },
    ...lineColumns((k) => t(k), true),
  ];
  return (
    <>
      <h3>{t("usage.tableCaption")}</h3>
      <Table
        caption={t("usage.tableCaption")}
        captionHidden
        columns={columns}
        rows={lines}
        rowKey={(l) => l.kind}
      />
    </>
  );
}

type Group = UsageReport["byProvider"][number];
type GroupLine = UsageLine & { group: string; groupKey: string; first: boolean };

function GroupTable({
  groups,
  caption,
  groupTitle,
  none,
  withGranted,
}: {
  groups: Group[];
  caption: string;
  groupTitle: string;
  none: string;
  withGranted: boolean;
}) {
  const { t } = useTranslation("reports");
  const kindLabel = useKindLabel();
  if (groups.length === 0) return <p>{t("usage.noGroups")}</p>;
  const rows: GroupLine[] = groups.flatMap((g) =>
    g.kinds.map((l, i) => ({ ...l, group: g.name ?? none, groupKey: g.id ?? "none", first: i === 0 })),
  );
  const columns: Column<GroupLine>[] = [
    { key: "group", header: groupTitle, title: groupTitle, rowHeader: true, render: (l) => l.group },
    {
      key: "kind",
      header: t("usage.col.kind"),
      title: t("usage.col.kind"),
      render: (l) => kindLabel(l.kind),
    },
    ...(lineColumns((k) => t(k), withGranted) as Column<GroupLine>[]),
  ];
  return (
    <Table
      caption={caption}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(l) => `${l.groupKey}-${l.kind}`}
      compact
      rowClassName={(l) => (l.first ? "report-group-first" : undefined)}
    />
  );
}

function DistributionTable({ report }: { report: UsageReport }) {
  const { t } = useTranslation("reports");
  const numbers = useNumbers();
  const rows = [
    { key: "minutesPerCourse", d: report.minutesPerCourse },
    { key: "accompanimentClipsPerCourse", d: report.accompanimentClipsPerCourse },
  ];
  if (rows.every((r) => r.d.n === 0))
    return <p>{report.suppressed ? t("usage.distributionTooFew") : t("usage.distributionNone")}</p>;
  const stat = (key: keyof Distribution): Column<(typeof rows)[number]> => ({
    key,
    header: t(`usage.dist.${key}`),
    title: t(`usage.dist.${key}`),
    className: "report-number",
    render: (r) => (key === "n" ? numbers.int(r.d.n) : numbers.dec(r.d[key])),
  });
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "what",
      header: t("usage.dist.what"),
      title: t("usage.dist.what"),
      rowHeader: true,
      render: (r) => t(`usage.dist.${r.key}`),
    },
    stat("n"),
    stat("min"),
    stat("q1"),
    stat("median"),
    stat("q3"),
    stat("max"),
    stat("mean"),
  ];
  return (
    <Table
      caption={t("usage.distributionCaption")}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
    />
  );
}

function FormTable({ report }: { report: UsageReport }) {
  const { t } = useTranslation("reports");
  const { t: tcourse } = useTranslation("courses");
  const rows = report.accompanimentByForm;
  if (rows.length === 0) return <p>{t("usage.noAccompaniment")}</p>;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "form",
      header: t("usage.col.form"),
      title: t("usage.col.form"),
      rowHeader: true,
      render: (r) =>
        r.form ? tcourse(`accompanimentForm.${r.form}`, { defaultValue: r.form }) : t("usage.formUnknown"),
    },
    {
      key: "count",
      header: t("usage.col.clips"),
      title: t("usage.col.clips"),
      className: "report-number",
      render: (r) => <FigureValue figure={r.count} />,
    },
  ];
  return (
    <Table
      caption={t("usage.byFormCaption")}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(r) => r.form ?? "none"}
    />
  );
}
