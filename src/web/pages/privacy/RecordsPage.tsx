/**
 * "Databeskyttelse" in the administration (issue 13 point 7 and "Done means"): the DPO overview —
 * how each right of the citizen is honoured and where in Broen, how long each kind of data lives
 * (with links to the retention rules and the scheduled jobs) — and the records of processing
 * (GDPR art. 30) as a printable document assembled from the configuration. Administrators and the
 * manager read it; only the administrator writes the controller's and DPO's contacts.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useCan } from "../../app/session";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { AdminFrame } from "../admin/AdminFrame";
import { ContactsForm } from "./ContactsForm";
import { RecordsDocument } from "./RecordsDocument";
import { recordsApi, recordsKeys } from "./records-api";
import { RestrictedCitizensSection } from "./RestrictedCitizensSection";
import { RetentionLinks, RightsOverview } from "./RightsOverview";
import "./records.css";

export default function RecordsPage() {
  const { t } = useTranslation("privacy");
  const { t: tc } = useTranslation();
  const can = useCan();
  const records = useQuery({
    queryKey: recordsKeys.records,
    queryFn: ({ signal }) => recordsApi.get(signal),
  });
  return (
    <AdminFrame title={tc("admin.privacy")}>
      <div className="records-page">
        <p className="font-lead d-print-none">{t("records.lead")}</p>
        <nav className="d-print-none" aria-label={t("records.jumpLabel")}>
          <ul className="records-links">
            <li>
              <a href="#records-rights">{t("records.jump.rights")}</a>
            </li>
            <li>
              <a href="#records-retention">{t("records.jump.retention")}</a>
            </li>
            <li>
              <a href="#records-document">{t("records.jump.document")}</a>
            </li>
          </ul>
        </nav>
        <RightsOverview />
        <RestrictedCitizensSection />
        <RetentionLinks />
        {records.isPending ? <Spinner /> : null}
        {records.isError ? <LoadError error={records.error} onRetry={() => void records.refetch()} /> : null}
        {records.data ? (
          <>
            {can({ kind: "settings.manage" }) ? (
              // Not keyed by the saved values: a save's refetch would mount a new form and drop its
              // "saved" message (the form already holds what it saved).
              <ContactsForm controller={records.data.controller} />
            ) : null}
            <RecordsDocument doc={records.data} />
          </>
        ) : null}
      </div>
    </AdminFrame>
  );
}
