/** "Registreringer fra telefonen" (/afsendelser): the queue on a page of its own, for every role. */
import { useTranslation } from "react-i18next";
import { useMe } from "../app/session";
import { PageHeading } from "../components/Page";
import { OutboxPanel } from "./OutboxPanel";

export default function OutboxPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <>
      <PageHeading title={t("offline.pageTitle")}>{t("offline.pageTitle")}</PageHeading>
      <p className="font-lead">{t("offline.pageLead")}</p>
      {me ? <OutboxPanel userId={me.userId} /> : null}
    </>
  );
}
