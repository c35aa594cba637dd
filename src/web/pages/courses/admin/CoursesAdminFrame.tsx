import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { PageHeading } from "../../../components/Page";
import "../courses.css";

const SECTIONS = [
  { to: "/administration/forloeb", key: "policy" },
  { to: "/administration/forloeb/definitioner", key: "definitions" },
  { to: "/administration/forloeb/timebudgetter", key: "budgets" },
] as const;

/** Heading and tabs of the course administration: the punch-card frame, guides and catalogues, hour budgets. */
export function CoursesAdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation("courses");
  const { pathname } = useLocation();
  const current = (to: string) =>
    to === "/administration/forloeb" ? pathname === to : pathname.startsWith(to);
  return (
    <>
      <p className="pre-heading">{t("admin.preHeading")}</p>
      <PageHeading title={`${title} – ${t("admin.preHeading")}`}>{title}</PageHeading>
      <nav className="tab-container" aria-label={t("admin.tabsLabel")}>
        <ul className="tab-list">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <Link to={s.to} className="tab-button" aria-current={current(s.to) ? "true" : undefined}>
                <span>{t(`admin.tab.${s.key}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6">{children}</div>
    </>
  );
}
