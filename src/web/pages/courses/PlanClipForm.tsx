/**
 * A planner (team leader, coordinator) puts a clip on a worker's day: date, time, minutes,
 * worker, kind and — for accompaniment — its form. It then shows on the worker's
 * "Mine borgere i dag" and in the worker's calendar feed.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ACCOMPANIMENT_FORMS } from "../../../domain/course/vocabulary";
import { copenhagenDate } from "../../../domain/time";
import { PlanClipBody } from "../../../shared/api/punch-card";
import { useMe } from "../../app/session";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextField } from "../../components/Field";
import { useDates } from "../../format";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { type CourseDetail, type PunchCard, courseKeys, coursesApi } from "./api";
import { useCourseCache } from "./hooks";

export function PlanClipForm({
  course,
  card,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  card: PunchCard;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const { data: me } = useMe();
  const dates = useDates();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  // Staff of the citizen's providers, of the interventions' providers and the coordinator unit.
  const workers = useQuery({
    queryKey: courseKeys.workers(course.id),
    queryFn: ({ signal }) => coursesApi.workers(course.id, signal),
    retry: false,
  });
  const kinds = card.lines.filter((l) => l.remainingClips > 0);
  const minutesOf = (kind: string) => card.grants.filter((g) => g.kind === kind).at(-1)?.minutesPerClip;
  const initialKind = kinds.length === 1 ? kinds[0]!.kind : "";
  const form = useForm({
    kind: initialKind as string,
    accompanimentForm: "",
    plannedOn: copenhagenDate(new Date()),
    plannedStart: "10:00",
    plannedMinutes: String(minutesOf(initialKind) ?? ""),
    workerUserId: "",
    interventionId: "",
  });
  const { values, set, errors } = form;
  const workerOptions = [
    ...(me ? [{ value: me.userId, label: t("plan.myself", { name: me.displayName }) }] : []),
    ...(workers.data ?? [])
      .filter((w) => w.id !== me?.userId)
      .map((w) => ({ value: w.id, label: `${w.name} (${w.organisation.name})` })),
  ];

  const plan = useMutation({
    mutationFn: (body: PlanClipBody) =>
      coursesApi.plan(course.id, body, idempotency.keyFor({ plan: course.id, ...body })),
    onSuccess: (clip) => {
      idempotency.done();
      cache.refresh();
      onDone(
        t("plan.done", {
          kind: t(`clipKind.${clip.kind}`),
          date: clip.plannedOn ? dates.day(clip.plannedOn) : "",
          worker: clip.worker?.name ?? "",
        }),
      );
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  const fields = [
    { name: "kind", inputId: "plan-kind", label: t("plan.kind") },
    {
      name: "accompanimentForm",
      inputId: choiceId("plan-form", ACCOMPANIMENT_FORMS[0]),
      label: t("plan.accompanimentForm"),
    },
    { name: "plannedOn", inputId: "plan-date", label: t("plan.date") },
    { name: "plannedStart", inputId: "plan-time", label: t("plan.time") },
    { name: "plannedMinutes", inputId: "plan-minutes", label: t("plan.minutes") },
    { name: "workerUserId", inputId: "plan-worker", label: t("plan.worker") },
    { name: "interventionId", inputId: "plan-intervention", label: t("plan.intervention") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const minutes = values.plannedMinutes.trim();
    const input = {
      kind: values.kind || undefined,
      accompanimentForm: values.kind === "accompaniment" ? values.accompanimentForm || null : null,
      plannedOn: values.plannedOn,
      plannedStart: values.plannedStart,
      plannedMinutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes ? Number.NaN : undefined,
      workerUserId: values.workerUserId || undefined,
      interventionId: values.interventionId || null,
    };
    const result = validate(PlanClipBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (!values.kind) found.kind = t("plan.errors.kind");
    if (!values.workerUserId) found.workerUserId = t("plan.errors.worker");
    if (values.kind === "accompaniment" && !values.accompanimentForm)
      found.accompanimentForm = t("plan.errors.accompanimentForm");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    plan.mutate(result.data);
  }
  const minutesHint = minutesOf(values.kind);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="plan-heading">
      <h3 id="plan-heading">{t("card.plan")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {kinds.length === 0 ? <p>{t("plan.nothingLeft")}</p> : null}
      <SelectField
        id="plan-kind"
        label={t("plan.kind")}
        value={values.kind}
        onChange={(k) =>
          form.setValues((v) => ({
            ...v,
            kind: k,
            plannedMinutes: v.plannedMinutes || String(minutesOf(k) ?? ""),
          }))
        }
        emptyOption={t("common.choose")}
        options={kinds.map((l) => ({
          value: l.kind,
          label: t("plan.kindOption", { kind: t(`clipKind.${l.kind}`), count: l.remainingClips }),
        }))}
        error={errors.kind}
      />
      {values.kind === "accompaniment" ? (
        <RadioGroup
          id="plan-form"
          legend={t("plan.accompanimentForm")}
          large
          value={values.accompanimentForm}
          onChange={set("accompanimentForm")}
          error={errors.accompanimentForm}
          choices={ACCOMPANIMENT_FORMS.map((f) => ({
            value: f,
            label: t(`accompanimentForm.${f}`),
            hint: t(`accompanimentFormHint.${f}`),
          }))}
        />
      ) : null}
      <div className="field-row">
        <TextField
          id="plan-date"
          type="date"
          label={t("plan.date")}
          value={values.plannedOn}
          onChange={set("plannedOn")}
          error={errors.plannedOn}
          width="input-width-s"
        />
        <TextField
          id="plan-time"
          type="time"
          label={t("plan.time")}
          value={values.plannedStart}
          onChange={set("plannedStart")}
          error={errors.plannedStart}
          width="input-width-xs"
        />
        <TextField
          id="plan-minutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          step={5}
          label={t("plan.minutes")}
          hint={minutesHint ? t("plan.minutesHint", { minutes: minutesHint }) : undefined}
          value={values.plannedMinutes}
          onChange={set("plannedMinutes")}
          error={errors.plannedMinutes}
          width="input-width-xs"
        />
      </div>
      <SelectField
        id="plan-worker"
        label={t("plan.worker")}
        value={values.workerUserId}
        onChange={set("workerUserId")}
        emptyOption={workers.isFetching ? tc("common.loading") : t("common.choose")}
        options={workerOptions}
        error={errors.workerUserId}
      />
      {course.interventions.some((i) => !i.endedAt) ? (
        <SelectField
          id="plan-intervention"
          label={t("plan.intervention")}
          optional
          value={values.interventionId}
          onChange={set("interventionId")}
          emptyOption={t("grant.noIntervention")}
          options={course.interventions
            .filter((i) => !i.endedAt)
            .map((i) => ({ value: i.id, label: `${t(`interventionKind.${i.kind}`)} · ${i.provider.name}` }))}
          error={errors.interventionId}
        />
      ) : null}
      <div className="action-row">
        <Button type="submit" icon="calendar-month" pending={plan.isPending}>
          {t("plan.submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
