/**
 * The coordinator's decision on a referral: accept (an outside referral is first linked to a
 * citizen of the register), ask for more information, reject with a reason the referrer reads,
 * or mark the asked-for information received.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DecideReferralBody } from "../../../shared/api/referrals";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { RadioGroup, choiceId } from "../../components/Choices";
import { CitizenPicker } from "../../components/CitizenPicker";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type ReferralDetail, detectionApi, detectionKeys } from "../detection/api";

type Action = DecideReferralBody["action"];

export function DecisionForm({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const form = useForm({ action: "", message: "", citizenId: "" });
  const { values, set, errors } = form;
  const [done, setDone] = useState<Action | null>(null);
  const needsCitizen = !referral.citizen;

  const decide = useMutation({
    mutationFn: (body: DecideReferralBody) =>
      detectionApi.decideReferral(referral.id, body, idempotency.keyFor({ id: referral.id, ...body })),
    onSuccess: (updated, body) => {
      idempotency.done();
      client.setQueryData(detectionKeys.referral(referral.id), updated);
      void client.invalidateQueries({ queryKey: ["referrals", "inbox"] });
      setDone(body.action);
      form.setValues({ action: "", message: "", citizenId: "" });
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  const fields = [
    {
      name: "action",
      inputId: choiceId("decision-action", referral.allowedActions[0] ?? ""),
      label: t("decision.action"),
    },
    { name: "citizenId", inputId: "decision-citizen-search", label: t("decision.citizen") },
    { name: "message", inputId: "decision-message", label: t("decision.message") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const message = values.message.trim();
    if (!values.action) found.action = t("decision.errors.action");
    if ((values.action === "reject" || values.action === "request_info") && !message)
      found.message = t("decision.errors.message");
    if (values.action === "accept" && needsCitizen && !values.citizenId)
      found.citizenId = t("decision.errors.citizen");
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    setDone(null);
    decide.mutate({
      action: values.action as Action,
      message: message || null,
      citizenId: values.action === "accept" && needsCitizen ? values.citizenId : null,
    });
  }

  // A closed referral (accepted or rejected) takes no more decisions; the last one is still confirmed.
  if (referral.allowedActions.length === 0)
    return done ? <Alert variant="success" heading={t(`decision.done.${done}`)} /> : null;

  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t("decision.heading")}</h2>
      {done ? <Alert variant="success" heading={t(`decision.done.${done}`)} /> : null}
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          items={summaryItems(fields, errors)}
          general={Object.keys(errors).length ? null : form.general}
          attempt={form.attempt}
        />
        <RadioGroup
          id="decision-action"
          legend={t("decision.action")}
          large
          error={errors.action}
          value={values.action}
          onChange={set("action")}
          choices={referral.allowedActions.map((a) => ({
            value: a,
            label: t(`action.${a}`),
            hint: t(`actionHint.${a}`),
          }))}
        />
        {values.action === "accept" && needsCitizen ? (
          <CitizenPicker
            id="decision-citizen"
            value={values.citizenId}
            onChange={set("citizenId")}
            error={errors.citizenId}
            initialQuery={referral.subjectName ?? ""}
          />
        ) : null}
        <TextAreaField
          id="decision-message"
          label={t("decision.message")}
          hint={
            values.action === "reject"
              ? t("decision.messageHintReject")
              : values.action === "request_info"
                ? t("decision.messageHintInfo")
                : t("decision.messageHint")
          }
          optional={values.action !== "reject" && values.action !== "request_info"}
          error={errors.message}
          value={values.message}
          onChange={set("message")}
        />
        <div className="action-row">
          <Button type="submit" pending={decide.isPending} icon="check">
            {t("decision.submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
