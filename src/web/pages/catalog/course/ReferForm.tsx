/**
 * "Henvis til frivilligcenter": choose the volunteer centre, tick exactly what the citizen has
 * agreed to share (each field shows what it would say), write what is asked for, and see the
 * whole message as the volunteer centre will get it before sending. No CPR, no notes, no health
 * data beyond what a ticked field itself says.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { danishCollator } from "../../../../domain/danish-text";
import { CONSENT_FIELDS, type ConsentField } from "../../../../domain/vocabulary/placements";
import { CreateVolunteerReferralBody } from "../../../../shared/api/placements";
import { citizensApi, adminApi, keys } from "../../../api/endpoints";
import { CheckboxList, choiceId, toggle } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { SelectField, TextAreaField } from "../../../components/Field";
import { FormActions } from "../../../components/FormLayout";
import { LoadError } from "../../../components/LoadError";
import { summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { validate } from "../../../forms/validation";
import type { CourseDetail } from "../../courses/api";
import { useDefinitions } from "../../courses/hooks";
import { type VolunteerReferral, afproevApi, catalogKeys } from "../api";
import { useWords } from "../words";
import { consentPreview } from "./consent-preview";

export function ReferForm({
  course,
  onDone,
  onCancel,
}: {
  course: CourseDetail;
  onDone: (r: VolunteerReferral) => void;
  onCancel: () => void;
}) {
  const w = useWords();
  const { t } = w;
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
    staleTime: 300_000,
  });
  const citizen = useQuery({
    queryKey: keys.citizen(course.citizen.id),
    queryFn: ({ signal }) => citizensApi.get(course.citizen.id, signal),
  });
  const profile = useQuery({
    queryKey: catalogKeys.profile(course.id),
    queryFn: ({ signal }) => afproevApi.profile(course.id, signal),
  });
  const barriers = useDefinitions("barrier_catalogue");
  const centres = (organisations.data ?? [])
    .filter((o) => o.kind === "volunteer_centre" && o.active)
    .sort((a, b) => danishCollator.compare(a.name, b.name));
  const form = useForm({ toOrganisationId: "", consentFields: [] as string[], message: "" });
  const { values, set, setValues, errors } = form;
  const preview = consentPreview(w, course, citizen.data, profile.data, barriers.data?.[0]?.definition);
  // One centre: chosen already (the demo municipality has one).
  const centreId = values.toOrganisationId || (centres.length === 1 ? centres[0]!.id : "");

  const send = useSubmit(
    form,
    (body: CreateVolunteerReferralBody, key) => afproevApi.refer(course.id, body, key),
    (r) => {
      void client.invalidateQueries({ queryKey: ["volunteer-referrals"] });
      onDone(r);
    },
  );
  const fields = [
    { name: "toOrganisationId", inputId: "refer-centre", label: t("refer.centre") },
    {
      name: "consentFields",
      inputId: choiceId("refer-consent", CONSENT_FIELDS[0]),
      label: t("refer.consent"),
    },
    { name: "message", inputId: "refer-message", label: t("refer.message") },
  ];
  const chosen = CONSENT_FIELDS.filter((f) => values.consentFields.includes(f));
  function submit(e: FormEvent) {
    e.preventDefault();
    if (send.isPending) return;
    const result = validate(
      CreateVolunteerReferralBody,
      { toOrganisationId: centreId || undefined, consentFields: chosen, message: values.message },
      tc,
    );
    const found = result.ok ? {} : { ...result.errors };
    if (!centreId) found.toOrganisationId = t("refer.errors.centre");
    if (chosen.length === 0) found.consentFields = t("refer.errors.consent");
    if (!result.ok || Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    send.mutate(result.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="refer-heading" data-testid="refer-form">
      <h4 id="refer-heading">{t("refer.heading")}</h4>
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      {organisations.error ? (
        <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : null}
      <SelectField
        id="refer-centre"
        label={t("refer.centre")}
        value={centreId}
        onChange={set("toOrganisationId")}
        emptyOption={t("common.choose")}
        options={centres.map((c) => ({ value: c.id, label: c.name }))}
        error={errors.toOrganisationId}
      />
      <div className={errors.consentFields ? "form-error" : undefined}>
        <CheckboxList
          id="refer-consent"
          legend={t("refer.consent")}
          hint={t("refer.consentHint")}
          choices={CONSENT_FIELDS.map((f) => ({
            value: f,
            label: w.code("consentField", f),
            hint: preview[f],
          }))}
          checked={(f) => values.consentFields.includes(f)}
          onChange={(f, on) => setValues((v) => ({ ...v, consentFields: toggle(v.consentFields, f, on) }))}
        />
        {errors.consentFields ? <p className="form-error-message">{errors.consentFields}</p> : null}
      </div>
      <TextAreaField
        id="refer-message"
        label={t("refer.message")}
        hint={t("refer.messageHint")}
        rows={4}
        value={values.message}
        onChange={set("message")}
        error={errors.message}
      />
      <div className="summary-box catalog-shared-preview" aria-live="polite" data-testid="shared-preview">
        <h5 className="h5 mt-0">{t("refer.previewHeading")}</h5>
        {chosen.length === 0 ? (
          <p>{t("refer.previewNothing")}</p>
        ) : (
          <dl className="fact-list">
            {chosen.map((f: ConsentField) => (
              <div key={f}>
                <dt>{w.code("consentField", f)}</dt>
                <dd>{preview[f]}</dd>
              </div>
            ))}
          </dl>
        )}
        <p className="form-hint mb-0">{t("refer.previewNever")}</p>
      </div>
      <FormActions label={t("refer.send")} icon="send" pending={send.isPending} onCancel={onCancel} />
    </form>
  );
}
