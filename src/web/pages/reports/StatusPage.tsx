/**
 * The status report (issue 6, point 1) laid out like Holstebro's "status pr. 1.12.18": forms
 * filled, excluded (by reason), answered, assessed lonely (and the share of those answered),
 * baseline and 6-month questionnaires, referrals to the volunteer centre, matched (and the
 * share), the target group and its turnover. Each figure links to the citizens behind it for
 * the roles allowed to see them.
 */
import { useDates } from "../../format";
import { OutcomeSummary } from "./OutcomeSummary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../app/session";
import { Alert } from "../../components/Alert";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import {
  type Figure,
  type ReportQuery,
  type StatusFigureKey,
  type StatusReport,
  reportDownloads,
  reportKeys,
  reportQueryString,
  reportsApi,
} from "./api";
import { ReportFrame } from "./ReportFrame";
import { DownloadLink, FigureValue, SuppressedNote, useNumbers } from "./ui";

export default function StatusPage() {
  return (
    <ReportFrame tab="status">
      {(query) => (
        <>
          <StatusView query={query} />
          <OutcomeSummary query={query} />
        </>
      )}
    </ReportFrame>
  );
}

function StatusView({ query }: { query: ReportQuery }) {
  const { t } = useTranslation("reports");
  const report = useQuery({
    queryKey: reportKeys.status(query),
    queryFn: ({ signal }) => reportsApi.status(query, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  return (
    <section aria-labelledby="report-status-heading">
      <h2 id="report-status-heading">{t("status.heading")}</h2>
      {report.isPending ? <Spinner /> : null}
      {report.error ? <LoadError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <div
          aria-busy={report.isPlaceholderData || undefined}
          className={report.isPlaceholderData ? "report-stale" : undefined}
        >
          {r.empty ? (
            <Alert variant="info" headingLevel={3} heading={t("status.emptyHeading")}>
              <p>{t("status.emptyText")}</p>
            </Alert>
          ) : null}
          {r.suppressed ? <SuppressedNote threshold={r.smallNumberThreshold} /> : null}
          <StatusTable report={r} query={query} />
          <Definitions />
          <div className="report-downloads">
            <DownloadLink href={reportDownloads.csv("status", query)}>{t("downloads.csv")}</DownloadLink>
          </div>
        </div>
      ) : null}
    </section>
  );
}

interface Row {
  key: string;
  label: string;
  hint?: string;
  figure: Figure;
  /** Drill-down to the citizens behind the figure. */
  link?: { figure: StatusFigureKey; reason?: string };
  share?: { percent: number | null; of: Figure; ofLabel: string };
  /** The same figure in forms/questionnaires, shown beside the citizens where it differs. */
  forms?: { figure: Figure; share?: { percent: number | null; of: Figure } };
  sub?: boolean;
}

/** Figures with a definition of their own in the help text (the reasons share "excluded"'s). */
const DEFINED: readonly StatusFigureKey[] = [
  "formsFilled",
  "excluded",
  "formsAnswered",
  "assessedLonely",
  "baselineQuestionnaires",
  "followUpQuestionnaires",
  "volunteerReferrals",
  "matched",
  "matchesEnded",
  "targetGroup",
  "entered",
  "left",
];

/** "Sådan tælles tallene": every figure's definition, written once in the i18n (definitions.status.*) and in docs/REPORTS.md. */
function Definitions() {
  const { t } = useTranslation("reports");
  return (
    <details className="report-details mt-5" data-testid="status-definitions">
      <summary>{t("status.definitionsHeading")}</summary>
      <dl className="report-definitions">
        {DEFINED.map((key) => (
          <div key={key}>
            <dt>{t(`status.row.${key}`)}</dt>
            <dd>{t(`definitions.status.${key}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function StatusTable({ report, query }: { report: StatusReport; query: ReportQuery }) {
  const { t } = useTranslation("reports");
  const { t: td } = useTranslation("detection");
  const numbers = useNumbers();
  const dates = useDates();
  const can = useCan();
  const drill = can({ kind: "report.citizens" });
  const f = report.figures;
  const g = report.forms;
  const threshold = report.smallNumberThreshold;
  const row = (key: StatusFigureKey, figure: Figure, extra: Partial<Row> = {}): Row => ({
    key,
    label: t(`status.row.${key}`),
    figure,
    link: { figure: key },
    ...extra,
  });
  const rows: Row[] = [
    row("formsFilled", f.formsFilled, { forms: { figure: g.formsFilled } }),
    row("excluded", f.excluded, { forms: { figure: g.excluded } }),
    ...f.excludedByReason.map((r) => {
      const forms = g.excludedByReason.find((x) => x.reason === r.reason)?.count;
      return {
        key: `excluded-${r.reason}`,
        label: td(`exclusion.${r.reason}`, { defaultValue: r.reason }),
        figure: r.count,
        link: { figure: "excluded" as const, reason: r.reason },
        ...(forms ? { forms: { figure: forms } } : {}),
        sub: true,
      };
    }),
    row("formsAnswered", f.formsAnswered, { forms: { figure: g.formsAnswered } }),
    row("assessedLonely", f.assessedLonely.count, {
      share: { percent: f.assessedLonely.percent, of: f.assessedLonely.of, ofLabel: "ofAnswered" },
      forms: {
        figure: g.assessedLonely.count,
        share: { percent: g.assessedLonely.percent, of: g.assessedLonely.of },
      },
    }),
    row("baselineQuestionnaires", f.baselineQuestionnaires, { forms: { figure: g.baselineQuestionnaires } }),
    row("followUpQuestionnaires", f.followUpQuestionnaires, { forms: { figure: g.followUpQuestionnaires } }),
    row("volunteerReferrals", f.volunteerReferrals),
    row("matched", f.matched.count, {
      share: { percent: f.matched.percent, of: f.matched.of, ofLabel: "ofReferred" },
    }),
    row("matchesEnded", f.matchesEnded, { sub: true }),
    row("targetGroup", f.targetGroup, {
      hint: t("status.hint.targetGroup", { day: dates.day(report.targetGroupOn) }),
    }),
    row("entered", f.entered, { hint: t("status.hint.entered") }),
    row("left", f.left, { hint: t("status.hint.left") }),
  ];

  const value = (r: Row): ReactNode => {
    const shown = <FigureValue figure={r.figure} threshold={threshold} />;
    if (!drill || !r.link || r.figure.suppressed || !r.figure.value) return shown;
    const to = `/rapporter/tal/${r.link.figure}${reportQueryString(query, { reason: r.link.reason })}`;
    return (
      <Link to={to} data-testid={`figure-${r.key}`}>
        {shown}
        <span className="sr-only"> {t("status.showCitizens", { what: r.label })}</span>
      </Link>
    );
  };
  // Forms beside the citizens only where they differ (a citizen re-screened in the period).
  const forms = (r: Row): ReactNode => {
    if (!r.forms) return null;
    const same =
      r.forms.figure.value === r.figure.value &&
      r.forms.figure.suppressed === r.figure.suppressed &&
      (!r.forms.share || r.forms.share.of.value === r.share?.of.value);
    if (same) return null;
    const shown = <FigureValue figure={r.forms.figure} threshold={threshold} />;
    if (!r.forms.share) return shown;
    const of = r.forms.share.of.suppressed
      ? t("suppressed.under", { threshold })
      : numbers.int(r.forms.share.of.value ?? 0);
    return (
      <>
        {shown}{" "}
        <span className="report-share-of">
          {t("status.formsShare", { percent: numbers.percent(r.forms.share.percent), of })}
        </span>
      </>
    );
  };
  const share = (r: Row): ReactNode => {
    if (!r.share) return null;
    const of = r.share.of.suppressed
      ? t("suppressed.under", { threshold })
      : numbers.int(r.share.of.value ?? 0);
    return (
      <>
        <strong>{numbers.percent(r.share.percent)}</strong>{" "}
        <span className="report-share-of">{t(`status.${r.share.ofLabel}`, { of })}</span>
      </>
    );
  };

  return (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label={t("status.caption")}>
      {/* Three short columns fit a phone, so the rows stay rows (no DKFDS responsive headers). */}
      <table className="table table--zebra report-status-table" data-testid="status-table">
        <caption className="sr-only">{t("status.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("status.col.figure")}</th>
            <th scope="col" className="report-number">
              {t("status.col.count")}
            </th>
            <th scope="col">{t("status.col.share")}</th>
            <th scope="col" className="report-number">
              {t("status.col.forms")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.sub ? "report-sub-row" : undefined} data-figure={r.key}>
              <th scope="row">
                {r.sub ? <span className="report-of-which">{t("status.ofWhich")} </span> : null}
                {r.label}
                {r.hint ? <span className="report-row-hint">{r.hint}</span> : null}
              </th>
              <td className="report-number">{value(r)}</td>
              <td>{share(r)}</td>
              <td className="report-number">{forms(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
