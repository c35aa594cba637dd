/**
 * The DKFDS mobile menu (below 992 px): a modal drawer with the user, log off and the main
 * menu. Focus moves into it, Tab stays inside, Escape or the overlay closes it, and focus
 * returns to the menu button.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { Me } from "../../shared/api/auth";
import { Icon } from "../components/Icon";
import { MunicipalitySwitcher } from "./MunicipalitySwitcher";
import { type NavItem, currentItem } from "./nav";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]';

export function MobileDrawer({
  open,
  onClose,
  items,
  me,
  roleLabel,
  onLogout,
}: {
  open: boolean;
  onClose: () => void;
  items: NavItem[];
  me: Me;
  roleLabel: string;
  onLogout: () => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const drawer = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const currentTo = currentItem(location.pathname, items);

  useEffect(() => {
    if (!open) return;
    // The drawer is always rendered (hidden when closed), so this node is the one to check at cleanup.
    const node = drawer.current;
    document.body.classList.add("mobile-nav-active");
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        onClose();
        return;
      }
      if (e.key !== "Tab" || !drawer.current) return;
      const focusable = Array.from(drawer.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
        (el) => el.offsetParent !== null,
      );
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.body.classList.remove("mobile-nav-active");
      // Back to the menu button, unless a link already moved focus to the new page.
      if (node?.contains(document.activeElement)) document.getElementById("menu-open-button")?.focus();
    };
  }, [open, onClose]);

  return (
    <>
      <div
        className={`mobile-drawer${open ? " is-visible" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="menu-heading"
        ref={drawer}
        hidden={!open}
      >
        <div className="menu-top">
          <h2 id="menu-heading" className="menu-heading">
            {t("layout.menu")}
          </h2>
          <button
            type="button"
            className="function-link button-menu-close"
            onClick={onClose}
            ref={closeButton}
          >
            <Icon name="close" />
            {t("layout.closeMenu")}
          </button>
        </div>
        <div className="solution-info-mobile">
          <p className="mb-2">
            <strong className="authority-name">{me.municipality.name}</strong>
          </p>
          <MunicipalitySwitcher me={me} id="municipality-switch-mobile" />
        </div>
        <div className="portal-info-mobile">
          <p className="user">
            <span className="mb-3">{me.displayName}</span>
            <span>{roleLabel}</span>
          </p>
          <p>
            <button type="button" className="function-link d-print-none log-off" onClick={onLogout}>
              <Icon name="lock" />
              {t("layout.logout")}
            </button>
          </p>
        </div>
        <nav className="navigation-menu-mobile" aria-label={t("layout.mainMenu")}>
          <ul className="mainmenu">
            {items.map((item) => {
              const current = item.to === currentTo;
              return (
                <li key={item.to} className={current ? "active current" : undefined}>
                  <Link
                    to={item.to}
                    className="nav-link"
                    aria-current={current ? "page" : undefined}
                    onClick={onClose}
                  >
                    <span>{item.label}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
      <div className={`overlay${open ? " is-visible" : ""}`} onClick={onClose} aria-hidden="true" />
    </>
  );
}
