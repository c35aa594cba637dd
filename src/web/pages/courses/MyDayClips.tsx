/**
 * "Mine klip i dag" on the worker's "Mine borgere i dag": the punch-card clips planned on my
 * day (time, citizen, kind, minutes) with one big "Registrér" button each.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { copenhagenDate } from "../../../domain/time";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { courseKeys, coursesApi } from "./api";
import { clock } from "./ui";
import "./courses.css";

export default function MyDayClips() {
  const { t } = useTranslation("courses");
  const today = copenhagenDate(new Date());
  const day = useQuery({ queryKey: courseKeys.day(today, null), queryFn: ({ signal }) => coursesApi.day(today, null, signal) });
  const clips = [...(day.data ?? [])].sort((a, b) => (a.plannedStart ?? "").localeCompare(b.plannedStart ?? ""));
  return (
    <section aria-labelledby="day-clips-heading">
      <h2 id="day-clips-heading">{t("myDay.heading")}</h2>
      {day.isPending ? <Spinner /> : null}
      {day.error ? <LoadError error={day.error} onRetry={() => void day.refetch()} /> : null}
      {day.data && clips.length === 0 ? <p>{t("myDay.none")}</p> : null}
      {clips.length > 0 ? (
        <ul className="detection-cards" data-testid="day-clips">
          {clips.map((c) => {
            const kind = `${t(`clipKind.${c.kind}`)}${c.accompanimentForm ? ` (${t(`accompanimentForm.${c.accompanimentForm}`)})` : ""}`;
            return (
              <li key={c.id}>
                <h3>
                  <span className="course-time">{clock(c.plannedStart) || "–"}</span> <Link to={`/borgere/${c.citizen.id}`}>{c.citizen.name}</Link>
                </h3>
                <p>{c.citizen.address}</p>
                <p className="detection-meta">
                  <span>{kind}</span>
                  {c.plannedMinutes ? <span>{t("clips.minutes", { count: c.plannedMinutes })}</span> : null}
                  <span className={`detection-status clip-${c.status}`}>{t(`clipStatus.${c.status}`)}</span>
                </p>
                {c.status === "planned" ? (
                  <div className="detection-card-actions">
                    <Link className="button button-primary course-big-button" to={`/forloeb/${c.courseId}/registrer-klip?klip=${c.id}`} aria-label={t("myDay.registerFor", { name: c.citizen.name, kind })}>
                      {t("myDay.register")}
                    </Link>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
