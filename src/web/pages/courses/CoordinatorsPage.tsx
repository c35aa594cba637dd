/** A manager's overview: every coordinator's caseload size and overdue follow-ups, each a link to that list. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { danishCollator } from "../../../domain/danish-text";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { type CoordinatorCount, courseKeys, coursesApi } from "./api";
import "./courses.css";

export default function CoordinatorsPage() {
  const { t } = useTranslation("courses");
  const list = useQuery({
    queryKey: courseKeys.coordinators,
    queryFn: ({ signal }) => coursesApi.coordinators(signal),
  });
  const rows = [...(list.data ?? [])].sort((a, b) =>
    danishCollator.compare(a.coordinator.name, b.coordinator.name),
  );
  const columns: Column<CoordinatorCount>[] = [
    {
      key: "name",
      header: t("coordinators.coordinator"),
      title: t("coordinators.coordinator"),
      rowHeader: true,
      render: (r) => <Link to={`/forloeb?koordinator=${r.coordinator.id}`}>{r.coordinator.name}</Link>,
    },
    {
      key: "open",
      header: t("coordinators.open"),
      title: t("coordinators.open"),
      render: (r) => r.openCourses,
    },
    {
      key: "overdue",
      header: t("coordinators.overdue"),
      title: t("coordinators.overdue"),
      render: (r) =>
        r.overdueFollowUps > 0 ? <span className="overdue-text">{r.overdueFollowUps}</span> : 0,
    },
  ];
  return (
    <>
      <PageHeading title={t("coordinators.title")}>{t("coordinators.title")}</PageHeading>
      <p className="font-lead">{t("coordinators.intro")}</p>
      <p>
        <Link to="/forloeb?koordinator=all">{t("coordinators.all")}</Link>
      </p>
      {list.isPending ? <Spinner /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        rows.length === 0 ? (
          <p>{t("coordinators.none")}</p>
        ) : (
          <Table
            caption={t("coordinators.title")}
            captionHidden
            columns={columns}
            rows={rows}
            rowKey={(r) => r.coordinator.id}
          />
        )
      ) : null}
    </>
  );
}
