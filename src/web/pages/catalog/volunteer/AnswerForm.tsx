/**
 * The volunteer centre's answer to a referral: matched (with an activity from the catalog, a
 * visiting friend or a phone friend), no match, or — also after a match — too complex for a
 * volunteer. What was arranged, or why not, is written for the coordinator.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { MATCH_KINDS, VOLUNTEER_REFERRAL_ANSWERS } from "../../../../domain/vocabulary/placements";
import { AnswerVolunteerReferralBody } from "../../../../shared/api/placements";
import { RadioGroup, choiceId } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { TextAreaField } from "../../../components/Field";
import { FormActions } from "../../../components/FormLayout";
import { LoadError } from "../../../components/LoadError";
import { SearchBox } from "../../../components/SearchBox";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { validate } from "../../../forms/validation";
import { type VolunteerReferral, afproevApi, catalogApi } from "../api";
import { useWords } from "../words";

export function AnswerForm({ referral, onDone }: { referral: VolunteerReferral; onDone: () => void }) {
  const w = useWords();
  const { t } = w;
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const afterMatch = referral.status === "matched";
  const statuses = afterMatch ? (["too_complex"] as const) : VOLUNTEER_REFERRAL_ANSWERS;
  const form = useForm({
    status: afterMatch ? "too_complex" : "",
    matchKind: "",
    matchedActivityId: "",
    answer: "",
  });
  const { values, set, errors } = form;
  const id = (name: string) => `answer-${referral.id}-${name}`;
  const answer = useSubmit(
    form,
    (body: AnswerVolunteerReferralBody, key) => afproevApi.answer(referral.id, body, key),
    () => {
      void client.invalidateQueries({ queryKey: ["volunteer-referrals"] });
      onDone();
    },
  );
  const fields = [
    { name: "status", inputId: choiceId(id("status"), statuses[0]), label: t("answer.status") },
    { name: "matchKind", inputId: choiceId(id("kind"), MATCH_KINDS[0]), label: t("answer.matchKind") },
    { name: "matchedActivityId", inputId: `${id("activity")}-search`, label: t("answer.activity") },
    { name: "answer", inputId: id("text"), label: t("answer.text") },
  ];
  function submit(e: FormEvent) {
    e.preventDefault();
    if (answer.isPending) return;
    const matched = values.status === "matched";
    const input = {
      status: values.status || undefined,
      matchKind: matched ? values.matchKind || null : null,
      matchedActivityId: matched && values.matchKind === "activity" ? values.matchedActivityId || null : null,
      answer: values.answer,
    };
    const result = validate(AnswerVolunteerReferralBody, input, tc);
    const found = result.ok ? {} : { ...result.errors };
    if (!values.status) found.status = t("answer.errors.status");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    answer.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate className="section-panel" aria-label={t("answer.heading")}>
      <h4>{afterMatch ? t("answer.reportHeading") : t("answer.heading")}</h4>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <RadioGroup
        id={id("status")}
        legend={t("answer.status")}
        large
        value={values.status}
        onChange={set("status")}
        error={errors.status}
        choices={statuses.map((s) => ({
          value: s,
          label: w.code("answerStatus", s),
          hint: w.code("answerStatusHint", s),
        }))}
      />
      {values.status === "matched" ? (
        <RadioGroup
          id={id("kind")}
          legend={t("answer.matchKind")}
          value={values.matchKind}
          onChange={set("matchKind")}
          error={errors.matchKind}
          choices={MATCH_KINDS.map((k) => ({ value: k, label: w.code("matchKind", k) }))}
        />
      ) : null}
      {values.status === "matched" && values.matchKind === "activity" ? (
        <ActivityPicker
          id={id("activity")}
          value={values.matchedActivityId}
          onChange={set("matchedActivityId")}
          error={errors.matchedActivityId}
        />
      ) : null}
      <TextAreaField
        id={id("text")}
        label={t("answer.text")}
        hint={t("answer.textHint")}
        rows={4}
        value={values.answer}
        onChange={set("answer")}
        error={errors.answer}
      />
      <FormActions label={t("answer.save")} pending={answer.isPending} />
    </form>
  );
}

/** Find an activity in the catalog by words and choose it (optional: a match can be recorded without one). */
function ActivityPicker({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const w = useWords();
  const { t } = w;
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const results = useQuery({
    queryKey: ["catalog", "activities", { q, pageSize: 8 }, "picker"],
    queryFn: ({ signal }) => catalogApi.search({ q, pageSize: 8 }, signal),
    enabled: q.length >= 2,
  });
  return (
    <div className="citizen-picker">
      <SearchBox
        id={`${id}-search`}
        label={t("answer.activitySearch")}
        hint={t("answer.activitySearchHint")}
        value={draft}
        onChange={setDraft}
        onSearch={() => setQ(draft.trim())}
        button={t("search.button")}
      />
      {error ? <p className="form-error-message">{error}</p> : null}
      {results.error ? <LoadError error={results.error} /> : null}
      {results.data ? (
        results.data.items.length === 0 ? (
          <p role="status">{t("search.none")}</p>
        ) : (
          <RadioGroup
            id={id}
            legend={t("answer.activity")}
            value={value}
            onChange={onChange}
            choices={results.data.items.map((a) => ({
              value: a.id,
              label: a.title,
              hint: `${a.organisation.name} · ${w.schedule(a.schedule)}`,
            }))}
          />
        )
      ) : null}
    </div>
  );
}
