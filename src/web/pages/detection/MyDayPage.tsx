/**
 * "Mine borgere i dag": one card per citizen with all of the day's tasks (issue 11 point 10) —
 * punch-card clips with "Registrér", opsporingsklip (overdue ones too), a due screening, being
 * the contact person — and one "Udfyld opsporingsskema" per citizen, tied to the opsporingsklip
 * when there is one (the server settles the day's clip either way).
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MyDayTask } from "../../../shared/api/detection";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { useMe } from "../../app/session";
import { useDates } from "../../format";
import { OutboxPanel } from "../../offline/OutboxPanel";
import { useMyDay } from "./useMyDay";
import "./detection.css";

export default function MyDayPage() {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const dates = useDates();
  const { data: me } = useMe();
  const day = useMyDay();

  function taskLine(task: MyDayTask, name: string) {
    switch (task.kind) {
      case "clip": {
        const c = task.clip;
        const kind = `${t(`courses:clipKind.${c.kind}`)}${c.accompanimentForm ? ` (${t(`courses:accompanimentForm.${c.accompanimentForm}`)})` : ""}`;
        return (
          <>
            <p className="card-meta">
              <span className="time-of-day">{c.plannedStart ? c.plannedStart.slice(0, 5) : "–"}</span>
              <span>{kind}</span>
              {c.plannedMinutes ? (
                <span>{t("courses:clips.minutes", { count: c.plannedMinutes })}</span>
              ) : null}
              <span className={`status-tag clip-${c.status}`}>{t(`courses:clipStatus.${c.status}`)}</span>
            </p>
            {c.status === "planned" ? (
              <div className="card-buttons">
                <Link
                  className="button button-primary big-button"
                  to={`/forloeb/${c.courseId}/registrer-klip?klip=${c.id}`}
                  aria-label={t("courses:myDay.registerFor", { name, kind })}
                >
                  {t("courses:myDay.register")}
                </Link>
              </div>
            ) : null}
          </>
        );
      }
      case "detection_clip":
        return (
          <p className="card-meta">
            <span>{t("myDay.detectionClip")}</span>
            <span>{t("myDay.minutes", { minutes: task.clip.minutes })}</span>
            {task.clip.overdue ? (
              <span className="overdue-text">
                {t("myDay.overdue", { date: dates.day(task.clip.plannedDate) })}
              </span>
            ) : (
              <span>{t("myDay.plannedToday")}</span>
            )}
          </p>
        );
      case "screening_due":
        return (
          <p className="card-meta">
            {t(`myDay.screeningDue.${task.reason}`, { date: dates.day(task.lastScreenedOn) })}
          </p>
        );
      case "contact_person":
        return <p className="card-meta">{t("myDay.contactPerson")}</p>;
    }
  }

  return (
    <>
      <PageHeading title={t("myDay.title")}>{t("myDay.title")}</PageHeading>
      {day.data ? <p className="font-lead">{dates.day(day.data.today)}</p> : null}
      {day.keptAt !== null ? (
        <p className="kept-day-note" data-testid="kept-day">
          {tc("offline.keptDay", { time: dates.time(new Date(day.keptAt).toISOString()) })}
        </p>
      ) : null}
      {me ? <OutboxPanel userId={me.userId} hideWhenEmpty /> : null}
      {day.isPending ? <Spinner /> : null}
      {day.error ? <LoadError error={day.error} onRetry={() => void day.refetch()} /> : null}
      {day.data ? (
        <section aria-labelledby="my-day-heading">
          <h2 id="my-day-heading">{t("myDay.heading")}</h2>
          {day.data.citizens.length === 0 ? (
            <p>{t("myDay.empty")}</p>
          ) : (
            <ul className="card-list" data-testid="my-day">
              {day.data.citizens.map(({ citizen, tasks }) => {
                const clip = tasks.find((task) => task.kind === "detection_clip");
                return (
                  <li key={citizen.id} data-testid="my-day-citizen">
                    <h3>
                      <Link to={`/borgere/${citizen.id}`}>{citizen.name}</Link>
                    </h3>
                    <p>{citizen.address}</p>
                    <ul className="my-day-tasks" aria-label={t("myDay.tasksOf", { name: citizen.name })}>
                      {tasks.map((task, i) => (
                        <li
                          key={
                            task.kind === "clip" || task.kind === "detection_clip"
                              ? task.clip.id
                              : `${task.kind}-${i}`
                          }
                          data-task={task.kind}
                        >
                          {taskLine(task, citizen.name)}
                        </li>
                      ))}
                    </ul>
                    <div className="card-buttons">
                      <Link
                        className={`button ${clip ? "button-primary" : "button-secondary"}`}
                        to={`/borgere/${citizen.id}/opsporing${clip ? `?klip=${clip.clip.id}` : ""}`}
                        aria-label={t("myDay.fillFormFor", { name: citizen.name })}
                      >
                        {t("myDay.fillForm")}
                      </Link>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
