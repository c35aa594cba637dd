/**
 * /platform — the municipalities of the installation with their size and health (issue 15 point 3):
 * counts and times only, never a person.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MunicipalityHealth } from "../../../shared/api/platform-admin";
import { buttonClass } from "../../components/Button";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { formatDateTime } from "../../format";
import { platformApi, platformKeys } from "./api";
import { RequirePlatform } from "./session";

function MunicipalityTable() {
  const { t } = useTranslation("platform");
  const list = useQuery({
    queryKey: platformKeys.municipalities,
    queryFn: ({ signal }) => platformApi.municipalities(signal),
  });
  if (list.isPending) return <Spinner />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data.municipalities;
  if (rows.length === 0) return <p>{t("list.empty")}</p>;
  const count = (key: keyof MunicipalityHealth, title: string): Column<MunicipalityHealth> => ({
    key,
    header: title,
    title,
    className: "text-align-right",
    render: (m) => String(m[key]),
  });
  const columns: Column<MunicipalityHealth>[] = [
    { key: "name", header: t("list.name"), title: t("list.name"), rowHeader: true, render: (m) => m.name },
    { key: "code", header: t("list.code"), title: t("list.code"), render: (m) => m.code },
    count("citizens", t("list.citizens")),
    count("users", t("list.users")),
    count("activeUsers30d", t("list.activeUsers")),
    count("openCourses", t("list.openCourses")),
    {
      key: "lastActivityAt",
      header: t("list.lastActivity"),
      title: t("list.lastActivity"),
      render: (m) => (m.lastActivityAt ? formatDateTime(m.lastActivityAt) : t("list.never")),
    },
    count("failedJobs30d", t("list.failedJobs")),
  ];
  return (
    <>
      <Table caption={t("list.caption")} columns={columns} rows={rows} rowKey={(m) => m.id} />
      <p className="form-hint mt-3">{t("list.countsOnly")}</p>
    </>
  );
}

export default function PlatformHomePage() {
  const { t } = useTranslation("platform");
  return (
    <RequirePlatform>
      <PageHeading title={t("title")}>{t("title")}</PageHeading>
      <p className="font-lead">{t("lead")}</p>
      <p>
        <Link to="/platform/kommuner/ny" className={buttonClass("primary")}>
          {t("list.create")}
        </Link>
      </p>
      <MunicipalityTable />
    </RequirePlatform>
  );
}
