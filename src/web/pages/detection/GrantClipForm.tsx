/** A planner grants an opsporingsklip: the time (minutes, day) lands on a worker's "Mine borgere i dag". */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SelectField, TextField } from "../../components/Field";
import { LoadError } from "../../components/LoadError";
import { todayInCopenhagen, useDates } from "../../format";
import { summaryItems, useForm } from "../../forms/useForm";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { type DetectionClip, detectionApi, detectionKeys } from "./api";

export function GrantClipForm({ citizenId, onClose }: { citizenId: string; onClose: () => void }) {
  const { t } = useTranslation("detection");
  const { t: tc } = useTranslation();
  const dates = useDates();
  const client = useQueryClient();
  const workers = useQuery({
    queryKey: detectionKeys.workers(citizenId),
    queryFn: ({ signal }) => detectionApi.workers(citizenId, signal),
  });
  const form = useForm({ workerUserId: "", plannedDate: todayInCopenhagen(), minutes: "30" });
  const { values, set, errors } = form;
  const idempotency = useIdempotencyKey();
  const [granted, setGranted] = useState<DetectionClip | null>(null);

  const grant = useMutation({
    mutationFn: (body: { workerUserId: string; plannedDate: string; minutes: number }) =>
      detectionApi.grantClip(citizenId, body, idempotency.keyFor(body)),
    onSuccess: (clip) => {
      idempotency.done();
      setGranted(clip);
      void client.invalidateQueries({ queryKey: detectionKeys.myDay });
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  const fields = [
    { name: "workerUserId", inputId: "clip-worker", label: t("clip.worker") },
    { name: "plannedDate", inputId: "clip-date", label: t("clip.date") },
    { name: "minutes", inputId: "clip-minutes", label: t("clip.minutes") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const minutes = Number(values.minutes);
    if (!values.workerUserId) found.workerUserId = t("clip.errors.worker");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.plannedDate)) found.plannedDate = t("clip.errors.date");
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 180) found.minutes = t("clip.errors.minutes");
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    grant.mutate({ workerUserId: values.workerUserId, plannedDate: values.plannedDate, minutes });
  }

  if (granted) {
    return (
      <div>
        <Alert variant="success" heading={t("clip.granted")} headingLevel={3}>
          <p>
            {t("clip.grantedText", {
              worker: granted.worker.name,
              date: dates.day(granted.plannedDate),
              minutes: granted.minutes,
            })}
          </p>
        </Alert>
        <Button variant="secondary" onClick={onClose}>
          {t("common.close")}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="clip-heading">
      <h3 id="clip-heading">{t("clip.heading")}</h3>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {workers.error ? <LoadError error={workers.error} onRetry={() => void workers.refetch()} /> : null}
      <SelectField
        id="clip-worker"
        label={t("clip.worker")}
        value={values.workerUserId}
        onChange={set("workerUserId")}
        emptyOption={workers.isPending ? tc("common.loading") : t("clip.chooseWorker")}
        options={(workers.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
        error={errors.workerUserId}
      />
      <TextField
        id="clip-date"
        type="date"
        label={t("clip.date")}
        value={values.plannedDate}
        onChange={set("plannedDate")}
        error={errors.plannedDate}
        width="input-width-s"
      />
      <TextField
        id="clip-minutes"
        type="number"
        inputMode="numeric"
        min={5}
        max={180}
        step={5}
        label={t("clip.minutes")}
        hint={t("clip.minutesHint")}
        value={values.minutes}
        onChange={set("minutes")}
        error={errors.minutes}
        width="input-width-xs"
      />
      <div className="action-row">
        <Button type="submit" icon="calendar-month" pending={grant.isPending}>
          {t("clip.submit")}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
