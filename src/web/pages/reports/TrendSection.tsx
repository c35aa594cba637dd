/**
 * Month by month (issue 6, point 5): detection forms, citizens assessed lonely, courses started
 * and clips used — a chart and the table behind it.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { type Column, Table } from "../../components/Table";
import { type ReportQuery, type TrendReport, reportsApi } from "./api";
import { ChartFigure, HorizontalBars } from "./charts";
import { FigureValue, chartValue, useFigureText } from "./ui";

type Month = TrendReport["months"][number];
const SERIES = ["forms", "lonely", "courses", "clipsUsed"] as const;

export function TrendSection({ query }: { query: ReportQuery }) {
  const { t, i18n } = useTranslation("reports");
  const text = useFigureText();
  const report = useQuery({
    queryKey: ["reports", "trend", query],
    queryFn: ({ signal }) => reportsApi.trend(query, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  if (!r) return null;
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "da-DK", {
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${m}-01T00:00:00Z`));
  const data = r.months.map((m) => ({
    label: monthName(m.month),
    values: SERIES.map((s) => chartValue(m[s])),
    texts: SERIES.map((s) => text(m[s], r.smallNumberThreshold)),
  }));
  const summary = r.months
    .map(
      (m) =>
        `${monthName(m.month)}: ${SERIES.map((s) => `${t(`trend.${s}`)} ${text(m[s], r.smallNumberThreshold)}`).join(", ")}`,
    )
    .join("; ");
  const columns: Column<Month>[] = [
    {
      key: "month",
      header: t("trend.month"),
      title: t("trend.month"),
      render: (m) => monthName(m.month),
      rowHeader: true,
    },
    ...SERIES.map((s) => ({
      key: s,
      header: t(`trend.${s}`),
      title: t(`trend.${s}`),
      render: (m: Month) => <FigureValue figure={m[s]} threshold={r.smallNumberThreshold} />,
    })),
  ];
  return (
    <section aria-labelledby="report-trend-heading">
      <h2 id="report-trend-heading" className="mt-8">
        {t("trend.heading")}
      </h2>
      <ChartFigure id="trend" caption={t("trend.caption")} summary={summary}>
        <HorizontalBars data={data} series={SERIES.map((s) => ({ name: t(`trend.${s}`) }))} axisWidth={90} />
      </ChartFigure>
      <Table caption={t("trend.caption")} columns={columns} rows={r.months} rowKey={(m) => m.month} compact />
    </section>
  );
}
