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

/** fieldset + legend + hint + error around a set of choices: the part radio groups and checkbox lists share. */
function ChoiceFieldset({
  id,
  legend,
  hint,
  error,
  legendClassName = "form-label",
  lang,
  choicesClassName,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  legendClassName?: string;
  lang?: string | undefined;
  choicesClassName?: string | undefined;
  children: ReactNode;
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
        <div className={choicesClassName}>{children}</div>
      </fieldset>
    </div>
  );
}

/** One radio button or checkbox with its label and hint. */
function ChoiceOption({ groupId, choice, type, name, checked, onChange }: { groupId: string; choice: Choice; type: "radio" | "checkbox"; name: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const inputId = choiceId(groupId, choice.value);
  return (
    <div className={type === "radio" ? "form-group-radio" : "form-group-checkbox"}>
      <input
        type={type}
        className={type === "radio" ? "form-radio" : "form-checkbox"}
        id={inputId}
        name={name}
        value={choice.value}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={choice.hint ? `${inputId}-hint` : undefined}
      />
      <label className="form-label" htmlFor={inputId}>
        {choice.label}
      </label>
      {choice.hint ? (
        <span className="form-hint" id={`${inputId}-hint`}>
          {choice.hint}
        </span>
      ) : null}
    </div>
  );
}

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
    <ChoiceFieldset id={id} legend={legend} hint={hint} error={error} legendClassName={legendClassName} lang={lang} choicesClassName={large ? "detection-choices" : undefined}>
      {choices.map((c) => (
        <ChoiceOption key={c.value} groupId={id} choice={c} type="radio" name={id} checked={value === c.value} onChange={() => onChange(c.value)} />
      ))}
    </ChoiceFieldset>
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
    <ChoiceFieldset id={id} legend={legend} hint={hint} lang={lang} choicesClassName="detection-choices">
      {choices.map((c) => (
        <ChoiceOption key={c.value} groupId={id} choice={c} type="checkbox" name={choiceId(id, c.value)} checked={checked(c.value)} onChange={(on) => onChange(c.value, on)} />
      ))}
    </ChoiceFieldset>
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
    /** The time of day of an instant in Copenhagen (beside a day heading). */
    time: (iso: string) => new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: TZ }).format(new Date(iso)),
  };
}

/** Today's date in Copenhagen as YYYY-MM-DD (the server's calendar). */
export function todayInCopenhagen(): string {
  return copenhagenDate(new Date());
}
