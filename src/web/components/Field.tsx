/**
 * DKFDS form controls: form-group / form-label / form-hint / form-error-message,
 * wired with aria-describedby and aria-invalid. Optional fields say "(frivilligt)".
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldFrame({ id, label, hint, error, optional, className, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`form-group${error ? " form-error" : ""}${className ? ` ${className}` : ""}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {optional ? <span className="weight-normal"> ({t("form.optional")})</span> : null}
      </label>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">{t("form.errorPrefix")}: </span>
          {error}
        </span>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value" | "id"> & {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  /** DKFDS input width class, e.g. "input-width-s". */
  width?: string;
  groupClassName?: string;
};

export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  optional,
  width,
  groupClassName,
  type = "text",
  className,
  ...rest
}: InputProps) {
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={groupClassName}
    >
      {(describedBy) => (
        <input
          {...rest}
          id={id}
          name={rest.name ?? id}
          type={type}
          className={["form-input", width, className].filter(Boolean).join(" ")}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

type TextAreaProps = {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  rows?: number;
  maxLength?: number;
};

export function TextAreaField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  optional,
  rows = 4,
  maxLength = 2000,
}: TextAreaProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(describedBy) => (
        <textarea
          className="form-input"
          id={id}
          name={id}
          rows={rows}
          maxLength={maxLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange" | "value" | "id"> & {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  /** First option with value "" (e.g. "Alle" or "Vælg"). */
  emptyOption?: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  groupClassName?: string;
};

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  emptyOption,
  hint,
  error,
  optional,
  groupClassName,
  className,
  ...rest
}: SelectProps) {
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={groupClassName}
    >
      {(describedBy) => (
        <select
          {...rest}
          id={id}
          name={rest.name ?? id}
          className={className ? `form-select ${className}` : "form-select"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
}) {
  return (
    <div className="form-group">
      <div className="form-group-checkbox">
        <input
          id={id}
          name={id}
          type="checkbox"
          className="form-checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <label className="form-label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <span className="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </div>
    </div>
  );
}
