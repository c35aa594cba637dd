/**
 * A write with its Idempotency-Key (one per request body, so a double tap or a retry of the same
 * body is stored once), and the form variant that puts the API's refusal onto the form.
 */
import { useMutation } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useIdempotencyKey } from "./useIdempotencyKey";

interface WriteHandlers<R> {
  onSuccess?: (result: R) => void;
  onError?: (err: unknown) => void;
  onSettled?: () => void;
}

/** A write with one Idempotency-Key per request body: a double tap or a retry of the same body is stored once. */
export function useWrite<B, R>(
  run: (body: B, idempotencyKey: string) => Promise<R>,
  handlers: WriteHandlers<R> = {},
) {
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
export function useSubmit<B, R>(
  form: { failFromServer: (err: unknown, t: TFunction) => void },
  run: (body: B, idempotencyKey: string) => Promise<R>,
  onDone: (result: R) => void,
) {
  const { t } = useTranslation();
  return useWrite(run, { onSuccess: onDone, onError: (err) => form.failFromServer(err, t) });
}
