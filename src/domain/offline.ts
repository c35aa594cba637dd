/**
 * Rules of the worker's day without a signal (issue 17 point 1, decision 0108), shared by the
 * phone (what it may show and keep, what to do with an answer) and the server (when a form filled
 * offline counts as filled).
 */
import { copenhagenDate } from "./time.js";

const HOUR = 3_600_000;

/** The day pack on the phone: usable only by its own user, on its own day, before it expires, while signed in. */
export interface KeptDay {
  userId: string;
  /** The Copenhagen day the pack was made for (YYYY-MM-DD). */
  today: string;
  savedAt: number;
  keepHours: number;
  /** Set at any logout (also the idle one): the day then opens only after a new login. */
  signedOut: boolean;
}

export function dayExpiresAt(day: Pick<KeptDay, "savedAt" | "keepHours">): number {
  return day.savedAt + day.keepHours * HOUR;
}

/**
 * Whether the phone may show the kept day: not after a logout, not another user's, only on the
 * day it was made for (the next morning's tasks are different), and not after the municipality's
 * hours.
 */
export function keptDayUsable(day: KeptDay, now: number, userId?: string): boolean {
  if (day.signedOut) return false;
  if (userId !== undefined && day.userId !== userId) return false;
  if (copenhagenDate(new Date(now)) !== day.today) return false;
  return now < dayExpiresAt(day);
}

/** What became of one attempt to send a queued write. */
export type SendOutcome =
  /** Stored (or the server's stored answer to the same Idempotency-Key): done. */
  | "sent"
  /** No answer, or the server or its database failed: the same request again later. */
  | "retry"
  /** The session is gone or must change password: keep it, stop, send after the next login. */
  | "stop"
  /** The server refused this request: sending it again would be refused again. */
  | "refused";

/**
 * How to treat an answer. Status 0 is "no answer" (network). 502–504 come from a proxy or a server
 * that could not reach its database; 408 and 429 ask to come back later; the write was not
 * stored, or was stored with its key, so the same key again is safe. A 500 is a fault in Broen that
 * a retry would repeat. 409 municipality_switched: the session is now in another municipality.
 */
export function sendOutcome(status: number, code: string): SendOutcome {
  if (status >= 200 && status < 300) return "sent";
  if (status === 0 || status === 408 || status === 429 || (status >= 502 && status <= 504)) return "retry";
  if (status === 401 || code === "password_change_required" || code === "municipality_switched")
    return "stop";
  return "refused";
}

/** Whether a failed first attempt goes to the queue instead of onto the form. */
export function queueOnFailure(status: number): boolean {
  return sendOutcome(status, "") === "retry";
}

/** A queued write expires with the hours that held when it was queued; sent or not, it is then deleted. */
export function entryExpired(entry: { createdAt: number; keepHours: number }, now: number): boolean {
  return now >= entry.createdAt + entry.keepHours * HOUR;
}

/** A form filled offline is accepted this long after: the phone keeps it at most a day (offlineHours ≤ 24). */
export const FILLED_OFFLINE_MAX_AGE_MS = 25 * HOUR;

/**
 * When a form sent late counts as filled: the time the phone says, within a day back. A time
 * ahead of the server's can only be a phone clock running fast, so it is taken as now rather than
 * refused (the worker could not correct it on the form); older than a day is a stale queue, refused.
 */
export function acceptedFilledAt(filledAt: Date, now: Date): Date | "too_old" {
  const t = filledAt.getTime();
  if (t < now.getTime() - FILLED_OFFLINE_MAX_AGE_MS) return "too_old";
  return t > now.getTime() ? now : filledAt;
}
