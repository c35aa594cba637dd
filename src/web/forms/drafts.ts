/**
 * Form drafts (issue 18.15): what a user typed into a big form survives the idle timeout's trip to
 * the login page and back. Kept in sessionStorage (this tab only, gone when it closes), per user
 * and form, written on every change; cleared when the form is submitted or cancelled and — all of
 * them — at logout, so the next person at a shared tablet finds nothing.
 *
 * A CPR number is never stored: a field named like "cpr", and any text containing something shaped
 * like one, is left out of the draft.
 */
const PREFIX = "broen.draft:";
const CPR_LIKE = /\d{6}[- ]?\d{4}/;

interface Stored<V> {
  userId: string;
  values: Partial<V>;
}

function withoutCpr(value: unknown): unknown {
  if (typeof value === "string") return CPR_LIKE.test(value) ? undefined : value;
  if (Array.isArray(value)) return value.map(withoutCpr).filter((v) => v !== undefined);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (/cpr/i.test(k)) continue;
      const kept = withoutCpr(v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function readDraft<V>(key: string, userId: string): Partial<V> | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as Stored<V>;
    // Someone else's draft (a shared tablet after a lost session) is never shown.
    if (stored.userId !== userId) {
      storage()?.removeItem(PREFIX + key);
      return null;
    }
    return stored.values;
  } catch {
    return null;
  }
}

export function writeDraft<V>(key: string, userId: string, values: V): void {
  try {
    const stored: Stored<V> = { userId, values: withoutCpr(values) as Partial<V> };
    storage()?.setItem(PREFIX + key, JSON.stringify(stored));
  } catch {
    // A full or refused storage only costs the draft.
  }
}

export function discardDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

/** At logout: every draft of this tab. */
export function clearAllDrafts(): void {
  const s = storage();
  if (!s) return;
  for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key);
}
