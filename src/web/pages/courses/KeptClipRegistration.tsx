/**
 * Registering a clip planned today without a signal (issue 17 point 1): the page from the kept
 * day alone — the clip's kind, form of accompaniment and planned minutes, the citizen's name and
 * address — with the few fields a worker fills in the citizen's home. The server checks the
 * grant and the frame when the registration arrives; a refusal is shown in the phone's queue.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { copenhagenDate } from "../../../domain/time";
import type { MyDayTask } from "../../../shared/api/detection";
import { RegisterClipBody } from "../../../shared/api/punch-card";
import { useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Icon } from "../../components/Icon";
import { PageHeading } from "../../components/Page";
import { useDates } from "../../format";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { QueuedNotice } from "../../offline/QueuedNotice";
import { ClipDetailFields, OutcomeChoice, actualMinutesOf, clipFieldList } from "./ClipFields";
import { clipSummary, registerOrQueue } from "./register-or-queue";

type PlannedClip = Extract<MyDayTask, { kind: "clip" }>["clip"];

export function KeptClipRegistration({
  courseId,
  kept,
}: {
  courseId: string;
  kept: { citizen: { id: string; name: string; address: string }; clip: PlannedClip };
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const [done, setDone] = useState<{ summary: string; queued: boolean } | null>(null);
  return (
    <>
      <div>
        <Link to="/min-dag" className="back-link">
          <Icon name="chevron-left" />
          {tc("offline.toMyDay")}
        </Link>
      </div>
      <PageHeading title={t("register.title")}>{t("register.title")}</PageHeading>
      <p className="font-lead">
        {kept.citizen.name} · {kept.citizen.address}
      </p>
      <p className="kept-day-note">{tc("offline.noConnection")}</p>
      {done?.queued ? (
        <QueuedNotice summary={done.summary} />
      ) : done ? (
        <Alert variant="success" heading={t("register.saved")}>
          <p>{done.summary}</p>
        </Alert>
      ) : (
        <KeptClipForm courseId={courseId} kept={kept} onDone={setDone} />
      )}
    </>
  );
}

function KeptClipForm({
  courseId,
  kept,
  onDone,
}: {
  courseId: string;
  kept: { citizen: { id: string; name: string }; clip: PlannedClip };
  onDone: (d: { summary: string; queued: boolean }) => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const dates = useDates();
  const { data: me } = useMe();
  const idempotency = useIdempotencyKey();
  const { clip } = kept;
  const form = useForm({
    outcome: "done",
    accompanimentForm: clip.accompanimentForm ?? "",
    performedOn: copenhagenDate(new Date()),
    actualMinutes: String(clip.plannedMinutes ?? ""),
    note: "",
    cancelReason: "",
  });
  const { values, set, errors } = form;
  const isDone = values.outcome === "done";
  const register = useMutation({
    mutationFn: (body: RegisterClipBody) =>
      registerOrQueue(
        {
          courseId,
          citizen: kept.citizen,
          body,
          key: idempotency.keyFor({ register: courseId, ...body }),
          me: me!,
        },
        { t: tc, day: dates.day },
      ),
    onSuccess: (sent, body) => {
      idempotency.done();
      onDone({ summary: clipSummary(body, { t: tc, day: dates.day }), queued: sent.queued });
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  const fields = clipFieldList(t);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (register.isPending) return;
    const result = validate(
      RegisterClipBody,
      {
        clipId: clip.id,
        kind: clip.kind,
        accompanimentForm: clip.kind === "accompaniment" ? values.accompanimentForm || null : null,
        interventionId: null,
        performedOn: values.performedOn,
        outcome: values.outcome,
        actualMinutes: actualMinutesOf(values),
        note: values.note,
        cancelReason: isDone ? null : values.cancelReason,
      },
      tc,
    );
    const found = result.ok ? {} : { ...result.errors };
    if (isDone && clip.kind === "accompaniment" && !values.accompanimentForm)
      found.accompanimentForm = t("register.errors.accompanimentForm");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    register.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("register.title")} className="course-register">
      <p>
        <strong>{t("register.kind")}:</strong> {t(`clipKind.${clip.kind}`)}
        {clip.plannedStart ? ` · ${clip.plannedStart.slice(0, 5)}` : null}
      </p>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <OutcomeChoice values={values} set={set} errors={errors} />
      <ClipDetailFields
        values={values}
        set={set}
        errors={errors}
        accompaniment={clip.kind === "accompaniment"}
      />
      <div className="action-row">
        <Button type="submit" icon="check" pending={register.isPending} className="big-button">
          {isDone ? t("register.submit") : t("register.submitCancelled")}
        </Button>
      </div>
    </form>
  );
}
