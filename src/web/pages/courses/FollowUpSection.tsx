/**
 * "Opfølgning": the FSIII follow-up result — E1 fortsættes, E2 ændres inden for rammen,
 * E3 afsluttes (then the closing fields), E4 revisitation — whether the citizen still takes
 * part, a note and the next follow-up date; and the follow-ups recorded so far.
 */
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { FOLLOW_UP_RESULTS } from "../../../domain/course/vocabulary";
import { stageAfterFollowUp } from "../../../domain/course/workflow";
import { FollowUpBody } from "../../../shared/api/courses";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField, TextField } from "../../components/Field";
import { useDates } from "../../format";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { type CourseDetail, coursesApi } from "./api";
import {
  ClosingFields,
  EMPTY_CLOSING,
  closingFieldSpecs,
  closingInput,
  closingProblems,
} from "./ClosingFields";
import { useCourseCache } from "./hooks";

const PARTICIPATING = { yes: true, no: false, not_relevant: null } as const;

export function FollowUpSection({ course, mayRecord }: { course: CourseDetail; mayRecord: boolean }) {
  const { t } = useTranslation("courses");
  const dates = useDates();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const followUps = [...course.followUps].sort((a, b) => b.performedAt.localeCompare(a.performedAt));
  return (
    <section aria-labelledby="course-follow-up" className="mt-7">
      <h2 id="course-follow-up">{t("followUp.heading")}</h2>
      {done ? <Alert variant="success" heading={done} /> : null}
      {mayRecord ? (
        <div className="action-row">
          <Button
            variant="secondary"
            icon="checklist"
            aria-expanded={open}
            aria-controls={open ? "follow-up-panel" : undefined}
            onClick={() => (setDone(null), setOpen(!open))}
          >
            {t("followUp.record")}
          </Button>
        </div>
      ) : course.stage === "clarification" ? (
        <p className="form-hint">{t("followUp.notYet")}</p>
      ) : null}
      {open ? (
        <div id="follow-up-panel" className="section-panel">
          <FollowUpForm
            course={course}
            onDone={(text) => (setOpen(false), setDone(text))}
            onCancel={() => setOpen(false)}
          />
        </div>
      ) : null}
      {followUps.length === 0 ? (
        <p>{t("followUp.none")}</p>
      ) : (
        <ol className="history-list" data-testid="follow-ups">
          {followUps.map((f) => (
            <li key={f.id}>
              <p className="mb-0">
                <strong>{t(`followUpResult.${f.result}`)}</strong>
              </p>
              <p className="card-meta">
                <span>{dates.dateTime(f.performedAt)}</span>
                <span>{f.performedBy.name}</span>
                <span>
                  {t(
                    `followUp.participating.${f.stillParticipating === null ? "not_relevant" : f.stillParticipating ? "yes" : "no"}`,
                  )}
                </span>
                {f.nextFollowUpOn ? (
                  <span>{t("followUp.nextOn", { date: dates.day(f.nextFollowUpOn) })}</span>
                ) : null}
              </p>
              {f.note ? <p className="note-body">{f.note}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function FollowUpForm({
  course,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const cache = useCourseCache(course);
  const idempotency = useIdempotencyKey();
  const form = useForm({
    result: "",
    participating: "",
    note: "",
    nextFollowUpOn: "",
    closing: EMPTY_CLOSING,
  });
  const { values, set, errors } = form;
  const closing = values.result === "E3";
  const save = useMutation({
    mutationFn: (body: FollowUpBody) =>
      coursesApi.followUp(course.id, body, idempotency.keyFor({ followUp: course.id, ...body })),
    onSuccess: (updated) => {
      idempotency.done();
      cache.updated(updated);
      onDone(t("followUp.done", { stage: t(`stage.${updated.stage}`) }));
    },
    onError: (err) => {
      cache.failed(err);
      form.failFromServer(err, tc);
    },
  });
  const fields = [
    { name: "result", inputId: choiceId("follow-up-result", "E1"), label: t("followUp.result") },
    {
      name: "stillParticipating",
      inputId: choiceId("follow-up-participating", "yes"),
      label: t("followUp.stillParticipating"),
    },
    { name: "note", inputId: "follow-up-note", label: t("followUp.note") },
    { name: "nextFollowUpOn", inputId: "follow-up-next", label: t("followUp.next") },
    ...closingFieldSpecs(t, "follow-up-closing", "closing."),
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      result: values.result || undefined,
      stillParticipating: values.participating
        ? PARTICIPATING[values.participating as keyof typeof PARTICIPATING]
        : null,
      note: values.note,
      nextFollowUpOn: closing ? null : values.nextFollowUpOn || null,
      closing: closing ? closingInput(values.closing) : null,
      version: course.version,
    };
    const result = validate(FollowUpBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (!values.result) found.result = t("followUp.errors.result");
    if (closing) Object.assign(found, closingProblems(values.closing, t, "closing."));
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    save.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="follow-up-heading">
      <h3 id="follow-up-heading">{t("followUp.record")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <RadioGroup
        id="follow-up-result"
        legend={t("followUp.result")}
        large
        error={errors.result}
        value={values.result}
        onChange={set("result")}
        choices={FOLLOW_UP_RESULTS.map((r) => ({
          value: r,
          label: t(`followUpResult.${r}`),
          hint: t("followUp.leadsTo", { stage: t(`stage.${stageAfterFollowUp(r)}`) }),
        }))}
      />
      <RadioGroup
        id="follow-up-participating"
        legend={t("followUp.stillParticipating")}
        error={errors.stillParticipating}
        value={values.participating}
        onChange={set("participating")}
        choices={(["yes", "no", "not_relevant"] as const).map((p) => ({
          value: p,
          label: t(`followUp.participatingChoice.${p}`),
        }))}
      />
      <TextAreaField
        id="follow-up-note"
        label={t("followUp.note")}
        optional
        rows={3}
        value={values.note}
        onChange={set("note")}
        error={errors.note}
      />
      {closing ? (
        <>
          <p>{t("closing.intro")}</p>
          <ClosingFields
            idPrefix="follow-up-closing"
            values={values.closing}
            onChange={set("closing")}
            errors={errors}
            prefix="closing."
          />
        </>
      ) : (
        <TextField
          id="follow-up-next"
          type="date"
          label={t("followUp.next")}
          optional
          value={values.nextFollowUpOn}
          onChange={set("nextFollowUpOn")}
          error={errors.nextFollowUpOn}
          width="input-width-s"
        />
      )}
      <div className="action-row">
        <Button type="submit" icon="save" pending={save.isPending}>
          {closing ? t("followUp.submitClose") : t("followUp.submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
