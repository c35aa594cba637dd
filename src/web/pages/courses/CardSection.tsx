/**
 * "Klippekort": per clip kind what was granted, planned, used and what is left (with a warning
 * before the frame runs out), the grants, and every clip with its status. Coordinators grant,
 * planners put clips on a worker's day, workers register what they did.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../components/Alert";
import { Button, buttonClass } from "../../components/Button";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useDates } from "../../format";
import { type CourseDetail, type PunchCard, courseKeys, coursesApi } from "./api";
import { ClipList } from "./ClipList";
import type { CourseRights } from "./rights";
import { GrantForm } from "./GrantForm";
import { PlanClipForm } from "./PlanClipForm";
import { ClipsLeft } from "./ui";

type Line = PunchCard["lines"][number];
type Panel = "grant" | "plan";

export function CardSection({ course, rights }: { course: CourseDetail; rights: CourseRights | null }) {
  const { t } = useTranslation("courses");
  const card = useQuery({
    queryKey: courseKeys.card(course.id),
    queryFn: ({ signal }) => coursesApi.card(course.id, signal),
  });
  const [open, setOpen] = useState<Panel | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggle = (p: Panel) => {
    setDone(null);
    setOpen(open === p ? null : p);
  };
  const c = card.data;
  const lines = c
    ? c.lines.filter((l) => l.grantedClips + l.plannedClips + l.usedClips + l.cancelledClips > 0)
    : [];
  return (
    <section aria-labelledby="course-card" className="mt-7">
      <h2 id="course-card">{t("card.heading")}</h2>
      {c ? (
        <p className="form-hint">
          {t("card.frame", { version: c.policy.version, description: c.policy.description })}
        </p>
      ) : null}
      {done ? <Alert variant="success" heading={done} /> : null}
      <div className="action-row">
        {rights?.grant ? (
          <Button
            variant="secondary"
            icon="plus"
            aria-expanded={open === "grant"}
            aria-controls={open === "grant" ? "grant-panel" : undefined}
            onClick={() => toggle("grant")}
          >
            {t("card.grant")}
          </Button>
        ) : null}
        {rights?.plan ? (
          <Button
            variant="secondary"
            icon="calendar-month"
            aria-expanded={open === "plan"}
            aria-controls={open === "plan" ? "plan-panel" : undefined}
            onClick={() => toggle("plan")}
          >
            {t("card.plan")}
          </Button>
        ) : null}
        {rights?.register ? (
          <Link to={`/forloeb/${course.id}/registrer-klip`} className={buttonClass("secondary")}>
            {t("register.button")}
          </Link>
        ) : null}
      </div>
      {open === "grant" && c ? (
        <div id="grant-panel" className="section-panel">
          <GrantForm
            course={course}
            card={c}
            onDone={(text) => (setOpen(null), setDone(text))}
            onCancel={() => setOpen(null)}
          />
        </div>
      ) : null}
      {open === "plan" && c ? (
        <div id="plan-panel" className="section-panel">
          <PlanClipForm
            course={course}
            card={c}
            onDone={(text) => (setOpen(null), setDone(text))}
            onCancel={() => setOpen(null)}
          />
        </div>
      ) : null}
      {card.isPending ? <Spinner /> : null}
      {card.error ? <LoadError error={card.error} onRetry={() => void card.refetch()} /> : null}
      {c ? (
        <>
          {lines
            .filter((l) => l.warn)
            .map((l) => (
              <Alert
                key={l.kind}
                variant="warning"
                heading={t("card.warnHeading", { kind: t(`clipKind.${l.kind}`), count: l.remainingClips })}
                headingLevel={3}
              />
            ))}
          {lines.length === 0 ? <p>{t("card.empty")}</p> : <CardLines lines={lines} />}
          <Grants card={c} />
          <ClipList course={course} card={c} rights={rights} />
        </>
      ) : null}
    </section>
  );
}

function CardLines({ lines }: { lines: Line[] }) {
  const { t } = useTranslation("courses");
  const columns: Column<Line>[] = [
    {
      key: "kind",
      header: t("card.kind"),
      title: t("card.kind"),
      rowHeader: true,
      render: (l) => t(`clipKind.${l.kind}`),
    },
    {
      key: "granted",
      header: t("card.granted"),
      title: t("card.granted"),
      render: (l) => t("card.clipsMinutes", { count: l.grantedClips, minutes: l.grantedMinutes }),
    },
    {
      key: "planned",
      header: t("card.planned"),
      title: t("card.planned"),
      render: (l) => t("card.clips", { count: l.plannedClips }),
    },
    {
      key: "used",
      header: t("card.used"),
      title: t("card.used"),
      render: (l) => t("card.clipsMinutes", { count: l.usedClips, minutes: l.usedMinutes }),
    },
    {
      key: "cancelled",
      header: t("card.cancelled"),
      title: t("card.cancelled"),
      render: (l) => t("card.clips", { count: l.cancelledClips }),
    },
    {
      key: "remaining",
      header: t("card.remaining"),
      title: t("card.remaining"),
      render: (l) => <ClipsLeft count={l.remainingClips} warn={l.warn} />,
    },
  ];
  return (
    <div data-testid="card-lines">
      <Table
        caption={t("card.linesCaption")}
        captionHidden
        columns={columns}
        rows={lines}
        rowKey={(l) => l.kind}
        compact
      />
    </div>
  );
}

function Grants({ card }: { card: PunchCard }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  if (card.grants.length === 0) return null;
  return (
    <>
      <h3 id="grants-heading">{t("card.grants")}</h3>
      <ul className="history-list" aria-labelledby="grants-heading">
        {card.grants.map((g) => (
          <li key={g.id}>
            <p className="mb-0">
              <strong>
                {t("card.grantLine", {
                  clips: g.clips,
                  minutes: g.minutesPerClip,
                  kind: t(`clipKind.${g.kind}`),
                })}
              </strong>
              {g.exception ? <span className="badge badge-warning ml-2">{t("card.exception")}</span> : null}
            </p>
            <p className="card-meta">
              <span>{dates.day(g.grantedOn.slice(0, 10))}</span>
              <span>{g.grantedBy.name}</span>
              <span>{t("card.policyVersion", { version: g.policyVersion })}</span>
            </p>
            {g.exceptionReason ? <p className="note-body">{g.exceptionReason}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
