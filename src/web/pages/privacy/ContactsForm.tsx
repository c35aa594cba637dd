/**
 * The controller's and the DPO's contacts (GDPR art. 30(1)(a)), written by the administrator into
 * section 1 of the records of processing. An emptied field clears the contact.
 */
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CONTACT_TEXT_MAX,
  type RecordsOfProcessing,
  UpdatePrivacyContactsBody,
} from "../../../shared/api/privacy-records";
import { Alert } from "../../components/Alert";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextAreaField } from "../../components/Field";
import { FormActions } from "../../components/FormLayout";
import { type FieldSpec, summaryItems, useForm } from "../../forms/useForm";
import { useSubmit } from "../../forms/useWrite";
import { validate } from "../../forms/validation";
import { recordsApi, recordsKeys } from "./records-api";

export function ContactsForm({ controller }: { controller: RecordsOfProcessing["controller"] }) {
  const { t } = useTranslation("privacy");
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    controllerContact: controller.controllerContact ?? "",
    dpoContact: controller.dpoContact ?? "",
  });
  const { values, set, errors } = form;
  const [saved, setSaved] = useState(false);
  const save = useSubmit(form, recordsApi.updateContacts, async () => {
    setSaved(true);
    await queryClient.invalidateQueries({ queryKey: recordsKeys.records });
  });

  const fields: FieldSpec[] = [
    { name: "controllerContact", inputId: "records-controller", label: t("records.contacts.controller") },
    { name: "dpoContact", inputId: "records-dpo", label: t("records.contacts.dpo") },
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const result = validate(UpdatePrivacyContactsBody, values, tc);
    if (!result.ok) return form.fail(result.errors);
    form.clear();
    save.mutate(result.data);
  };

  return (
    <section className="d-print-none" aria-labelledby="records-contacts-heading">
      <h2 id="records-contacts-heading">{t("records.contacts.heading")}</h2>
      <p>{t("records.contacts.intro")}</p>
      <form onSubmit={submit} noValidate aria-labelledby="records-contacts-heading">
        <ErrorSummary items={summaryItems(fields, errors)} general={form.general} attempt={form.attempt} />
        <TextAreaField
          id="records-controller"
          label={t("records.contacts.controller")}
          hint={t("records.contacts.controllerHint")}
          value={values.controllerContact}
          onChange={set("controllerContact")}
          error={errors.controllerContact}
          maxLength={CONTACT_TEXT_MAX}
          rows={3}
          optional
        />
        <TextAreaField
          id="records-dpo"
          label={t("records.contacts.dpo")}
          hint={t("records.contacts.dpoHint")}
          value={values.dpoContact}
          onChange={set("dpoContact")}
          error={errors.dpoContact}
          maxLength={CONTACT_TEXT_MAX}
          rows={3}
          optional
        />
        <FormActions label={t("records.contacts.save")} pending={save.isPending} />
        {saved ? (
          <Alert variant="success" headingLevel={3}>
            {t("records.contacts.saved")}
          </Alert>
        ) : null}
      </form>
    </section>
  );
}
