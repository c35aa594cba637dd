/** "Historik": every event of the course — opened, stage moves with their reasons, pauses, reassignments, closing — newest first. */
import { useTranslation } from "react-i18next";
import { useDates } from "../../format";
import type { CourseDetail } from "./api";

type CourseEvent = CourseDetail["events"][number];

export function HistorySection({ course }: { course: CourseDetail }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const events = [...course.events].sort((a, b) => b.at.localeCompare(a.at));
  const describe = (e: CourseEvent) => {
    const base = /^[a-z_]+$/.test(e.kind) ? t(`event.${e.kind}`, { defaultValue: e.kind }) : e.kind;
    if (e.fromStage && e.toStage) return `${base}: ${t(`stage.${e.fromStage}`)} → ${t(`stage.${e.toStage}`)}`;
    if (e.toStage) return `${base}: ${t(`stage.${e.toStage}`)}`;
    if (e.fromUser && e.toUser) return `${base}: ${e.fromUser.name} → ${e.toUser.name}`;
    return base;
  };
  return (
    <section aria-labelledby="course-history" className="mt-7">
      <h2 id="course-history">{t("history.heading")}</h2>
      {events.length === 0 ? (
        <p>{t("history.none")}</p>
      ) : (
        <ol className="history-list" data-testid="course-history">
          {events.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <p className="mb-0">
                <strong>{describe(e)}</strong>
              </p>
              <p className="card-meta">
                <span>{dates.dateTime(e.at)}</span>
                <span>{e.actor.name}</span>
              </p>
              {e.reason ? (
                <p className="note-body">
                  {e.kind === "closed"
                    ? t(`closingReason.${e.reason}`, { defaultValue: e.reason })
                    : e.reason}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
