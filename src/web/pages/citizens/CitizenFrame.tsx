/** What the citizen page and its audit page share: back link, heading, CPR line and tabs. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { citizenResource, useCan, useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Icon } from "../../components/Icon";
import { PageHeading } from "../../components/Page";
import { useDates } from "../../format";
import { CprReveal } from "./CprReveal";

/** Back to the list with the search the user came from (its URL and its history state, kept in the link's state). */
export function BackToList() {
  const { t } = useTranslation();
  const location = useLocation();
  const { from, listState } = (location.state as { from?: string; listState?: unknown } | null) ?? {};
  return (
    <div>
      <Link
        to={from && from.startsWith("/borgere") ? from : "/borgere"}
        state={listState ?? null}
        className="back-link"
      >
        <Icon name="chevron-left" />
        {t("citizen.backToList")}
      </Link>
    </div>
  );
}

export function CitizenFrame({
  citizen,
  tab,
  title,
  children,
}: {
  citizen: CitizenDetail;
  tab: "data" | "audit" | "privacy";
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const location = useLocation();
  const dates = useDates();
  const resource = me ? citizenResource(me, citizen) : null;
  const showAudit = resource ? can({ kind: "citizen.auditTrail", citizen: resource }) : false;
  const canReveal = resource ? can({ kind: "citizen.revealCpr", citizen: resource }) : false;
  const showPrivacy = resource ? can({ kind: "citizen.privacy", citizen: resource }) : false;
  // Keep the list's search in the tab links too, so "back to list" still returns there.
  const state = location.state;

  return (
    <>
      <BackToList />
      <PageHeading title={title}>{citizen.name}</PageHeading>
      <p className="citizen-subline">
        <span className="citizen-subline-label">{t("citizen.cpr")}:</span>{" "}
        <CprReveal citizenId={citizen.id} masked={citizen.cprMasked} allowed={canReveal} />
      </p>
      {citizen.restrictedAt ? (
        // Only those handling the restriction open the citizen now (GDPR art. 18): say why nothing can be done.
        <Alert variant="warning" heading={t("citizen.restricted.heading")} className="mt-4">
          <p>{t("citizen.restricted.text", { since: dates.dateTime(citizen.restrictedAt) })}</p>
        </Alert>
      ) : null}
      {showAudit || showPrivacy ? (
        <nav className="tab-container" aria-label={t("citizen.tabsLabel")}>
          <ul className="tab-list">
            <li>
              <Link
                to={`/borgere/${citizen.id}`}
                state={state}
                className="tab-button"
                aria-current={tab === "data" ? "true" : undefined}
              >
                <span>{t("citizen.tabData")}</span>
              </Link>
            </li>
            {showAudit ? (
              <li>
                <Link
                  to={`/borgere/${citizen.id}/logning`}
                  state={state}
                  className="tab-button"
                  aria-current={tab === "audit" ? "true" : undefined}
                >
                  <span>{t("citizen.tabAudit")}</span>
                </Link>
              </li>
            ) : null}
            {showPrivacy ? (
              <li>
                <Link
                  to={`/borgere/${citizen.id}/databeskyttelse`}
                  state={state}
                  className="tab-button"
                  aria-current={tab === "privacy" ? "true" : undefined}
                >
                  <span>{t("citizen.tabPrivacy")}</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {children}
    </>
  );
}
