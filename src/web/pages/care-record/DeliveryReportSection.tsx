/**
 * "Omsorgsjournal (FHIR)" on the citizen's data-protection page (issue 14 point 2): the
 * administrator downloads the citizen's punch-card work as KL Gateway's CareDeliveryReport — the
 * file the push sends, to hand to the care record by hand or to check what it holds. Logged as an
 * export on the citizen's audit trail. Refusals (no SOR code on the provider, a restricted
 * citizen) are shown here, not downloaded as a file.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { copenhagenDate } from "../../../domain/time";
import { careDeliveryReportPath } from "../../../shared/api/care-record-delivery";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { api } from "../../api/client";
import { citizenResource, useCan, useMe } from "../../app/session";
import { ActionError } from "../../components/ActionError";
import { Button } from "../../components/Button";

/** The file's name as the server names it: the day and a short id, never CPR or name. */
function fileName(citizenId: string): string {
  return `broen-omsorgsjournal-${copenhagenDate(new Date())}-${citizenId.slice(0, 8)}.fhir.json`;
}

function save(content: unknown, name: string): void {
  const blob = new Blob([JSON.stringify(content, null, 2)], { type: "application/fhir+json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DeliveryReportSection({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation("careRecord");
  const { data: me } = useMe();
  const can = useCan();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  if (!me || !can({ kind: "citizen.careDeliveryReport", citizen: citizenResource(me, citizen) })) return null;

  const download = async () => {
    setPending(true);
    setError(null);
    setDone(false);
    try {
      // The API answers the Bundle itself (application/fhir+json); the prefix /api is the client's.
      const bundle = await api.get<unknown>(careDeliveryReportPath(citizen.id).replace(/^\/api/, ""));
      save(bundle, fileName(citizen.id));
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="care-delivery-report-heading" className="mt-8">
      <h2 id="care-delivery-report-heading">{t("delivery.title")}</h2>
      <p>{t("delivery.lead")}</p>
      <p>{t("delivery.logged")}</p>
      <div className="action-row">
        <Button variant="secondary" icon="download" pending={pending} onClick={() => void download()}>
          {t("delivery.download")}
        </Button>
      </div>
      <p role="status" className="mt-4">
        {done ? t("delivery.downloaded") : ""}
      </p>
      {error ? <ActionError error={error} /> : null}
    </section>
  );
}
