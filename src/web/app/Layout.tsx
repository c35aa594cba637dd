/**
 * The DKFDS page frame: skip link, header (portal line with language and user, solution line
 * with the municipality, main menu per role, mobile drawer), main landmark and footer.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, ScrollRestoration, useLocation } from "react-router";
import type { Me } from "../../shared/api/auth";
import { Icon } from "../components/Icon";
import { Spinner } from "../components/Spinner";
import { currentLanguage, setLanguage } from "../i18n";
import { OfflineStatus } from "../offline/OfflineStatus";
import { IdleWatcher } from "./IdleWatcher";
import { useLogout } from "./logout";
import { useCan, useMe } from "./session";
import { MobileDrawer } from "./MobileDrawer";
import { MunicipalitySwitcher } from "./MunicipalitySwitcher";
import { catalogNavItems } from "../pages/catalog/routes";
import { reportNavItems } from "../pages/reports/routes";
import { courseMainNavItems, courseMoreNavItems } from "../pages/courses/routes";
import { detectionNavItems } from "../pages/detection/routes";
import { type NavItem, currentItem } from "./nav";

function useNavItems(me: Me | null | undefined): NavItem[] {
  const { t } = useTranslation();
  const can = useCan();
  if (!me || me.mustChangePassword) return [];
  const items: NavItem[] = [{ to: "/", label: t("nav.home") }];
  if (can({ kind: "citizen.list" })) items.push({ to: "/borgere", label: t("nav.citizens") });
  items.push(...courseMainNavItems(t, can));
  items.push(...detectionNavItems(t, can, me));
  items.push(...catalogNavItems(t, can, me.role));
  items.push(...reportNavItems(t, can));
  items.push(...courseMoreNavItems(t, can, me.role));
  if (can({ kind: "admin.manage" })) items.push({ to: "/administration", label: t("nav.administration") });
  // The manager reads the records of processing (issue 13) without the rest of the administration.
  else if (can({ kind: "privacy.records" }))
    items.push({ to: "/administration/databeskyttelse", label: t("nav.privacy") });
  return items;
}

function LanguageToggle() {
  const { t } = useTranslation();
  const other = currentLanguage() === "da" ? "en" : "da";
  return (
    <button
      type="button"
      className="function-link language-toggle d-print-none"
      onClick={() => void setLanguage(other)}
    >
      <Icon name="language" />
      <span lang={other}>{t(`language.${other}`)}</span>
    </button>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { data: me, isPending: mePending, fetchStatus: meFetch } = useMe();
  const location = useLocation();
  const items = useNavItems(me);
  const currentTo = currentItem(location.pathname, items);
  const logout = useLogout();
  const [menuOpen, setMenuOpen] = useState(false);
  // A link followed in the menu closes it (adjusted while rendering, as React advises for state
  // that follows a changing value, so the drawer is never drawn open over the new page).
  const [menuPath, setMenuPath] = useState(location.pathname);
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }

  const roleLabel = me ? `${t(`roles.${me.role}`)}, ${me.organisation.name}` : "";
  // The frame is drawn once it is known who is logged in: a header that gained its menu and user
  // line after being drawn pushed the whole page down (issue 17 point 2, CLS). Without a network
  // the question is paused, not fetching, and the frame is drawn as it is.
  if (mePending && meFetch === "fetching") return <Spinner />;

  return (
    <>
      <a className="skipnav" href="#main-content">
        {t("layout.skipLink")}
      </a>
      <header className="header">
        <div className="portal-info">
          <div className="portal-info-inner container">
            <Link to="/" className="logo broen-logo" aria-label={t("layout.logoLabel")}>
              <BridgeMark />
              <span className="broen-logo-text">{me?.municipality.name ?? "Broen"}</span>
            </Link>
            <div className="portal-actions">
              <LanguageToggle />
              {items.length > 0 ? (
                <button
                  type="button"
                  className="function-link button-menu-open d-print-none"
                  aria-haspopup="dialog"
                  aria-expanded={menuOpen}
                  onClick={() => setMenuOpen(true)}
                  id="menu-open-button"
                >
                  <Icon name="menu" />
                  {t("layout.menu")}
                </button>
              ) : null}
              {me ? (
                <div className="portal-user">
                  <p className="user">
                    {me.displayName}
                    <span className="user-role">{roleLabel}</span>
                  </p>
                  <button
                    type="button"
                    className="function-link d-print-none log-off"
                    onClick={() => logout.mutate()}
                    disabled={logout.isPending}
                  >
                    <Icon name="lock" />
                    {t("layout.logout")}
                  </button>
                </div>
              ) : null}
            </div>
          </div>
        </div>
        <div className="solution-info">
          <div className="solution-info-inner container">
            <div className="solution-heading">
              <Link to="/" aria-label={t("layout.solutionLabel")}>
                Broen
              </Link>
              <span className="solution-tagline">{t("layout.tagline")}</span>
            </div>
            {me ? (
              <div className="additional-info">
                <p>
                  <strong className="authority-name">{me.municipality.name}</strong>
                </p>
                <p>{me.organisation.name}</p>
                <MunicipalitySwitcher me={me} id="municipality-switch" />
              </div>
            ) : null}
          </div>
        </div>
        {items.length > 0 ? (
          <div className="navigation-menu">
            <div className="navigation-menu-inner container">
              <nav className="nav" aria-label={t("layout.mainMenu")}>
                <ul className="mainmenu">
                  {items.map((item) => {
                    const current = item.to === currentTo;
                    return (
                      <li key={item.to} className={current ? "active current" : undefined}>
                        <Link to={item.to} className="nav-link" aria-current={current ? "page" : undefined}>
                          <span>{item.label}</span>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </nav>
            </div>
          </div>
        ) : null}
        {me && items.length > 0 ? (
          <MobileDrawer
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            items={items}
            me={me}
            roleLabel={roleLabel}
            onLogout={() => logout.mutate()}
          />
        ) : null}
      </header>
      <main id="main-content" className="container page-main" tabIndex={-1}>
        {me ? <OfflineStatus me={me} /> : null}
        <Outlet />
      </main>
      {me ? <IdleWatcher /> : null}
      {/* New pages start at the top; back and forward return to where the user was. */}
      <ScrollRestoration />
      <footer>
        <div className="footer">
          <div className="container">
            <div className="row">
              <div className="col-12 col-md-6 footer-col">
                <p className="h5 mb-2">Broen</p>
                <p>{t("layout.footerAbout")}</p>
              </div>
              <div className="col-12 col-md-6 footer-col">
                <ul className="unstyled-list">
                  <li>
                    <a href="/api/docs">{t("layout.apiDocs")}</a>
                  </li>
                  <li>{t("layout.demoNotice")}</li>
                </ul>
              </div>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

/** A small bridge drawn in the DKFDS primary colour; decorative. */
function BridgeMark() {
  return (
    <svg className="broen-mark" viewBox="0 0 40 24" aria-hidden="true" focusable="false">
      <path
        d="M2 18h36M6 18V10M34 18V10M2 10q18-14 36 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
      <path
        d="M12 18v-8.5M20 18v-10M28 18v-8.5"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}
