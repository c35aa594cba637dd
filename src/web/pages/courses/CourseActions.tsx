/**
 * The course's lifecycle actions: move to another stage (only the allowed moves), pause or
 * resume, close, and — for a manager — give the course to another coordinator. Each opens
 * its form in a panel below the buttons, like the citizen page's detection actions.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { PauseBody } from "../../../shared/api/courses";
import { ActionError } from "../../components/ActionError";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { type CourseDetail, coursesApi } from "./api";
import type { CourseRights } from "./rights";
import { useCourseCache } from "./hooks";
import { CloseForm, MoveStageForm, ReassignForm } from "./StageForms";

type Panel = "move" | "pause" | "close" | "reassign";

export function CourseActions({ course, rights }: { course: CourseDetail; rights: CourseRights }) {
  const { t } = useTranslation("courses");
  const [open, setOpen] = useState<Panel | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!rights.manage && !rights.reassign) return done ? <Alert variant="success" heading={done} /> : null;
  const moves = course.allowedMoves.filter((s) => s !== "closed");
  const toggle = (panel: Panel) => {
    setDone(null);
    setOpen(open === panel ? null : panel);
  };
  const finish = (message: string) => {
    setOpen(null);
    setDone(message);
  };
  const button = (panel: Panel, label: string, icon: string) => (
    <Button
      variant="secondary"
      icon={icon}
      aria-expanded={open === panel}
      aria-controls={open === panel ? `course-${panel}-panel` : undefined}
      onClick={() => toggle(panel)}
    >
      {label}
    </Button>
  );
  return (
    <section aria-labelledby="course-actions-heading">
      <h2 id="course-actions-heading" className="sr-only">
        {t("actions.heading")}
      </h2>
      {done ? <Alert variant="success" heading={done} /> : null}
      <div className="action-row">
        {rights.manage && moves.length > 0 ? button("move", t("actions.move"), "arrow-forward") : null}
        {rights.manage && !course.paused ? button("pause", t("actions.pause"), "hourglass") : null}
        {rights.manage && course.paused ? (
          <ResumeButton course={course} onDone={() => finish(t("actions.resumed"))} />
        ) : null}
        {rights.manage ? button("close", t("actions.close"), "close") : null}
        {rights.reassign ? button("reassign", t("actions.reassign"), "persons") : null}
      </div>
      {open ? (
        <div id={`course-${open}-panel`} className="section-panel">
          {open === "move" ? (
            <MoveStageForm
              course={course}
              moves={moves}
              onDone={(to) => finish(t("actions.moved", { stage: t(`stage.${to}`) }))}
              onCancel={() => setOpen(null)}
            />
          ) : null}
          {open === "pause" ? (
            <PauseForm
              course={course}
              onDone={() => finish(t("actions.paused"))}
              onCancel={() => setOpen(null)}
            />
          ) : null}
          {open === "close" ? (
            <CloseForm
              course={course}
              onDone={() => finish(t("actions.closed"))}
              onCancel={() => setOpen(null)}
            />
          ) : null}
          {open === "reassign" ? (
            <ReassignForm
              course={course}
              onDone={(name) => finish(t("actions.reassigned", { name }))}
              onCancel={() => setOpen(null)}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ResumeButton({ course, onDone }: { course: CourseDetail; onDone: () => void }) {
  const { t } = useTranslation("courses");
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const resume = useMutation({
    mutationFn: () => {
      const body = { version: course.version };
      return coursesApi.resume(course.id, body, idempotency.keyFor({ resume: course.id, ...body }));
    },
    onSuccess: (updated) => {
      idempotency.done();
      cache.updated(updated);
      onDone();
    },
    onError: cache.failed,
  });
  return (
    <>
      <Button variant="secondary" icon="refresh" pending={resume.isPending} onClick={() => resume.mutate()}>
        {t("actions.resume")}
      </Button>
      {resume.error ? <ActionError error={resume.error} /> : null}
    </>
  );
}

function PauseForm({
  course,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const form = useForm({ reason: "" });
  const pause = useMutation({
    mutationFn: (body: PauseBody) =>
      coursesApi.pause(course.id, body, idempotency.keyFor({ pause: course.id, ...body })),
    onSuccess: (updated) => {
      idempotency.done();
      cache.updated(updated);
      onDone();
    },
    onError: (err) => {
      cache.failed(err);
      form.failFromServer(err, tc);
    },
  });
  const fields = [{ name: "reason", inputId: "pause-reason", label: t("actions.pauseReason") }];
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validate(PauseBody, { reason: form.values.reason, version: course.version }, tc);
    if (!result.ok) return form.fail(result.errors);
    form.clear();
    pause.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="pause-heading">
      <h3 id="pause-heading">{t("actions.pause")}</h3>
      <p>{t("actions.pauseIntro")}</p>
      <ErrorSummary
        items={summaryItems(fields, form.errors)}
        general={Object.keys(form.errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <TextAreaField
        id="pause-reason"
        label={t("actions.pauseReason")}
        optional
        rows={3}
        value={form.values.reason}
        onChange={form.set("reason")}
        error={form.errors.reason}
      />
      <div className="action-row">
        <Button type="submit" icon="hourglass" pending={pause.isPending}>
          {t("actions.pauseSubmit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
