/**
 * Quiet hours (issue 16): the municipality's local hours in which no SMS or e-mail reaches a
 * citizen. A message due inside them waits until they end — it is delayed, never dropped. Applied
 * at delivery (not when queued), so a change of the hours takes effect for messages already waiting.
 *
 * The hours are Copenhagen wall-clock times ("HH:MM"); `from` after `to` spans midnight
 * (20:00–08:00). On a daylight-saving day the end is the wall-clock `to` of that day as
 * copenhagenInstant() reads it: a `to` inside the skipped spring hour (02:30 on the last Sunday of
 * March) is read an hour later, and in the repeated autumn hour the span ends at the first one — either
 * way the answer is never earlier than the message was due.
 */
import { addDays, format, parseISO } from "date-fns";
import { copenhagenDate, copenhagenInstant } from "../time.js";

/** "HH:MM", 00:00–23:59. */
export const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface QuietHours {
  /** "HH:MM" local; null (either) = no quiet hours. */
  from: string | null;
  to: string | null;
}

const LOCAL_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Copenhagen",
  hourCycle: "h23",
  hour: "2-digit",
  minute: "2-digit",
});

function minutesOf(clock: string): number {
  const [h, m] = clock.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** Minutes since local midnight of the instant's Copenhagen wall clock (seconds ignored). */
function localMinutes(instant: Date): number {
  return minutesOf(LOCAL_CLOCK.format(instant));
}

/** Whether the hours are set at all: both present, valid, and not the same time (an empty span). */
export function hasQuietHours(q: QuietHours): q is { from: string; to: string } {
  return (
    q.from !== null &&
    q.to !== null &&
    CLOCK_PATTERN.test(q.from) &&
    CLOCK_PATTERN.test(q.to) &&
    q.from !== q.to
  );
}

/** Whether the instant lies inside the quiet hours (from inclusive, to exclusive). */
export function isQuiet(instant: Date, q: QuietHours): boolean {
  if (!hasQuietHours(q)) return false;
  const t = localMinutes(instant);
  const from = minutesOf(q.from);
  const to = minutesOf(q.to);
  return from < to ? t >= from && t < to : t >= from || t < to;
}

/**
 * The earliest instant at or after `due` outside the quiet hours: `due` itself when it is not
 * inside them, otherwise the end of the quiet span it lies in.
 */
export function deliverableAt(due: Date, q: QuietHours): Date {
  if (!hasQuietHours(q) || !isQuiet(due, q)) return due;
  const t = localMinutes(due);
  const from = minutesOf(q.from);
  const to = minutesOf(q.to);
  const day = copenhagenDate(due);
  // Spanning midnight and in the evening part: the span ends tomorrow morning.
  const endDay = from > to && t >= from ? format(addDays(parseISO(day), 1), "yyyy-MM-dd") : day;
  let end = copenhagenInstant(endDay, q.to);
  // The repeated autumn hour: the same wall clock an hour earlier is the first one — the span ends then.
  const earlier = new Date(end.getTime() - 3_600_000);
  if (localMinutes(earlier) === to && earlier.getTime() > due.getTime()) end = earlier;
  // A wall clock that does not exist that day can land before `due` only in theory; never go back.
  return end.getTime() > due.getTime() ? end : due;
}
