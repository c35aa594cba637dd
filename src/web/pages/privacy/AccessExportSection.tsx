/**
 * "Indsigt" on the citizen's data-protection page: the right of access (GDPR art. 15). Opens the
 * readable, printable document of everything Broen holds about the citizen, or downloads it as a
 * machine-readable file. Both are logged as an export on the citizen's audit trail.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { citizenResource, useCan, useMe } from "../../app/session";
import { buttonClass } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { accessExportApi } from "./access-export-api";

export function AccessExportSection({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation("privacy");
  const { data: me } = useMe();
  const can = useCan();
  if (!me || !can({ kind: "citizen.accessExport", citizen: citizenResource(me, citizen) })) return null;
  return (
    <section aria-labelledby="access-export-heading" className="mt-8">
      <h2 id="access-export-heading">{t("access.section.heading")}</h2>
      <p>{t("access.section.lead")}</p>
      <p>{t("access.section.logged")}</p>
      <div className="action-row">
        <Link to={`/borgere/${citizen.id}/indsigt`} className={buttonClass("primary")}>
          <Icon name="file" />
          {t("access.section.open")}
        </Link>
        <a href={accessExportApi.fileUrl(citizen.id)} className={buttonClass("secondary")} download>
          <Icon name="download" />
          {t("access.section.download")}
        </a>
      </div>
    </section>
  );
}
