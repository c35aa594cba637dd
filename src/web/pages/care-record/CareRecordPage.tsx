/**
 * "Omsorgsjournal" (issue 14): the administrator keeps the register in step with the care record
 * (imports with preview and apply), configures the FHIR server pulled on a schedule and the push of
 * the punch-card work, and issues the system clients of the FHIR read API. One section per part.
 */
import { useTranslation } from "react-i18next";
import { AdminFrame } from "../admin/AdminFrame";
import { ClientsSection } from "./ClientsSection";
import { ExchangeSection } from "./ExchangeSection";
import { ImportSection } from "./ImportSection";

export default function CareRecordPage() {
  const { t } = useTranslation("careRecord");
  return (
    <AdminFrame title={t("page.title")}>
      <p className="font-lead">{t("page.lead")}</p>
      <ImportSection />
      <ExchangeSection />
      <ClientsSection />
    </AdminFrame>
  );
}
