/**
 * Choices in DKFDS markup: a radio group and a checkbox list in fieldset + legend, with large
 * bordered options (touch targets for a phone in a citizen's home) where asked.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

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
function ChoiceOption({
  groupId,
  choice,
  type,
  name,
  checked,
  onChange,
}: {
  groupId: string;
  choice: Choice;
  type: "radio" | "checkbox";
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
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
    <ChoiceFieldset
      id={id}
      legend={legend}
      hint={hint}
      error={error}
      legendClassName={legendClassName}
      lang={lang}
      choicesClassName={large ? "choice-blocks" : undefined}
    >
      {choices.map((c) => (
        <ChoiceOption
          key={c.value}
          groupId={id}
          choice={c}
          type="radio"
          name={id}
          checked={value === c.value}
          onChange={() => onChange(c.value)}
        />
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
    <ChoiceFieldset id={id} legend={legend} hint={hint} lang={lang} choicesClassName="choice-blocks">
      {choices.map((c) => (
        <ChoiceOption
          key={c.value}
          groupId={id}
          choice={c}
          type="checkbox"
          name={choiceId(id, c.value)}
          checked={checked(c.value)}
          onChange={(on) => onChange(c.value, on)}
        />
      ))}
    </ChoiceFieldset>
  );
}

/** The list after ticking (on) or unticking a value of a checkbox list. */
export const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);
