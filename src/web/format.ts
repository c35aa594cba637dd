/** Dates and times as people in Denmark read them: Europe/Copenhagen, in the chosen language. */
import { currentLanguage } from "./i18n";

const locale = () => (currentLanguage() === "en" ? "en-GB" : "da-DK");

/** A calendar day (YYYY-MM-DD) — no time zone shift. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "–";
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant, shown in Copenhagen time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  return new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Copenhagen" }).format(new Date(iso));
}
