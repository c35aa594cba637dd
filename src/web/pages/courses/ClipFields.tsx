/**
 * The fields a worker fills when registering a clip, shared by the registration page and its
 * short form from the phone's kept day (issue 17): done or cancelled, then the form of
 * accompaniment, minutes or the reason, the date and a note.
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ACCOMPANIMENT_FORMS } from "../../../domain/course/vocabulary";
import { RadioGroup, choiceId } from "../../components/Choices";
import { TextAreaField, TextField } from "../../components/Field";

export interface ClipValues {
  outcome: string;
  accompanimentForm: string;
  performedOn: string;
  actualMinutes: string;
  note: string;
  cancelReason: string;
}

type Field = keyof ClipValues;

interface Props {
  values: ClipValues;
  set: (name: Field) => (value: string) => void;
  errors: Partial<Record<string, string>>;
}

export function OutcomeChoice({ values, set, errors }: Props) {
  const { t } = useTranslation("courses");
  return (
    <RadioGroup
      id="reg-outcome"
      legend={t("register.outcome")}
      large
      value={values.outcome}
      onChange={set("outcome")}
      error={errors.outcome}
      choices={[
        { value: "done", label: t("register.outcomeDone") },
        { value: "citizen_cancelled", label: t("register.outcomeCancelled") },
      ]}
    />
  );
}

export function ClipDetailFields({ values, set, errors, accompaniment }: Props & { accompaniment: boolean }) {
  const { t } = useTranslation("courses");
  const done = values.outcome === "done";
  return (
    <>
      {accompaniment && done ? (
        <RadioGroup
          id="reg-form"
          legend={t("register.accompanimentForm")}
          large
          value={values.accompanimentForm}
          onChange={set("accompanimentForm")}
          error={errors.accompanimentForm}
          choices={ACCOMPANIMENT_FORMS.map((f) => ({ value: f, label: t(`accompanimentForm.${f}`) }))}
        />
      ) : null}
      {done ? (
        <TextField
          id="reg-minutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          step={5}
          label={t("register.minutes")}
          value={values.actualMinutes}
          onChange={set("actualMinutes")}
          error={errors.actualMinutes}
          width="input-width-xs"
        />
      ) : (
        <TextField
          id="reg-cancel-reason"
          label={t("register.cancelReason")}
          hint={t("register.cancelReasonHint")}
          value={values.cancelReason}
          onChange={set("cancelReason")}
          error={errors.cancelReason}
          maxLength={200}
        />
      )}
      <TextField
        id="reg-date"
        type="date"
        label={t("register.date")}
        value={values.performedOn}
        onChange={set("performedOn")}
        error={errors.performedOn}
        width="input-width-s"
      />
      <TextAreaField
        id="reg-note"
        label={t("register.note")}
        optional
        rows={2}
        maxLength={200}
        value={values.note}
        onChange={set("note")}
        error={errors.note}
      />
    </>
  );
}

/** The fields in the order of the form, for the error summary; `extra` after the outcome (the kind). */
export function clipFieldList(t: TFunction, extra: { name: string; inputId: string; label: string }[] = []) {
  return [
    { name: "outcome", inputId: choiceId("reg-outcome", "done"), label: t("courses:register.outcome") },
    ...extra,
    {
      name: "accompanimentForm",
      inputId: choiceId("reg-form", ACCOMPANIMENT_FORMS[0]),
      label: t("courses:register.accompanimentForm"),
    },
    { name: "performedOn", inputId: "reg-date", label: t("courses:register.date") },
    { name: "actualMinutes", inputId: "reg-minutes", label: t("courses:register.minutes") },
    { name: "note", inputId: "reg-note", label: t("courses:register.note") },
    { name: "cancelReason", inputId: "reg-cancel-reason", label: t("courses:register.cancelReason") },
  ];
}

/** Minutes as the API takes them: a whole number, NaN for anything else typed (refused by the schema), null when cancelled. */
export function actualMinutesOf(values: Pick<ClipValues, "outcome" | "actualMinutes">): number | null {
  if (values.outcome !== "done") return null;
  const minutes = values.actualMinutes.trim();
  return /^\d+$/.test(minutes) ? Number(minutes) : minutes ? Number.NaN : null;
}
