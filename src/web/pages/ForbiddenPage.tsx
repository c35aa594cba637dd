import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../components/Page";

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("forbidden.title")}>{t("forbidden.title")}</PageHeading>
      <p>{t("forbidden.text")}</p>
      <p>
        <Link to="/">{t("common.toHome")}</Link>
      </p>
    </>
  );
}
