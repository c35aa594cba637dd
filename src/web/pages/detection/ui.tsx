/**
 * Small DKFDS pieces the detection and referral pages need beyond the shared components:
 * a radio group and a checkbox list in fieldset + legend (with large touch targets for a
 * phone in a citizen's home), a textarea, the risk-colour badge (colour never alone: the
 * colour's name is written too) and dates in Europe/Copenhagen.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { copenhagenDate } from "../../../domain/time";
import "./detection.css";

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function ErrorMessage({ id, error }: { id: string; error?: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <span className="form-error-message" id={`${id}-error`}>
      <span className="sr-only">{t("form.errorPrefix")}: </span>
      {error}
    </span>
  );
}

/** The id of a choice's input: the error summary links to the first one. */
export const choiceId = (groupId: string, value: string) => `${groupId}-${value}`;

export function RadioGroup({
  id,
  legend,
  hint,
  error,
  choices,
  value,
  onChange,
  large = false,
  legendClassName = "form-label",
  lang,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
  /** Big bordered options, easy to hit with a thumb. */
  large?: boolean;
  legendClassName?: string;
  lang?: string | undefined;
}) {
  return (
    <div className={`form-group${error ? " form-error" : ""}`} id={`${id}-group`}>
      <fieldset aria-describedby={describedBy(id, hint, error)} lang={lang}>
        <legend className={legendClassName}>{legend}</legend>
        {hint ? (
          <span className="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        <ErrorMessage id={id} error={error} />
        <div className={large ? "detection-choices" : undefined}>
          {choices.map((c) => (
            <div className="form-group-radio" key={c.value}>
              <input
                type="radio"
                className="form-radio"
                id={choiceId(id, c.value)}
                name={id}
                value={c.value}
                checked={value === c.value}
                onChange={() => onChange(c.value)}
                aria-describedby={c.hint ? `${choiceId(id, c.value)}-hint` : undefined}
              />
              <label className="form-label" htmlFor={choiceId(id, c.value)}>
                {c.label}
              </label>
              {c.hint ? (
                <span className="form-hint" id={`${choiceId(id, c.value)}-hint`}>
                  {c.hint}
                </span>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function CheckboxList({
  id,
  legend,
  hint,
  choices,
  checked,
  onChange,
  lang,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  choices: Choice[];
  checked: (value: string) => boolean;
  onChange: (value: string, checked: boolean) => void;
  lang?: string | undefined;
}) {
  return (
    <div className="form-group" id={`${id}-group`}>
      <fieldset aria-describedby={hint ? `${id}-hint` : undefined} lang={lang}>
        <legend className="form-label">{legend}</legend>
        {hint ? (
          <span className="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        <div className="detection-choices">
          {choices.map((c) => (
            <div className="form-group-checkbox" key={c.value}>
              <input
                type="checkbox"
                className="form-checkbox"
                id={choiceId(id, c.value)}
                name={choiceId(id, c.value)}
                checked={checked(c.value)}
                onChange={(e) => onChange(c.value, e.target.checked)}
                aria-describedby={c.hint ? `${choiceId(id, c.value)}-hint` : undefined}
              />
              <label className="form-label" htmlFor={choiceId(id, c.value)}>
                {c.label}
              </label>
              {c.hint ? (
                <span className="form-hint" id={`${choiceId(id, c.value)}-hint`}>
                  {c.hint}
                </span>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The shared textarea field, under the name the detection pages use. */
export { TextAreaField as TextArea } from "../../components/Field";

const COLOURS = new Set(["green", "yellow", "red", "grey"]);

/** The risk colour as a coloured badge with its name, so it is never told by colour alone. */
export function RiskBadge({ colour, label }: { colour: string | null; label?: ReactNode }) {
  const { t } = useTranslation("detection");
  const known = colour && COLOURS.has(colour) ? colour : "none";
  return (
    <span className={`risk-badge risk-${known}`}>
      <span className="risk-dot" aria-hidden="true" />
      {label ?? t(`colour.${known}`)}
    </span>
  );
}

/** A text in the chosen language, falling back to Danish (marked lang="da" for screen readers). */
export function useLocalText() {
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "da";
  return (text: { da: string; en?: string | null | undefined } | undefined): { text: string; lang: string | undefined } => {
    if (!text) return { text: "", lang: undefined };
    if (lang === "en" && text.en) return { text: text.en, lang: undefined };
    return { text: text.da, lang: lang === "en" ? "da" : undefined };
  };
}

const TZ = "Europe/Copenhagen";

export function useDates() {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en-GB" : "da-DK";
  return {
    /** A calendar day (YYYY-MM-DD) as the reader writes it. */
    day: (isoDate: string | null | undefined) => (isoDate ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`)) : ""),
    /** An instant as day and time in Copenhagen. */
    dateTime: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TZ }).format(new Date(iso)),
  };
}

/** Today's date in Copenhagen as YYYY-MM-DD (the server's calendar). */
export function todayInCopenhagen(): string {
  return copenhagenDate(new Date());
}
