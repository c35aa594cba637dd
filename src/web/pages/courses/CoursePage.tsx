/**
 * One citizen's course: who runs it, where it is (the five stages), what may happen next
 * (only the allowed moves), and its sections — conversations, interventions, the punch card,
 * follow-up and history. Actions are shown only to those the shared policy lets through.
 */
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { mayRecordFollowUp, mayUseClips } from "../../../domain/course/workflow";
import { copenhagenDate } from "../../../domain/time";
import { useCan, useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { buttonClass } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { LoadError } from "../../components/LoadError";
import { PageHeading } from "../../components/Page";
import { Spinner } from "../../components/Spinner";
import { useDates } from "../../format";
import { FindCommunities } from "../catalog/routes";
import { type CourseDetail, courseKeys, coursesApi } from "./api";
import { CardSection } from "./CardSection";
import { ConversationsSection } from "./ConversationsSection";
import { CourseActions } from "./CourseActions";
import { CourseOutcomes } from "../reports/routes";
import { FollowUpSection } from "./FollowUpSection";
import { HistorySection } from "./HistorySection";
import { useCourseCitizen } from "./hooks";
import { InterventionsSection } from "./InterventionsSection";
import { CourseLetterButton } from "../messaging/LetterButton";
import { CourseMessageSection } from "../messaging/CitizenMessageSection";
import type { CourseRights } from "./rights";
import { PausedBadge, StageSteps, StageTag, registeringProvider } from "./ui";

export default function CoursePage() {
  const { t } = useTranslation("courses");
  const { id = "" } = useParams();
  const course = useQuery({
    queryKey: courseKeys.course(id),
    queryFn: ({ signal }) => coursesApi.get(id, signal),
  });
  const c = course.data;
  const title = c ? t("course.title", { name: c.citizen.name }) : t("course.titlePlain");
  const opened = (useLocation().state as { opened?: boolean } | null)?.opened;
  return (
    <>
      <BackLink course={c} />
      <PageHeading title={title}>{title}</PageHeading>
      {opened ? <Alert variant="success" heading={t("course.openedHeading")} /> : null}
      {course.isPending ? <Spinner /> : null}
      {course.error ? <LoadError error={course.error} onRetry={() => void course.refetch()} /> : null}
      {c ? <CourseBody course={c} /> : null}
    </>
  );
}

function BackLink({ course }: { course: CourseDetail | undefined }) {
  const { t } = useTranslation("courses");
  const can = useCan();
  const manager = can({ kind: "course.caseloadAll" });
  const [to, label] =
    manager && course
      ? [
          `/forloeb?koordinator=${course.coordinator.id}`,
          t("caseload.ofTitle", { name: course.coordinator.name }),
        ]
      : can({ kind: "course.caseload" })
        ? ["/forloeb", t("course.backToCaseload")]
        : [course ? `/borgere/${course.citizen.id}` : "/", t("course.backToCitizen")];
  return (
    <div>
      <Link to={to} className="back-link">
        <Icon name="chevron-left" />
        {label}
      </Link>
    </div>
  );
}

function useRights(course: CourseDetail): CourseRights | null {
  const can = useCan();
  const { data: me } = useMe();
  const citizen = useCourseCitizen(course.citizen.id);
  if (!me || !citizen) return null;
  const open = course.stage !== "closed";
  const clipsUsable = mayUseClips(course);
  const provider = registeringProvider(course, me.organisation);
  return {
    manage: open && can({ kind: "course.manage", citizen }),
    reassign: open && can({ kind: "course.reassign", citizen }),
    grant: open && can({ kind: "clip.grant", citizen }),
    plan: clipsUsable && can({ kind: "clip.plan", citizen }),
    register:
      clipsUsable && can({ kind: "clip.register", clip: { citizen, providerOrganisationId: provider } }),
    registerException:
      clipsUsable &&
      can({ kind: "clip.register", clip: { citizen, providerOrganisationId: provider, asException: true } }),
  };
}

function CourseBody({ course }: { course: CourseDetail }) {
  const { t } = useTranslation("courses");
  const rights = useRights(course);
  const sections = [
    ["course-conversations", t("conversations.heading")],
    ["course-interventions", t("interventions.heading")],
    ["course-communities", t("catalog:find.heading")],
    ["course-card", t("card.heading")],
    ["course-follow-up", t("followUp.heading")],
    ["course-outcomes", t("reports:outcomes.heading")],
    ["course-history", t("history.heading")],
  ] as const;
  return (
    <>
      <CourseFacts course={course} />
      <StageSteps stage={course.stage} paused={course.paused} />
      {course.stage === "closed" ? <ClosedSummary course={course} /> : null}
      {rights ? (
        <>
          <CourseActions course={course} rights={rights} />
          {rights.register && !rights.manage ? (
            <div className="action-row">
              <Link
                to={`/forloeb/${course.id}/registrer-klip`}
                className={buttonClass("primary", "big-button")}
              >
                <Icon name="check" />
                {t("register.button")}
              </Link>
            </div>
          ) : null}
        </>
      ) : (
        <Spinner />
      )}
      <CourseLetterButton course={course} />
      <nav aria-label={t("course.sectionsLabel")} className="course-toc">
        <ul className="nobullet-list">
          {sections.map(([anchor, label]) => (
            <li key={anchor}>
              <a href={`#${anchor}`} className="function-link">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ConversationsSection course={course} mayManage={rights?.manage ?? false} />
      <InterventionsSection course={course} mayManage={rights?.manage ?? false} />
      <FindCommunities course={course} />
      <CardSection course={course} rights={rights} />
      <FollowUpSection course={course} mayRecord={(rights?.manage ?? false) && mayRecordFollowUp(course)} />
      <CourseOutcomes course={course} />
      <CourseMessageSection course={course} />
      <HistorySection course={course} />
    </>
  );
}

function CourseFacts({ course }: { course: CourseDetail }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const rows: Array<[string, ReactNode]> = [
    [
      t("course.citizen"),
      <Link key="c" to={`/borgere/${course.citizen.id}`}>
        {course.citizen.name}
      </Link>,
    ],
    [t("course.address"), course.citizen.address],
    [t("course.coordinator"), course.coordinator.name],
    [
      t("course.stage"),
      <span key="s" className="course-tags">
        <StageTag stage={course.stage} />
        {course.paused ? <PausedBadge /> : null}
      </span>,
    ],
    [t("course.daysInStage"), t("caseload.days", { count: course.daysInStage })],
    [t("course.openedAt"), dates.dateTime(course.openedAt)],
    [
      t("course.lastContact"),
      course.lastContactAt
        ? dates.day(copenhagenDate(new Date(course.lastContactAt)))
        : t("caseload.noContact"),
    ],
    [
      t("course.nextFollowUp"),
      course.nextFollowUpOn ? (
        <span key="f" className={course.followUpOverdue ? "overdue-text" : undefined}>
          {course.followUpOverdue
            ? t("caseload.overdue", { date: dates.day(course.nextFollowUpOn) })
            : dates.day(course.nextFollowUpOn)}
        </span>
      ) : (
        t("caseload.noFollowUp")
      ),
    ],
    [t("course.frame"), <span key="p">{course.policy.description}</span>],
  ];
  return (
    <dl className="fact-list" data-testid="course-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ClosedSummary({ course }: { course: CourseDetail }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  return (
    <Alert
      variant="info"
      heading={t("course.closedHeading", { date: course.closedAt ? dates.dateTime(course.closedAt) : "–" })}
    >
      {course.closingReason ? (
        <p>{t("closing.reasonIs", { reason: t(`closingReason.${course.closingReason}`) })}</p>
      ) : null}
      {course.citizenAccount ? (
        <>
          <p className="mb-0">
            <strong>{t("closing.citizenAccount")}</strong>
          </p>
          <p className="note-body">{course.citizenAccount}</p>
        </>
      ) : null}
    </Alert>
  );
}
