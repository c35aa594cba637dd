/**
 * Small pieces the course pages share: the five stages as a DKFDS step indicator, the stage
 * and paused tags, the card's warning marker, and the words of the course vocabulary.
 */
import { useTranslation } from "react-i18next";
import { COURSE_STAGES, type CourseStage } from "../../../domain/course/vocabulary";
import { copenhagenInstant } from "../../../domain/time";
import { Icon } from "../../components/Icon";
import "./courses.css";

/** The course's stages in order, the current one marked (aria-current="step"); closed is the last step. */
export function StageSteps({ stage, paused }: { stage: CourseStage; paused: boolean }) {
  const { t } = useTranslation("courses");
  const current = COURSE_STAGES.indexOf(stage);
  return (
    <ol
      className="step-indicator course-steps"
      aria-label={t("course.stagesLabel")}
      data-testid="course-steps"
    >
      {COURSE_STAGES.map((s, i) => {
        const state = i < current ? "done" : i === current ? "current" : "todo";
        return (
          <li
            key={s}
            className={state === "current" ? "current" : state === "todo" ? "disabled" : undefined}
            aria-current={state === "current" ? "step" : undefined}
          >
            <span className="step">
              <span className="step-number" aria-hidden="true">
                {state === "done" ? <Icon name="check" /> : <span>{i + 1}</span>}
              </span>
              <span>
                <span className="step-title">{t(`stage.${s}`)}</span>
                <span className="step-information">
                  {state === "done"
                    ? t("course.stepDone")
                    : state === "current"
                      ? paused
                        ? t("course.stepPaused")
                        : t("course.stepCurrent")
                      : t("course.stepTodo")}
                </span>
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function StageTag({ stage }: { stage: CourseStage }) {
  const { t } = useTranslation("courses");
  return <span className={`status-tag course-stage stage-${stage}`}>{t(`stage.${stage}`)}</span>;
}

export function PausedBadge() {
  const { t } = useTranslation("courses");
  return <span className="badge badge-warning">{t("course.paused")}</span>;
}

/** Few clips left: a warning icon and words, never colour alone. */
export function ClipsLeft({ count, warn }: { count: number; warn: boolean }) {
  const { t } = useTranslation("courses");
  return (
    <span className={warn ? "warn-text" : undefined}>
      {warn ? <Icon name="warning" className="warn-icon" /> : null}
      {t("caseload.clipsLeftValue", { count })}
      {warn ? <span className="sr-only"> ({t("card.warnShort")})</span> : null}
    </span>
  );
}

/** "HH:MM" of a stored clock ("10:00:00" or "10:00"). */
export function clock(value: string | null | undefined): string {
  return value ? value.slice(0, 5) : "";
}

/** ISO date-time with Copenhagen's offset for a wall-clock day and time, as the API wants it. */
export function copenhagenDateTime(day: string, time: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const offset = Math.round(
    (Date.UTC(y, m - 1, d, hh, mm) - copenhagenInstant(day, time).getTime()) / 60_000,
  );
  const pad = (n: number) => String(n).padStart(2, "0");
  const abs = Math.abs(offset);
  return `${day}T${pad(hh)}:${pad(mm)}:00${offset >= 0 ? "+" : "-"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The provider a clip the user registers would be assigned to, as the policy's ClipResource
 * needs it: a private provider registers only on an active intervention assigned to it.
 */
export function registeringProvider(
  course: { interventions: { provider: { id: string }; endedAt: string | null }[] },
  organisation: { id: string; kind: string },
): string | null {
  if (organisation.kind !== "private_provider") return null;
  return course.interventions.some((i) => i.provider.id === organisation.id && !i.endedAt)
    ? organisation.id
    : null;
}
