import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { Action } from "../../../domain/access-policy";
import { useCan } from "../../app/session";
import { PageHeading } from "../../components/Page";

/** `action`: who sees the tab (default: administrators); the manager reaches the records of processing too. */
const SECTIONS: readonly { to: string; key: string; action?: Action }[] = [
  { to: "/administration/organisationer", key: "organisations" },
  { to: "/administration/distrikter", key: "districts" },
  { to: "/administration/brugere", key: "users" },
  { to: "/administration/sikkerhedslog", key: "securityLog" },
  { to: "/administration/log-ind", key: "identityLogin", action: { kind: "identityProvider.manage" } },
  { to: "/administration/job", key: "jobs", action: { kind: "job.status" } },
  { to: "/administration/opbevaring", key: "retention", action: { kind: "retention.read" } },
  { to: "/administration/databeskyttelse", key: "privacy", action: { kind: "privacy.records" } },
  { to: "/administration/omsorgsjournal", key: "careRecord", action: { kind: "careRecord.import" } },
  { to: "/administration/beskeder", key: "messaging", action: { kind: "messaging.configure" } },
  { to: "/administration/provisionering", key: "provisioning", action: { kind: "scimToken.manage" } },
];

/** Heading and the tabs between the administration pages. */
export function AdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const can = useCan();
  return (
    <>
      <p className="pre-heading">{t("nav.administration")}</p>
      <PageHeading title={`${title} – ${t("nav.administration")}`}>{title}</PageHeading>
      <nav className="tab-container" aria-label={t("admin.sectionsLabel")}>
        <ul className="tab-list">
          {SECTIONS.filter((s) => can(s.action ?? { kind: "admin.manage" })).map((s) => (
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
