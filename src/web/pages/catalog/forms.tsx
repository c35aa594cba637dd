/**
 * What every catalog form shares: submitting once per Idempotency-Key with the API's refusal
 * shown on the form, the submit (and cancel) buttons, and a search box that searches on Enter
 * or its button without being a form of its own (so it also works inside another form).
 */
import { useMutation } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";

/** A ticked or unticked value of a checkbox list. */
export const toggle = (list: string[], value: string, on: boolean) => (on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value));

interface WriteHandlers<R> {
  onSuccess?: (result: R) => void;
  onError?: (err: unknown) => void;
  onSettled?: () => void;
}

/** A write with one Idempotency-Key per request body: a double tap or a retry of the same body is stored once. */
export function useWrite<B, R>(run: (body: B, idempotencyKey: string) => Promise<R>, handlers: WriteHandlers<R> = {}) {
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: B) => run(body, idempotency.keyFor(body)),
    onSuccess: (result) => {
      idempotency.done();
      handlers.onSuccess?.(result);
    },
    onError: (err) => handlers.onError?.(err),
    onSettled: () => handlers.onSettled?.(),
  });
}

/** A write from a form: the API's refusal (message and field issues) goes onto the form. */
export function useSubmit<B, R>(form: { failFromServer: (err: unknown, t: TFunction) => void }, run: (body: B, idempotencyKey: string) => Promise<R>, onDone: (result: R) => void) {
  const { t } = useTranslation();
  return useWrite(run, { onSuccess: onDone, onError: (err) => form.failFromServer(err, t) });
}

export function FormActions({ label, icon = "save", pending, onCancel, id }: { label: string; icon?: string; pending: boolean; onCancel?: () => void; id?: string }) {
  const { t } = useTranslation();
  return (
    <div className="detection-actions">
      <Button type="submit" id={id} icon={icon} pending={pending}>
        {label}
      </Button>
      {onCancel ? (
        <Button variant="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      ) : null}
    </div>
  );
}

export function SearchBox({ id, label, hint, value, onChange, onSearch, button }: { id: string; label: ReactNode; hint?: ReactNode; value: string; onChange: (v: string) => void; onSearch: () => void; button: string }) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <div className="search">
        <input
          id={id}
          name={id}
          type="search"
          className="form-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            onSearch();
          }}
          aria-describedby={hint ? `${id}-hint` : undefined}
          maxLength={100}
          autoComplete="off"
        />
        <button type="button" className="button button-search" onClick={onSearch}>
          <Icon name="search" />
          {button}
        </button>
      </div>
    </div>
  );
}

/** A part of a long form under its own heading (fieldset + legend), with an optional hint. */
export function FormSection({ heading, hint, className, children }: { heading: ReactNode; hint?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <fieldset className={className ? `course-fieldset ${className}` : "course-fieldset"}>
      <legend className="h3">{heading}</legend>
      {hint ? <span className="form-hint">{hint}</span> : null}
      {children}
    </fieldset>
  );
}
