/**
 * Closing a course asks for three things (issue 4, point 7): the reason, the citizen's own
 * account of the course (erfaringsopsamling) and a summary note for the home-care staff.
 * Used by "Afslut forløb" and by a follow-up with result E3.
 */
import { useTranslation } from "react-i18next";
import { CLOSING_REASONS, type ClosingReason } from "../../../domain/course/vocabulary";
import { SelectField, TextAreaField } from "../../components/Field";
import type { FieldSpec } from "../../forms/useForm";

export interface ClosingValues {
  reason: string;
  citizenAccount: string;
  summary: string;
}

export const EMPTY_CLOSING: ClosingValues = { reason: "", citizenAccount: "", summary: "" };

export function closingInput(v: ClosingValues): {
  reason: ClosingReason | undefined;
  citizenAccount: string;
  summary: string;
} {
  return {
    reason: (v.reason || undefined) as ClosingReason | undefined,
    citizenAccount: v.citizenAccount,
    summary: v.summary,
  };
}

/** What the schema says less clearly: an empty reason is "choose one", not "invalid". */
export function closingProblems(
  v: ClosingValues,
  t: (key: string) => string,
  prefix: string,
): Record<string, string> {
  return v.reason ? {} : { [`${prefix}reason`]: t("closing.errors.reason") };
}

/** The fields' names in the error summary; `prefix` is "" for the close form, "closing." inside a follow-up. */
export function closingFieldSpecs(t: (key: string) => string, idPrefix: string, prefix: string): FieldSpec[] {
  return [
    { name: `${prefix}reason`, inputId: `${idPrefix}-reason`, label: t("closing.reason") },
    { name: `${prefix}citizenAccount`, inputId: `${idPrefix}-account`, label: t("closing.citizenAccount") },
    { name: `${prefix}summary`, inputId: `${idPrefix}-summary`, label: t("closing.summary") },
  ];
}

export function ClosingFields({
  idPrefix,
  values,
  onChange,
  errors,
  prefix = "",
}: {
  idPrefix: string;
  values: ClosingValues;
  onChange: (next: ClosingValues) => void;
  errors: Record<string, string>;
  prefix?: string;
}) {
  const { t } = useTranslation("courses");
  const set = (key: keyof ClosingValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <>
      <SelectField
        id={`${idPrefix}-reason`}
        label={t("closing.reason")}
        value={values.reason}
        onChange={set("reason")}
        emptyOption={t("common.choose")}
        options={CLOSING_REASONS.map((r) => ({ value: r, label: t(`closingReason.${r}`) }))}
        error={errors[`${prefix}reason`]}
      />
      <TextAreaField
        id={`${idPrefix}-account`}
        label={t("closing.citizenAccount")}
        hint={t("closing.citizenAccountHint")}
        value={values.citizenAccount}
        onChange={set("citizenAccount")}
        error={errors[`${prefix}citizenAccount`]}
        rows={5}
      />
      <TextAreaField
        id={`${idPrefix}-summary`}
        label={t("closing.summary")}
        hint={t("closing.summaryHint")}
        value={values.summary}
        onChange={set("summary")}
        error={errors[`${prefix}summary`]}
        rows={4}
      />
    </>
  );
}
