/**
 * "Mine borgere i dag": the punch-card clips planned on my day (with "Registrér"), today's
 * detection conversations (overdue ones too) and the citizens I am contact person for.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { MyDayClips } from "../courses/routes";
import { detectionApi, detectionKeys } from "./api";
import { useDates } from "./ui";

export default function MyDayPage() {
  const { t } = useTranslation("detection");
  const dates = useDates();
  const day = useQuery({ queryKey: detectionKeys.myDay, queryFn: ({ signal }) => detectionApi.myDay(signal) });

  return (
    <>
      <PageHeading title={t("myDay.title")}>{t("myDay.title")}</PageHeading>
      {day.data ? <p className="font-lead">{dates.day(day.data.today)}</p> : null}
      {day.isPending ? <Spinner /> : null}
      {day.error ? <LoadError error={day.error} onRetry={() => void day.refetch()} /> : null}
      {day.data ? (
        <>
          <MyDayClips />
          <section aria-labelledby="clips-heading">
            <h2 id="clips-heading">{t("myDay.clips")}</h2>
            {day.data.clips.length === 0 ? (
              <p>{t("myDay.noClips")}</p>
            ) : (
              <ul className="detection-cards" data-testid="my-clips">
                {day.data.clips.map((clip) => (
                  <li key={clip.id}>
                    <h3>
                      <Link to={`/borgere/${clip.citizen.id}`}>{clip.citizen.name}</Link>
                    </h3>
                    <p>{clip.citizen.address}</p>
                    <p className="detection-meta">
                      <span>{t("myDay.minutes", { minutes: clip.minutes })}</span>
                      {clip.plannedDate < day.data.today ? (
                        <span className="detection-overdue">{t("myDay.overdue", { date: dates.day(clip.plannedDate) })}</span>
                      ) : (
                        <span>{t("myDay.plannedToday")}</span>
                      )}
                    </p>
                    <div className="detection-card-actions">
                      <Link className="button button-primary" to={`/borgere/${clip.citizen.id}/opsporing?klip=${clip.id}`} aria-label={t("myDay.fillFormFor", { name: clip.citizen.name })}>
                        {t("myDay.fillForm")}
                      </Link>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="mine-heading">
            <h2 id="mine-heading">{t("myDay.citizens")}</h2>
            {day.data.citizens.length === 0 ? (
              <p>{t("myDay.noCitizens")}</p>
            ) : (
              <ul className="detection-cards">
                {day.data.citizens.map((c) => (
                  <li key={c.id}>
                    <h3>
                      <Link to={`/borgere/${c.id}`}>{c.name}</Link>
                    </h3>
                    <p>{c.address}</p>
                    <div className="detection-card-actions">
                      <Link className="button button-secondary" to={`/borgere/${c.id}/opsporing`} aria-label={t("myDay.fillFormFor", { name: c.name })}>
                        {t("myDay.fillForm")}
                      </Link>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
