/**
 * The change in loneliness on the status page: baseline/follow-up pairs answered in the period,
 * the mean change and how many moved from lonely to not lonely — always with the number of pairs
 * behind it, and a warning when they are too few to mean anything.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { type ReportQuery, reportsApi } from "./api";
import { FigureValue, useNumbers } from "./ui";

export function OutcomeSummary({ query }: { query: ReportQuery }) {
  const { t } = useTranslation("reports");
  const numbers = useNumbers();
  const report = useQuery({
    queryKey: ["reports", "outcomes", query],
    queryFn: ({ signal }) => reportsApi.outcomeReport(query, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  if (!r) return null;
  return (
    <section aria-labelledby="report-outcome-heading">
      <h2 id="report-outcome-heading">{t("outcomeReport.heading")}</h2>
      <p>{t("outcomeReport.intro", { questionnaire: r.questionnaireKey.toUpperCase() })}</p>
      {r.tooFewToConclude ? (
        <Alert variant="warning" headingLevel={3} heading={t("outcomeReport.tooFewHeading")}>
          <p>{t("outcomeReport.tooFewText", { minimum: r.minimumPairs })}</p>
        </Alert>
      ) : null}
      <div className="table--responsive-scroll">
        <table className="table table--compact">
          <tbody>
            <tr>
              <th scope="row">{t("outcomeReport.pairs")}</th>
              <td>
                <FigureValue figure={r.pairs} threshold={r.smallNumberThreshold} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t("outcomeReport.meanBaseline")}</th>
              <td>{numbers.dec(r.meanBaseline)}</td>
            </tr>
            <tr>
              <th scope="row">{t("outcomeReport.meanFollowUp")}</th>
              <td>{numbers.dec(r.meanFollowUp)}</td>
            </tr>
            <tr>
              <th scope="row">{t("outcomeReport.meanChange")}</th>
              <td>{numbers.dec(r.meanChange)}</td>
            </tr>
            <tr>
              <th scope="row">{t("outcomeReport.moved")}</th>
              <td>
                <FigureValue figure={r.movedOutOfLoneliness.count} threshold={r.smallNumberThreshold} /> /{" "}
                <FigureValue figure={r.movedOutOfLoneliness.of} threshold={r.smallNumberThreshold} /> (
                {numbers.percent(r.movedOutOfLoneliness.percent)})
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {r.citizens.length > 0 ? (
        <details>
          <summary>{t("outcomeReport.perCitizen", { count: r.citizens.length })}</summary>
          <div className="table--responsive-scroll">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t("outcomeReport.citizen")}</th>
                  <th scope="col">{t("outcomeReport.baseline")}</th>
                  <th scope="col">{t("outcomeReport.followUp")}</th>
                  <th scope="col">{t("outcomeReport.change")}</th>
                </tr>
              </thead>
              <tbody>
                {r.citizens.map((c) => (
                  <tr key={c.citizen.id}>
                    <td>{c.citizen.name}</td>
                    <td>{numbers.dec(c.baseline)}</td>
                    <td>{numbers.dec(c.followUp)}</td>
                    <td>{numbers.dec(c.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
