import { useCallback, useRef } from "react";

/** crypto.randomUUID exists only in secure contexts (HTTPS, localhost); getRandomValues everywhere. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One Idempotency-Key per form submission: a double tap or a retry of the same values reuses
 * the key (the server then answers with the first result instead of writing twice); changed
 * values or a completed submission get a new key.
 */
export function useIdempotencyKey() {
  const current = useRef<{ key: string; payload: string } | null>(null);

  const keyFor = useCallback((payload: unknown): string => {
    const serialised = JSON.stringify(payload);
    if (current.current?.payload !== serialised) current.current = { key: newKey(), payload: serialised };
    return current.current.key;
  }, []);

  const done = useCallback(() => {
    current.current = null;
  }, []);

  return { keyFor, done };
}
