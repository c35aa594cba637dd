/**
 * Moving a course to another stage (a reason when the workflow asks for one: skipping ahead,
 * going back, closing), closing it with the citizen's own account, and reassigning it.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CourseStage } from "../../../domain/course/vocabulary";
import { moveNeedsReason } from "../../../domain/course/workflow";
import { CloseCourseBody, MoveStageBody, ReassignBody } from "../../../shared/api/courses";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextAreaField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { type CourseDetail, courseKeys, coursesApi } from "./api";
import {
  ClosingFields,
  EMPTY_CLOSING,
  closingFieldSpecs,
  closingInput,
  closingProblems,
} from "./ClosingFields";
import { useCourseCache } from "./hooks";

interface FormProps<T> {
  course: CourseDetail;
  onDone: (value: T) => void;
  onCancel: () => void;
}

function Actions({
  pending,
  label,
  icon,
  onCancel,
}: {
  pending: boolean;
  label: string;
  icon: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="action-row">
      <Button type="submit" icon={icon} pending={pending}>
        {label}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
    </div>
  );
}

export function MoveStageForm({
  course,
  moves,
  onDone,
  onCancel,
}: FormProps<CourseStage> & { moves: CourseStage[] }) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const form = useForm({ to: "", reason: "" });
  const { values, set, errors } = form;
  const to = values.to as CourseStage | "";
  const needsReason = to !== "" && moveNeedsReason(course.stage, to);
  const move = useMutation({
    mutationFn: (body: MoveStageBody) =>
      coursesApi.move(course.id, body, idempotency.keyFor({ move: course.id, ...body })),
    onSuccess: (updated, body) => {
      idempotency.done();
      cache.updated(updated);
      onDone(body.to);
    },
    onError: (err) => {
      cache.failed(err);
      form.failFromServer(err, tc);
    },
  });
  const fields = [
    { name: "to", inputId: choiceId("move-to", moves[0] ?? ""), label: t("actions.moveTo") },
    { name: "reason", inputId: "move-reason", label: t("actions.moveReason") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validate(
      MoveStageBody,
      { to: to || undefined, reason: values.reason, version: course.version },
      tc,
    );
    const found = result.ok ? {} : { ...result.errors };
    if (!to) found.to = t("actions.errors.moveTo");
    else if (needsReason && !values.reason.trim()) found.reason = t("actions.errors.reason");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    move.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="move-heading">
      <h3 id="move-heading">{t("actions.move")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <RadioGroup
        id="move-to"
        legend={t("actions.moveTo")}
        large
        error={errors.to}
        value={values.to}
        onChange={set("to")}
        choices={moves.map((s) => ({
          value: s,
          label: t(`stage.${s}`),
          hint: moveNeedsReason(course.stage, s) ? t("actions.reasonNeeded") : undefined,
        }))}
      />
      <TextAreaField
        id="move-reason"
        label={t("actions.moveReason")}
        hint={needsReason ? t("actions.moveReasonHintRequired") : t("actions.moveReasonHint")}
        optional={!needsReason}
        rows={3}
        value={values.reason}
        onChange={set("reason")}
        error={errors.reason}
      />
      <Actions
        pending={move.isPending}
        label={t("actions.moveSubmit")}
        icon="arrow-forward"
        onCancel={onCancel}
      />
    </form>
  );
}

export function CloseForm({ course, onDone, onCancel }: FormProps<void>) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const form = useForm({ closing: EMPTY_CLOSING });
  const close = useMutation({
    mutationFn: (body: CloseCourseBody) =>
      coursesApi.close(course.id, body, idempotency.keyFor({ close: course.id, ...body })),
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
  const fields = closingFieldSpecs(t, "close", "");
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validate(
      CloseCourseBody,
      { ...closingInput(form.values.closing), version: course.version },
      tc,
    );
    const found = { ...(result.ok ? {} : result.errors), ...closingProblems(form.values.closing, t, "") };
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    close.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="close-heading">
      <h3 id="close-heading">{t("actions.close")}</h3>
      <p>{t("closing.intro")}</p>
      <ErrorSummary
        items={summaryItems(fields, form.errors)}
        general={Object.keys(form.errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <ClosingFields
        idPrefix="close"
        values={form.values.closing}
        onChange={form.set("closing")}
        errors={form.errors}
      />
      <Actions pending={close.isPending} label={t("actions.closeSubmit")} icon="close" onCancel={onCancel} />
    </form>
  );
}

export function ReassignForm({ course, onDone, onCancel }: FormProps<string>) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const coordinators = useQuery({
    queryKey: courseKeys.coordinators,
    queryFn: ({ signal }) => coursesApi.coordinators(signal),
  });
  const form = useForm({ coordinatorUserId: "", reason: "" });
  const { values, set, errors } = form;
  const options = (coordinators.data ?? [])
    .filter((c) => c.coordinator.id !== course.coordinator.id)
    .map((c) => ({
      value: c.coordinator.id,
      label: t("actions.coordinatorOption", { name: c.coordinator.name, count: c.openCourses }),
    }));
  const reassign = useMutation({
    mutationFn: (body: ReassignBody) =>
      coursesApi.reassign(course.id, body, idempotency.keyFor({ reassign: course.id, ...body })),
    onSuccess: (updated) => {
      idempotency.done();
      cache.updated(updated);
      onDone(updated.coordinator.name);
    },
    onError: (err) => {
      cache.failed(err);
      form.failFromServer(err, tc);
    },
  });
  const fields = [
    { name: "coordinatorUserId", inputId: "reassign-coordinator", label: t("actions.newCoordinator") },
    { name: "reason", inputId: "reassign-reason", label: t("actions.reassignReason") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validate(
      ReassignBody,
      {
        coordinatorUserId: values.coordinatorUserId || undefined,
        reason: values.reason,
        version: course.version,
      },
      tc,
    );
    const found = result.ok ? {} : { ...result.errors };
    if (!values.coordinatorUserId) found.coordinatorUserId = t("actions.errors.coordinator");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    reassign.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="reassign-heading">
      <h3 id="reassign-heading">{t("actions.reassign")}</h3>
      <p>{t("actions.reassignIntro", { name: course.coordinator.name })}</p>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {coordinators.error ? (
        <LoadError error={coordinators.error} onRetry={() => void coordinators.refetch()} />
      ) : null}
      <SelectField
        id="reassign-coordinator"
        label={t("actions.newCoordinator")}
        value={values.coordinatorUserId}
        onChange={set("coordinatorUserId")}
        emptyOption={coordinators.isPending ? tc("common.loading") : t("common.choose")}
        options={options}
        error={errors.coordinatorUserId}
      />
      <TextAreaField
        id="reassign-reason"
        label={t("actions.reassignReason")}
        optional
        rows={3}
        value={values.reason}
        onChange={set("reason")}
        error={errors.reason}
      />
      <Actions
        pending={reassign.isPending}
        label={t("actions.reassignSubmit")}
        icon="persons"
        onCancel={onCancel}
      />
    </form>
  );
}
