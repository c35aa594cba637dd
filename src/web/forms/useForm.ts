/**
 * Small form state: values, field errors, a general error, and an attempt counter the error
 * summary uses to take focus after every failed submit.
 */
import type { TFunction } from "i18next";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../shared/api/auth";
import { keys } from "../api/endpoints";
import { discardDraft, readDraft, writeDraft } from "./drafts";
import type { SummaryItem } from "../components/ErrorSummary";
import { type FieldErrors, serverFieldErrors } from "./validation";

export interface FieldSpec {
  name: string;
  inputId: string;
  label: string;
}

/**
 * `draft`: a key naming this form's draft (forms/drafts.ts) — its input survives a lost session;
 * call `discardDraft()` once it is submitted or cancelled.
 */
export function useForm<V extends object>(initial: V | (() => V), opts: { draft?: string } = {}) {
  // The session as already loaded (never a fetch of its own: public forms use this hook too).
  const userId = useQueryClient().getQueryData<Me | null>(keys.me)?.userId ?? null;
  const draftKey = opts.draft && userId ? opts.draft : null;
  const [values, setValues] = useState<V>(() => {
    const start = typeof initial === "function" ? (initial as () => V)() : initial;
    const saved = draftKey && userId ? readDraft<V>(draftKey, userId) : null;
    return saved ? { ...start, ...saved } : start;
  });
  useEffect(() => {
    if (draftKey && userId) writeDraft(draftKey, userId, values);
  }, [draftKey, userId, values]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const set = useCallback(
    <K extends keyof V>(key: K) =>
      (value: V[K]) =>
        setValues((v) => ({ ...v, [key]: value })),
    [],
  );

  const fail = useCallback((fieldErrors: FieldErrors, generalMessage: string | null = null) => {
    setErrors(fieldErrors);
    setGeneral(generalMessage);
    setAttempt((a) => a + 1);
  }, []);

  /** The API refused: its message on top, its field issues next to the fields. */
  const failFromServer = useCallback(
    (err: unknown, t: TFunction) => {
      const message = err instanceof ApiError ? err.message : t("common.unexpectedError");
      const fieldErrors = serverFieldErrors(err, t);
      // A conflict on one field (duplicate CPR, name, username) says more in its own message.
      if (err instanceof ApiError && err.code !== "validation_failed" && err.fields.length === 1)
        fieldErrors[err.fields[0]!.field] = err.message;
      fail(fieldErrors, message);
    },
    [fail],
  );

  const clear = useCallback(() => {
    setErrors({});
    setGeneral(null);
  }, []);

  const discard = useCallback(() => {
    if (draftKey) discardDraft(draftKey);
  }, [draftKey]);

  return {
    values,
    setValues,
    set,
    errors,
    general,
    attempt,
    fail,
    failFromServer,
    clear,
    discardDraft: discard,
  };
}

/** The error summary's list, in the order the fields appear on the form. */
export function summaryItems(fields: FieldSpec[], errors: FieldErrors): SummaryItem[] {
  return fields
    .filter((f) => errors[f.name])
    .map((f) => ({ inputId: f.inputId, label: f.label, message: errors[f.name]! }));
}
