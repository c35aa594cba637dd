/**
 * A worker registers a clip in a few taps on a phone (issue 4, point 6): done or "the citizen
 * cancelled", minutes (prefilled with the planned minutes), the form of accompaniment, a
 * short note. A planned clip is completed (?klip=<id>); without it an unplanned clip is
 * registered. One Idempotency-Key per submission, so a double tap stores it once.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { copenhagenDate } from "../../../domain/time";
import { RegisterClipBody } from "../../../shared/api/punch-card";
import { useCan, useMe } from "../../app/session";
import { ApiError } from "../../api/client";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextAreaField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { keptClip, noAnswer, useUsableKeptDay } from "../../offline/kept";
import { QueuedNotice } from "../../offline/QueuedNotice";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { type Clip, type CourseDetail, type PunchCard, courseKeys, coursesApi } from "./api";
import { useCourseCache, useCourseCitizen } from "./hooks";
import { ClipDetailFields, OutcomeChoice, actualMinutesOf, clipFieldList } from "./ClipFields";
import { KeptClipRegistration } from "./KeptClipRegistration";
import { clipSummary, registerOrQueue } from "./register-or-queue";
import { clock, registeringProvider } from "./ui";

export default function RegisterClipPage() {
  const { t } = useTranslation("courses");
  const { id = "" } = useParams();
  const clipId = useSearchParams()[0].get("klip");
  const course = useQuery({
    queryKey: courseKeys.course(id),
    queryFn: ({ signal }) => coursesApi.get(id, signal),
  });
  const card = useQuery({
    queryKey: courseKeys.card(id),
    queryFn: ({ signal }) => coursesApi.card(id, signal),
  });
  const [saved, setSaved] = useState<Clip | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const clip = clipId ? (card.data?.clips.find((c) => c.id === clipId) ?? null) : null;
  // No signal: a clip planned today for this worker can be registered from the kept day (issue 17).
  const kept = keptClip(useUsableKeptDay(), id, clipId);
  if (kept && !(course.data && card.data) && (noAnswer(course.error) || noAnswer(card.error)))
    return <KeptClipRegistration courseId={id} kept={kept} />;
  return (
    <>
      <div>
        <Link to={`/forloeb/${id}`} className="back-link">
          <Icon name="chevron-left" />
          {t("register.backToCourse")}
        </Link>
      </div>
      <PageHeading title={t("register.title")}>{t("register.title")}</PageHeading>
      {course.data ? (
        <p className="font-lead">
          {course.data.citizen.name} · {course.data.citizen.address}
        </p>
      ) : null}
      {course.isPending || card.isPending ? <Spinner /> : null}
      {course.error ? <LoadError error={course.error} onRetry={() => void course.refetch()} /> : null}
      {card.error ? <LoadError error={card.error} onRetry={() => void card.refetch()} /> : null}
      {queued ? (
        <QueuedNotice summary={queued} />
      ) : saved ? (
        <Saved clip={saved} courseId={id} />
      ) : course.data && card.data ? (
        clipId && !clip ? (
          <Alert variant="warning" heading={t("register.clipNotFound")} />
        ) : clip && clip.status !== "planned" ? (
          <Alert variant="info" heading={t("register.alreadyRegistered")} />
        ) : course.data.stage === "closed" ? (
          <Alert variant="warning" heading={t("register.closed")} />
        ) : (
          <RegisterForm
            course={course.data}
            card={card.data}
            clip={clip}
            onSaved={setSaved}
            onQueued={setQueued}
          />
        )
      ) : null}
    </>
  );
}

function Saved({ clip, courseId }: { clip: Clip; courseId: string }) {
  const { t } = useTranslation("courses");
  const can = useCan();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} data-testid="clip-saved">
      <Alert
        variant="success"
        heading={clip.status === "cancelled" ? t("register.savedCancelled") : t("register.saved")}
      >
        <p>
          {clip.status === "done"
            ? t("register.savedText", { kind: t(`clipKind.${clip.kind}`), count: clip.actualMinutes ?? 0 })
            : clip.cancelReason}
        </p>
      </Alert>
      <div className="action-row">
        {can({ kind: "detectionClip.list" }) ? (
          <Link to="/min-dag" className="button button-primary big-button">
            {t("register.toMyDay")}
          </Link>
        ) : null}
        <Link to={`/forloeb/${courseId}`} className="button button-secondary">
          {t("register.toCourse")}
        </Link>
      </div>
    </div>
  );
}

function RegisterForm({
  course,
  card,
  clip,
  onSaved,
  onQueued,
}: {
  course: CourseDetail;
  card: PunchCard;
  clip: Clip | null;
  onSaved: (c: Clip) => void;
  onQueued: (summary: string) => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const dates = useDates();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const { data: me } = useMe();
  // A private provider's unplanned clip belongs to the intervention assigned to it.
  const ownIntervention =
    me?.organisation.kind === "private_provider"
      ? course.interventions.find((i) => i.provider.id === me.organisation.id && !i.endedAt)
      : undefined;
  const kinds = card.lines.filter((l) => l.remainingClips > 0);
  const minutesOf = (kind: string) => card.grants.filter((g) => g.kind === kind).at(-1)?.minutesPerClip;
  const initialKind = clip?.kind ?? (kinds.length === 1 ? kinds[0]!.kind : "");
  const form = useForm({
    outcome: "done",
    kind: initialKind as string,
    accompanimentForm: clip?.accompanimentForm ?? "",
    performedOn: copenhagenDate(new Date()),
    actualMinutes: String(clip?.plannedMinutes ?? minutesOf(initialKind) ?? ""),
    note: "",
    cancelReason: "",
    exceptionReason: "",
  });
  const { values, set, errors, setValues } = form;
  const done = values.outcome === "done";
  // Minutes beyond the grant or frame: a role the frame names may record them as an exception with a reason.
  const can = useCan();
  const citizen = useCourseCitizen(course.citizen.id);
  const clipResource =
    citizen && me ? { citizen, providerOrganisationId: registeringProvider(course, me.organisation) } : null;
  // A manager comes here only to record an exception: the reason is asked for at once.
  const exceptionOnly =
    !!clipResource &&
    !can({ kind: "clip.register", clip: clipResource }) &&
    can({ kind: "clip.register", clip: { ...clipResource, asException: true } });
  const [exceptionAllowed, setExceptionAllowed] = useState(exceptionOnly);

  const register = useMutation({
    mutationFn: (body: RegisterClipBody) =>
      registerOrQueue(
        {
          courseId: course.id,
          citizen: course.citizen,
          body,
          key: idempotency.keyFor({ register: course.id, ...body }),
          me: me!,
        },
        { t: tc, day: dates.day },
      ),
    onSuccess: (sent, body) => {
      idempotency.done();
      cache.refresh();
      if (sent.queued) onQueued(clipSummary(body, { t: tc, day: dates.day }));
      else onSaved(sent.result);
    },
    onError: (err) => {
      if (
        err instanceof ApiError &&
        err.code === "clip_beyond_frame" &&
        err.details.exceptionAllowed === true
      )
        setExceptionAllowed(true);
      form.failFromServer(err, tc);
    },
  });
  const fields = [
    { name: "exceptionReason", inputId: "reg-exception-reason", label: t("register.exceptionReason") },
    ...clipFieldList(t, [{ name: "kind", inputId: "reg-kind", label: t("register.kind") }]),
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    if (register.isPending) return;
    const input = {
      clipId: clip?.id ?? null,
      kind: values.kind || undefined,
      accompanimentForm: values.kind === "accompaniment" ? values.accompanimentForm || null : null,
      interventionId: clip?.interventionId ?? ownIntervention?.id ?? null,
      performedOn: values.performedOn,
      outcome: values.outcome,
      actualMinutes: actualMinutesOf(values),
      note: values.note,
      cancelReason: done ? null : values.cancelReason,
      ...(exceptionAllowed && done && values.exceptionReason.trim()
        ? { exceptionReason: values.exceptionReason }
        : {}),
    };
    const result = validate(RegisterClipBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (!values.kind) found.kind = t("register.errors.kind");
    if (done && values.kind === "accompaniment" && !values.accompanimentForm)
      found.accompanimentForm = t("register.errors.accompanimentForm");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    register.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("register.title")} className="course-register">
      {clip ? (
        <p className="card-meta">
          <span>
            {t("register.planned", {
              date: clip.plannedOn ? dates.day(clip.plannedOn) : "–",
              time: clock(clip.plannedStart) || "–",
            })}
          </span>
          {clip.plannedMinutes ? <span>{t("clips.minutes", { count: clip.plannedMinutes })}</span> : null}
        </p>
      ) : null}
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <OutcomeChoice values={values} set={set} errors={errors} />
      {clip ? (
        <p>
          <strong>{t("register.kind")}:</strong> {t(`clipKind.${clip.kind}`)}
        </p>
      ) : (
        <SelectField
          id="reg-kind"
          label={t("register.kind")}
          value={values.kind}
          onChange={(k) =>
            setValues((v) => ({
              ...v,
              kind: k,
              actualMinutes: v.actualMinutes || String(minutesOf(k) ?? ""),
            }))
          }
          emptyOption={t("common.choose")}
          options={kinds.map((l) => ({
            value: l.kind,
            label: t("plan.kindOption", { kind: t(`clipKind.${l.kind}`), count: l.remainingClips }),
          }))}
          error={errors.kind}
        />
      )}
      {!clip && kinds.length === 0 ? (
        <Alert variant="warning" heading={t("register.nothingLeft")} headingLevel={3} />
      ) : null}
      <ClipDetailFields
        values={values}
        set={set}
        errors={errors}
        accompaniment={values.kind === "accompaniment"}
      />
      {exceptionAllowed && done ? (
        <TextAreaField
          id="reg-exception-reason"
          label={t("register.exceptionReason")}
          hint={t("register.exceptionReasonHint")}
          rows={3}
          maxLength={2000}
          value={values.exceptionReason}
          onChange={set("exceptionReason")}
          error={errors.exceptionReason}
        />
      ) : null}
      <div className="action-row">
        <Button type="submit" icon="check" pending={register.isPending} className="big-button">
          {done ? t("register.submit") : t("register.submitCancelled")}
        </Button>
      </div>
    </form>
  );
}
