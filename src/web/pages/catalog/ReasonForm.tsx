/**
 * A write that needs only a reason — stopping a placement, ending a small community kindly —
 * with the error summary, one Idempotency-Key per submission and the API's refusal shown.
 */
import type { FormEvent, ReactNode } from "react";
import { Button } from "../../components/Button";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { useForm } from "../../forms/useForm";
import { useSubmit } from "../../forms/useWrite";

export function ReasonForm<T>({
  id,
  label,
  hint,
  intro,
  submitLabel,
  requiredMessage,
  run,
  onDone,
}: {
  id: string;
  label: string;
  hint?: string;
  intro?: ReactNode;
  submitLabel: string;
  requiredMessage: string;
  run: (reason: string, idempotencyKey: string) => Promise<T>;
  onDone: (result: T) => void;
}) {
  const form = useForm({ reason: "" });
  const save = useSubmit(form, run, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    if (!form.values.reason.trim()) return form.fail({ reason: requiredMessage });
    form.clear();
    save.mutate(form.values.reason);
  };
  return (
    <form onSubmit={submit} noValidate className="section-panel" aria-label={submitLabel}>
      <ErrorSummary
        items={form.errors.reason ? [{ inputId: id, label, message: form.errors.reason }] : []}
        general={form.errors.reason ? null : form.general}
        attempt={form.attempt}
      />
      {intro ? <p>{intro}</p> : null}
      <TextAreaField
        id={id}
        label={label}
        hint={hint}
        rows={3}
        value={form.values.reason}
        onChange={form.set("reason")}
        error={form.errors.reason ?? form.errors[id]}
      />
      <Button type="submit" variant="secondary" className="mt-4" pending={save.isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
