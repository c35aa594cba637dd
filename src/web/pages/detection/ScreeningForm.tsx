/**
 * The detection form (issue 3, point 2), made for a phone in the citizen's home: choose the
 * instrument, answer, see the outcome at once (scored in the browser by the same domain code
 * the server uses), then consent or "outside the target group", an optional observation, and
 * save once (an Idempotency-Key per submission, so a double tap or a retry is stored once).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { scoreAnswers } from "../../../domain/questionnaires/score";
import { CONSENTS, EXCLUSION_REASONS, type ExclusionReason } from "../../../domain/vocabulary/detection";
import type { SubmitScreeningBody } from "../../../shared/api/detection";
import type { QuestionnaireDefinition } from "../../../shared/api/questionnaires";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { useMe } from "../../app/session";
import { useLocalText } from "../../i18n/useLocalText";
import { sendOrQueue } from "../../offline/outbox";
import { type ScreeningResult, type StoredQuestionnaire, detectionKeys } from "./api";
import {
  type Answers,
  QuestionnaireItems,
  blocksOf,
  initialAnswers,
  itemInputId,
} from "./QuestionnaireItems";
import { OutcomePreview } from "./OutcomePreview";
import "./detection.css";

interface Values {
  questionnaireId: string;
  answers: Answers;
  consent: string;
  consentNote: string;
  outside: boolean;
  exclusionReason: string;
  exclusionNote: string;
  observation: string;
}

export function ScreeningForm({
  citizenId,
  citizenName,
  questionnaires,
  clipId,
  onSaved,
  onQueued,
}: {
  citizenId: string;
  citizenName: string;
  questionnaires: StoredQuestionnaire[];
  clipId: string | null;
  onSaved: (result: ScreeningResult, definition: QuestionnaireDefinition) => void;
  /** The form went to the phone's queue (no answer from the server); the summary it is listed by. */
  onQueued: (summary: string) => void;
}) {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const local = useLocalText();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const form = useForm<Values>(
    () => ({
      questionnaireId: questionnaires.length === 1 ? questionnaires[0]!.id : "",
      answers: questionnaires.length === 1 ? initialAnswers(questionnaires[0]!.definition) : {},
      consent: "",
      consentNote: "",
      outside: false,
      exclusionReason: "",
      exclusionNote: "",
      observation: "",
      // Kept through a lost session (idle timeout) and back; the form holds no CPR number.
    }),
    { draft: `screening:${citizenId}:${clipId ?? ""}` },
  );
  const { values, setValues } = form;
  const chosen = questionnaires.find((q) => q.id === values.questionnaireId) ?? null;
  const definition = chosen?.definition ?? null;
  const scored = useMemo(
    () => (definition ? scoreAnswers(definition, values.answers) : null),
    [definition, values.answers],
  );

  // A problem the worker has since fixed (an item answered, consent chosen) stops being shown.
  const errors = Object.fromEntries(
    Object.entries(form.errors).filter(([name]) => {
      if (name.startsWith("answers."))
        return values.answers[name.slice("answers.".length)] === undefined && !values.outside;
      if (name === "questionnaireId") return !values.questionnaireId;
      if (name === "consent") return !values.consent && !values.outside;
      if (name === "exclusion.reason") return !values.exclusionReason && values.outside;
      return true;
    }),
  );

  const { data: me } = useMe();
  // The time the form was filled travels with it (a queued form may arrive hours later), fixed per
  // Idempotency-Key: a repeat of the same submission must be the same request.
  const filled = useRef<{ key: string; at: string } | null>(null);
  const summary = definition ? tc("offline.summary.screening", { title: local(definition.title).text }) : "";
  const save = useMutation({
    mutationFn: (body: SubmitScreeningBody) => {
      const key = idempotency.keyFor(body);
      if (filled.current?.key !== key) filled.current = { key, at: new Date().toISOString() };
      return sendOrQueue<ScreeningResult>(
        {
          key,
          kind: "screening",
          path: `/citizens/${citizenId}/screenings`,
          body: { ...body, filledAt: filled.current.at },
          citizenId,
          citizenName,
          summary,
          againPath: `/borgere/${citizenId}/opsporing${clipId ? `?klip=${clipId}` : ""}`,
        },
        me!,
      );
    },
    onSuccess: (sent) => {
      idempotency.done();
      form.discardDraft();
      void client.invalidateQueries({ queryKey: ["citizen", citizenId] });
      void client.invalidateQueries({ queryKey: detectionKeys.myDay });
      void client.invalidateQueries({ queryKey: ["referrals"] });
      if (sent.queued) onQueued(summary);
      else onSaved(sent.result, definition!);
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  function choose(id: string) {
    const q = questionnaires.find((x) => x.id === id);
    setValues((v) => ({ ...v, questionnaireId: id, answers: q ? initialAnswers(q.definition) : {} }));
  }

  function answer(itemId: string, value: string | boolean) {
    setValues((v) => ({ ...v, answers: { ...v.answers, [itemId]: value } }));
  }

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!definition) found.questionnaireId = t("form.errors.chooseQuestionnaire");
    // Outside the target group the questions may stay unanswered (issue 11: dementia, terminal …).
    if (scored && !scored.ok && !values.outside)
      for (const id of [...scored.missing, ...scored.invalid])
        found[`answers.${id}`] = t("form.errors.answer");
    if (values.outside) {
      if (!values.exclusionReason) found["exclusion.reason"] = t("form.errors.exclusionReason");
    } else if (!values.consent) found.consent = t("form.errors.consent");
    return found;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const found = validate();
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    // An exclusion keeps the answers only when every question was answered; otherwise it is
    // recorded without answers (a filled form, excluded, not answered).
    const unanswered = values.outside && !scored?.ok;
    save.mutate({
      questionnaireId: values.questionnaireId,
      ...(unanswered ? {} : { answers: values.answers }),
      consent: values.outside ? "not_asked" : (values.consent as SubmitScreeningBody["consent"]),
      consentNote: values.outside ? null : values.consentNote.trim() || null,
      exclusion: values.outside
        ? { reason: values.exclusionReason as ExclusionReason, note: values.exclusionNote.trim() || null }
        : null,
      observation: values.observation.trim() || null,
      detectionClipId: clipId,
    });
  }

  // The error summary in the order of the form; items by their question text.
  const fields = [
    {
      name: "questionnaireId",
      inputId: choiceId("questionnaireId", questionnaires[0]?.id ?? ""),
      label: t("form.questionnaire"),
    },
    ...(definition
      ? blocksOf(definition)
          .flatMap((b) => (b.kind === "question" ? [b.item] : b.items))
          .map((item) => ({
            name: `answers.${item.id}`,
            inputId: itemInputId(definition, item.id),
            label: local(item.text).text,
          }))
      : []),
    { name: "consent", inputId: choiceId("consent", "yes"), label: t("form.consent") },
    { name: "consentNote", inputId: "consentNote", label: t("form.consentNote") },
    {
      name: "exclusion.reason",
      inputId: choiceId("exclusion-reason", EXCLUSION_REASONS[0]),
      label: t("form.exclusionReason"),
    },
    { name: "exclusion.note", inputId: "exclusion-note", label: t("form.exclusionNote") },
    { name: "observation", inputId: "observation", label: t("form.observation") },
    { name: "detectionClipId", inputId: "save-screening", label: t("form.clip") },
  ];
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.entries(errors).filter(([name]) => !known.has(name));
  const items = [
    ...summaryItems(fields, errors),
    ...unknown.map(([name, message]) => ({ inputId: "save-screening", label: name, message })),
  ];
  const general = form.general && Object.keys(form.errors).length === 0 ? form.general : null;

  return (
    <form onSubmit={submit} noValidate aria-label={t("form.title")}>
      <ErrorSummary items={items} general={general} attempt={form.attempt} />
      <RadioGroup
        id="questionnaireId"
        legend={t("form.questionnaire")}
        legendClassName="form-label detection-item-legend"
        large
        error={errors.questionnaireId}
        value={values.questionnaireId}
        onChange={choose}
        choices={questionnaires.map((q) => {
          const title = local(q.definition.title);
          return { value: q.id, label: <span lang={title.lang}>{title.text}</span> };
        })}
      />
      {definition ? (
        <>
          {definition.description ? (
            <p className="form-hint" lang={local(definition.description).lang}>
              {local(definition.description).text}
            </p>
          ) : null}
          <QuestionnaireItems
            definition={definition}
            answers={values.answers}
            errors={errors}
            onAnswer={answer}
          />
          <OutcomePreview definition={definition} scored={scored} answers={values.answers} />

          <h2>{t("form.afterHeading")}</h2>
          <div className="form-group">
            <div className="form-group-checkbox">
              <input
                id="outside"
                type="checkbox"
                className="form-checkbox"
                checked={values.outside}
                onChange={(e) => setValues((v) => ({ ...v, outside: e.target.checked }))}
                aria-describedby="outside-hint"
              />
              <label className="form-label" htmlFor="outside">
                {t("form.outside")}
              </label>
              <span className="form-hint" id="outside-hint">
                {t("form.outsideHint")}
              </span>
            </div>
          </div>
          {values.outside ? (
            <>
              <RadioGroup
                id="exclusion-reason"
                legend={t("form.exclusionReason")}
                large
                error={errors["exclusion.reason"]}
                value={values.exclusionReason}
                onChange={(v) => setValues((x) => ({ ...x, exclusionReason: v }))}
                choices={EXCLUSION_REASONS.map((r) => ({ value: r, label: t(`exclusion.${r}`) }))}
              />
              <TextAreaField
                id="exclusion-note"
                label={t("form.exclusionNote")}
                optional
                rows={2}
                error={errors["exclusion.note"]}
                value={values.exclusionNote}
                onChange={(v) => setValues((x) => ({ ...x, exclusionNote: v }))}
              />
            </>
          ) : (
            <>
              <RadioGroup
                id="consent"
                legend={t("form.consent")}
                hint={
                  scored?.ok && scored.outcome.isPositive
                    ? t("form.consentHintPositive")
                    : t("form.consentHint")
                }
                large
                error={errors.consent}
                value={values.consent}
                onChange={(v) => setValues((x) => ({ ...x, consent: v }))}
                choices={CONSENTS.map((c) => ({ value: c, label: t(`consent.${c}`) }))}
              />
              <TextAreaField
                id="consentNote"
                label={t("form.consentNote")}
                hint={values.consent === "no" ? t("form.consentNoteHintNo") : undefined}
                optional
                rows={2}
                error={errors.consentNote}
                value={values.consentNote}
                onChange={(v) => setValues((x) => ({ ...x, consentNote: v }))}
              />
            </>
          )}
          <TextAreaField
            id="observation"
            label={t("form.observation")}
            hint={t("form.observationHint")}
            optional
            error={errors.observation}
            value={values.observation}
            onChange={(v) => setValues((x) => ({ ...x, observation: v }))}
          />
        </>
      ) : null}
      <div className="action-row">
        <Button type="submit" id="save-screening" pending={save.isPending} icon="save">
          {t("form.save")}
        </Button>
      </div>
    </form>
  );
}
