/** The coordinator's start page: how many open courses, and the follow-ups that are overdue. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { courseKeys, coursesApi } from "./api";
import "./courses.css";

export default function CaseloadGlance() {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const caseload = useQuery({
    queryKey: courseKeys.caseload(null),
    queryFn: ({ signal }) => coursesApi.caseload(null, signal),
  });
  const overdue = (caseload.data ?? []).filter((c) => c.followUpOverdue);
  const warn = (caseload.data ?? []).filter((c) => c.cardWarning);
  return (
    <section aria-labelledby="glance-heading" className="glance-box">
      <h2 id="glance-heading">{t("home.caseloadTitle")}</h2>
      {caseload.isPending ? <Spinner /> : null}
      {caseload.error ? <LoadError error={caseload.error} onRetry={() => void caseload.refetch()} /> : null}
      {caseload.data ? (
        <>
          <p>
            {t("caseload.count", { count: caseload.data.length })}
            {overdue.length > 0 ? ` · ${t("caseload.overdueCount", { count: overdue.length })}` : null}
            {warn.length > 0 ? ` · ${t("home.fewClips", { count: warn.length })}` : null}
          </p>
          {overdue.length > 0 ? (
            <ul>
              {overdue.slice(0, 5).map((c) => (
                <li key={c.id}>
                  <Link to={`/forloeb/${c.id}`}>{c.citizen.name}</Link> –{" "}
                  <span className="overdue-text">
                    {t("caseload.overdue", { date: c.nextFollowUpOn ? dates.day(c.nextFollowUpOn) : "–" })}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <Link to="/forloeb">{t("home.toCaseload")}</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
