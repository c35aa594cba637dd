/**
 * The course's clips: planned ones first (soonest first) with "Registrér" for the worker and
 * "Aflys" for the planner, then the performed and cancelled ones, newest first.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button, buttonClass } from "../../components/Button";
import { TextField } from "../../components/Field";
import { useDates } from "../../format";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type Clip, type CourseDetail, type PunchCard, coursesApi } from "./api";
import type { CourseRights } from "./rights";
import { useCourseCache } from "./hooks";
import { clock } from "./ui";

const when = (c: Clip) => `${c.performedOn ?? c.plannedOn ?? ""} ${c.plannedStart ?? ""}`;

export function ClipList({
  course,
  card,
  rights,
}: {
  course: CourseDetail;
  card: PunchCard;
  rights: CourseRights | null;
}) {
  const { t } = useTranslation("courses");
  const planned = card.clips
    .filter((c) => c.status === "planned")
    .sort((a, b) => when(a).localeCompare(when(b)));
  const past = card.clips
    .filter((c) => c.status !== "planned")
    .sort((a, b) => when(b).localeCompare(when(a)));
  if (card.clips.length === 0) return <p>{t("clips.none")}</p>;
  return (
    <>
      <h3 id="clips-heading">{t("clips.heading")}</h3>
      <ul className="card-list" aria-labelledby="clips-heading" data-testid="course-clips">
        {[...planned, ...past].map((c) => (
          <ClipCard key={c.id} course={course} clip={c} rights={rights} />
        ))}
      </ul>
    </>
  );
}

export function ClipSummary({ clip: c }: { clip: Clip }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  return (
    <>
      <p className="card-meta">
        <span className={`status-tag clip-${c.status}`}>{t(`clipStatus.${c.status}`)}</span>
        {c.plannedOn ? (
          <span>
            {t("clips.plannedFor", { date: dates.day(c.plannedOn), time: clock(c.plannedStart) || "–" })}
          </span>
        ) : null}
        {c.plannedMinutes ? <span>{t("clips.minutes", { count: c.plannedMinutes })}</span> : null}
        {c.worker ? <span>{c.worker.name}</span> : null}
        <span>{c.provider.name}</span>
      </p>
      {c.status === "done" ? (
        <p className="card-meta">
          <span>
            {t("clips.performed", {
              date: c.performedOn ? dates.day(c.performedOn) : "–",
              count: c.actualMinutes ?? 0,
            })}
          </span>
          {c.registeredBy ? <span>{c.registeredBy.name}</span> : null}
        </p>
      ) : null}
      {c.status === "cancelled" ? (
        <p>
          {c.cancelledByCitizen
            ? t("clips.citizenCancelled", { reason: c.cancelReason ?? "–" })
            : t("clips.cancelled", { reason: c.cancelReason ?? "–" })}
        </p>
      ) : null}
      {c.note ? <p className="note-body">{c.note}</p> : null}
    </>
  );
}

function ClipCard({
  course,
  clip: c,
  rights,
}: {
  course: CourseDetail;
  clip: Clip;
  rights: CourseRights | null;
}) {
  const { t } = useTranslation("courses");
  const [cancelling, setCancelling] = useState(false);
  const title = `${t(`clipKind.${c.kind}`)}${c.accompanimentForm ? ` (${t(`accompanimentForm.${c.accompanimentForm}`)})` : ""}`;
  return (
    <li data-testid="clip" data-status={c.status}>
      <h4 className="h5 mb-0">{title}</h4>
      <ClipSummary clip={c} />
      {c.status === "planned" && (rights?.register || rights?.registerException || rights?.plan) ? (
        <div className="card-buttons">
          {rights.register ? (
            <Link
              to={`/forloeb/${course.id}/registrer-klip?klip=${c.id}`}
              className={buttonClass("primary")}
              aria-label={t("clips.registerFor", { title })}
            >
              {t("clips.register")}
            </Link>
          ) : rights.registerException ? (
            <Link
              to={`/forloeb/${course.id}/registrer-klip?klip=${c.id}`}
              className={buttonClass("secondary")}
              aria-label={t("clips.registerExceptionFor", { title })}
            >
              {t("clips.registerException")}
            </Link>
          ) : null}
          {rights.plan && !cancelling ? (
            <Button variant="secondary" onClick={() => setCancelling(true)}>
              {t("clips.cancel")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {cancelling ? <CancelClipForm course={course} clip={c} onClose={() => setCancelling(false)} /> : null}
    </li>
  );
}

function CancelClipForm({
  course,
  clip,
  onClose,
}: {
  course: CourseDetail;
  clip: Clip;
  onClose: () => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const cancel = useMutation({
    mutationFn: (text: string) =>
      coursesApi.cancelClip(clip.id, text, idempotency.keyFor({ cancel: clip.id, reason: text })),
    onSuccess: () => {
      idempotency.done();
      cache.refresh();
      onClose();
    },
    onError: (err) => setError(err.message),
  });
  const id = `cancel-${clip.id}`;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(t("clips.errors.cancelReason"));
    setError(undefined);
    cancel.mutate(reason.trim());
  }
  return (
    <form onSubmit={submit} noValidate className="course-inline-form" aria-label={t("clips.cancel")}>
      <TextField
        id={id}
        label={t("clips.cancelReason")}
        value={reason}
        onChange={setReason}
        error={error}
        maxLength={200}
      />
      <div className="card-buttons">
        <Button type="submit" variant="warning" pending={cancel.isPending}>
          {t("clips.cancelSubmit")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
