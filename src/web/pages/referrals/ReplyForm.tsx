/**
 * The referrer's answer to "bed om flere oplysninger", on the sent list: the answer goes to the
 * coordinators and the referral returns to their inbox as new (answered).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type ReferralSummary, detectionApi, detectionKeys } from "../detection/api";

export function ReplyForm({ referral }: { referral: ReferralSummary }) {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const form = useForm({ message: "" });
  const { values, set, errors } = form;
  const [sent, setSent] = useState(false);
  const inputId = `reply-${referral.id}`;

  const reply = useMutation({
    mutationFn: (message: string) =>
      detectionApi.replyToReferral(
        referral.id,
        { message },
        idempotency.keyFor({ id: referral.id, message }),
      ),
    onSuccess: () => {
      idempotency.done();
      setSent(true);
      form.setValues({ message: "" });
      void client.invalidateQueries({ queryKey: detectionKeys.sent });
      void client.invalidateQueries({ queryKey: ["referrals", "inbox"] });
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const message = values.message.trim();
    if (!message) return form.fail({ message: t("reply.errors.message") });
    form.clear();
    reply.mutate(message);
  }

  if (sent) return <Alert variant="success" heading={t("reply.done")} headingLevel={3} />;
  if (!referral.canReply) return null;
  return (
    <form onSubmit={submit} noValidate aria-label={t("reply.heading")} className="mt-4">
      <ErrorSummary
        items={summaryItems([{ name: "message", inputId, label: t("reply.message") }], errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <TextAreaField
        id={inputId}
        label={t("reply.message")}
        hint={t("reply.hint")}
        error={errors.message}
        value={values.message}
        onChange={set("message")}
      />
      <Button type="submit" pending={reply.isPending} icon="send">
        {t("reply.submit")}
      </Button>
    </form>
  );
}
