/**
 * The administrator changes a rule: its period (in years or days), on/off, and — for citizen rules
 * — the share of citizens above which a run waits for confirmation. Sent with the version the page
 * showed, so a change made meanwhile by someone else is refused instead of overwritten. The new
 * period can be previewed before it is saved.
 */
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DAYS_PER_YEAR } from "../../../domain/privacy/retention-defaults";
import { describePeriod } from "../../../domain/privacy/retention-rules";
import type { RetentionRuleUpdate, RetentionRuleView } from "../../../shared/api/privacy-retention";
import { Button } from "../../components/Button";
import { RadioGroup } from "../../components/Choices";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextField } from "../../components/Field";
import { useFocusWhenOpened } from "../../components/focus";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useSubmit } from "../../forms/useWrite";
import { periodText } from "./retention-period";
import { retentionApi } from "./retention-api";

const WHOLE = /^\d{1,5}$/;

export function RetentionRuleForm({
  rule,
  onPreview,
  onDone,
}: {
  rule: RetentionRuleView;
  onPreview: (keepDays: number) => void;
  onDone: (saved: RetentionRuleView | null) => void;
}) {
  const { t } = useTranslation("privacy");
  const { t: tc } = useTranslation();
  const start = describePeriod(rule.keepDays);
  const form = useForm({
    keepDays: String(start.count),
    unit: start.unit as string,
    enabled: rule.enabled,
    confirmAbovePercent: String(rule.confirmAbovePercent),
  });
  const { values, set, errors } = form;
  const prefix = `retention-edit-${rule.kind}`;
  useFocusWhenOpened(`${prefix}-amount`);
  const save = useSubmit(
    form,
    (body: RetentionRuleUpdate, key) => retentionApi.update(rule.id, body, key),
    onDone,
  );

  const fields: FieldSpec[] = [
    { name: "keepDays", inputId: `${prefix}-amount`, label: t("retention.edit.period") },
    { name: "confirmAbovePercent", inputId: `${prefix}-share`, label: t("retention.edit.share") },
  ];

  /** The period in days, or null when the amount is not a whole number. */
  const keepDays = (): number | null =>
    WHOLE.test(values.keepDays.trim())
      ? Number(values.keepDays.trim()) * (values.unit === "years" ? DAYS_PER_YEAR : 1)
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const days = keepDays();
    const share = values.confirmAbovePercent.trim();
    const fieldErrors: Record<string, string> = {};
    if (days === null) fieldErrors.keepDays = t("retention.edit.notWhole");
    if (rule.scope === "citizen" && !(WHOLE.test(share) && Number(share) <= 100))
      fieldErrors.confirmAbovePercent = t("retention.edit.notWhole");
    if (Object.keys(fieldErrors).length > 0) return form.fail(fieldErrors);
    form.clear();
    save.mutate({
      version: rule.version,
      keepDays: days!,
      enabled: values.enabled,
      ...(rule.scope === "citizen" ? { confirmAbovePercent: Number(share) } : {}),
    });
  };

  return (
    <form onSubmit={submit} noValidate className="retention-form" aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`}>{t("retention.edit.heading", { title: rule.title })}</h3>
      <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
      <TextField
        id={`${prefix}-amount`}
        label={t("retention.edit.period")}
        hint={t("retention.edit.periodHint", {
          min: periodText(t, rule.minKeepDays),
          max: periodText(t, rule.maxKeepDays),
          default: periodText(t, rule.defaultKeepDays),
        })}
        inputMode="numeric"
        width="input-width-xs"
        value={values.keepDays}
        onChange={set("keepDays")}
        error={errors.keepDays}
      />
      <RadioGroup
        id={`${prefix}-unit`}
        legend={t("retention.edit.unit")}
        choices={[
          { value: "years", label: t("retention.edit.years") },
          { value: "days", label: t("retention.edit.days") },
        ]}
        value={values.unit}
        onChange={set("unit")}
      />
      <div className="form-group">
        <div className="form-group-checkbox">
          <input
            type="checkbox"
            className="form-checkbox"
            id={`${prefix}-enabled`}
            checked={values.enabled}
            onChange={(e) => set("enabled")(e.target.checked)}
            aria-describedby={`${prefix}-enabled-hint`}
          />
          <label className="form-label" htmlFor={`${prefix}-enabled`}>
            {t("retention.edit.enabled")}
          </label>
          <span className="form-hint" id={`${prefix}-enabled-hint`}>
            {t("retention.edit.enabledHint")}
          </span>
        </div>
      </div>
      {rule.scope === "citizen" ? (
        <TextField
          id={`${prefix}-share`}
          label={t("retention.edit.share")}
          hint={t("retention.edit.shareHint")}
          inputMode="numeric"
          width="input-width-xs"
          value={values.confirmAbovePercent}
          onChange={set("confirmAbovePercent")}
          error={errors.confirmAbovePercent}
        />
      ) : null}
      <div className="button-group">
        <Button type="submit" icon="save" pending={save.isPending}>
          {tc("common.save")}
        </Button>
        <Button
          variant="secondary"
          icon="visibility"
          onClick={() => {
            const days = keepDays();
            if (days === null) return form.fail({ keepDays: t("retention.edit.notWhole") });
            onPreview(days);
          }}
        >
          {t("retention.edit.previewFirst")}
        </Button>
        <Button variant="tertiary" onClick={() => onDone(null)}>
          {tc("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
