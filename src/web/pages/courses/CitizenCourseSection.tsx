/**
 * The citizen page's "Forløb" (the open course with stage, coordinator and clips left;
 * "Opret forløb" for a coordinator when none is open; the closed ones) and "Tidslinje"
 * (everything that happened, newest first, grouped by Copenhagen day).
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { CitizenResource } from "../../../domain/access-policy";
import { copenhagenDate } from "../../../domain/time";
import type { CitizenDetail } from "../../../shared/api/citizens";
import { citizenResource, useCan, useMe } from "../../app/session";
import { Button, buttonClass } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { LetterButton } from "../messaging/LetterButton";
import { type CourseDetail, type TimelineEntry, courseKeys, coursesApi } from "./api";
import { timelineDetail, timelineText } from "./timeline-text";
import { ClipsLeft, PausedBadge, StageTag, registeringProvider } from "./ui";

export default function CitizenCourseSection({ citizen }: { citizen: CitizenDetail }) {
  const { t } = useTranslation("courses");
  const { data: me } = useMe();
  const can = useCan();
  const courses = useQuery({
    queryKey: courseKeys.citizenCourses(citizen.id),
    queryFn: ({ signal }) => coursesApi.citizenCourses(citizen.id, signal),
  });
  const [opening, setOpening] = useState(false);
  if (!me) return null;
  const resource = citizenResource(me, citizen);
  const mayOpen = can({ kind: "course.open", citizen: resource });
  const open = courses.data?.open ?? null;
  return (
    <>
      <section aria-labelledby="courses-heading" className="mt-6">
        <h2 id="courses-heading">{t("citizen.heading")}</h2>
        {courses.isPending ? <Spinner /> : null}
        {courses.error ? <LoadError error={courses.error} onRetry={() => void courses.refetch()} /> : null}
        {courses.data ? (
          open ? (
            <OpenCourse
              course={open}
              citizen={resource}
              mayRegister={can({
                kind: "clip.register",
                clip: {
                  citizen: resource,
                  providerOrganisationId: registeringProvider(open, me.organisation),
                },
              })}
            />
          ) : (
            <>
              <p>{t("citizen.noOpen")}</p>
              {mayOpen && !opening ? (
                <div className="action-row">
                  <Button icon="plus" onClick={() => setOpening(true)}>
                    {t("citizen.open")}
                  </Button>
                </div>
              ) : null}
              {mayOpen && opening ? (
                <div className="section-panel">
                  <OpenCourseForm citizenId={citizen.id} onCancel={() => setOpening(false)} />
                </div>
              ) : null}
            </>
          )
        ) : null}
        {courses.data && courses.data.closed.length > 0 ? (
          <ClosedCourses courses={courses.data.closed} />
        ) : null}
      </section>
      <Timeline citizenId={citizen.id} openCourseId={open?.id ?? null} />
    </>
  );
}

function OpenCourse({
  course,
  citizen,
  mayRegister,
}: {
  course: CourseDetail;
  citizen: CitizenResource;
  mayRegister: boolean;
}) {
  const { t } = useTranslation("courses");
  return (
    <div className="summary-box" data-testid="open-course">
      <p className="card-meta">
        <StageTag stage={course.stage} />
        {course.paused ? <PausedBadge /> : null}
        <span>{t("caseload.days", { count: course.daysInStage })}</span>
      </p>
      <p className="mb-0">
        {t("course.coordinator")}: {course.coordinator.name}
      </p>
      <p>
        {t("caseload.col.clipsLeft")}: <ClipsLeft count={course.clipsLeft} warn={course.cardWarning} />
      </p>
      <div className="action-row">
        <Link to={`/forloeb/${course.id}`} className={buttonClass("primary")}>
          <Icon name="arrow-forward" />
          {t("citizen.goToCourse")}
        </Link>
        {mayRegister && course.stage !== "closed" && !course.paused ? (
          <Link to={`/forloeb/${course.id}/registrer-klip`} className={buttonClass("secondary")}>
            {t("register.button")}
          </Link>
        ) : null}
      </div>
      {/* The letter from the citizen page too (issue 16): shown to the coordinator only, by the policy. */}
      <LetterButton citizenId={course.citizen.id} citizen={citizen} open={course.stage !== "closed"} />
    </div>
  );
}

function ClosedCourses({
  courses,
}: {
  courses: { id: string; openedAt: string; coordinator: { name: string } }[];
}) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  return (
    <>
      <h3 id="closed-courses-heading">{t("citizen.closed")}</h3>
      <ul className="history-list" aria-labelledby="closed-courses-heading">
        {courses.map((c) => (
          <li key={c.id}>
            <Link to={`/forloeb/${c.id}`}>
              {t("citizen.closedCourse", { date: dates.dateTime(c.openedAt) })}
            </Link>
            <span className="card-meta">{c.coordinator.name}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function OpenCourseForm({ citizenId, onCancel }: { citizenId: string; onCancel: () => void }) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const idempotency = useIdempotencyKey();
  const form = useForm({ reason: "" });
  const open = useMutation({
    mutationFn: (reason: string) =>
      coursesApi.open(citizenId, { reason }, idempotency.keyFor({ citizenId, reason })),
    onSuccess: (course) => {
      idempotency.done();
      navigate(`/forloeb/${course.id}`, { state: { opened: true } });
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const reason = form.values.reason.trim();
    if (!reason) return form.fail({ reason: t("citizen.errors.reason") });
    form.clear();
    open.mutate(reason);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="open-course-heading">
      <h3 id="open-course-heading">{t("citizen.open")}</h3>
      <p>{t("citizen.openIntro")}</p>
      <ErrorSummary
        items={
          form.errors.reason
            ? [{ inputId: "open-course-reason", label: t("citizen.reason"), message: form.errors.reason }]
            : []
        }
        general={form.errors.reason ? null : form.general}
        attempt={form.attempt}
      />
      <TextAreaField
        id="open-course-reason"
        label={t("citizen.reason")}
        hint={t("citizen.reasonHint")}
        rows={3}
        value={form.values.reason}
        onChange={form.set("reason")}
        error={form.errors.reason}
      />
      <div className="action-row">
        <Button type="submit" icon="plus" pending={open.isPending}>
          {t("citizen.openSubmit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/** Entries of a closed course link to it; those of the open course are one click away above. */
function Timeline({ citizenId, openCourseId }: { citizenId: string; openCourseId: string | null }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const timeline = useQuery({
    queryKey: courseKeys.timeline(citizenId),
    queryFn: ({ signal }) => coursesApi.timeline(citizenId, signal),
  });
  const days: { day: string; entries: TimelineEntry[] }[] = [];
  for (const e of timeline.data ?? []) {
    const day = copenhagenDate(new Date(e.at));
    const last = days.at(-1);
    if (last?.day === day) last.entries.push(e);
    else days.push({ day, entries: [e] });
  }
  return (
    <section aria-labelledby="timeline-heading" className="mt-6">
      <h2 id="timeline-heading">{t("timeline.heading")}</h2>
      {timeline.isPending ? <Spinner /> : null}
      {timeline.error ? <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} /> : null}
      {timeline.data?.length === 0 ? <p>{t("timeline.none")}</p> : null}
      <div data-testid="timeline">
        {days.map((d) => (
          <div key={d.day} className="course-timeline-day">
            <h3 className="h5">{dates.day(d.day)}</h3>
            <ol className="history-list">
              {d.entries.map((e, i) => {
                const detail = timelineDetail(e);
                return (
                  <li key={`${e.at}-${i}`} className={`timeline-${e.kind}`}>
                    <p className="mb-0">
                      <span className="time-of-day">{dates.time(e.at)}</span>{" "}
                      <strong>{timelineText(t, e, dates)}</strong>
                    </p>
                    <p className="card-meta">
                      {e.actor ? <span>{e.actor.name}</span> : null}
                      {e.courseId && e.courseId !== openCourseId ? (
                        <Link to={`/forloeb/${e.courseId}`}>{t("timeline.toClosedCourse")}</Link>
                      ) : null}
                    </p>
                    {detail ? <p className="note-body">{detail}</p> : null}
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}
