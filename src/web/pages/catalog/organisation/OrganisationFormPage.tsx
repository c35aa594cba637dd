/**
 * Add an organisation to the catalog (/katalog/foreninger/ny) or change one
 * (/katalog/foreninger/:id/rediger): name, kind, description, address, contact details, who it
 * can receive, the collaboration agreement and the volunteer centre that keeps it up to date.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { danishCollator } from "../../../../domain/danish-text";
import { COLLABORATION_AGREEMENTS, ORGANISATION_KINDS } from "../../../../domain/matching/types";
import { CreateOrganisationBody, UpdateOrganisationBody } from "../../../../shared/api/catalog";
import { adminApi, keys } from "../../../api/endpoints";
import { useCan, useMe } from "../../../app/session";
import { RadioGroup, choiceId } from "../../../components/Choices";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Checkbox, SelectField, TextAreaField, TextField } from "../../../components/Field";
import { FormActions, FormSection } from "../../../components/FormLayout";
import { LoadError } from "../../../components/LoadError";
import { type FieldSpec, summaryItems, useForm } from "../../../forms/useForm";
import { useSubmit } from "../../../forms/useWrite";
import { validate } from "../../../forms/validation";
import { type OrganisationDetail, catalogApi, catalogKeys } from "../api";
import { EntryFormFrame } from "../ui";
import { useWords } from "../words";

export default function OrganisationFormPage() {
  const { t } = useWords();
  const { id } = useParams();
  const can = useCan();
  const existing = useQuery({
    queryKey: catalogKeys.organisation(id ?? ""),
    queryFn: ({ signal }) => catalogApi.organisation(id!, signal),
    enabled: !!id,
  });
  const back: [string, string] = id
    ? [`/katalog/foreninger/${id}`, existing.data?.name ?? t("organisation.titlePlain")]
    : ["/katalog/foreninger", t("organisation.listTitle")];
  return (
    <EntryFormFrame
      editing={!!id}
      query={existing}
      mayEdit={(o) => can({ kind: "catalog.edit", managedByOrganisationId: o.managedBy?.id ?? null })}
      back={back}
      title={id ? t("organisation.editTitle") : t("organisation.newTitle")}
    >
      {(organisation) => (
        <OrganisationForm key={organisation?.version ?? "new"} organisation={organisation} />
      )}
    </EntryFormFrame>
  );
}

function initial(o: OrganisationDetail | null, myCentre: string) {
  return {
    name: o?.name ?? "",
    kind: o?.kind ?? "association",
    description: o?.description ?? "",
    line: o?.address?.line ?? "",
    postalCode: o?.address?.postalCode ?? "",
    city: o?.address?.city ?? "",
    phone: o?.phone ?? "",
    email: o?.email ?? "",
    website: o?.website ?? "",
    inclusionCriteria: o?.inclusionCriteria ?? "",
    collaborationAgreement: o?.collaborationAgreement ?? "none",
    managedByOrganisationId: o ? (o.managedBy?.id ?? "") : myCentre,
    reactivate: false,
  };
}

function OrganisationForm({ organisation }: { organisation: OrganisationDetail | null }) {
  const w = useWords();
  const { t } = w;
  const { t: tc } = useTranslation();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const volunteer = me?.role === "volunteer_centre_staff";
  const centres = useQuery({
    queryKey: keys.organisations,
    queryFn: ({ signal }) => adminApi.organisations(signal),
    staleTime: 300_000,
  });
  const form = useForm(() => initial(organisation, volunteer ? (me?.organisation.id ?? "") : ""));
  const { values, set, errors } = form;

  const save = useSubmit(
    form,
    (body: CreateOrganisationBody | UpdateOrganisationBody, key) =>
      organisation
        ? catalogApi.updateOrganisation(organisation.id, body as UpdateOrganisationBody, key)
        : catalogApi.createOrganisation(body as CreateOrganisationBody, key),
    (saved) => {
      void client.invalidateQueries({ queryKey: ["catalog"] });
      navigate(`/katalog/foreninger/${saved.id}`, { state: { saved: organisation ? "updated" : "created" } });
    },
  );

  const fields: FieldSpec[] = [
    { name: "name", inputId: "org-name", label: t("organisation.name") },
    { name: "kind", inputId: "org-kind-select", label: t("organisation.kind") },
    { name: "description", inputId: "org-description", label: t("organisation.description") },
    { name: "address.line", inputId: "org-line", label: t("form.addressLine") },
    { name: "address.postalCode", inputId: "org-postal", label: t("form.postalCode") },
    { name: "address.city", inputId: "org-city", label: t("form.city") },
    { name: "phone", inputId: "org-phone", label: t("organisation.phone") },
    { name: "email", inputId: "org-email", label: t("organisation.email") },
    { name: "website", inputId: "org-website", label: t("organisation.website") },
    { name: "inclusionCriteria", inputId: "org-inclusion", label: t("organisation.inclusion") },
    {
      name: "collaborationAgreement",
      inputId: choiceId("org-agreement", "none"),
      label: t("organisation.agreement"),
    },
    { name: "managedByOrganisationId", inputId: "org-managed-by", label: t("organisation.managedBy") },
  ];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const hasAddress = [values.line, values.postalCode, values.city].some((s) => s.trim() !== "");
    const input = {
      name: values.name,
      kind: values.kind,
      description: values.description,
      address: hasAddress ? { line: values.line, postalCode: values.postalCode, city: values.city } : null,
      phone: values.phone.trim() || null,
      email: values.email.trim() || null,
      website: values.website.trim() || null,
      inclusionCriteria: values.inclusionCriteria,
      collaborationAgreement: values.collaborationAgreement,
      managedByOrganisationId: values.managedByOrganisationId || null,
    };
    const result = organisation
      ? validate(
          UpdateOrganisationBody,
          { ...input, version: organisation.version, ...(values.reactivate ? { active: true } : {}) },
          tc,
        )
      : validate(CreateOrganisationBody, input, tc);
    if (!result.ok) return form.fail(result.errors);
    form.clear();
    save.mutate(result.data);
  }

  const centreOptions = (centres.data ?? [])
    .filter((o) => o.kind === "volunteer_centre" && o.active)
    .sort((a, b) => danishCollator.compare(a.name, b.name))
    .map((o) => ({ value: o.id, label: o.name }));
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={organisation ? t("organisation.editTitle") : t("organisation.newTitle")}
    >
      <ErrorSummary
        items={summaryItems(fields, errors)}
        general={Object.keys(errors).length ? null : form.general}
        attempt={form.attempt}
      />
      <TextField
        id="org-name"
        label={t("organisation.name")}
        value={values.name}
        onChange={set("name")}
        error={errors.name}
        maxLength={200}
      />
      <SelectField
        id="org-kind-select"
        label={t("organisation.kind")}
        value={values.kind}
        onChange={(v) => set("kind")(v as typeof values.kind)}
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: w.code("orgKind", k) }))}
        error={errors.kind}
      />
      <TextAreaField
        id="org-description"
        label={t("organisation.description")}
        optional
        rows={4}
        value={values.description}
        onChange={set("description")}
        error={errors.description}
      />
      <TextAreaField
        id="org-inclusion"
        label={t("organisation.inclusion")}
        hint={t("organisation.inclusionHint")}
        optional
        rows={3}
        value={values.inclusionCriteria}
        onChange={set("inclusionCriteria")}
        error={errors.inclusionCriteria}
      />
      <FormSection heading={t("organisation.addressHeading")} hint={t("organisation.addressHint")}>
        <TextField
          id="org-line"
          label={t("form.addressLine")}
          optional
          value={values.line}
          onChange={set("line")}
          error={errors["address.line"]}
        />
        <div className="field-row">
          <TextField
            id="org-postal"
            label={t("form.postalCode")}
            optional
            inputMode="numeric"
            width="input-width-xs"
            value={values.postalCode}
            onChange={set("postalCode")}
            error={errors["address.postalCode"]}
          />
          <TextField
            id="org-city"
            label={t("form.city")}
            optional
            value={values.city}
            onChange={set("city")}
            error={errors["address.city"]}
          />
        </div>
        <TextField
          id="org-phone"
          type="tel"
          label={t("organisation.phone")}
          optional
          width="input-width-m"
          value={values.phone}
          onChange={set("phone")}
          error={errors.phone}
        />
        <TextField
          id="org-email"
          type="email"
          label={t("organisation.email")}
          optional
          value={values.email}
          onChange={set("email")}
          error={errors.email}
        />
        <TextField
          id="org-website"
          type="url"
          label={t("organisation.website")}
          hint={t("organisation.websiteHint")}
          optional
          value={values.website}
          onChange={set("website")}
          error={errors.website}
        />
      </FormSection>
      <RadioGroup
        id="org-agreement"
        legend={t("organisation.agreement")}
        hint={t("organisation.agreementHint")}
        value={values.collaborationAgreement}
        onChange={(v) => set("collaborationAgreement")(v as typeof values.collaborationAgreement)}
        error={errors.collaborationAgreement}
        choices={COLLABORATION_AGREEMENTS.map((a) => ({ value: a, label: w.code("agreement", a) }))}
      />
      {centres.error ? <LoadError error={centres.error} onRetry={() => void centres.refetch()} /> : null}
      <SelectField
        id="org-managed-by"
        label={t("organisation.managedBy")}
        hint={t("organisation.managedByHint")}
        optional
        value={values.managedByOrganisationId}
        onChange={set("managedByOrganisationId")}
        emptyOption={t("organisation.managedByNone")}
        options={centreOptions}
        error={errors.managedByOrganisationId}
      />
      {organisation && !organisation.active ? (
        <Checkbox
          id="org-reactivate"
          label={t("form.reactivate")}
          checked={values.reactivate}
          onChange={set("reactivate")}
        />
      ) : null}
      <FormActions
        label={organisation ? t("form.saveChanges") : t("organisation.create")}
        pending={save.isPending}
        onCancel={() => navigate(-1)}
      />
    </form>
  );
}
