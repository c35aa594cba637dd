/**
 * "Indsatser": the interventions attached to the course (seed 000, INDSATS 1–6), each with
 * the organisation that carries it out — public or private home care, the coordinator unit,
 * a volunteer centre. A private provider registers clips only on interventions assigned to it.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { INTERVENTION_KINDS } from "../../../domain/course/vocabulary";
import { copenhagenDate } from "../../../domain/time";
import { danishCollator } from "../../../domain/danish-text";
import { CreateInterventionBody } from "../../../shared/api/courses";
import { adminApi, keys } from "../../api/endpoints";
import { ActionError } from "../../components/ActionError";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { useDates } from "../../format";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { type CourseDetail, type Intervention, coursesApi } from "./api";
import { useCourseCache } from "./hooks";

export function InterventionsSection({ course, mayManage }: { course: CourseDetail; mayManage: boolean }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const [adding, setAdding] = useState(false);
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const end = useMutation({
    mutationFn: (i: Intervention) => coursesApi.endIntervention(i.id, idempotency.keyFor({ end: i.id })),
    onSuccess: () => {
      idempotency.done();
      cache.refresh();
    },
  });
  const mayWrite = mayManage && course.stage !== "closed";
  return (
    <section aria-labelledby="course-interventions" className="mt-7">
      <h2 id="course-interventions">{t("interventions.heading")}</h2>
      {mayWrite ? (
        <div className="action-row">
          <Button
            variant="secondary"
            icon="plus"
            aria-expanded={adding}
            aria-controls={adding ? "intervention-panel" : undefined}
            onClick={() => setAdding(!adding)}
          >
            {t("interventions.add")}
          </Button>
        </div>
      ) : null}
      {adding ? (
        <div id="intervention-panel" className="section-panel">
          <InterventionForm
            course={course}
            onDone={() => setAdding(false)}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {end.error ? <ActionError error={end.error} /> : null}
      {course.interventions.length === 0 ? (
        <p>{t("interventions.none")}</p>
      ) : (
        <ul className="card-list" data-testid="interventions">
          {course.interventions.map((i) => (
            <li key={i.id}>
              <h3>
                {t(`interventionKind.${i.kind}`)}
                {i.endedAt ? <span className="status-tag ml-2">{t("interventions.ended")}</span> : null}
              </h3>
              <p className="card-meta">
                <span>{i.provider.name}</span>
                <span>{t("interventions.startedAt", { day: dates.day(i.startedOn) })}</span>
                <span>{t("interventions.createdAt", { at: dates.dateTime(i.createdAt) })}</span>
                {i.endedAt ? (
                  <span>{t("interventions.endedAt", { at: dates.dateTime(i.endedAt) })}</span>
                ) : null}
              </p>
              {i.description ? <p className="note-body">{i.description}</p> : null}
              {mayWrite && !i.endedAt ? (
                <Button
                  variant="secondary"
                  pending={end.isPending && end.variables?.id === i.id}
                  onClick={() => end.mutate(i)}
                >
                  {t("interventions.end", { kind: t(`interventionKind.${i.kind}`) })}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InterventionForm({
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
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
    staleTime: 300_000,
  });
  const form = useForm({
    kind: "",
    providerOrganisationId: "",
    description: "",
    startedOn: copenhagenDate(new Date()),
  });
  const { values, set, errors } = form;
  const add = useMutation({
    mutationFn: (body: CreateInterventionBody) =>
      coursesApi.addIntervention(course.id, body, idempotency.keyFor({ course: course.id, ...body })),
    onSuccess: () => {
      idempotency.done();
      cache.refresh();
      onDone();
    },
    onError: (err) => form.failFromServer(err, tc),
  });
  const fields = [
    { name: "kind", inputId: "intervention-kind", label: t("interventions.kind") },
    { name: "providerOrganisationId", inputId: "intervention-provider", label: t("interventions.provider") },
    { name: "description", inputId: "intervention-description", label: t("interventions.description") },
    { name: "startedOn", inputId: "intervention-started", label: t("interventions.startedOn") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validate(
      CreateInterventionBody,
      {
        kind: values.kind || undefined,
        providerOrganisationId: values.providerOrganisationId || undefined,
        description: values.description,
        startedOn: values.startedOn || undefined,
      },
      tc,
    );
    const found = result.ok ? {} : { ...result.errors };
    if (!values.kind) found.kind = t("interventions.errors.kind");
    if (!values.providerOrganisationId) found.providerOrganisationId = t("interventions.errors.provider");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    add.mutate(result.data);
  }
  const options = (organisations.data ?? [])
    .filter((o) => o.active && o.kind !== "administration")
    .sort((a, b) => danishCollator.compare(a.name, b.name))
    .map((o) => ({ value: o.id, label: `${o.name} (${tc(`organisationKinds.${o.kind}`)})` }));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="intervention-heading">
      <h3 id="intervention-heading">{t("interventions.add")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {organisations.error ? (
        <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : null}
      <SelectField
        id="intervention-kind"
        label={t("interventions.kind")}
        value={values.kind}
        onChange={set("kind")}
        emptyOption={t("common.choose")}
        options={INTERVENTION_KINDS.map((k) => ({ value: k, label: t(`interventionKind.${k}`) }))}
        error={errors.kind}
      />
      <SelectField
        id="intervention-provider"
        label={t("interventions.provider")}
        hint={t("interventions.providerHint")}
        value={values.providerOrganisationId}
        onChange={set("providerOrganisationId")}
        emptyOption={organisations.isPending ? tc("common.loading") : t("common.choose")}
        options={options}
        error={errors.providerOrganisationId}
      />
      <TextField
        id="intervention-description"
        label={t("interventions.description")}
        optional
        value={values.description}
        onChange={set("description")}
        error={errors.description}
      />
      <TextField
        id="intervention-started"
        type="date"
        width="input-width-s"
        label={t("interventions.startedOn")}
        hint={t("interventions.startedOnHint")}
        value={values.startedOn}
        max={copenhagenDate(new Date())}
        min={copenhagenDate(new Date(course.openedAt))}
        onChange={set("startedOn")}
        error={errors.startedOn}
      />
      <div className="action-row">
        <Button type="submit" icon="save" pending={add.isPending}>
          {t("interventions.save")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
