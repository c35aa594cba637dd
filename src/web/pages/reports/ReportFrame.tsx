/**
 * "Status og evaluering": the heading, the period and scope (in the URL), the downloads that
 * cover all reports, and the tabs between the status table, the funnel and punch-card use.
 * The tabs keep the query string, so the period follows the reader from report to report.
 */
import type { ReactNode } from "react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { useCan } from "../../app/session";
import { Icon } from "../../components/Icon";
import { PageHeading } from "../../components/Page";
import { type ReportQuery, reportDownloads } from "./api";
import { paramsFromReportQuery, reportQueryFromParams } from "./period";
import { ReportFilters, useScopeText } from "./ReportFilters";
import { DownloadLink } from "./ui";

export type ReportTab = "status" | "funnel" | "usage";

export const REPORT_TABS: Array<{ tab: ReportTab; path: string }> = [
  { tab: "status", path: "/rapporter" },
  { tab: "funnel", path: "/rapporter/tragt" },
  { tab: "usage", path: "/rapporter/klippekort" },
];

/** The report request the address describes (this year up to today when it names none). */
export function useReportQuery(): ReportQuery {
  const [params] = useSearchParams();
  const key = params.toString();
  // The string is the identity of the params (a new URLSearchParams object on every render).
  return useMemo(() => reportQueryFromParams(new URLSearchParams(key)), [key]);
}

export function ReportFrame({
  tab,
  children,
}: {
  tab: ReportTab;
  children: (query: ReportQuery) => ReactNode;
}) {
  const { t } = useTranslation("reports");
  const can = useCan();
  const { pathname } = useLocation();
  const [, setParams] = useSearchParams();
  const query = useReportQuery();
  const search = paramsFromReportQuery(query).toString();
  const scopeText = useScopeText();
  const title = t(`tabs.${tab}`);
  return (
    <>
      <PageHeading title={`${title} – ${t("title")}`}>{t("title")}</PageHeading>
      <p className="font-lead">{t("intro")}</p>
      {/* A new period or scope (also by back/forward) starts the form from the address again. */}
      <ReportFilters
        key={search}
        query={query}
        pathname={pathname}
        onApply={(next) => setParams(paramsFromReportQuery(next), { preventScrollReset: true })}
      />
      <p className="report-showing" data-testid="report-scope">
        <strong>{t("filters.showing")}</strong> {scopeText(query)}
      </p>
      <div className="report-downloads">
        <DownloadLink href={reportDownloads.workbook(query)} icon="file-excel">
          {t("downloads.workbook")}
        </DownloadLink>
        {can({ kind: "report.evaluatorExport" }) ? (
          <>
            <DownloadLink href={reportDownloads.evaluatorDataset("csv", query)}>
              {t("downloads.evaluatorCsv")}
            </DownloadLink>
            <DownloadLink href={reportDownloads.evaluatorDataset("xlsx", query)} icon="file-excel">
              {t("downloads.evaluatorXlsx")}
            </DownloadLink>
          </>
        ) : null}
      </div>
      {can({ kind: "report.evaluatorExport" }) ? (
        <p className="form-hint">{t("downloads.evaluatorHint")}</p>
      ) : null}
      <nav className="tab-container mt-6" aria-label={t("tabs.label")}>
        <ul className="tab-list">
          {REPORT_TABS.map((r) => (
            <li key={r.tab}>
              <Link
                to={`${r.path}?${search}`}
                className="tab-button"
                aria-current={r.tab === tab ? "true" : undefined}
              >
                <span>{t(`tabs.${r.tab}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6">{children(query)}</div>
      {can({ kind: "course.caseload" }) ? (
        <p className="mt-7">
          <Link to="/rapporter/maalinger" className="function-link">
            <Icon name="checklist" />
            {t("due.link")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
