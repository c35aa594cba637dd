/**
 * Small pieces the report pages share: numbers and shares in the reader's language, a figure
 * that may be suppressed ("under 5" instead of a small number), the note that says so, and
 * download links (plain links: the browser saves the file with the session cookie).
 */
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { Icon } from "../../components/Icon";
import type { Figure } from "./api";
import "./reports.css";

export function useNumbers() {
  const { t, i18n } = useTranslation("reports");
  const locale = i18n.language === "en" ? "en-GB" : "da-DK";
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    int: (n: number) => whole.format(n),
    dec: (n: number | null) => (n === null ? "–" : decimal.format(n)),
    percent: (p: number | null) => (p === null ? "–" : t("number.percent", { value: decimal.format(p) })),
  };
}

/** A figure as text: its value, or "under 5" when it is suppressed (the threshold when known). */
export function useFigureText() {
  const { t } = useTranslation("reports");
  const numbers = useNumbers();
  return (figure: Figure | null | undefined, threshold?: number): string => {
    if (!figure) return "–";
    if (figure.suppressed)
      return threshold === undefined ? t("suppressed.short") : t("suppressed.under", { threshold });
    return figure.value === null ? "–" : numbers.int(figure.value);
  };
}

/** A figure in a table cell; a suppressed one is marked so it never reads as a count. */
export function FigureValue({
  figure,
  threshold,
}: {
  figure: Figure | null | undefined;
  threshold?: number;
}) {
  const text = useFigureText()(figure, threshold);
  return figure?.suppressed ? <span className="report-suppressed">{text}</span> : <>{text}</>;
}

/** A figure's value for a chart: a suppressed figure draws no bar (its table cell says why). */
export const chartValue = (figure: Figure | null | undefined): number =>
  figure && !figure.suppressed && figure.value !== null ? figure.value : 0;

/** Shown above a report whose small numbers are hidden (roles without citizen access). */
export function SuppressedNote({ threshold }: { threshold?: number }) {
  const { t } = useTranslation("reports");
  return (
    <Alert
      variant="info"
      headingLevel={3}
      heading={
        threshold === undefined
          ? t("suppressed.noteHeadingGeneric")
          : t("suppressed.noteHeading", { threshold })
      }
    >
      <p>{t("suppressed.noteText")}</p>
    </Alert>
  );
}

export function DownloadLink({
  href,
  children,
  icon = "download",
}: {
  href: string;
  children: string;
  icon?: string;
}) {
  return (
    <a href={href} className="button button-secondary report-download" download>
      <Icon name={icon} />
      {children}
    </a>
  );
}
