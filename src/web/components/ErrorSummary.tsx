/**
 * DKFDS error summary: one alert at the top of a form listing every problem as a link to its
 * field. It takes focus when it appears, so keyboard and screen-reader users land on it.
 */
import { useEffect, useEffectEvent, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "./Icon";

export interface SummaryItem {
  /** The id of the input to focus. */
  inputId: string;
  label: string;
  message: string;
}

export function ErrorSummary({
  items,
  general,
  attempt,
}: {
  items: SummaryItem[];
  general?: string | null;
  attempt: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  // Focus on every failed attempt, not only the first (the list may be unchanged) — and only then:
  // problems changing while the user types must not pull focus away from the field.
  const focusIfProblems = useEffectEvent(() => {
    if (items.length > 0 || general) ref.current?.focus();
  });
  useEffect(() => {
    if (attempt > 0) focusIfProblems();
  }, [attempt]);

  if (items.length === 0 && !general) return null;
  return (
    <div
      className="alert alert-error"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-heading"
    >
      <Icon name="error" className="alert-icon" label={t("alert.error")} />
      <div className="alert-body">
        <h2 className="alert-heading" id="error-summary-heading">
          {t("form.summaryHeading")}
        </h2>
        {general ? <p className="alert-text">{general}</p> : null}
        {items.length > 0 ? (
          <ul className="alert-text nobullet-list">
            {items.map((item) => (
              <li key={item.inputId}>
                <a
                  className="function-link"
                  href={`#${item.inputId}`}
                  onClick={(e) => {
                    const input = document.getElementById(item.inputId);
                    if (!input) return;
                    e.preventDefault();
                    // Scroll the label into view too: it sits above the input.
                    (input.closest(".form-group") ?? input).scrollIntoView({ block: "start" });
                    input.focus({ preventScroll: true });
                  }}
                >
                  {item.label}: {item.message}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
