/**
 * One activity with every field: organisation, description, themes and interests, place,
 * schedule, accessibility, cost, group size, contact, last verified — and for those who keep
 * it: edit, "Bekræft oplysninger", take it out of the catalog, and the history of changes.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useParams } from "react-router";
import { useCan } from "../../../app/session";
import { ActionError } from "../../../components/ActionError";
import { Alert } from "../../../components/Alert";
import { Button, buttonClass } from "../../../components/Button";
import { Icon } from "../../../components/Icon";
import { useWrite } from "../../../forms/useWrite";
import { type Activity, catalogApi, catalogKeys } from "../api";
import { Facts, FeatureList, LastVerified, QueryPage, ThemeTags } from "../ui";
import { ChangeHistory, VerifyButton } from "../upkeep/EntryUpkeep";
import { useWords } from "../words";

export default function ActivityPage() {
  const w = useWords();
  const { id = "" } = useParams();
  const saved = (useLocation().state as { saved?: "created" | "updated" } | null)?.saved;
  const activity = useQuery({
    queryKey: catalogKeys.activity(id),
    queryFn: ({ signal }) => catalogApi.activity(id, signal),
  });
  return (
    <QueryPage
      back={["/katalog", w.t("search.title")]}
      title={activity.data?.title ?? w.t("activity.titlePlain")}
      query={activity}
      notice={
        saved ? (
          <Alert
            variant="success"
            heading={w.t(saved === "created" ? "form.createdActivity" : "form.saved")}
          />
        ) : null
      }
    >
      {(a) => <ActivityBody activity={a} />}
    </QueryPage>
  );
}

function ActivityBody({ activity: a }: { activity: Activity }) {
  const w = useWords();
  const { t } = w;
  const can = useCan();
  const mayEdit = can({ kind: "catalog.edit", managedByOrganisationId: a.managedByOrganisationId });
  return (
    <>
      {!a.active ? <Alert variant="warning" heading={t("activity.inactive")} /> : null}
      <p className="card-meta">
        <Link to={`/katalog/foreninger/${a.organisation.id}`}>{a.organisation.name}</Link>
        <ThemeTags themes={a.themes} />
      </p>
      {a.description ? <p className="note-body catalog-description">{a.description}</p> : null}
      {mayEdit ? (
        <div className="action-row d-print-none">
          <Link to={`/katalog/aktiviteter/${a.id}/rediger`} className={buttonClass("secondary")}>
            <Icon name="edit" />
            {t("activity.edit")}
          </Link>
          <VerifyButton kind="activity" id={a.id} version={a.version} />
          {a.active ? <DeactivateButton activity={a} /> : null}
        </div>
      ) : null}
      <Facts
        testId="activity-facts"
        rows={[
          [t("activity.when"), w.schedule(a.schedule)],
          [t("activity.where"), w.place(a.place)],
          [
            t("activity.accessibility"),
            <FeatureList
              key="f"
              features={a.accessibility}
              placeKind={a.place.kind}
              testId="activity-features"
            />,
          ],
          [t("activity.groupSize"), w.code("groupSize", a.groupSize)],
          [t("activity.cost"), w.cost(a.cost)],
          [t("activity.interests"), a.interests.length > 0 ? w.list(a.interests.map(w.interest)) : "–"],
          [
            t("activity.contact"),
            a.contact ? <ContactText key="c" contact={a.contact} /> : t("activity.noContact"),
          ],
          [t("activity.lastVerified"), <LastVerified key="v" on={a.lastVerifiedOn} />],
        ]}
      />
      <ChangeHistory entityId={a.id} />
    </>
  );
}

export function ContactText({ contact }: { contact: NonNullable<Activity["contact"]> }) {
  return (
    <>
      {contact.name}
      {contact.phone ? (
        <>
          {" · "}
          <a href={`tel:${contact.phone.replace(/\s/g, "")}`}>{contact.phone}</a>
        </>
      ) : null}
      {contact.email ? (
        <>
          {" · "}
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </>
      ) : null}
    </>
  );
}

function DeactivateButton({ activity }: { activity: Activity }) {
  const { t } = useWords();
  const client = useQueryClient();
  const deactivate = useWrite(
    (version: number, key) => catalogApi.deactivateActivity(activity.id, version, key),
    { onSettled: () => void client.invalidateQueries({ queryKey: ["catalog"] }) },
  );
  return (
    <>
      <Button
        variant="secondary"
        icon="visibility-off"
        pending={deactivate.isPending}
        onClick={() => deactivate.mutate(activity.version)}
      >
        {t("activity.deactivate")}
      </Button>
      {deactivate.error ? <ActionError error={deactivate.error} /> : null}
    </>
  );
}
