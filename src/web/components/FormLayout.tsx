/** The parts of a long form's layout: its sections under headings, and its submit (and cancel) buttons. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button";

export function FormActions({
  label,
  icon = "save",
  pending,
  onCancel,
  id,
}: {
  label: string;
  icon?: string;
  pending: boolean;
  onCancel?: () => void;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="action-row">
      <Button type="submit" id={id} icon={icon} pending={pending}>
        {label}
      </Button>
      {onCancel ? (
        <Button variant="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      ) : null}
    </div>
  );
}

/** A part of a long form under its own heading (fieldset + legend), with an optional hint. */
export function FormSection({
  heading,
  hint,
  className,
  children,
}: {
  heading: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={className ? `form-section ${className}` : "form-section"}>
      <legend className="h3">{heading}</legend>
      {hint ? <span className="form-hint">{hint}</span> : null}
      {children}
    </fieldset>
  );
}
