/**
 * "Databeskyttelse": how Broen honours one citizen's data-protection rights (GDPR, issue 13) —
 * restriction (art. 18), the rectification history (art. 16), access (art. 15) and erasure
 * (art. 17). Each right is its own section component; this page only frames them.
 */
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { citizenResource, RequireCan, useMe } from "../../app/session";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { CitizenFrame } from "../citizens/CitizenFrame";
import { useCitizen } from "../citizens/useCitizen";
import { RestrictionSection } from "./RestrictionSection";
import { RevisionsSection } from "./RevisionsSection";
import { AccessExportSection } from "./AccessExportSection";
import { ErasureSection } from "./ErasureSection";
import { DeliveryReportSection } from "../care-record/DeliveryReportSection";

/**
 * The sections, in the order a DPO goes through the rights. Add a section with ONE line:
 * `<XSection citizen={citizen} />` (a named export taking `{ citizen: CitizenDetail }`); each
 * section checks its own policy action and renders nothing when the user may not use it.
 */
function Sections({ citizen }: { citizen: CitizenDetail }) {
  return (
    <div className="privacy-sections">
      <RestrictionSection citizen={citizen} />
      <RevisionsSection citizen={citizen} />
      <AccessExportSection citizen={citizen} />
      <DeliveryReportSection citizen={citizen} />
      <ErasureSection citizen={citizen} />
    </div>
  );
}

export default function CitizenPrivacyPage() {
  const { t } = useTranslation("privacy");
  const { id = "" } = useParams();
  const { data: me } = useMe();
  const citizen = useCitizen(id);
  if (citizen.isPending) return <Spinner />;
  if (citizen.isError) return <LoadError error={citizen.error} onRetry={() => void citizen.refetch()} />;
  const c = citizen.data;
  if (!me) return null;
  return (
    <RequireCan action={{ kind: "citizen.privacy", citizen: citizenResource(me, c) }}>
      <CitizenFrame citizen={c} tab="privacy" title={t("rights.title", { name: c.name })}>
        <p className="mt-6">{t("rights.lead")}</p>
        <Sections citizen={c} />
      </CitizenFrame>
    </RequireCan>
  );
}
