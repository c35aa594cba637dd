/** "Send advis": a worker's own referral of this citizen to the coordinators, with the receipt number after sending. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type ReferralDetail, detectionApi } from "./api";

export function SendAdvisForm({ citizenId, onClose }: { citizenId: string; onClose: () => void }) {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const form = useForm({ reason: "" });
  const idempotency = useIdempotencyKey();
  const [sent, setSent] = useState<ReferralDetail | null>(null);
  const receiptRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) receiptRef.current?.focus();
  }, [sent]);

  const send = useMutation({
    mutationFn: (reason: string) =>
      detectionApi.sendAdvis(citizenId, reason, idempotency.keyFor({ citizenId, reason })),
    onSuccess: (referral) => {
      idempotency.done();
      setSent(referral);
      void client.invalidateQueries({ queryKey: ["referrals"] });
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const reason = form.values.reason.trim();
    if (!reason) return form.fail({ reason: t("advis.reasonRequired") });
    form.clear();
    send.mutate(reason);
  }

  if (sent) {
    return (
      <div ref={receiptRef} tabIndex={-1}>
        <Alert variant="success" heading={t("advis.sent")} headingLevel={3}>
          <p>
            {t("result.receipt")}: <span className="receipt-code">{sent.receiptNumber}</span>
          </p>
        </Alert>
        <Button variant="secondary" onClick={onClose}>
          {t("common.close")}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="advis-heading">
      <h3 id="advis-heading">{t("advis.heading")}</h3>
      <p>{t("advis.intro")}</p>
      <ErrorSummary
        items={
          form.errors.reason
            ? [{ inputId: "advis-reason", label: t("advis.reason"), message: form.errors.reason }]
            : []
        }
        general={form.errors.reason ? null : form.general}
        attempt={form.attempt}
      />
      <TextAreaField
        id="advis-reason"
        label={t("advis.reason")}
        hint={t("advis.reasonHint")}
        error={form.errors.reason}
        value={form.values.reason}
        onChange={form.set("reason")}
      />
      <div className="action-row">
        <Button type="submit" icon="send" pending={send.isPending}>
          {t("advis.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
