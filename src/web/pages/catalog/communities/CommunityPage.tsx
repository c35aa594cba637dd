/**
 * One small community: its members (and who has left), where it meets, its host, the meetings
 * held — recorded by the coordinator or the host — and ending it kindly with a reason when the
 * chemistry is not there (the members' courses go on).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { RecordMeetingBody } from "../../../../shared/api/placements";
import { useCan } from "../../../app/session";
import { ActionError } from "../../../components/ActionError";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { TextAreaField, TextField } from "../../../components/Field";
import { FormActions } from "../../../components/FormLayout";
import { todayInCopenhagen, useDates } from "../../../format";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { validate } from "../../../forms/validation";
import { type SmallCommunity, afproevApi, catalogKeys } from "../api";
import { Facts, QueryPage } from "../ui";
import { ReasonForm } from "../ReasonForm";
import { useWords } from "../words";

export default function CommunityPage() {
  const { t } = useWords();
  const { id = "" } = useParams();
  const created = (useLocation().state as { created?: boolean } | null)?.created;
  const community = useQuery({
    queryKey: catalogKeys.community(id),
    queryFn: ({ signal }) => afproevApi.community(id, signal),
  });
  return (
    <QueryPage
      back={["/smaa-faellesskaber", t("community.title")]}
      title={community.data?.name ?? t("community.titlePlain")}
      query={community}
      notice={created ? <Alert variant="success" heading={t("community.created")} /> : null}
    >
      {(c) => <CommunityBody community={c} />}
    </QueryPage>
  );
}

function CommunityBody({ community: c }: { community: SmallCommunity }) {
  const w = useWords();
  const { t } = w;
  const dates = useDates();
  const can = useCan();
  const client = useQueryClient();
  const [panel, setPanel] = useState<"meeting" | "end" | null>(null);
  const live = c.status !== "ended";
  const manage = live && can({ kind: "smallCommunity.manage" });
  const record = live && can({ kind: "smallCommunity.recordMeeting", hostUserId: c.host?.id ?? null });
  const remove = useMutation({
    mutationFn: (courseId: string) => afproevApi.removeMember(c.id, courseId),
    onSuccess: (next) => client.setQueryData(catalogKeys.community(c.id), next),
    onSettled: () => void client.invalidateQueries({ queryKey: ["small-communities"] }),
  });
  return (
    <>
      {c.status === "ended" ? (
        <Alert
          variant="info"
          heading={t("community.ended", { date: c.endedAt ? dates.dateTime(c.endedAt) : "–" })}
        >
          {c.endReason ? <p className="note-body">{c.endReason}</p> : null}
        </Alert>
      ) : null}
      <Facts
        rows={[
          [t("community.status"), w.code("communityStatus", c.status)],
          [t("community.meetingPlace"), c.meetingPlace ?? "–"],
          [t("community.host"), c.host?.name ?? t("community.noHost")],
          [t("community.createdBy"), `${c.createdBy.name}, ${dates.dateTime(c.createdAt)}`],
        ]}
      />
      <h2 id="members-heading">{t("community.members")}</h2>
      <ul className="card-list" aria-labelledby="members-heading" data-testid="community-members">
        {c.members.map((m) => (
          <li key={m.courseId}>
            <h3>
              <Link to={`/forloeb/${m.courseId}`}>{m.citizen.name}</Link>
              {m.leftAt ? (
                <span className="status-tag ml-2">
                  {t("community.left", { date: dates.dateTime(m.leftAt) })}
                </span>
              ) : null}
            </h3>
            <p className="card-meta">{m.citizen.address}</p>
            {manage && !m.leftAt ? (
              <Button
                variant="secondary"
                pending={remove.isPending && remove.variables === m.courseId}
                onClick={() => remove.mutate(m.courseId)}
              >
                {t("community.removeMember", { name: m.citizen.name })}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {remove.error ? <ActionError error={remove.error} /> : null}
      <div className="action-row">
        {record ? (
          <Button
            variant="secondary"
            icon="plus"
            aria-expanded={panel === "meeting"}
            onClick={() => setPanel(panel === "meeting" ? null : "meeting")}
          >
            {t("community.recordMeeting")}
          </Button>
        ) : null}
        {manage ? (
          <Button
            variant="secondary"
            icon="close"
            aria-expanded={panel === "end"}
            onClick={() => setPanel(panel === "end" ? null : "end")}
          >
            {t("community.end")}
          </Button>
        ) : null}
      </div>
      {panel === "meeting" ? <MeetingForm community={c} onDone={() => setPanel(null)} /> : null}
      {panel === "end" ? (
        <ReasonForm
          id="end-reason"
          intro={t("community.endIntro")}
          label={t("community.endReason")}
          submitLabel={t("community.confirmEnd")}
          requiredMessage={t("community.errors.reason")}
          run={(reason, key) => afproevApi.endCommunity(c.id, reason, key)}
          onDone={(next) => {
            client.setQueryData(catalogKeys.community(c.id), next);
            void client.invalidateQueries({ queryKey: ["small-communities"] });
            setPanel(null);
          }}
        />
      ) : null}
      <h2 id="meetings-heading">{t("community.meetings", { count: c.meetings.length })}</h2>
      {c.meetings.length === 0 ? <p>{t("community.noMeetings")}</p> : null}
      <ol className="history-list" aria-labelledby="meetings-heading" data-testid="community-meetings">
        {[...c.meetings]
          .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
          .map((m) => (
            <li key={m.id}>
              <p className="mb-0">
                <strong>{dates.day(m.heldOn)}</strong>
                {m.place ? ` · ${m.place}` : null}
              </p>
              <p className="card-meta">{m.recordedBy.name}</p>
              {m.note ? <p className="note-body">{m.note}</p> : null}
            </li>
          ))}
      </ol>
    </>
  );
}

function MeetingForm({ community, onDone }: { community: SmallCommunity; onDone: () => void }) {
  const { t } = useWords();
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const form = useForm({ heldOn: todayInCopenhagen(), place: community.meetingPlace ?? "", note: "" });
  const { values, set, errors } = form;
  const save = useSubmit(
    form,
    (body: RecordMeetingBody, key) => afproevApi.recordMeeting(community.id, body, key),
    () => {
      void client.invalidateQueries({ queryKey: ["small-communities"] });
      onDone();
    },
  );
  const fields = [
    { name: "heldOn", inputId: "meeting-date", label: t("community.heldOn") },
    { name: "place", inputId: "meeting-place", label: t("community.meetingPlace") },
    { name: "note", inputId: "meeting-note", label: t("community.note") },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(RecordMeetingBody, values, tc);
    if (!result.ok) return form.fail(result.errors);
    form.clear();
    save.mutate(result.data);
  };
  return (
    <form onSubmit={submit} noValidate className="section-panel" aria-label={t("community.recordMeeting")}>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <TextField
        id="meeting-date"
        type="date"
        label={t("community.heldOn")}
        width="input-width-s"
        max={todayInCopenhagen()}
        value={values.heldOn}
        onChange={set("heldOn")}
        error={errors.heldOn}
      />
      <TextField
        id="meeting-place"
        label={t("community.meetingPlace")}
        optional
        value={values.place}
        onChange={set("place")}
        error={errors.place}
      />
      <TextAreaField
        id="meeting-note"
        label={t("community.note")}
        hint={t("community.noteHint")}
        optional
        rows={3}
        value={values.note}
        onChange={set("note")}
        error={errors.note}
      />
      <FormActions label={t("community.saveMeeting")} pending={save.isPending} />
    </form>
  );
}
