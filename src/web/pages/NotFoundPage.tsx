import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../components/Page";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("notFound.title")}>{t("notFound.title")}</PageHeading>
      <p>{t("notFound.text")}</p>
      <p>
        <Link to="/">{t("common.toHome")}</Link>
      </p>
    </>
  );
}
