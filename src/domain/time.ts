/** Calendar days are Europe/Copenhagen days (DESIGN.md: stored UTC, shown in Copenhagen time). */
const DAY_FORMAT = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit" });

export function copenhagenDate(instant: Date): string {
  return DAY_FORMAT.format(instant);
}
