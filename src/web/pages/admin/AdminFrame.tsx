import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { PageHeading } from "../../components/Page";

const SECTIONS = [
  { to: "/administration/organisationer", key: "organisations" },
  { to: "/administration/distrikter", key: "districts" },
  { to: "/administration/brugere", key: "users" },
  { to: "/administration/sikkerhedslog", key: "securityLog" },
] as const;

/** Heading and the tabs between the administration pages. */
export function AdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <p className="pre-heading">{t("nav.administration")}</p>
      <PageHeading title={`${title} – ${t("nav.administration")}`}>{title}</PageHeading>
      <nav className="tab-container" aria-label={t("admin.sectionsLabel")}>
        <ul className="tab-list">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <Link to={s.to} className="tab-button" aria-current={pathname === s.to ? "true" : undefined}>
                <span>{t(`admin.${s.key}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6">{children}</div>
    </>
  );
}
