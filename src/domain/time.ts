/** Calendar days are Europe/Copenhagen days (DESIGN.md: stored UTC, shown in Copenhagen time). */
const DAY_FORMAT = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const HOUR_MS = 3_600_000;
/** Copenhagen's day per UTC hour, for the hours met recently (bounded; emptied when full). */
const dayOfHour = new Map<number, string>();
const MAX_HOURS = 20_000;

export function copenhagenDate(instant: Date): string {
  const ms = instant.getTime();
  // Since 1970 Copenhagen's offset is a whole hour (+1, or +2 in summer) and it changes on the
  // hour (01:00 UTC), so every instant of one UTC hour lies on the same Copenhagen day. Formatting
  // with Intl costs ~5–20 µs; a list of a few hundred rows (the caseload, the timeline) paid it per
  // row (issue 19). Before 1970 (and for an invalid date, which must throw) it formats each time.
  if (!(ms >= 0)) return DAY_FORMAT.format(instant);
  const hour = Math.floor(ms / HOUR_MS);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    day = DAY_FORMAT.format(instant);
    if (dayOfHour.size >= MAX_HOURS) dayOfHour.clear();
    dayOfHour.set(hour, day);
  }
  return day;
}

/**
 * Whole calendar days from one date (YYYY-MM-DD) to another: negative when `to` is earlier.
 * Calendar dates have no time zone, so counting them in UTC is exact.
 */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Today in Copenhagen (YYYY-MM-DD): the one "today" for code and tests. Never
 * `new Date().toISOString().slice(0, 10)`, which is yesterday from 23:00/22:00 UTC to midnight.
 */
export function copenhagenToday(now: Date = new Date()): string {
  return copenhagenDate(now);
}

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Copenhagen",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Minutes Copenhagen is ahead of UTC at this instant (60 in winter, 120 in summer). */
function copenhagenOffsetMinutes(instant: Date): number {
  const p = Object.fromEntries(PARTS.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a Copenhagen wall-clock time ("2026-11-24", "09:30"). Planned clips are stored
 * as a calendar day and a local clock time, because that is what a route list shows; the
 * calendar feed needs the instant. In the autumn's repeated hour the first one is chosen.
 */
export function copenhagenInstant(day: string, clock: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = clock.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes: the offset at the first guess may differ from the offset at the answer near a DST switch.
  let instant = wall - copenhagenOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - copenhagenOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/**
 * An instant as Copenhagen wall-clock time with its offset, ISO 8601 ("2026-03-04T14:05:09+01:00"):
 * what a document for people in Denmark carries (the access export), still one exact instant for a
 * program that reads it.
 */
export function copenhagenDateTime(instant: Date): string {
  const p = Object.fromEntries(PARTS.formatToParts(instant).map((x) => [x.type, x.value]));
  const offset = copenhagenOffsetMinutes(instant);
  const hh = String(Math.floor(offset / 60)).padStart(2, "0");
  const mm = String(offset % 60).padStart(2, "0");
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+${hh}:${mm}`;
}
