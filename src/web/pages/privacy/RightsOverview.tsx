/**
 * The DPO overview's first part (issue 13, "Done means"): how Broen honours each right of the
 * citizen — access, rectification, restriction, withdrawal of consent, erasure — and where in Broen
 * it is done; then where the retention rules and their scheduled runs are.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../app/session";

const RIGHTS = ["access", "rectification", "restriction", "consent", "erasure"] as const;

export function RightsOverview() {
  const { t } = useTranslation("privacy");
  const can = useCan();
  return (
    <section id="records-rights" className="d-print-none" aria-labelledby="records-rights-heading">
      <h2 id="records-rights-heading">{t("records.rights.heading")}</h2>
      <p>
        {t("records.rights.intro")}{" "}
        {can({ kind: "citizen.list" }) ? <Link to="/borgere">{t("records.rights.findCitizen")}</Link> : null}
      </p>
      <ul className="records-rights">
        {RIGHTS.map((right) => (
          <li key={right} data-testid={`right-${right}`}>
            <h3>{t(`records.rights.items.${right}.title`)}</h3>
            <p>{t(`records.rights.items.${right}.how`)}</p>
            <p>
              <strong>{t("records.rights.where")}:</strong> {t(`records.rights.items.${right}.where`)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RetentionLinks() {
  const { t } = useTranslation("privacy");
  const can = useCan();
  return (
    <section id="records-retention" className="d-print-none" aria-labelledby="records-retention-heading">
      <h2 id="records-retention-heading">{t("records.retentionLinks.heading")}</h2>
      <p>{t("records.retentionLinks.intro")}</p>
      <ul className="records-links">
        <li>
          <a href="#records-retention-rules">{t("records.retentionLinks.toTable")}</a>
        </li>
        {can({ kind: "retention.read" }) ? (
          <li>
            <Link to="/administration/opbevaring">{t("records.retentionLinks.retention")}</Link>
          </li>
        ) : null}
        {can({ kind: "job.status" }) ? (
          <li>
            <Link to="/administration/job">{t("records.retentionLinks.jobs")}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
