/** One citizen: master data, contact persons and relatives; editors may change them. */
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { citizenResource, useCan, useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { buttonClass } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { LoadTogether, Spinner } from "../../components/Spinner";
import { formatDate, formatDateTime } from "../../format";
import { CitizenFrame } from "./CitizenFrame";
import { ContactsSection } from "./ContactsSection";
import { ConsentSection } from "../messaging/ConsentSection";
import { CitizenCourses } from "../courses/routes";
import { CitizenDetection } from "../detection/routes";
import { useCitizen } from "./useCitizen";

function MasterData({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation();
  const rows: Array<[string, string]> = [
    [t("citizen.birthDate"), formatDate(citizen.birthDate)],
    [t("citizen.age"), t("citizen.years", { count: citizen.age })],
    [t("citizen.address"), `${citizen.addressLine}, ${citizen.postalCode} ${citizen.city}`],
    [t("citizen.phone"), citizen.phone ?? "–"],
    [t("citizen.provider"), citizen.provider?.name ?? "–"],
    [t("citizen.district"), citizen.district?.name ?? "–"],
    [t("citizen.homeCareSince"), formatDate(citizen.homeCareSince)],
    [t("citizen.inTargetGroup"), citizen.inTargetGroup ? t("common.yes") : t("common.no")],
    [t("citizen.updatedAt"), formatDateTime(citizen.updatedAt)],
  ];
  return (
    <div className="table--responsive-scroll">
      <table className="table structured-list table-sm-responsive-headers">
        <caption className="sr-only">{t("citizen.masterData")}</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CitizenPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data: me } = useMe();
  const can = useCan();
  const location = useLocation();
  const citizen = useCitizen(id);
  const saved = (location.state as { saved?: "created" | "updated" } | null)?.saved;

  if (citizen.isPending) return <Spinner />;
  if (citizen.isError) return <LoadError error={citizen.error} onRetry={() => void citizen.refetch()} />;
  const c = citizen.data;
  const canEdit = me ? can({ kind: "citizen.update", citizen: citizenResource(me, c) }) : false;

  return (
    <CitizenFrame citizen={c} tab="data" title={c.name}>
      {saved ? (
        <Alert
          variant="success"
          heading={t(saved === "created" ? "citizen.createdHeading" : "citizen.updatedHeading")}
        >
          <p>{t("citizen.savedText", { name: c.name })}</p>
        </Alert>
      ) : null}
      {/* The worker's actions before the history and the data (issue 17 point 3): first on a phone.
          They load on their own; what follows is drawn with them, never pushed down by them (point 2). */}
      <LoadTogether after={<CitizenSections citizen={c} canEdit={canEdit} />}>
        <CitizenDetection citizen={c} part="actions" />
      </LoadTogether>
    </CitizenFrame>
  );
}

function CitizenSections({ citizen: c, canEdit }: { citizen: CitizenDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const location = useLocation();
  return (
    <>
      <section aria-labelledby="master-data-heading" className="mt-6">
        <div className="section-title-row">
          <h2 id="master-data-heading">{t("citizen.masterData")}</h2>
          {canEdit ? (
            <Link to={`/borgere/${c.id}/rediger`} state={location.state} className={buttonClass("secondary")}>
              <Icon name="edit" />
              {t("citizen.edit")}
            </Link>
          ) : null}
        </div>
        <MasterData citizen={c} />
      </section>
      <ContactsSection citizen={c} canEdit={canEdit} />
      <ConsentSection citizen={c} />
      {me && can({ kind: "course.read", citizen: citizenResource(me, c) }) ? (
        <CitizenCourses citizen={c} />
      ) : null}
      <CitizenDetection citizen={c} part="history" />
    </>
  );
}
