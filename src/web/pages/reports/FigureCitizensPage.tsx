/**
 * The citizens behind one figure of the status report (for roles with citizen access; every
 * citizen shown is audited by the API). Each citizen once, even with several forms in the
 * period; the list stops at 1,000.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { EXCLUSION_REASONS, type ExclusionReason } from "../../../domain/vocabulary/detection";
import { STATUS_FIGURES, type StatusFigureKey } from "../../../domain/vocabulary/reports";
import { type FigureCitizenRow, reportKeys, reportsApi } from "./api";
import { useReportQuery } from "./ReportFrame";
import { useScopeText } from "./ReportFilters";
import { paramsFromReportQuery } from "./period";
import "./reports.css";

const LIMIT = 1000;

const isFigure = (value: string | undefined): value is StatusFigureKey =>
  (STATUS_FIGURES as readonly string[]).includes(value ?? "");
const isReason = (value: string | null): value is ExclusionReason =>
  (EXCLUSION_REASONS as readonly string[]).includes(value ?? "");

export default function FigureCitizensPage() {
  const { t } = useTranslation("reports");
  const { t: td } = useTranslation("detection");
  const { figure: param } = useParams();
  const [params] = useSearchParams();
  const query = useReportQuery();
  const scopeText = useScopeText();
  const figure = isFigure(param) ? param : null;
  const reason =
    figure === "excluded" && isReason(params.get("reason"))
      ? (params.get("reason") as ExclusionReason)
      : undefined;
  const list = useQuery({
    queryKey: reportKeys.figureCitizens(figure ?? "formsFilled", query, reason),
    queryFn: ({ signal }) => reportsApi.figureCitizens(figure!, query, reason, signal),
    enabled: figure !== null,
  });
  const what = figure
    ? t(`status.row.${figure}`) + (reason ? ` – ${td(`exclusion.${reason}`)}` : "")
    : t("citizens.unknownFigure");
  const title = t("citizens.title", { what });
  const rows = list.data ?? [];
  const columns: Column<FigureCitizenRow>[] = [
    {
      key: "name",
      header: t("citizens.name"),
      title: t("citizens.name"),
      rowHeader: true,
      render: (c) => <Link to={`/borgere/${c.id}`}>{c.name}</Link>,
    },
    { key: "address", header: t("citizens.address"), title: t("citizens.address"), render: (c) => c.address },
  ];
  return (
    <>
      <div>
        <Link to={`/rapporter?${paramsFromReportQuery(query).toString()}`} className="back-link">
          <Icon name="chevron-left" />
          {t("citizens.back")}
        </Link>
      </div>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="report-showing">
        <strong>{t("filters.showing")}</strong> {scopeText(query)}
      </p>
      {figure ? <p>{t("citizens.intro")}</p> : <p>{t("citizens.unknownFigureText")}</p>}
      {list.isLoading ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        rows.length === 0 ? (
          <p>{t("citizens.none")}</p>
        ) : (
          <>
            <p data-testid="figure-citizen-count">{t("citizens.count", { count: rows.length })}</p>
            {rows.length >= LIMIT ? (
              <p className="form-hint">{t("citizens.limited", { limit: LIMIT })}</p>
            ) : null}
            <Table caption={title} captionHidden columns={columns} rows={rows} rowKey={(c) => c.id} />
          </>
        )
      ) : null}
    </>
  );
}
