/**
 * The association listing: who it is, who it can receive (inclusion criteria), where the
 * municipality stands with it (collaboration agreement), how it answers (typical reply time and
 * the share of placements it took on, or "ingen data endnu"), its activities, and for those who
 * keep it: edit, add an activity, "Bekræft oplysninger" and the history of changes.
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useLocation, useParams } from "react-router";
import { useCan } from "../../../app/session";
import { Alert } from "../../../components/Alert";
import { buttonClass } from "../../../components/Button";
import { Icon } from "../../../components/Icon";
import { type OrganisationDetail, catalogApi, catalogKeys } from "../api";
import { ActivityResults } from "../search/ActivityResults";
import { Facts, LastVerified, QueryPage } from "../ui";
import { ChangeHistory, VerifyButton } from "../upkeep/EntryUpkeep";
import { useWords } from "../words";

export default function OrganisationPage() {
  const { t } = useWords();
  const { id = "" } = useParams();
  const saved = (useLocation().state as { saved?: "created" | "updated" } | null)?.saved;
  const organisation = useQuery({
    queryKey: catalogKeys.organisation(id),
    queryFn: ({ signal }) => catalogApi.organisation(id, signal),
  });
  return (
    <QueryPage
      back={["/katalog/foreninger", t("organisation.listTitle")]}
      title={organisation.data?.name ?? t("organisation.titlePlain")}
      query={organisation}
      notice={
        saved ? (
          <Alert
            variant="success"
            heading={t(saved === "created" ? "form.createdOrganisation" : "form.saved")}
          />
        ) : null
      }
    >
      {(o) => <OrganisationBody organisation={o} />}
    </QueryPage>
  );
}

function OrganisationBody({ organisation: o }: { organisation: OrganisationDetail }) {
  const w = useWords();
  const { t } = w;
  const can = useCan();
  const mayEdit = can({ kind: "catalog.edit", managedByOrganisationId: o.managedBy?.id ?? null });
  const address = o.address ? `${o.address.line}, ${o.address.postalCode} ${o.address.city}` : "–";
  return (
    <>
      {!o.active ? <Alert variant="warning" heading={t("organisation.inactive")} /> : null}
      <p className="card-meta">
        <span>{w.code("orgKind", o.kind)}</span>
        <span className="catalog-tag">{w.code("agreement", o.collaborationAgreement)}</span>
      </p>
      {o.description ? <p className="note-body catalog-description">{o.description}</p> : null}
      {mayEdit ? (
        <div className="action-row d-print-none">
          <Link to={`/katalog/foreninger/${o.id}/rediger`} className={buttonClass("secondary")}>
            <Icon name="edit" />
            {t("organisation.edit")}
          </Link>
          <Link to={`/katalog/aktiviteter/ny?forening=${o.id}`} className={buttonClass("secondary")}>
            <Icon name="plus" />
            {t("organisation.addActivity")}
          </Link>
          <VerifyButton kind="organisation" id={o.id} version={o.version} />
        </div>
      ) : null}
      <Facts
        testId="organisation-facts"
        rows={[
          [
            t("organisation.inclusion"),
            o.inclusionCriteria ? (
              <span key="i" className="note-body">
                {o.inclusionCriteria}
              </span>
            ) : (
              t("organisation.noInclusion")
            ),
          ],
          [t("organisation.agreement"), w.code("agreement", o.collaborationAgreement)],
          [t("organisation.address"), address],
          [
            t("organisation.phone"),
            o.phone ? (
              <a key="p" href={`tel:${o.phone.replace(/\s/g, "")}`}>
                {o.phone}
              </a>
            ) : (
              "–"
            ),
          ],
          [
            t("organisation.email"),
            o.email ? (
              <a key="e" href={`mailto:${o.email}`}>
                {o.email}
              </a>
            ) : (
              "–"
            ),
          ],
          [
            t("organisation.website"),
            o.website ? (
              <a key="w" href={o.website} rel="noopener noreferrer" target="_blank">
                {o.website}
              </a>
            ) : (
              "–"
            ),
          ],
          [t("organisation.managedBy"), o.managedBy?.name ?? "–"],
          [t("organisation.lastVerified"), <LastVerified key="v" on={o.lastVerifiedOn} />],
        ]}
      />
      <Statistics statistics={o.statistics} />
      <section aria-labelledby="org-activities" className="mt-7">
        <h2 id="org-activities">{t("organisation.activitiesHeading", { count: o.activities.length })}</h2>
        {o.activities.length === 0 ? (
          <p>{t("organisation.noActivities")}</p>
        ) : (
          <ActivityResults
            items={o.activities.map((a) => ({ ...a, distanceKm: null }))}
            showDistance={false}
          />
        )}
      </section>
      <ChangeHistory entityId={o.id} />
    </>
  );
}

/** Reply time in hours below two days, else in days; the share taken on in per cent. */
function Statistics({ statistics: s }: { statistics: OrganisationDetail["statistics"] }) {
  const w = useWords();
  const { t } = w;
  const reply = s.replyTime
    ? s.replyTime.medianHours < 48
      ? t("stats.hours", { count: Math.round(s.replyTime.medianHours), measured: s.replyTime.measured })
      : t("stats.days", { count: Math.round(s.replyTime.medianHours / 24), measured: s.replyTime.measured })
    : t("stats.noData");
  const taken = s.takenOn
    ? t("stats.taken", {
        percent: w.number(s.takenOn.share * 100, 0),
        taken: s.takenOn.taken,
        of: s.takenOn.of,
      })
    : t("stats.noData");
  return (
    <section aria-labelledby="org-stats" className="mt-7">
      <h2 id="org-stats">{t("stats.heading")}</h2>
      <p className="form-hint">{t("stats.hint", { count: s.placements })}</p>
      <Facts
        testId="organisation-stats"
        rows={[
          [t("stats.replyTime"), reply],
          [t("stats.takenOn"), taken],
        ]}
      />
    </section>
  );
}
