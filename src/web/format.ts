/**
 * Dates and times as people in Denmark read them: Europe/Copenhagen, in the chosen language.
 * formatDate/formatDateTime read the language when called; useDates re-renders when it changes.
 */
import { useTranslation } from "react-i18next";
import { copenhagenDate } from "../domain/time";
import { currentLanguage } from "./i18n";

const locale = () => (currentLanguage() === "en" ? "en-GB" : "da-DK");

/** A calendar day (YYYY-MM-DD) — no time zone shift. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "–";
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant, shown in Copenhagen time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "–";
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: "Europe/Copenhagen",
  }).format(new Date(iso));
}

const TZ = "Europe/Copenhagen";

/** Dates in the language the page is shown in (re-rendered when it changes). */
export function useDates() {
  const { i18n } = useTranslation();
  const readerLocale = i18n.language === "en" ? "en-GB" : "da-DK";
  return {
    /** A calendar day (YYYY-MM-DD) as the reader writes it. */
    day: (isoDate: string | null | undefined) =>
      isoDate
        ? new Intl.DateTimeFormat(readerLocale, { dateStyle: "medium", timeZone: "UTC" }).format(
            new Date(`${isoDate}T00:00:00Z`),
          )
        : "",
    /** An instant as day and time in Copenhagen. */
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(readerLocale, { dateStyle: "medium", timeStyle: "short", timeZone: TZ }).format(
        new Date(iso),
      ),
    /** The time of day of an instant in Copenhagen (beside a day heading). */
    time: (iso: string) =>
      new Intl.DateTimeFormat(readerLocale, { timeStyle: "short", timeZone: TZ }).format(new Date(iso)),
  };
}

/** Today's date in Copenhagen as YYYY-MM-DD (the server's calendar). */
export function todayInCopenhagen(): string {
  return copenhagenDate(new Date());
}
