/**
 * "Effektmåling" on the course page (issue 6, point 3): the outcome questionnaire (T-ILS by
 * default) at baseline and again after some months — when each is due, whether it is
 * answered, and its result — and, for the coordinator who runs the course, the form to record
 * one: the instrument's items exactly as the detection form shows them, the result as soon as
 * every item is answered, saved once (an Idempotency-Key per submission).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { scoreAnswers } from "../../../../domain/questionnaires/score";
import type { CourseDetail } from "../../../../shared/api/courses";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Checkbox } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { RiskBadge } from "../../../components/RiskBadge";
import { Spinner } from "../../../components/Spinner";
import { type Column, Table } from "../../../components/Table";
import { useDates } from "../../../format";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useIdempotencyKey } from "../../../forms/useIdempotencyKey";
import { useCan } from "../../../app/session";
import { useLocalText } from "../../../i18n/useLocalText";
import { useCourseCitizen } from "../../courses/hooks";
import type { StoredQuestionnaire } from "../../detection/api";
import {
  type Answers,
  QuestionnaireItems,
  blocksOf,
  initialAnswers,
  itemInputId,
} from "../../detection/QuestionnaireItems";
import { type OutcomeMeasurement, reportKeys, reportsApi } from "../api";
import { today } from "../period";
import { useQuestionnaires } from "./questionnaires";
import "../reports.css";

type Phase = OutcomeMeasurement["phase"];

export default function OutcomesSection({ course }: { course: CourseDetail }) {
  const { t } = useTranslation("reports");
  const can = useCan();
  const citizen = useCourseCitizen(course.citizen.id);
  const mayRecord = citizen ? can({ kind: "course.manage", citizen }) : false;
  const outcomes = useQuery({
    queryKey: reportKeys.outcomes(course.id),
    queryFn: ({ signal }) => reportsApi.outcomes(course.id, signal),
  });
  const questionnaires = useQuestionnaires();
  const [open, setOpen] = useState<Phase | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = [...(outcomes.data ?? [])].sort((a, b) =>
    a.phase === b.phase ? 0 : a.phase === "baseline" ? -1 : 1,
  );
  // A baseline missed on a closed course can no longer be taken (the API's due list says so too); the follow-up still can.
  const recordable = mayRecord
    ? list.filter((m) => !m.answeredAt && !(m.phase === "baseline" && course.stage === "closed"))
    : [];
  const openMeasurement = list.find((m) => m.phase === open) ?? null;
  const questionnaire = openMeasurement
    ? (questionnaires.data?.find((q) => q.key === openMeasurement.questionnaireKey) ?? null)
    : null;

  return (
    <section aria-labelledby="course-outcomes" className="mt-7">
      <h2 id="course-outcomes">{t("outcomes.heading")}</h2>
      <p>{t("outcomes.intro")}</p>
      {done ? <Alert variant="success" heading={done} /> : null}
      {outcomes.isPending ? <Spinner /> : null}
      {outcomes.error ? <LoadError error={outcomes.error} onRetry={() => void outcomes.refetch()} /> : null}
      {outcomes.data ? (
        list.length === 0 ? (
          <p>{t("outcomes.none")}</p>
        ) : (
          <>
            <OutcomeTable measurements={list} questionnaires={questionnaires.data ?? []} />
            <Change measurements={list} />
          </>
        )
      ) : null}
      {recordable.length > 0 ? (
        <div className="action-row">
          {recordable.map((m) => (
            <Button
              key={m.phase}
              variant="secondary"
              icon="checklist"
              aria-expanded={open === m.phase}
              aria-controls={open === m.phase ? "outcome-panel" : undefined}
              onClick={() => (setDone(null), setOpen(open === m.phase ? null : m.phase))}
            >
              {t(`outcomes.record.${m.phase}`)}
            </Button>
          ))}
        </div>
      ) : null}
      {openMeasurement ? (
        <div id="outcome-panel" className="section-panel">
          {questionnaires.isPending ? <Spinner /> : null}
          {questionnaires.error ? (
            <LoadError error={questionnaires.error} onRetry={() => void questionnaires.refetch()} />
          ) : null}
          {questionnaires.data && !questionnaire ? (
            <Alert
              variant="warning"
              headingLevel={3}
              heading={t("outcomes.noQuestionnaire", { key: openMeasurement.questionnaireKey })}
            />
          ) : null}
          {questionnaire ? (
            <OutcomeForm
              key={`${openMeasurement.phase}-${questionnaire.id}`}
              course={course}
              measurement={openMeasurement}
              questionnaire={questionnaire}
              onDone={(text) => (setOpen(null), setDone(text))}
              onCancel={() => setOpen(null)}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The label of a result from the instrument's definition (the newest version has the same outcome keys). */
function useOutcomeLabel(questionnaires: StoredQuestionnaire[]) {
  const local = useLocalText();
  return (m: OutcomeMeasurement) => {
    if (!m.outcome) return null;
    const q = questionnaires.find((x) => x.key === m.questionnaireKey);
    const outcome = q?.definition.outcomes.find((o) => o.key === m.outcome!.key);
    return outcome ? local(outcome.label) : { text: m.outcome.key, lang: undefined };
  };
}

function OutcomeTable({
  measurements,
  questionnaires,
}: {
  measurements: OutcomeMeasurement[];
  questionnaires: StoredQuestionnaire[];
}) {
  const { t } = useTranslation("reports");
  const dates = useDates();
  const local = useLocalText();
  const labelOf = useOutcomeLabel(questionnaires);
  const day = today();
  const title = (key: string) => {
    const q = questionnaires.find((x) => x.key === key);
    return q ? local(q.definition.title).text : key;
  };
  const columns: Column<OutcomeMeasurement>[] = [
    {
      key: "phase",
      header: t("outcomes.col.phase"),
      title: t("outcomes.col.phase"),
      rowHeader: true,
      render: (m) => (
        <>
          {t(`outcomes.phase.${m.phase}`)}
          <span className="report-row-hint">{title(m.questionnaireKey)}</span>
        </>
      ),
    },
    {
      key: "due",
      header: t("outcomes.col.due"),
      title: t("outcomes.col.due"),
      render: (m) => (
        <>
          {!m.answeredAt && m.dueOn < day ? (
            <span className="overdue-text">{t("outcomes.overdue", { date: dates.day(m.dueOn) })}</span>
          ) : (
            dates.day(m.dueOn)
          )}
          {m.window ? (
            <span className="report-row-hint">
              {t("outcomes.window", { from: dates.day(m.window.from), to: dates.day(m.window.to) })}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: "answered",
      header: t("outcomes.col.answered"),
      title: t("outcomes.col.answered"),
      render: (m) => (
        <>
          {m.answeredAt ? dates.dateTime(m.answeredAt) : t("outcomes.notAnswered")}
          {m.fromDetection ? <span className="report-row-hint">{t("outcomes.fromDetection")}</span> : null}
          {m.outOfWindow ? <span className="report-row-hint">{t("outcomes.outOfWindow")}</span> : null}
        </>
      ),
    },
    {
      key: "result",
      header: t("outcomes.col.result"),
      title: t("outcomes.col.result"),
      render: (m) => {
        const label = labelOf(m);
        if (!m.outcome || !label) return "–";
        return (
          <>
            <RiskBadge colour={m.outcome.colour} label={<span lang={label.lang}>{label.text}</span>} />
            {m.outcome.total !== null ? (
              <span className="report-score"> {t("outcomes.score", { score: m.outcome.total })}</span>
            ) : null}
          </>
        );
      },
    },
  ];
  return (
    <Table
      caption={t("outcomes.caption")}
      captionHidden
      columns={columns}
      rows={measurements}
      rowKey={(m) => m.id}
    />
  );
}

/** Both answered: the change in score, without reading a direction into an instrument the municipality may have changed. */
function Change({ measurements }: { measurements: OutcomeMeasurement[] }) {
  const { t } = useTranslation("reports");
  const baseline = measurements.find((m) => m.phase === "baseline")?.outcome;
  const followUp = measurements.find((m) => m.phase === "follow_up")?.outcome;
  if (!baseline || !followUp || baseline.total === null || followUp.total === null) return null;
  const diff = followUp.total - baseline.total;
  return (
    <p data-testid="outcome-change">
      <strong>{t("outcomes.change")}</strong>{" "}
      {t("outcomes.changeText", {
        from: baseline.total,
        to: followUp.total,
        diff: diff > 0 ? `+${diff}` : String(diff),
      })}
      {baseline.positive && !followUp.positive ? <span> {t("outcomes.noLongerLonely")}</span> : null}
    </p>
  );
}

function OutcomeForm({
  course,
  measurement,
  questionnaire,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  measurement: OutcomeMeasurement;
  questionnaire: StoredQuestionnaire;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("reports");
  const { t: tc } = useTranslation();
  const local = useLocalText();
  const dates = useDates();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const definition = questionnaire.definition;
  const form = useForm<{ answers: Answers }>(() => ({ answers: initialAnswers(definition) }));
  const { values, setValues } = form;
  const scored = useMemo(() => scoreAnswers(definition, values.answers), [definition, values.answers]);
  // A question answered since the last attempt stops being shown as a problem.
  const errors = Object.fromEntries(
    Object.entries(form.errors).filter(
      ([name]) => !name.startsWith("answers.") || values.answers[name.slice("answers.".length)] === undefined,
    ),
  );
  const phase = measurement.phase;
  const day = today();
  // Outside its window the follow-up is saved only when the coordinator says so, and never paired.
  const outside =
    measurement.window !== null && (day < measurement.window.from || day > measurement.window.to);
  const early = !outside && measurement.dueOn > day;
  const [confirmed, setConfirmed] = useState(false);

  const save = useMutation({
    mutationFn: (answers: Answers) => {
      const body = {
        questionnaireId: questionnaire.id,
        answers,
        ...(outside && confirmed ? { confirmOutOfWindow: true } : {}),
      };
      return reportsApi.recordOutcome(
        course.id,
        phase,
        body,
        idempotency.keyFor({ course: course.id, phase, ...body }),
      );
    },
    onSuccess: (saved) => {
      idempotency.done();
      client.setQueryData<OutcomeMeasurement[]>(reportKeys.outcomes(course.id), (old) =>
        old?.map((m) => (m.id === saved.id ? saved : m)),
      );
      void client.invalidateQueries({ queryKey: reportKeys.outcomes(course.id) });
      void client.invalidateQueries({ queryKey: ["outcomes"] });
      void client.invalidateQueries({ queryKey: ["reports"] });
      void client.invalidateQueries({ queryKey: ["citizen", course.citizen.id] });
      onDone(t("outcomes.saved", { phase: t(`outcomes.phase.${phase}`) }));
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  function answer(itemId: string, value: string | boolean) {
    setValues((v) => ({ ...v, answers: { ...v.answers, [itemId]: value } }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const found: Record<string, string> = {};
    if (!scored.ok)
      for (const id of [...scored.missing, ...scored.invalid])
        found[`answers.${id}`] = t("outcomes.errors.answer");
    if (outside && !confirmed) found.confirmOutOfWindow = t("outcomes.errors.confirmOutOfWindow");
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    save.mutate(values.answers);
  }

  const fields = blocksOf(definition)
    .flatMap((b) => (b.kind === "question" ? [b.item] : b.items))
    .map((item) => ({
      name: `answers.${item.id}`,
      inputId: itemInputId(definition, item.id),
      label: local(item.text).text,
    }))
    .concat(
      outside
        ? [
            {
              name: "confirmOutOfWindow",
              inputId: "outcome-confirm-window",
              label: t("outcomes.confirmOutOfWindow"),
            },
          ]
        : [],
    );
  const known = new Set(fields.map((f) => f.name));
  const other = Object.entries(errors).filter(([name]) => !known.has(name));
  const items = [
    ...summaryItems(fields, errors),
    ...other.map(([name, message]) => ({ inputId: "save-outcome", label: name, message })),
  ];
  const general = form.general && Object.keys(form.errors).length === 0 ? form.general : null;
  const title = local(definition.title);
  const heading = t(`outcomes.formHeading.${phase}`);

  return (
    <form onSubmit={submit} noValidate aria-labelledby="outcome-form-heading">
      <h3 id="outcome-form-heading">{heading}</h3>
      <p>
        <span lang={title.lang}>{title.text}</span>
        {definition.description ? (
          <span className="form-hint" lang={local(definition.description).lang}>
            {local(definition.description).text}
          </span>
        ) : null}
      </p>
      {early ? (
        <Alert
          variant="warning"
          headingLevel={3}
          heading={t("outcomes.earlyHeading", { date: dates.day(measurement.dueOn) })}
        >
          <p>{t("outcomes.earlyText")}</p>
        </Alert>
      ) : null}
      {outside && measurement.window ? (
        <Alert
          variant="warning"
          headingLevel={3}
          heading={t("outcomes.outsideHeading", {
            from: dates.day(measurement.window.from),
            to: dates.day(measurement.window.to),
          })}
        >
          <p>{t("outcomes.outsideText")}</p>
        </Alert>
      ) : null}
      <ErrorSummary items={items} general={general} attempt={form.attempt} />
      <QuestionnaireItems
        definition={definition}
        answers={values.answers}
        errors={errors}
        onAnswer={answer}
      />
      <Preview definition={definition} scored={scored} answers={values.answers} />
      {outside ? (
        <Checkbox
          id="outcome-confirm-window"
          label={t("outcomes.confirmOutOfWindow")}
          checked={confirmed}
          onChange={setConfirmed}
        />
      ) : null}
      <div className="action-row">
        <Button type="submit" id="save-outcome" icon="save" pending={save.isPending}>
          {t("outcomes.submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/** The result while the form is filled (a polite live region): no referral advice — an outcome measurement never leads to one. */
function Preview({
  definition,
  scored,
  answers,
}: {
  definition: StoredQuestionnaire["definition"];
  scored: ReturnType<typeof scoreAnswers>;
  answers: Answers;
}) {
  const { t } = useTranslation("reports");
  const local = useLocalText();
  const total = definition.items.length;
  const answered = definition.items.filter((i) => answers[i.id] !== undefined).length;
  const mainScore = definition.scores[0];
  return (
    <div
      className="report-outcome-preview"
      aria-live="polite"
      aria-atomic="true"
      data-testid="outcome-result"
    >
      {scored.ok ? (
        <p>
          <strong>{t("outcomes.result")}:</strong>{" "}
          <RiskBadge
            colour={scored.outcome.colour}
            label={<span lang={local(scored.outcome.label).lang}>{local(scored.outcome.label).text}</span>}
          />
          {mainScore ? (
            <span className="report-score">
              {" "}
              {t("outcomes.score", { score: scored.scores[mainScore.key] })}
            </span>
          ) : null}
        </p>
      ) : (
        <p>{t("outcomes.pending", { answered, total })}</p>
      )}
    </div>
  );
}
