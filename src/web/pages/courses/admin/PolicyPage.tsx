/**
 * "Klippekort-ramme": the municipality's punch-card frame as a form — a total per course,
 * limits per clip kind, a weekly allowance that can be saved up, who may grant beyond the
 * frame, and when the card warns. Saving publishes a new version; past grants keep theirs.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CLIP_KINDS } from "../../../../domain/punchcard/policy";
import { PunchCardPolicyDocument } from "../../../../shared/api/course-definitions";
import { STAFF_ROLES } from "../../../../domain/vocabulary/organisation";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { CheckboxList } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Checkbox, TextAreaField, TextField } from "../../../components/Field";
import { LoadError } from "../../../components/LoadError";
import { Spinner } from "../../../components/Spinner";
import { useDates } from "../../../format";
import { useForm } from "../../../forms/useForm";
import { useIdempotencyKey } from "../../../forms/useIdempotencyKey";
import { validate } from "../../../forms/validation";
import { type StoredDefinition, coursesApi } from "../api";
import { useDefinitions } from "../hooks";
import { CoursesAdminFrame } from "./CoursesAdminFrame";
import { KIND_LIMITS, type PolicyValues, documentOf, inputIdOf, valuesOf } from "./policy-form";

export default function PolicyPage() {
  const { t } = useTranslation("courses");
  const policies = useDefinitions("punch_card_policy");
  const current = policies.data?.[0] ?? null;
  return (
    <CoursesAdminFrame title={t("admin.policyTitle")}>
      <p className="font-lead">{t("admin.policyIntro")}</p>
      {policies.isPending ? <Spinner /> : null}
      {policies.error ? <LoadError error={policies.error} onRetry={() => void policies.refetch()} /> : null}
      {policies.data ? <PolicyForm current={current} /> : null}
    </CoursesAdminFrame>
  );
}

function PolicyForm({ current }: { current: StoredDefinition | null }) {
  const { t } = useTranslation("courses");
  const { t: tc } = useTranslation();
  const dates = useDates();
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  const form = useForm<PolicyValues>(() =>
    valuesOf((current?.definition as PunchCardPolicyDocument | undefined) ?? null),
  );
  const { values, setValues, errors } = form;
  // The "saved" notice belongs to the values that were saved: any change hides it.
  const [savedAs, setSavedAs] = useState<{ stored: StoredDefinition; values: PolicyValues } | null>(null);
  const saved = savedAs?.values === values ? savedAs.stored : null;
  const set =
    <K extends keyof PolicyValues>(key: K) =>
    (v: PolicyValues[K]) =>
      setValues((x) => ({ ...x, [key]: v }));

  const save = useMutation({
    mutationFn: (doc: PunchCardPolicyDocument) =>
      coursesApi.publishDefinition("punch_card_policy", "punch-card", doc, idempotency.keyFor(doc)),
    onSuccess: (stored) => {
      idempotency.done();
      void client.invalidateQueries({ queryKey: ["course-definitions"] });
      void client.invalidateQueries({ queryKey: ["courses"] });
      setSavedAs({ stored, values });
    },
    onError: (err) => form.failFromServer(err, tc),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validate(PunchCardPolicyDocument, documentOf(values), tc);
    const found = result.ok ? {} : { ...result.errors };
    if (values.weekly && !values.minutesPerWeek.trim())
      found["weeklyAllowance.minutesPerWeek"] = t("admin.errors.required");
    if (values.weekly && !values.maxSavedMinutes.trim())
      found["weeklyAllowance.maxSavedMinutes"] = t("admin.errors.required");
    for (const k of CLIP_KINDS) {
      const { minClipMinutes: min, maxClipMinutes: max } = values.perKind[k];
      if (/^\d+$/.test(min) && /^\d+$/.test(max) && Number(min) > Number(max))
        found[`perKind.${k}.maxClipMinutes`] = t("admin.errors.minAboveMax");
    }
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    save.mutate(result.data);
  }

  const labelOf = (path: string) => {
    const kind = /^perKind\.([a-z_]+)\.([A-Za-z]+)/.exec(path);
    if (kind) return `${t(`clipKind.${kind[1]}`)}: ${t(`admin.limit.${kind[2]}`)}`;
    const label = {
      "description.da": "admin.descriptionDa",
      "description.en": "admin.descriptionEn",
      "totalPerCourse.maxClips": "admin.totalClips",
      "totalPerCourse.maxMinutes": "admin.totalMinutes",
      "weeklyAllowance.minutesPerWeek": "admin.minutesPerWeek",
      "weeklyAllowance.maxSavedMinutes": "admin.maxSaved",
      warnWhenClipsLeft: "admin.warn",
    }[path];
    return label ? t(label) : path;
  };
  const items = Object.entries(errors).map(([path, message]) => ({
    inputId: inputIdOf(path),
    label: labelOf(path),
    message,
  }));
  const err = (path: string) => errors[path];
  return (
    <form onSubmit={submit} noValidate aria-label={t("admin.policyTitle")}>
      {current ? (
        <p className="form-hint">
          {t("admin.currentVersion", { version: current.version, date: dates.dateTime(current.createdAt) })}
        </p>
      ) : null}
      {saved ? (
        <Alert variant="success" heading={t("admin.policySaved", { version: saved.version })} />
      ) : null}
      <ErrorSummary
        items={items}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <TextAreaField
        id="policy-description-da"
        label={t("admin.descriptionDa")}
        hint={t("admin.descriptionHint")}
        rows={3}
        value={values.descriptionDa}
        onChange={set("descriptionDa")}
        error={err("description.da") ?? err("description")}
      />
      <TextAreaField
        id="policy-description-en"
        label={t("admin.descriptionEn")}
        optional
        rows={3}
        value={values.descriptionEn}
        onChange={set("descriptionEn")}
        error={err("description.en")}
      />

      <fieldset className="form-section">
        <legend className="h3">{t("admin.total")}</legend>
        <span className="form-hint">{t("admin.emptyIsFree")}</span>
        <div className="field-row">
          <TextField
            id="policy-total-clips"
            type="number"
            inputMode="numeric"
            min={1}
            label={t("admin.totalClips")}
            optional
            value={values.totalClips}
            onChange={set("totalClips")}
            error={err("totalPerCourse.maxClips")}
            width="input-width-xs"
          />
          <TextField
            id="policy-total-minutes"
            type="number"
            inputMode="numeric"
            min={1}
            label={t("admin.totalMinutes")}
            optional
            value={values.totalMinutes}
            onChange={set("totalMinutes")}
            error={err("totalPerCourse.maxMinutes")}
            width="input-width-s"
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend className="h3">{t("admin.perKind")}</legend>
        <span className="form-hint">{t("admin.perKindHint")}</span>
        {CLIP_KINDS.map((k) => (
          <fieldset key={k} className="course-kind-limits">
            <legend className="form-label">{t(`clipKind.${k}`)}</legend>
            <div className="field-row">
              {KIND_LIMITS.map((l) => (
                <TextField
                  key={l}
                  id={`policy-${k}-${l}`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  label={t(`admin.limit.${l}`)}
                  optional
                  value={values.perKind[k][l]}
                  onChange={(v) =>
                    setValues((x) => ({ ...x, perKind: { ...x.perKind, [k]: { ...x.perKind[k], [l]: v } } }))
                  }
                  error={err(`perKind.${k}.${l}`)}
                  width="input-width-xs"
                />
              ))}
            </div>
          </fieldset>
        ))}
      </fieldset>

      <fieldset className="form-section">
        <legend className="h3">{t("admin.weekly")}</legend>
        <Checkbox
          id="policy-weekly"
          label={t("admin.weeklyOn")}
          hint={t("admin.weeklyHint")}
          checked={values.weekly}
          onChange={set("weekly")}
        />
        {values.weekly ? (
          <>
            <div className="field-row">
              <TextField
                id="policy-weekly-minutes"
                type="number"
                inputMode="numeric"
                min={1}
                label={t("admin.minutesPerWeek")}
                value={values.minutesPerWeek}
                onChange={set("minutesPerWeek")}
                error={err("weeklyAllowance.minutesPerWeek") ?? err("weeklyAllowance")}
                width="input-width-xs"
              />
              <TextField
                id="policy-saved"
                type="number"
                inputMode="numeric"
                min={1}
                label={t("admin.maxSaved")}
                hint={t("admin.maxSavedHint")}
                value={values.maxSavedMinutes}
                onChange={set("maxSavedMinutes")}
                error={err("weeklyAllowance.maxSavedMinutes")}
                width="input-width-s"
              />
            </div>
            <CheckboxList
              id="policy-weekly-kinds"
              legend={t("admin.weeklyKinds")}
              hint={t("admin.weeklyKindsHint")}
              choices={CLIP_KINDS.map((k) => ({ value: k, label: t(`clipKind.${k}`) }))}
              checked={(k) => values.weeklyKinds.includes(k)}
              onChange={(k, on) =>
                set("weeklyKinds")(
                  on ? [...values.weeklyKinds, k] : values.weeklyKinds.filter((x) => x !== k),
                )
              }
            />
          </>
        ) : null}
      </fieldset>

      <CheckboxList
        id="policy-exception-roles"
        legend={<span className="h3">{t("admin.exceptionRoles")}</span>}
        hint={t("admin.exceptionRolesHint")}
        choices={STAFF_ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
        checked={(r) => values.exceptionRoles.includes(r)}
        onChange={(r, on) =>
          set("exceptionRoles")(
            on ? [...values.exceptionRoles, r] : values.exceptionRoles.filter((x) => x !== r),
          )
        }
      />
      <TextField
        id="policy-warn"
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        label={t("admin.warn")}
        hint={t("admin.warnHint")}
        value={values.warnWhenClipsLeft}
        onChange={set("warnWhenClipsLeft")}
        error={err("warnWhenClipsLeft")}
        width="input-width-xs"
      />
      <Button type="submit" id="policy-save" icon="save" pending={save.isPending} className="mt-5">
        {t("admin.policySave")}
      </Button>
    </form>
  );
}
