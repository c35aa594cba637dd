/**
 * "Spørgeskemaer der skal besvares": outcome questionnaires due today or earlier and not yet
 * answered (baseline and follow-up), oldest first, each a link to the course where it is
 * recorded. A coordinator sees their own courses' unless they choose everyone's.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useMe } from "../../app/session";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useDates } from "../../format";
import { type OutcomeDueRow, reportKeys, reportsApi } from "./api";
import { today } from "./period";
import { useQuestionnaireTitle } from "./course/questionnaires";
import "./reports.css";

export default function OutcomesDuePage() {
  const { t } = useTranslation("reports");
  const dates = useDates();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const coordinator = me?.role === "community_coordinator";
  const all = !coordinator || params.get("all") === "true";
  const list = useQuery({
    queryKey: reportKeys.due(all),
    queryFn: ({ signal }) => reportsApi.due(all, signal),
  });
  const questionnaireTitle = useQuestionnaireTitle();
  const day = today();
  const title = t("due.title");
  const columns: Column<OutcomeDueRow>[] = [
    {
      key: "citizen",
      header: t("due.citizen"),
      title: t("due.citizen"),
      rowHeader: true,
      render: (r) => <Link to={`/forloeb/${r.courseId}#course-outcomes`}>{r.citizen.name}</Link>,
    },
    {
      key: "phase",
      header: t("due.phase"),
      title: t("due.phase"),
      render: (r) => t(`outcomes.phase.${r.phase}`),
    },
    {
      key: "questionnaire",
      header: t("due.questionnaire"),
      title: t("due.questionnaire"),
      render: (r) => questionnaireTitle(r.questionnaireKey),
    },
    {
      key: "due",
      header: t("due.dueOn"),
      title: t("due.dueOn"),
      render: (r) =>
        r.dueOn < day ? (
          <span className="overdue-text">{t("outcomes.overdue", { date: dates.day(r.dueOn) })}</span>
        ) : (
          dates.day(r.dueOn)
        ),
    },
    {
      key: "coordinator",
      header: t("due.coordinator"),
      title: t("due.coordinator"),
      render: (r) => r.coordinator.name,
    },
  ];
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="font-lead">{t("due.intro")}</p>
      {coordinator ? (
        <p>
          {all ? (
            <Link to="/rapporter/maalinger">{t("due.mine")}</Link>
          ) : (
            <Link to="/rapporter/maalinger?all=true">{t("due.all")}</Link>
          )}
        </p>
      ) : null}
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.length === 0 ? (
          <p>{t("due.none")}</p>
        ) : (
          <>
            <p>{t("due.count", { count: list.data.length })}</p>
            <Table caption={title} captionHidden columns={columns} rows={list.data} rowKey={(r) => r.id} />
          </>
        )
      ) : null}
    </>
  );
}
